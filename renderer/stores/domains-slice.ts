import type { StateCreator } from 'zustand';
import type { DomainStatsSample, DomainSummary, StatsTick } from '../../shared/model';
import type { AppState } from './app-state';
import { pushCpu, type CpuRing } from './cpu-history';
import type { Loadable } from './loadable';
import { compareNames } from './name-order';

export interface DomainsSlice {
  readonly domains: ReadonlyMap<string, Loadable<readonly DomainSummary[]>>;
  /** The latest sample per domain uuid, per connection. */
  readonly stats: ReadonlyMap<string, ReadonlyMap<string, DomainStatsSample>>;
  /** The last minute of CPU % per domain uuid, per connection: one value added per stats tick. */
  readonly cpuHistory: ReadonlyMap<string, ReadonlyMap<string, CpuRing>>;
  setDomains(connectionId: string, domains: Loadable<readonly DomainSummary[]>): void;
  /** One domain as main says it is now: replaced or added in place, the list kept sorted by name. */
  applyDomainChange(connectionId: string, domain: DomainSummary): void;
  removeDomain(connectionId: string, uuid: string): void;
  applyStats(tick: StatsTick): void;
  forgetDomains(connectionId: string): void;
}

/** The per-connection map without one domain's entry; the same map when it had none. */
function without<V>(byConnection: ReadonlyMap<string, ReadonlyMap<string, V>>, connectionId: string, uuid: string): ReadonlyMap<string, ReadonlyMap<string, V>> {
  const entries = byConnection.get(connectionId);
  if (entries?.has(uuid) !== true) return byConnection;
  const remaining = new Map(entries);
  remaining.delete(uuid);
  return new Map(byConnection).set(connectionId, remaining);
}

export const createDomainsSlice: StateCreator<AppState, [], [], DomainsSlice> = (set) => ({
  domains: new Map(),
  stats: new Map(),
  cpuHistory: new Map(),
  setDomains: (connectionId, domains) => {
    set((s) => {
      // A refresh keeps showing the last list instead of flashing "Loading…".
      const previous = s.domains.get(connectionId);
      if (domains.kind === 'loading' && previous?.kind === 'ready') return {};
      return { domains: new Map(s.domains).set(connectionId, domains) };
    });
  },
  applyDomainChange: (connectionId, domain) => {
    set((s) => {
      const list = s.domains.get(connectionId);
      // Not listed yet: the list, when it loads, already has this change.
      if (list?.kind !== 'ready') return {};
      const value = [...list.value.filter((d) => d.uuid !== domain.uuid), domain].sort((a, b) => compareNames(a.name, b.name));
      const domains = new Map(s.domains).set(connectionId, { kind: 'ready', value });
      // The change is newer than the last tick's state and memory; the next tick takes over again.
      const samples = s.stats.get(connectionId);
      const sample = samples?.get(domain.uuid);
      if (samples === undefined || sample === undefined) return { domains };
      const updated = new Map(samples).set(domain.uuid, { ...sample, state: domain.state, memoryKiB: domain.memoryKiB });
      return { domains, stats: new Map(s.stats).set(connectionId, updated) };
    });
  },
  removeDomain: (connectionId, uuid) => {
    set((s) => {
      const list = s.domains.get(connectionId);
      if (list?.kind !== 'ready' || !list.value.some((d) => d.uuid === uuid)) return {};
      const domains = new Map(s.domains).set(connectionId, { kind: 'ready', value: list.value.filter((d) => d.uuid !== uuid) });
      return {
        domains,
        stats: without(s.stats, connectionId, uuid),
        cpuHistory: without(s.cpuHistory, connectionId, uuid),
      };
    });
  },
  applyStats: (tick) => {
    set((s) => {
      // One value per reported domain onto its ring; a domain the tick no longer reports drops its history.
      const previous = s.cpuHistory.get(tick.connectionId);
      const rings = new Map<string, CpuRing>();
      for (const d of tick.domains) rings.set(d.uuid, pushCpu(previous?.get(d.uuid), d.cpuPercent));
      return {
        stats: new Map(s.stats).set(tick.connectionId, new Map(tick.domains.map((d) => [d.uuid, d]))),
        cpuHistory: new Map(s.cpuHistory).set(tick.connectionId, rings),
      };
    });
  },
  forgetDomains: (connectionId) => {
    set((s) => {
      const domains = new Map(s.domains);
      const stats = new Map(s.stats);
      const cpuHistory = new Map(s.cpuHistory);
      domains.delete(connectionId);
      stats.delete(connectionId);
      cpuHistory.delete(connectionId);
      return { domains, stats, cpuHistory };
    });
  },
});
