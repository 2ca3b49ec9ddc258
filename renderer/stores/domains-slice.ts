import type { StateCreator } from 'zustand';
import type { DomainStatsSample, DomainSummary, StatsTick } from '../../shared/model';
import type { AppState } from './app-state';
import type { Loadable } from './loadable';

export interface DomainsSlice {
  readonly domains: ReadonlyMap<string, Loadable<readonly DomainSummary[]>>;
  /** The latest sample per domain uuid, per connection. */
  readonly stats: ReadonlyMap<string, ReadonlyMap<string, DomainStatsSample>>;
  setDomains(connectionId: string, domains: Loadable<readonly DomainSummary[]>): void;
  applyStats(tick: StatsTick): void;
  forgetDomains(connectionId: string): void;
}

export const createDomainsSlice: StateCreator<AppState, [], [], DomainsSlice> = (set) => ({
  domains: new Map(),
  stats: new Map(),
  setDomains: (connectionId, domains) => {
    set((s) => {
      // A refresh keeps showing the last list instead of flashing "Loading…".
      const previous = s.domains.get(connectionId);
      if (domains.kind === 'loading' && previous?.kind === 'ready') return {};
      return { domains: new Map(s.domains).set(connectionId, domains) };
    });
  },
  applyStats: (tick) => {
    set((s) => ({
      stats: new Map(s.stats).set(tick.connectionId, new Map(tick.domains.map((d) => [d.uuid, d]))),
    }));
  },
  forgetDomains: (connectionId) => {
    set((s) => {
      const domains = new Map(s.domains);
      const stats = new Map(s.stats);
      domains.delete(connectionId);
      stats.delete(connectionId);
      return { domains, stats };
    });
  },
});
