/**
 * What the page learns from main at start, and again whenever the bridge comes back after
 * a drop (events sent meanwhile are lost): the connections with their states, and the
 * questions still waiting for an answer.
 */
import { resubscribeStats } from '../features/domains/use-stats-subscription';
import { actions } from '../stores/store';
import { call } from './client';

export async function resync(): Promise<void> {
  const [views, prompts] = await Promise.all([call('connections.list'), call('prompts.list')]);
  actions().setConnections(views);
  actions().setPrompts(prompts);
}

/** After a reconnect: what the page showed may have changed unseen, so it is fetched again. */
export async function resyncAfterReconnect(): Promise<void> {
  const store = actions();
  // Forgotten lists and hosts are fetched again by the panels that show them.
  for (const connectionId of store.connections.keys()) {
    store.forgetHost(connectionId);
    store.forgetDomains(connectionId);
  }
  resubscribeStats();
  await resync();
}
