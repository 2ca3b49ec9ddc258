import { call } from '../../ipc/client';
import { failed, LOADING, ready } from '../../stores/loadable';
import { actions } from '../../stores/store';

export async function loadHost(connectionId: string): Promise<void> {
  actions().setHost(connectionId, LOADING);
  try {
    actions().setHost(connectionId, ready(await call('host.info', connectionId)));
  } catch (error) {
    actions().setHost(connectionId, failed(error));
  }
}
