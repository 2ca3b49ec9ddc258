import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridgeClient, type BridgeClient, type SocketHandlers } from '../../../../renderer/ipc/bridge-client';
import { bridgeSocketUrl } from '../../../../renderer/ipc/browser-socket';
import { IpcError } from '../../../../shared/errors';
import type { InvokeFrame } from '../../../../shared/bridge-protocol';

/** A scripted stand-in for the bridge's socket. */
class FakeSocket {
  readonly sent: InvokeFrame[] = [];
  closed = false;
  constructor(readonly url: string, readonly handlers: SocketHandlers) {}
  send(text: string): void { this.sent.push(JSON.parse(text) as InvokeFrame); }
  close(): void { this.closed = true; }
  reply(id: number, value: unknown): void { this.handlers.onMessage(JSON.stringify({ type: 'result', id, result: { ok: true, value } })); }
}

let sockets: FakeSocket[];
let client: BridgeClient;

function last(): FakeSocket {
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket was opened');
  return socket;
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  client = createBridgeClient({
    url: 'ws://127.0.0.1:1/ws?token=t',
    socket: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
    timeoutMs: 30_000,
    backoff: { baseMs: 100, maxMs: 1_000 },
    random: () => 1,
  });
});
afterEach(() => {
  client.dispose();
  vi.useRealTimers();
});

const INFO = { name: 'Virtdeck', version: '1.0.0', shell: 'browser' };

describe('the bridge client', () => {
  it('holds calls until the socket opens, then sends them as invoke frames', async () => {
    const answer = client.api['app.info']();
    expect(last().sent).toEqual([]);
    last().handlers.onOpen();
    expect(last().sent).toEqual([{ type: 'invoke', id: 1, channel: 'app.info', args: [] }]);
    last().reply(1, INFO);
    await expect(answer).resolves.toEqual({ ok: true, value: INFO });
    expect(client.status()).toBe('open');
  });

  it('matches answers to calls by id, in any order', async () => {
    last().handlers.onOpen();
    const a = client.api['domains.xml']('c1', '6695eb01-f6a4-8304-79aa-97f2502e193f');
    const b = client.api['connections.remove']('c2');
    const [first, second] = last().sent;
    expect(second).toEqual({ type: 'invoke', id: 2, channel: 'connections.remove', args: ['c2'] });
    last().reply(second?.id ?? -1, null);
    last().handlers.onMessage(JSON.stringify({ type: 'result', id: first?.id, result: { ok: false, error: { kind: 'not-found', message: 'gone' } } }));
    await expect(b).resolves.toEqual({ ok: true, value: null });
    await expect(a).resolves.toEqual({ ok: false, error: { kind: 'not-found', message: 'gone' } });
  });

  it("keeps an error's own fields, which its advice is made of: libvirt's code, a host key's facts", async () => {
    last().handlers.onOpen();
    const start = client.api['domains.action']('c1', '6695eb01-f6a4-8304-79aa-97f2502e193f', 'start');
    const open = client.api['connections.open']('c2');
    const libvirt = { kind: 'libvirt', code: 55, message: "Requested operation is not valid: network 'off' is not active" };
    const hostKey = {
      kind: 'host-key', message: 'host key changed',
      hostKey: { reason: 'changed', host: '127.0.0.1', port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', knownHostsFile: '/k', line: 3 },
    };
    last().handlers.onMessage(JSON.stringify({ type: 'result', id: 1, result: { ok: false, error: libvirt } }));
    last().handlers.onMessage(JSON.stringify({ type: 'result', id: 2, result: { ok: false, error: hostKey } }));
    await expect(start).resolves.toEqual({ ok: false, error: libvirt });
    await expect(open).resolves.toEqual({ ok: false, error: hostKey });
  });

  it('rejects a call with no answer after its timeout', async () => {
    last().handlers.onOpen();
    const answer = client.api['app.info']();
    const outcome = expect(answer).rejects.toMatchObject({ error: { kind: 'timeout', message: 'app.info got no answer within 30 s.' } });
    await vi.advanceTimersByTimeAsync(30_000);
    await outcome;
    // A late answer is ignored.
    last().reply(1, INFO);
  });

  it('rejects sent calls when the socket drops, then reconnects with growing delays', async () => {
    last().handlers.onOpen();
    const lost = client.api['app.info']();
    const statuses: string[] = [];
    client.onStatus((s) => { statuses.push(s); });
    last().handlers.onClose();
    await expect(lost).rejects.toBeInstanceOf(IpcError);
    await expect(lost).rejects.toMatchObject({ error: { kind: 'closed', message: expect.stringContaining('connection to Virtdeck was lost') as unknown } });
    expect(statuses).toEqual(['reconnecting']);

    // Refused again and again: 100, 200, 400, 800, then capped at 1000 ms.
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const before = sockets.length;
      const start = Date.now();
      while (sockets.length === before) await vi.advanceTimersByTimeAsync(10);
      delays.push(Date.now() - start);
      last().handlers.onClose();
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);

    // A call made while down waits for the next socket instead of failing.
    const waiting = client.api['app.info']();
    await vi.advanceTimersByTimeAsync(1000);
    last().handlers.onOpen();
    expect(statuses.at(-1)).toBe('open');
    const frame = last().sent[0];
    last().reply(frame?.id ?? -1, INFO);
    await expect(waiting).resolves.toEqual({ ok: true, value: INFO });

    // Once open, the backoff starts again from its base.
    last().handlers.onClose();
    const before = sockets.length;
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets.length).toBe(before + 1);
  });

  it('routes events to their subscribers until they unsubscribe', () => {
    const seen: unknown[] = [];
    const other: unknown[] = [];
    const off = client.api.events['prompt.cancel']((p) => { seen.push(p); });
    client.api.events['connection.state']((p) => { other.push(p); });
    const push = (channel: string, payload: unknown): void => { last().handlers.onMessage(JSON.stringify({ type: 'event', channel, payload })); };
    push('prompt.cancel', { id: 'a' });
    push('no.such.channel', { id: 'b' });
    push('prompt.cancel', { id: 'c' });
    off();
    push('prompt.cancel', { id: 'd' });
    expect(seen).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(other).toEqual([]);
  });

  it('keeps delivering an event when one listener throws', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: unknown[] = [];
    client.api.events['prompt.cancel'](() => { throw new Error('broken listener'); });
    client.api.events['prompt.cancel']((p) => { seen.push(p); });
    last().handlers.onMessage(JSON.stringify({ type: 'event', channel: 'prompt.cancel', payload: { id: 'a' } }));
    expect(seen).toEqual([{ id: 'a' }]);
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });

  it('ignores frames it does not understand', () => {
    for (const junk of ['nope', '{}', '{"type":"result","id":"1"}', '{"type":"event"}']) last().handlers.onMessage(junk);
    expect(client.status()).toBe('connecting');
  });

  it('rejects every waiting call on dispose and stops reconnecting', async () => {
    const waiting = client.api['app.info']();
    client.dispose();
    await expect(waiting).rejects.toMatchObject({ error: { kind: 'closed' } });
    expect(last().closed).toBe(true);
    await expect(client.api['app.info']()).rejects.toMatchObject({ error: { kind: 'closed' } });
    const count = sockets.length;
    last().handlers.onClose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets.length).toBe(count);
  });

  it('exposes exactly the contract’s channels', () => {
    expect(Object.keys(client.api).sort()).toContain('app.info');
    expect(Object.keys(client.api)).not.toContain('invoke');
  });
});

describe('bridgeSocketUrl', () => {
  it('takes the token from the page address', () => {
    expect(bridgeSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000', search: '?token=abc_-9' })).toBe('ws://127.0.0.1:4000/ws?token=abc_-9');
    expect(bridgeSocketUrl({ protocol: 'http:', host: 'localhost:4000', search: '' })).toBeUndefined();
  });
});
