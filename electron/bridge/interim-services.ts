/**
 * Stands in for main's real services until they can be built outside Electron: the app's
 * identity answers, every other channel says plainly that it is not served yet.
 */
import type { Dispatch } from '../main/ipc/dispatch';
import type { BridgeServices } from './main';

export function interimServices(version: string): BridgeServices {
  const dispatch: Dispatch = (channel) => {
    if (channel === 'app.info') return Promise.resolve({ ok: true, value: { name: 'Virtdeck', version, shell: 'browser' } });
    return Promise.resolve({ ok: false, error: { kind: 'unsupported', message: `${channel.slice(0, 80)} is not served in browser mode yet` } });
  };
  return { dispatch, dispose: () => undefined };
}
