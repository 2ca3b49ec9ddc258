import { beforeEach, describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/errors';
import { failed, LOADING, ready } from '../../../../renderer/stores/loadable';
import { actions, resetStore, useStore } from '../../../../renderer/stores/store';
import { domain, OPEN, prompt, view } from '../fixtures';

beforeEach(() => { resetStore(); });

describe('the connections slice', () => {
  it('is not loaded until the first list arrives, then keeps main\'s order', () => {
    expect(useStore.getState().connectionsLoaded).toBe(false);
    actions().setConnections([view('b'), view('a')]);
    const s = useStore.getState();
    expect(s.connectionsLoaded).toBe(true);
    expect(s.connectionOrder).toEqual(['b', 'a']);
    expect(s.connections.get('a')?.profile.name).toBe('Host a');
  });

  it('selects the first connection, keeps a selection that still exists, and moves off a removed one', () => {
    actions().setConnections([view('a'), view('b')]);
    expect(useStore.getState().selectedConnectionId).toBe('a');
    actions().selectConnection('b');
    actions().setConnections([view('a'), view('b'), view('c')]);
    expect(useStore.getState().selectedConnectionId).toBe('b');
    actions().setConnections([view('c')]);
    expect(useStore.getState().selectedConnectionId).toBe('c');
    actions().setConnections([]);
    expect(useStore.getState().selectedConnectionId).toBeNull();
  });

  it('replaces the map on a state change, so subscribers see a new reference', () => {
    actions().setConnections([view('a')]);
    const before = useStore.getState().connections;
    actions().setConnectionState('a', OPEN);
    const after = useStore.getState().connections;
    expect(after).not.toBe(before);
    expect(after.get('a')?.state).toEqual(OPEN);
    expect(before.get('a')?.state.kind).toBe('idle');
  });

  it('ignores a state for a connection it does not know', () => {
    actions().setConnections([view('a')]);
    const before = useStore.getState().connections;
    actions().setConnectionState('zzz', OPEN);
    expect(useStore.getState().connections).toBe(before);
  });
});

describe('the hosts and domains slices', () => {
  it('keeps host info per connection and forgets it', () => {
    actions().setHost('a', LOADING);
    actions().setHost('b', failed(new IpcError({ kind: 'transport', message: 'no route' })));
    expect(useStore.getState().hosts.get('a')).toEqual({ kind: 'loading' });
    actions().forgetHost('a');
    expect(useStore.getState().hosts.has('a')).toBe(false);
    expect(useStore.getState().hosts.get('b')).toEqual({ kind: 'failed', error: { kind: 'transport', message: 'no route' } });
  });

  it('keeps a failure as the AppError main sent, and anything else as an internal one', () => {
    expect(failed(new IpcError({ kind: 'not-found', message: 'no domain' }))).toEqual({ kind: 'failed', error: { kind: 'not-found', message: 'no domain' } });
    expect(failed(new Error('boom'))).toEqual({ kind: 'failed', error: { kind: 'internal', message: 'boom' } });
  });

  it('keeps showing the last list while a refresh loads', () => {
    const list = [domain('test')];
    actions().setDomains('a', ready(list));
    actions().setDomains('a', LOADING);
    expect(useStore.getState().domains.get('a')).toEqual({ kind: 'ready', value: list });
  });

  it('stores the latest stats sample per domain and drops them with the domains', () => {
    actions().applyStats({ connectionId: 'a', at: 1, domains: [{ uuid: 'u1', state: 'running', cpuPercent: 12.5, memoryKiB: 10 }] });
    expect(useStore.getState().stats.get('a')?.get('u1')?.cpuPercent).toBe(12.5);
    actions().applyStats({ connectionId: 'a', at: 2, domains: [{ uuid: 'u1', state: 'running', cpuPercent: 3, memoryKiB: 10 }] });
    expect(useStore.getState().stats.get('a')?.get('u1')?.cpuPercent).toBe(3);
    actions().forgetDomains('a');
    expect(useStore.getState().stats.has('a')).toBe(false);
  });
});

describe('the prompts and ui slices', () => {
  it('queues prompts oldest first, without duplicates, and removes them by id', () => {
    actions().addPrompt(prompt('p1'));
    actions().addPrompt(prompt('p2'));
    actions().addPrompt(prompt('p1'));
    expect(useStore.getState().prompts.map((p) => p.id)).toEqual(['p2', 'p1']);
    actions().removePrompt('p2');
    expect(useStore.getState().prompts.map((p) => p.id)).toEqual(['p1']);
  });

  it('opens and closes one dialog at a time', () => {
    actions().openDialog({ kind: 'add-connection' });
    actions().openDialog({ kind: 'remove-connection', connectionId: 'a' });
    expect(useStore.getState().dialog).toEqual({ kind: 'remove-connection', connectionId: 'a' });
    actions().closeDialog();
    expect(useStore.getState().dialog).toEqual({ kind: 'none' });
  });

  it('resets to a fresh state between tests', () => {
    actions().setConnections([view('a')]);
    actions().addPrompt(prompt('p'));
    resetStore();
    const s = useStore.getState();
    expect(s.connectionsLoaded).toBe(false);
    expect(s.connections.size).toBe(0);
    expect(s.prompts).toEqual([]);
    expect(s.selectedConnectionId).toBeNull();
  });
});
