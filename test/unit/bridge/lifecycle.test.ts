import { mkdtemp, rm } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleFrame } from '../../../electron/bridge/frames';
import { runBridge } from '../../../electron/bridge/main';
import { createToken, tokenMatches } from '../../../electron/bridge/token';
import { userDataDir } from '../../../electron/bridge/user-data';
import type { EventSink } from '../../../electron/main/ipc/event-sink';
import { closed, connect, FrameLog, startFixture } from './bridge-fixture';
import { fakeDispatch } from './fake-handlers';

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => { resolve(true); });
  });
}

describe('the bridge’s lifecycle', () => {
  it('close() drops every page and frees the port', async () => {
    const fixture = await startFixture();
    const socket = await connect(fixture);
    const code = closed(socket);
    await fixture.dispose();
    expect(await code).toBe(1006);
    expect(await portRefuses(fixture.bridge.port)).toBe(true);
  });

  it('runBridge hands the services a sink that reaches the pages, and disposes them on stop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'virtdeck-run-'));
    let sink: EventSink | undefined;
    let disposed = 0;
    const running = await runBridge({
      rendererDir: dir,
      log: () => undefined,
      services: (s) => {
        sink = s;
        return { dispatch: fakeDispatch(), dispose: () => { disposed += 1; } };
      },
    });
    const origin = `http://127.0.0.1:${String(running.bridge.port)}`;
    const fixtureLike = { bridge: running.bridge, origin, root: dir, rendererDir: dir, logs: [], dispose: () => running.stop() };
    const socket = await connect(fixtureLike);
    const log = new FrameLog(socket);
    sink?.emit('prompt.cancel', { id: 'x' });
    expect(await log.next((f) => f.type === 'event')).toEqual({ type: 'event', channel: 'prompt.cancel', payload: { id: 'x' } });
    await Promise.all([running.stop(), running.stop()]);
    expect(disposed).toBe(1);
    // After stop, a late event from a service goes nowhere and throws nothing.
    sink?.emit('prompt.cancel', { id: 'late' });
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a port already taken, disposing the services it built', async () => {
    const fixture = await startFixture();
    let disposed = false;
    await expect(runBridge({
      rendererDir: fixture.rendererDir,
      port: fixture.bridge.port,
      services: () => ({ dispatch: fakeDispatch(), dispose: () => { disposed = true; } }),
    })).rejects.toThrow(/EADDRINUSE/);
    expect(disposed).toBe(true);
    await fixture.dispose();
  });
});

describe('frame handling', () => {
  it('turns a dispatch that throws into an internal error result', async () => {
    const frame = await handleFrame(JSON.stringify({ type: 'invoke', id: 3, channel: 'app.info', args: [] }), () => Promise.reject(new Error('boom')));
    expect(frame).toEqual({ type: 'result', id: 3, result: { ok: false, error: { kind: 'internal', message: 'boom' } } });
  });

  it('drops a frame it cannot answer', async () => {
    expect(await handleFrame('{"type":"invoke","id":1.5}', fakeDispatch())).toBeUndefined();
    expect(await handleFrame('"just a string"', fakeDispatch())).toBeUndefined();
  });
});

describe('the token', () => {
  it('is 32 random bytes, base64url', () => {
    const a = createToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createToken()).not.toBe(a);
  });

  it('matches only itself', () => {
    const token = createToken();
    expect(tokenMatches(token, token)).toBe(true);
    for (const wrong of [null, undefined, '', token.slice(1), `${token}x`, token.toUpperCase(), 'x'.repeat(5000)]) {
      expect(tokenMatches(wrong, token)).toBe(false);
    }
  });
});

describe('userDataDir', () => {
  it('is where Electron keeps an app named virtdeck', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/virtdeck');
    expect(userDataDir({ VIRTDECK_USER_DATA: '/x' }, 'linux')).toBe('/x');
    expect(userDataDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32')).toMatch(/Roaming.virtdeck$/);
  });
});

describe('a page that floods the bridge', () => {
  it('gets an error for each call beyond 256 in flight, and the rest are still answered', async () => {
    const gate: { open: () => void } = { open: () => undefined };
    const opened = new Promise<void>((resolve) => { gate.open = resolve; });
    const slow = fakeDispatch();
    const fixture = await startFixture(async (channel, args) => {
      await opened;
      return slow(channel, args);
    });
    const socket = await connect(fixture);
    const log = new FrameLog(socket);
    for (let id = 0; id < 300; id += 1) socket.send(JSON.stringify({ type: 'invoke', id, channel: 'app.info', args: [] }));
    expect(await log.result(299)).toMatchObject({ result: { ok: false, error: { message: 'too many calls in flight; try again' } } });
    gate.open();
    expect(await log.result(0)).toMatchObject({ result: { ok: true } });
    await log.result(255);
    expect(log.frames.filter((f) => f.type === 'result' && f.result.ok)).toHaveLength(256);
    socket.close();
    await fixture.dispose();
  });
});
