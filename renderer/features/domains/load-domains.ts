import { call } from '../../ipc/client';
import { failed, ready } from '../../stores/loadable';
import { actions } from '../../stores/store';
import { errorMessage } from '../../components/format';

/** Fetches a connection's domains into the store; a failure is shown where the list was. */
export async function loadDomains(connectionId: string): Promise<void> {
  actions().setDomains(connectionId, { kind: 'loading' });
  try {
    actions().setDomains(connectionId, ready(await call('domains.list', connectionId)));
  } catch (error) {
    actions().setDomains(connectionId, failed(errorMessage(error)));
  }
}
