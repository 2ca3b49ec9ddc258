import { beforeEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS } from '../../../../shared/ipc';
import { routeEvents } from '../../../../renderer/ipc/events';
import { ready } from '../../../../renderer/stores/loadable';
import { actions, resetStore, useStore } from '../../../../renderer/stores/store';
import { FakeEvents } from '../fake-events';
import { domain, OPEN, prompt, view } from '../fixtures';

let events: FakeEvents;
let refreshed: string[];
let stop: () => void;

beforeEach(() => {
  resetStore();
  events = new FakeEvents();
  refreshed = [];
  stop = routeEvents(events.api, { refreshDomains: (id) => { refreshed.push(id); } });
});

describe('routing pushed events into the store', () => {
  it('takes the connection list from connections.changed', () => {
    events.push('connections.changed', [view('a'), view('b')]);
    expect(useStore.getState().connectionOrder).toEqual(['a', 'b']);
  });

  it('applies connection.state, and forgets host and domains of a connection that closed or failed', () => {
    events.push('connections.changed', [view('a')]);
    actions().setHost('a', ready({ type: 'TEST', hypervisorVersion: '1', libvirtVersion: '1', hostname: 'h', uri: 'test:///default', node: { model: 'i686', memoryKiB: 1, cpus: 16, mhz: 1, nodes: 1, sockets: 1, cores: 1, threads: 1 } }));
    actions().setDomains('a', ready([domain('test')]));
    events.push('connection.state', { connectionId: 'a', state: OPEN });
    expect(useStore.getState().hosts.has('a')).toBe(true);
    events.push('connection.state', { connectionId: 'a', state: { kind: 'failed', error: { kind: 'transport', message: 'connection refused' }, retryAt: null } });
    const s = useStore.getState();
    expect(s.connections.get('a')?.state.kind).toBe('failed');
    expect(s.hosts.has('a')).toBe(false);
    expect(s.domains.has('a')).toBe(false);
  });

  it('asks for a fresh domain list on domain.event', () => {
    events.push('domain.event', { connectionId: 'a', uuid: 'u', name: 'test', event: 'suspended', detail: 0 });
    expect(refreshed).toEqual(['a']);
  });

  it('stores stats ticks', () => {
    events.push('stats.tick', { connectionId: 'a', at: 5, domains: [{ uuid: 'u', state: 'running', cpuPercent: 50, memoryKiB: null }] });
    expect(useStore.getState().stats.get('a')?.get('u')?.cpuPercent).toBe(50);
  });

  it('queues prompt.request and drops it on prompt.cancel', () => {
    events.push('prompt.request', prompt('p1'));
    expect(useStore.getState().prompts.map((p) => p.id)).toEqual(['p1']);
    events.push('prompt.cancel', { id: 'p1' });
    expect(useStore.getState().prompts).toEqual([]);
  });

  it('subscribes to every channel and unsubscribes from all of them', () => {
    expect(events.count()).toBe(EVENT_CHANNELS.length);
    stop();
    expect(events.count()).toBe(0);
    events.push('connections.changed', [view('a')]);
    expect(useStore.getState().connectionsLoaded).toBe(false);
  });
});
