import { describe, expect, it } from 'vitest';
import { buildPreloadApi } from '../../../electron/preload/api';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../shared/ipc';

/** A stand-in for ipcRenderer that records what the API does with it. */
function recorder() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, ((event: null, payload: unknown) => void)[]>();
  return {
    invoked,
    listeners,
    invoke(channel: string, ...args: unknown[]) {
      invoked.push({ channel, args });
      return Promise.resolve('answer');
    },
    on(channel: string, listener: (event: null, payload: unknown) => void) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    off(channel: string, listener: (event: null, payload: unknown) => void) {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
    },
  };
}

describe('the preload API', () => {
  it('exposes exactly the contract: one method per invoke channel and one subscriber per event', () => {
    const api = buildPreloadApi(recorder());
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS, 'events'].sort());
    expect(Object.keys(api.events).sort()).toEqual([...EVENT_CHANNELS].sort());
    for (const value of Object.values(api.events)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('binds each method to its own channel only', async () => {
    const ipc = recorder();
    const api = buildPreloadApi(ipc);
    for (const channel of INVOKE_CHANNELS) {
      const method = (api as Record<string, unknown>)[channel];
      if (typeof method !== 'function') throw new Error(`${channel} is not a method`);
      await expect((method as (...a: unknown[]) => Promise<unknown>)('x', 1)).resolves.toBe('answer');
    }
    expect(ipc.invoked.map((i) => i.channel)).toEqual(INVOKE_CHANNELS.map((c) => `virtdeck:${c}`));
  });

  it('hands a listener only the payload, and unsubscribes it', () => {
    const ipc = recorder();
    const api = buildPreloadApi(ipc);
    const seen: unknown[] = [];
    const off = api.events['connection.state']((payload) => { seen.push(payload); });
    for (const l of ipc.listeners.get('virtdeck:connection.state') ?? []) l(null, { state: 'x' });
    off();
    expect(seen).toEqual([{ state: 'x' }]);
    expect(ipc.listeners.get('virtdeck:connection.state')).toEqual([]);
  });
});
