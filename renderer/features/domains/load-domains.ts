import { call } from '../../ipc/client';
import { failed, ready } from '../../stores/loadable';
import { actions } from '../../stores/store';

/** Fetches a connection's domains into the store; a failure is shown where the list was. */
export async function loadDomains(connectionId: string): Promise<void> {
  actions().setDomains(connectionId, { kind: 'loading' });
  try {
    const list = await call('domains.list', connectionId);
    // For `npm run bench:ui`: when the list arrived, to time its first painted rows from.
    performance.mark(`virtdeck:domains-arrived:${connectionId}`);
    actions().setDomains(connectionId, ready(list));
  } catch (error) {
    actions().setDomains(connectionId, failed(error));
  }
}
