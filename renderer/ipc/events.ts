import type { VirtdeckApi } from '../../shared/ipc';
import { actions } from '../stores/store';

/**
 * The one place pushed events enter the renderer: each channel's payload goes to the
 * store, and the returned function unsubscribes from every channel at once.
 */
export function routeEvents(events: VirtdeckApi['events']): () => void {
  const unsubscribes = [
    events['connections.changed']((views) => { actions().setConnections(views); }),
    events['connection.state'](({ connectionId, state }) => {
      const store = actions();
      store.setConnectionState(connectionId, state);
      switch (state.kind) {
        case 'idle':
        case 'closed':
        case 'failed':
          // What a closed connection showed is stale; the panels fetch again on reopen.
          store.forgetHost(connectionId);
          store.forgetDomains(connectionId);
          break;
        case 'connecting':
        case 'authenticating':
        case 'open':
          break;
      }
    }),
    // Deltas: one domain each, applied in place; nothing re-lists the host.
    events['domain.changed'](({ connectionId, domain }) => { actions().applyDomainChange(connectionId, domain); }),
    events['domain.removed'](({ connectionId, uuid }) => { actions().removeDomain(connectionId, uuid); }),
    events['stats.tick']((tick) => { actions().applyStats(tick); }),
    events['prompt.request']((prompt) => { actions().addPrompt(prompt); }),
    events['prompt.cancel'](({ id }) => { actions().removePrompt(id); }),
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
