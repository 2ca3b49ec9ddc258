import type { StateCreator } from 'zustand';
import type { NetworkSummary, StoragePoolSummary } from '../../shared/model';
import type { AppState } from './app-state';
import type { Loadable } from './loadable';

/** A connection's networks and storage pools, listed once and then kept by event deltas. */
export interface HostObjectsSlice {
  readonly networks: ReadonlyMap<string, Loadable<readonly NetworkSummary[]>>;
  readonly pools: ReadonlyMap<string, Loadable<readonly StoragePoolSummary[]>>;
  setNetworks(connectionId: string, networks: Loadable<readonly NetworkSummary[]>): void;
  setPools(connectionId: string, pools: Loadable<readonly StoragePoolSummary[]>): void;
  applyNetworkChange(connectionId: string, network: NetworkSummary): void;
  removeNetwork(connectionId: string, uuid: string): void;
  applyPoolChange(connectionId: string, pool: StoragePoolSummary): void;
  removePool(connectionId: string, uuid: string): void;
  forgetHostObjects(connectionId: string): void;
}

/** One object put in (replaced by UUID, or added in name order); a list not loaded stays so. */
export function upsertByUuid<T extends { readonly uuid: string; readonly name: string }>(list: Loadable<readonly T[]> | undefined, item: T): Loadable<readonly T[]> | undefined {
  if (list?.kind !== 'ready') return list;
  const rest = list.value.filter((x) => x.uuid !== item.uuid);
  return { kind: 'ready', value: [...rest, item].sort((a, b) => a.name.localeCompare(b.name)) };
}

export function removeByUuid<T extends { readonly uuid: string }>(list: Loadable<readonly T[]> | undefined, uuid: string): Loadable<readonly T[]> | undefined {
  if (list?.kind !== 'ready') return list;
  return { kind: 'ready', value: list.value.filter((x) => x.uuid !== uuid) };
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V | undefined): ReadonlyMap<string, V> {
  const next = new Map(map);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}

export const createHostObjectsSlice: StateCreator<AppState, [], [], HostObjectsSlice> = (set) => ({
  networks: new Map(),
  pools: new Map(),
  setNetworks: (connectionId, networks) => { set((s) => ({ networks: withEntry(s.networks, connectionId, networks) })); },
  setPools: (connectionId, pools) => { set((s) => ({ pools: withEntry(s.pools, connectionId, pools) })); },
  applyNetworkChange: (connectionId, network) => {
    set((s) => ({ networks: withEntry(s.networks, connectionId, upsertByUuid(s.networks.get(connectionId), network)) }));
  },
  removeNetwork: (connectionId, uuid) => {
    set((s) => ({ networks: withEntry(s.networks, connectionId, removeByUuid(s.networks.get(connectionId), uuid)) }));
  },
  applyPoolChange: (connectionId, pool) => {
    set((s) => ({ pools: withEntry(s.pools, connectionId, upsertByUuid(s.pools.get(connectionId), pool)) }));
  },
  removePool: (connectionId, uuid) => {
    set((s) => ({ pools: withEntry(s.pools, connectionId, removeByUuid(s.pools.get(connectionId), uuid)) }));
  },
  forgetHostObjects: (connectionId) => {
    set((s) => ({ networks: withEntry(s.networks, connectionId, undefined), pools: withEntry(s.pools, connectionId, undefined) }));
  },
});
