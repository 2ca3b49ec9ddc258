/// <reference lib="dom" />
/**
 * The renderer's sandbox, proven in Chromium through the bridge on main's real services:
 * no Node in the page, a CSP that blocks inline script and foreign origins, a bridge that
 * refuses strangers and listens on loopback only, and a contract that no wrong or
 * oversized input can move.
 */
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { BRIDGE_TOKEN_PARAM, BRIDGE_WS_PATH, type ServerFrame } from '../../shared/bridge-protocol';
import { INVOKE_CHANNELS } from '../../shared/ipc';
import { buildRenderer, launchChromium, type BuiltRenderer } from '../helpers/renderer-build';
import { openUiApp, type UiApp } from '../helpers/ui-app';

let renderer: BuiltRenderer;
let browser: Browser;
let app: UiApp;

beforeAll(async () => {
  renderer = await buildRenderer();
  browser = await launchChromium(inject('harness').chromium);
  app = await openUiApp(browser, renderer.dir);
});

afterAll(async () => {
  await app.close();
  await browser.close();
  await renderer.dispose();
});

describe('the page', () => {
  it('cannot reach Node', async () => {
    const reach = await app.page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      buffer: typeof (globalThis as Record<string, unknown>).Buffer,
    }));
    expect(reach).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', buffer: 'undefined' });
  });

  it('runs no inline or foreign script, and reaches no foreign origin', async () => {
    const outcome = await app.page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => { violations.push(`${e.effectiveDirective} ${e.blockedURI}`); });
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.appendChild(script);
      const fromData = document.createElement('script');
      fromData.src = 'data:text/javascript,window.dataRan=true';
      document.body.appendChild(fromData);
      const foreign = document.createElement('script');
      foreign.src = 'http://127.0.0.2:9/evil.js';
      document.body.appendChild(foreign);
      const fetched = await fetch('http://127.0.0.2:9/steal').then(() => 'reached', () => 'blocked');
      const img = document.createElement('img');
      img.src = 'http://127.0.0.2:9/pixel.png';
      document.body.appendChild(img);
      const form = document.createElement('form');
      form.action = 'http://127.0.0.2:9/post';
      form.method = 'post';
      document.body.appendChild(form);
      form.submit();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { inlineRan: w.inlineRan === true, dataRan: w.dataRan === true, fetched, violations, href: location.href };
    });
    expect(outcome.inlineRan).toBe(false);
    expect(outcome.dataRan).toBe(false);
    expect(outcome.fetched).toBe('blocked');
    const directives = outcome.violations.map((v) => v.split(' ')[0]);
    expect(directives).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src', 'img-src', 'form-action']));
    // The form went nowhere: still the app's own page.
    expect(outcome.href).toBe(app.bridge.url);
  });
});

/** A raw HTTP GET with chosen headers; resolves with the status. */
function get(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the bridge's socket with chosen headers: 'open', or the refusal's status. */
function upgrade(url: string, headers: { origin?: string; host?: string }): Promise<number | 'open'> {
  const socket = new WebSocket(url, {
    ...(headers.origin === undefined ? {} : { origin: headers.origin }),
    ...(headers.host === undefined ? {} : { headers: { host: headers.host } }),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => { socket.close(); resolve('open'); });
    socket.once('unexpected-response', (_req, res) => { socket.terminate(); resolve(res.statusCode ?? 0); });
    socket.once('error', reject);
  });
}

describe('the bridge', () => {
  const wsUrl = (token: string): string => `ws://127.0.0.1:${String(app.bridge.port)}${BRIDGE_WS_PATH}?${BRIDGE_TOKEN_PARAM}=${token}`;
  const own = (): { origin: string; host: string } => ({ origin: `http://127.0.0.1:${String(app.bridge.port)}`, host: `127.0.0.1:${String(app.bridge.port)}` });

  it('lets its own page in, and refuses a wrong token, a foreign Origin and a foreign Host', async () => {
    await expect(upgrade(wsUrl(app.bridge.token), own())).resolves.toBe('open');
    await expect(upgrade(wsUrl('0'.repeat(app.bridge.token.length)), own())).resolves.toBe(403);
    await expect(upgrade(wsUrl(app.bridge.token), { ...own(), origin: 'https://evil.example' })).resolves.toBe(403);
    await expect(upgrade(wsUrl(app.bridge.token), { origin: `http://evil.example:${String(app.bridge.port)}`, host: `evil.example:${String(app.bridge.port)}` })).resolves.toBe(403);
    await expect(get(app.bridge.port, `/?${BRIDGE_TOKEN_PARAM}=wrong`, { host: own().host })).resolves.toBe(403);
    // DNS rebinding: a foreign name resolving to 127.0.0.1 carries its own Host.
    await expect(get(app.bridge.port, `/?${BRIDGE_TOKEN_PARAM}=${app.bridge.token}`, { host: `rebind.example:${String(app.bridge.port)}` })).resolves.toBe(403);
  });

  it('listens on 127.0.0.1 only: every other address of this machine refuses', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4' && !a.address.startsWith('169.254.'))
      .map((a) => a?.address ?? '');
    // Another loopback address too: binding 127.0.0.1 is not binding 127.0.0.0/8.
    const addresses = ['127.0.0.2', '::1', ...others];
    expect(others.length).toBeGreaterThan(0);
    for (const address of addresses) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: app.bridge.port });
        socket.once('connect', () => { socket.destroy(); resolve('connected'); });
        socket.once('error', (error: NodeJS.ErrnoException) => { resolve(error.code ?? error.message); });
      });
      expect(`${address}: ${outcome}`).toBe(`${address}: ECONNREFUSED`);
    }
  });
});

/** One socket to the bridge as the page has it, with results matched by id. */
async function pageSocket(): Promise<{ call(id: number, channel: string, args: unknown[]): Promise<ServerFrame>; raw(text: string): void; close(): void; closed: Promise<void> }> {
  const socket = new WebSocket(`ws://127.0.0.1:${String(app.bridge.port)}${BRIDGE_WS_PATH}?${BRIDGE_TOKEN_PARAM}=${app.bridge.token}`, {
    origin: `http://127.0.0.1:${String(app.bridge.port)}`,
  });
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  const waiting = new Map<number, (f: ServerFrame) => void>();
  socket.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as ServerFrame;
    if (frame.type === 'result') waiting.get(frame.id)?.(frame);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => { resolve(); }));
  return {
    call: (id, channel, args) => new Promise((resolve) => {
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ type: 'invoke', id, channel, args }));
    }),
    raw: (text) => { socket.send(text); },
    close: () => { socket.close(); },
    closed,
  };
}

describe('every IPC channel, fuzzed', () => {
  it('answers wrong and oversized input with an error and changes nothing', async () => {
    const s = await pageSocket();
    let id = 1;
    const listOn = async (socket: typeof s): Promise<string> => {
      const frame = await socket.call(id++, 'connections.list', []);
      return JSON.stringify(frame.type === 'result' ? frame.result : frame);
    };
    const list = (): Promise<string> => listOn(s);
    // A saved profile, so there is a settings file to keep unchanged.
    await s.call(id++, 'connections.add', [{ uri: 'test:///default', name: 'kept', autoconnect: false, reconnect: false }]);
    const settingsBefore = await readFile(app.settingsFile, 'utf8');
    const stateBefore = await list();
    const huge = 'x'.repeat(1_000_000);
    const wrongInputs: unknown[][] = [
      [null], [{}], [[]], [42], [true], [huge], [{ uri: huge, name: huge, autoconnect: 'yes', reconnect: 1 }],
      [JSON.parse('{"__proto__": {"polluted": true}, "uri": 7}')], ['../../etc/passwd', '../x'], ['a b', 'c;d', 'e'],
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p'],
    ];
    for (const channel of INVOKE_CHANNELS) {
      for (const args of wrongInputs) {
        const frame = await s.call(id++, channel, args);
        if (frame.type !== 'result') throw new Error('not a result');
        expect(`${channel} ${JSON.stringify(args).slice(0, 60)} → ${String(frame.result.ok)}`).toBe(`${channel} ${JSON.stringify(args).slice(0, 60)} → false`);
      }
    }
    // Frames that are not invokes at all.
    for (const text of ['', 'null', '[]', '{"type":"invoke"}', '{"type":"invoke","id":-1,"channel":"app.info","args":[]}', '{', '\u0000'.repeat(1000)]) s.raw(text);
    expect(await list()).toBe(stateBefore);
    // A frame over the bridge's limit ends that socket, not the bridge.
    s.raw(JSON.stringify({ type: 'invoke', id: id++, channel: 'connections.add', args: ['y'.repeat(3 * 1024 * 1024)] }));
    await s.closed;
    const again = await pageSocket();
    expect(await listOn(again)).toBe(stateBefore);
    again.close();
    expect(await readFile(app.settingsFile, 'utf8')).toBe(settingsBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
