import type { VirtdeckApi } from '../../shared/ipc';
import type { StatsTick } from '../../shared/model';
import { actions } from '../stores/store';

/**
 * For `npm run bench:ui`: what one tick costs the renderer. React renders a store change from
 * outside an event in a microtask queued by `set`, so a microtask queued after it ends after
 * the rows (and their charts' effects) are done.
 */
function applyStatsTick(tick: StatsTick): void {
  const start = performance.now();
  actions().applyStats(tick);
  queueMicrotask(() => { measureTick(tick.connectionId, start); });
}

/**
 * The page keeps every measure until told to drop it, and a window left open as a dashboard
 * ticks for days: an hour of measures per host at most (the bench reads 30 s of them).
 */
export const MEASURES_KEPT_PER_HOST = 3600;
const measuresKept = new Map<string, number>();

export function measureTick(connectionId: string, start: number): void {
  const name = `virtdeck:stats-tick:${connectionId}`;
  const kept = measuresKept.get(connectionId) ?? 0;
  if (kept >= MEASURES_KEPT_PER_HOST) performance.clearMeasures(name);
  performance.measure(name, { start });
  measuresKept.set(connectionId, kept >= MEASURES_KEPT_PER_HOST ? 1 : kept + 1);
}

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
          store.forgetGraphs(connectionId);
          store.forgetHostObjects(connectionId);
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
    events['stats.tick']((tick) => { applyStatsTick(tick); }),
    events['prompt.request']((prompt) => { actions().addPrompt(prompt); }),
    events['prompt.cancel'](({ id }) => { actions().removePrompt(id); }),
    events['host.stats']((sample) => { actions().applyHostStats(sample); }),
    events['domain.stats']((point) => { actions().applyDomainStats(point); }),
    events['network.changed'](({ connectionId, network }) => { actions().applyNetworkChange(connectionId, network); }),
    events['network.removed'](({ connectionId, uuid }) => { actions().removeNetwork(connectionId, uuid); }),
    events['pool.changed'](({ connectionId, pool }) => { actions().applyPoolChange(connectionId, pool); }),
    events['pool.removed'](({ connectionId, uuid }) => { actions().removePool(connectionId, uuid); }),
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
