import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { closed, connect, FrameLog, startFixture, tryConnect, type Fixture } from './bridge-fixture';
import type { InvokeFrame } from '../../../shared/bridge-protocol';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture.dispose();
});

function invoke(socket: WebSocket, frame: InvokeFrame): void {
  socket.send(JSON.stringify(frame));
}

const UUID = '6695eb01-f6a4-8304-79aa-97f2502e193f';

describe('the bridge over its WebSocket', () => {
  it('answers an invoke with the handler’s WireResult, matched by id', async () => {
    const socket = await connect(fixture);
    const log = new FrameLog(socket);
    invoke(socket, { type: 'invoke', id: 1, channel: 'app.info', args: [] });
    invoke(socket, { type: 'invoke', id: 2, channel: 'domains.xml', args: ['c1', UUID] });
    expect(await log.result(2)).toEqual({ type: 'result', id: 2, result: { ok: true, value: `<domain conn='c1' uuid='${UUID}'/>` } });
    expect(await log.result(1)).toEqual({ type: 'result', id: 1, result: { ok: true, value: { name: 'Virtdeck', version: '9.8.7-test', shell: 'browser', notices: [] } } });
    socket.close();
  });

  it('passes failures through as values: bad arguments, unknown channels, handler errors', async () => {
    const socket = await connect(fixture);
    const log = new FrameLog(socket);
    invoke(socket, { type: 'invoke', id: 10, channel: 'domains.xml', args: ['c1', 'not-a-uuid'] });
    invoke(socket, { type: 'invoke', id: 11, channel: 'shell.exec', args: ['rm -rf /'] });
    invoke(socket, { type: 'invoke', id: 12, channel: 'connections.open', args: ['c1'] });
    expect(await log.result(10)).toMatchObject({ result: { ok: false, error: { kind: 'invalid-argument' } } });
    expect(await log.result(11)).toMatchObject({ result: { ok: false, error: { kind: 'invalid-argument', message: "no such channel 'shell.exec'" } } });
    expect(await log.result(12)).toMatchObject({ result: { ok: false, error: { kind: 'not-found', message: 'no such connection' } } });
    socket.close();
  });

  it.each([
    ['no token', { token: null }],
    ['an empty token', { token: '' }],
    ['a wrong token', { token: 'x'.repeat(43) }],
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['an Origin on another port', { origin: 'http://127.0.0.1:1' }],
    ['an https Origin', { origin: 'https://127.0.0.1:PORT' }],
    ['the null Origin of a sandboxed frame', { origin: 'null' }],
    ['no Origin', { origin: null }],
    ['a foreign Host (DNS rebinding)', { host: 'evil.example:PORT', origin: 'http://evil.example:PORT' }],
    ['another path', { path: '/socket' }],
  ] as const)('refuses the upgrade with %s (403)', async (_name, options) => {
    const port = String(fixture.bridge.port);
    const fixed = Object.fromEntries(Object.entries(options).map(([k, v]) => [k, typeof v === 'string' ? v.replace('PORT', port) : v]));
    const result = await tryConnect(fixture, fixed);
    expect(result).toEqual({ outcome: 'refused', status: 403 });
  });

  it('accepts a page loaded as localhost', async () => {
    const port = String(fixture.bridge.port);
    const result = await tryConnect(fixture, { host: `localhost:${port}`, origin: `http://localhost:${port}` });
    expect(result.outcome).toBe('open');
    if (result.outcome === 'open') result.socket.close();
  });

  it('survives malformed frames, answering those that carry an id', async () => {
    const socket = await connect(fixture);
    const log = new FrameLog(socket);
    for (const junk of ['not json', '', '{', 'null', '42', '[]', '{"type":"invoke"}', '{"id":"7"}', '{"id":-1,"type":"invoke"}', '\u0000\uffff']) socket.send(junk);
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    socket.send(JSON.stringify({ type: 'nope', id: 20 }));
    socket.send(JSON.stringify({ type: 'invoke', id: 21, channel: 'app.info' }));
    socket.send(JSON.stringify({ type: 'invoke', id: 22, channel: 'app.info', args: [], extra: true }));
    socket.send(JSON.stringify({ type: 'invoke', id: 23, channel: 'app.info', args: Array.from({ length: 100 }, () => 0) }));
    socket.send(JSON.stringify({ type: 'invoke', id: 24, channel: 'x'.repeat(10_000), args: [] }));
    for (const id of [20, 21, 22, 23, 24]) {
      expect(await log.result(id), String(id)).toMatchObject({ result: { ok: false, error: { kind: 'invalid-argument', message: expect.stringContaining('malformed bridge frame') as unknown } } });
    }
    invoke(socket, { type: 'invoke', id: 25, channel: 'app.info', args: [] });
    expect(await log.result(25)).toMatchObject({ result: { ok: true } });
    // Only the frames with an id were answered.
    expect(log.frames.map((f) => (f.type === 'result' ? f.id : -1)).sort((a, b) => a - b)).toEqual([20, 21, 22, 23, 24, 25]);
    socket.close();
  });

  it('closes a socket that sends an oversized frame (1009) and keeps serving others', async () => {
    const bystander = await connect(fixture);
    const bystanderLog = new FrameLog(bystander);
    const socket = await connect(fixture);
    socket.on('error', () => { /* the server cuts this socket off */ });
    const code = closed(socket);
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app.info', args: ['x'.repeat(3 * 1024 * 1024)] }));
    expect(await code).toBe(1009);
    invoke(bystander, { type: 'invoke', id: 2, channel: 'app.info', args: [] });
    expect(await bystanderLog.result(2)).toMatchObject({ result: { ok: true } });
    const fresh = await connect(fixture);
    fresh.close();
    bystander.close();
  });

  it('broadcasts every event to every connected page', async () => {
    const sockets = await Promise.all([connect(fixture), connect(fixture), connect(fixture)]);
    const logs = sockets.map((s) => new FrameLog(s));
    fixture.bridge.sink.emit('prompt.cancel', { id: 'p1' });
    fixture.bridge.sink.emit('connection.state', { connectionId: 'c1', state: { kind: 'connecting', attempt: 2 } });
    for (const log of logs) {
      expect(await log.next((f) => f.type === 'event' && f.channel === 'connection.state')).toEqual({
        type: 'event',
        channel: 'connection.state',
        payload: { connectionId: 'c1', state: { kind: 'connecting', attempt: 2 } },
      });
      expect(log.frames[0]).toEqual({ type: 'event', channel: 'prompt.cancel', payload: { id: 'p1' } });
    }
    for (const socket of sockets) socket.close();
  });
});
