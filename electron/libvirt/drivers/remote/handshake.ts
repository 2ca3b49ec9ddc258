/**
 * The remote driver's opening sequence: auth list, keepalive probe, CONNECT_OPEN with
 * the daemon-side name, then probes for the features later calls depend on.
 */
import { AuthError, LibvirtError } from '../../errors';
import { AuthType, Feature } from '../../protocol/constants';
import { ErrorCode } from '../../protocol/error-codes';
import type { RpcClient } from '../../rpc/client';
import { DEFAULT_KEEPALIVE } from '../../rpc/keepalive';
import { connectOpenFlags } from '../../transport/sockets';
import type { ConnectionOptions } from './options';

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;

export interface ServerFeatures {
  readonly keepalive: boolean;
  /** Settle after open() returns: asked beside the first calls rather than before them. */
  readonly eventCallback: Promise<boolean>;
  readonly closeCallback: Promise<boolean>;
}

const authNames: Record<number, string> = { [AuthType.SASL]: 'sasl', [AuthType.POLKIT]: 'polkit' };

export async function handshake(rpc: RpcClient, name: string, options: ConnectionOptions): Promise<ServerFeatures> {
  const call = { timeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS };
  const supports = async (feature: number): Promise<boolean> =>
    (await rpc.call('connectSupportsFeature', { feature }, call)).supported !== 0;

  // Each step waits only for what it depends on; independent calls share a round trip,
  // so opening costs one round trip instead of six. The open goes out beside the auth
  // list: with auth "none" the daemon accepts it at once, and with any other auth it is
  // refused and we give up anyway, since this client speaks only "none" for now.
  // Asking about keepalive is what makes the daemon start its own keepalive towards us.
  const authList = rpc.call('authList', undefined, call);
  const keepaliveProbe = supports(Feature.PROGRAM_KEEPALIVE);
  // Settled at once, so a refusal that the auth list is about to explain is never unhandled.
  const openOutcome = rpc
    .call('connectOpen', { name, flags: connectOpenFlags(options.readOnly === true) }, call)
    .then(() => null, (error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  const [{ types }, keepalive] = await Promise.all([authList, keepaliveProbe]);
  if (types.length > 0 && !types.includes(AuthType.NONE)) {
    const offered = types.map((t) => authNames[t] ?? `type ${t}`).join(', ');
    throw new AuthError(types, `unsupported auth: the daemon requires ${offered}; this client speaks only "none" for now`);
  }
  if (keepalive && options.keepalive !== false) rpc.startKeepalive(options.keepalive ?? DEFAULT_KEEPALIVE);
  const openError = await openOutcome;
  if (openError !== null) throw openError;

  // Nothing later calls depend on needs an answer before open() returns: the probes and
  // the close callback's registration go out now, beside the caller's first calls, so
  // opening costs one round trip. The registration is speculative; a daemon without the
  // feature refuses it, which changes nothing.
  const eventCallback = supports(Feature.REMOTE_EVENT_CALLBACK).catch(() => false);
  const closeCallback = supports(Feature.REMOTE_CLOSE_CALLBACK).catch(() => false);
  registerCloseCallback(rpc, call).catch(() => null);
  return { keepalive, eventCallback, closeCallback };
}

/**
 * Resolves with null once registered, or with the daemon's refusal. Drivers without close
 * callbacks answer NO_SUPPORT, which changes nothing for us.
 */
async function registerCloseCallback(rpc: RpcClient, call: { timeoutMs: number }): Promise<Error | null> {
  try {
    await rpc.call('connectRegisterCloseCallback', undefined, call);
    return null;
  } catch (error) {
    if (error instanceof LibvirtError && error.code === ErrorCode.NO_SUPPORT) return null;
    return error instanceof Error ? error : new Error(String(error));
  }
}
