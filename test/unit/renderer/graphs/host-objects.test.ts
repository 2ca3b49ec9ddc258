import { beforeEach, describe, expect, it } from 'vitest';
import { routeEvents } from '../../../../renderer/ipc/events';
import { ready } from '../../../../renderer/stores/loadable';
import { actions, resetStore, useStore } from '../../../../renderer/stores/store';
import { FakeEvents } from '../fake-events';
import { OPEN, view } from '../fixtures';

const net = (name: string, active: boolean) => ({ uuid: `0000000${name.length}-0000-4000-8000-00000000000${name.length}`, name, active, autostart: false });
const pool = { uuid: 'dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566', name: 'default-pool', state: 'running' as const, capacity: 100, allocation: 0, available: 100 };

let events: FakeEvents;

beforeEach(() => {
  resetStore();
  events = new FakeEvents();
  routeEvents(events.api);
  events.push('connections.changed', [view('a')]);
  events.push('connection.state', { connectionId: 'a', state: OPEN });
});

describe('networks, pools and graphs in the store, kept by pushed events', () => {
  it('applies a network change to that network alone, and adds a new one in name order', () => {
    actions().setNetworks('a', ready([net('default', true), net('lab', true)]));
    events.push('network.changed', { connectionId: 'a', network: net('default', false) });
    events.push('network.changed', { connectionId: 'a', network: net('backup', true) });
    const networks = useStore.getState().networks.get('a');
    expect(networks).toEqual(ready([net('backup', true), net('default', false), net('lab', true)]));
  });

  it('removes an undefined network or pool, and leaves a list that was never loaded unloaded', () => {
    actions().setPools('a', ready([pool]));
    events.push('pool.removed', { connectionId: 'a', uuid: pool.uuid });
    expect(useStore.getState().pools.get('a')).toEqual(ready([]));
    events.push('network.changed', { connectionId: 'a', network: net('default', true) });
    expect(useStore.getState().networks.has('a')).toBe(false);
  });

  it('appends host and domain samples, and forgets them with the rest when the connection closes', () => {
    actions().setPools('a', ready([pool]));
    events.push('host.stats', { connectionId: 'a', at: 1000, cpuPercent: null, memory: { usedKiB: 10, totalKiB: 20 } });
    events.push('host.stats', { connectionId: 'a', at: 2000, cpuPercent: 50, memory: null });
    expect(useStore.getState().hostSeries.get('a')?.columns).toEqual({ cpuPercent: [null, 50], memoryUsedKiB: [10, null], memoryTotalKiB: [20, null] });
    events.push('domain.stats', { connectionId: 'a', uuid: pool.uuid, at: 1000, cpuPercent: 3, memoryKiB: 32768, diskReadBytesPerSec: 0, diskWriteBytesPerSec: 0, netRxBytesPerSec: null, netTxBytesPerSec: null });
    expect(useStore.getState().domainSeries.get(`a/${pool.uuid}`)?.columns.cpuPercent).toEqual([3]);
    events.push('connection.state', { connectionId: 'a', state: { kind: 'closed' } });
    const s = useStore.getState();
    expect([s.hostSeries.has('a'), s.domainSeries.size, s.pools.has('a'), s.networks.has('a')]).toEqual([false, 0, false, false]);
  });
});
