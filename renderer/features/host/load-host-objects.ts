import { call } from '../../ipc/client';
import { failed, LOADING, ready } from '../../stores/loadable';
import { actions } from '../../stores/store';

/** Listed once per open connection; network and pool events keep the lists after that. */
export async function loadNetworks(connectionId: string): Promise<void> {
  actions().setNetworks(connectionId, LOADING);
  try {
    actions().setNetworks(connectionId, ready([...(await call('networks.list', connectionId))].sort((a, b) => a.name.localeCompare(b.name))));
  } catch (error) {
    actions().setNetworks(connectionId, failed(error));
  }
}

export async function loadPools(connectionId: string): Promise<void> {
  actions().setPools(connectionId, LOADING);
  try {
    actions().setPools(connectionId, ready([...(await call('pools.list', connectionId))].sort((a, b) => a.name.localeCompare(b.name))));
  } catch (error) {
    actions().setPools(connectionId, failed(error));
  }
}
