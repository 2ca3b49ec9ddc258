import { beforeEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS } from '../../../../shared/ipc';
import { routeEvents } from '../../../../renderer/ipc/events';
import { ready } from '../../../../renderer/stores/loadable';
import { actions, resetStore, useStore } from '../../../../renderer/stores/store';
import { FakeEvents } from '../fake-events';
import { domain, OPEN, prompt, view } from '../fixtures';

let events: FakeEvents;
let stop: () => void;

beforeEach(() => {
  resetStore();
  events = new FakeEvents();
  stop = routeEvents(events.api);
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

  it('applies domain.changed in place, keeping the list sorted by name, and domain.removed', () => {
    actions().setDomains('a', ready([domain('alpha'), domain('mid')]));
    events.push('domain.changed', { connectionId: 'a', domain: { ...domain('mid'), state: 'paused' } });
    events.push('domain.changed', { connectionId: 'a', domain: domain('beta') });
    const list = () => {
      const value = useStore.getState().domains.get('a');
      return value?.kind === 'ready' ? value.value.map((d) => `${d.name}:${d.state}`) : value?.kind;
    };
    expect(list()).toEqual(['alpha:running', 'beta:running', 'mid:paused']);
    events.push('domain.removed', { connectionId: 'a', uuid: domain('alpha').uuid });
    expect(list()).toEqual(['beta:running', 'mid:paused']);
  });

  it('lets a change override the last tick\'s state and memory, and drops the sample of a removed domain', () => {
    actions().setDomains('a', ready([domain('alpha')]));
    const { uuid } = domain('alpha');
    events.push('stats.tick', { connectionId: 'a', at: 5, domains: [{ uuid, state: 'running', cpuPercent: 12, memoryKiB: 1 }] });
    events.push('domain.changed', { connectionId: 'a', domain: { ...domain('alpha'), state: 'paused', memoryKiB: 2048 } });
    expect(useStore.getState().stats.get('a')?.get(uuid)).toEqual({ uuid, state: 'paused', cpuPercent: 12, memoryKiB: 2048 });
    events.push('domain.removed', { connectionId: 'a', uuid });
    expect(useStore.getState().stats.get('a')?.has(uuid)).toBe(false);
  });

  it('ignores a change for a host whose list is not loaded: the list, when it loads, has it', () => {
    events.push('domain.changed', { connectionId: 'a', domain: domain('alpha') });
    expect(useStore.getState().domains.has('a')).toBe(false);
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
    // A console's bytes go to the one view that opened it, which listens by console id
    // (renderer/features/consoles/), not through the store.
    const heardByTheirView: readonly string[] = ['console.data', 'console.closed', 'volume.upload'];
    expect(events.count()).toBe(EVENT_CHANNELS.filter((c) => !heardByTheirView.includes(c)).length);
    stop();
    expect(events.count()).toBe(0);
    events.push('connections.changed', [view('a')]);
    expect(useStore.getState().connectionsLoaded).toBe(false);
  });
});
