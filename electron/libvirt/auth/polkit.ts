/**
 * AUTH_POLKIT: libvirtd asks polkit whether the user at the other end of a local unix socket
 * may use it (the action org.libvirt.unix.manage, or .monitor read-only). There is nothing
 * to send: the daemon learns our uid from the socket. A refusal is told in words: which
 * action, who, and what would allow it.
 */
import { userInfo } from 'node:os';
import { AuthError, LibvirtError } from '../errors';
import type { RpcClient } from '../rpc/client';

const DEFAULT_ACTION = 'org.libvirt.unix.manage';

export async function authenticatePolkit(rpc: RpcClient, call: { timeoutMs: number }, readOnly: boolean): Promise<void> {
  try {
    const { complete } = await rpc.call('authPolkit', undefined, call);
    if (complete === 0) throw new LibvirtError(0, 0, 0, 'polkit did not complete the authorization');
  } catch (error) {
    if (!(error instanceof LibvirtError)) throw error;
    const action = /action '([^']+)'/.exec(error.message)?.[1] ?? (readOnly ? 'org.libvirt.unix.monitor' : DEFAULT_ACTION);
    throw new AuthError({ kind: 'polkit-denied', action, detail: error.message }, polkitRefusal(action, error.message));
  }
}

function polkitRefusal(action: string, detail: string): string {
  const { username, uid } = currentUser();
  return (
    `polkit denied ${action}: user ${username} (uid ${uid}) is not allowed to use this libvirtd. ` +
    "Add the user to the group the host's polkit rules allow (group 'libvirt' on Debian, Ubuntu and Fedora), " +
    `or add a rule in /etc/polkit-1/rules.d that returns polkit.Result.YES for ${action}; then log in again. ` +
    `(libvirtd said: ${detail})`
  );
}

function currentUser(): { username: string; uid: number } {
  try {
    const info = userInfo();
    return { username: info.username, uid: info.uid };
  } catch {
    return { username: 'unknown', uid: process.getuid?.() ?? -1 };
  }
}
