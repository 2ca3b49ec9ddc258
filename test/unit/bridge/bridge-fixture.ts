import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../../shared/bridge-protocol';
import type { Dispatch } from '../../../electron/main/ipc/dispatch';
import { startBridge, type Bridge } from '../../../electron/bridge/server';
import { fakeDispatch } from './fake-handlers';

export const SECRET = 'the-secret-beside-the-renderer';

export interface Fixture {
  readonly bridge: Bridge;
  readonly root: string;
  readonly rendererDir: string;
  readonly origin: string;
  readonly logs: string[];
  dispose(): Promise<void>;
}

/** A bridge over a tiny fake renderer, with a secret file just outside its directory. */
export async function startFixture(dispatch: Dispatch = fakeDispatch()): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'virtdeck-bridge-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>fake renderer</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(join(rendererDir, 'assets', 'style.css'), 'body{}');
  await writeFile(join(rendererDir, 'assets', '.hidden.js'), 'hidden');
  await writeFile(join(rendererDir, 'assets', 'notes.unknownext'), 'what');
  await writeFile(join(root, 'secret.txt'), SECRET);
  await writeFile(join(root, 'package.json'), SECRET);
  const logs: string[] = [];
  const bridge = await startBridge({ dispatch, rendererDir, log: (m) => { logs.push(m); } });
  return {
    bridge,
    root,
    rendererDir,
    origin: `http://127.0.0.1:${String(bridge.port)}`,
    logs,
    async dispose() {
      await bridge.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request with the path sent byte for byte (no client-side normalisation) and any Host. */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${String(port)}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => { chunks.push(chunk); });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export interface SocketOptions {
  readonly token?: string | null;
  readonly origin?: string | null;
  readonly host?: string;
  readonly path?: string;
}

export function socketUrl(fixture: Fixture, options: SocketOptions = {}): string {
  const token = options.token === undefined ? fixture.bridge.token : options.token;
  const path = options.path ?? '/ws';
  return `ws://127.0.0.1:${String(fixture.bridge.port)}${path}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Opens a socket the way a page would; resolves 'open', or the HTTP status that refused it. */
export function tryConnect(fixture: Fixture, options: SocketOptions = {}): Promise<{ readonly outcome: 'open'; readonly socket: WebSocket } | { readonly outcome: 'refused'; readonly status: number }> {
  const origin = options.origin === undefined ? fixture.origin : options.origin;
  const socket = new WebSocket(socketUrl(fixture, options), {
    ...(origin === null ? {} : { origin }),
    ...(options.host === undefined ? {} : { headers: { host: options.host } }),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => { resolve({ outcome: 'open', socket }); });
    socket.once('unexpected-response', (_req, res) => {
      resolve({ outcome: 'refused', status: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

export async function connect(fixture: Fixture): Promise<WebSocket> {
  const result = await tryConnect(fixture);
  if (result.outcome !== 'open') throw new Error(`socket refused with ${String(result.status)}`);
  return result.socket;
}

/** Frames as they arrive, with a way to wait for the next one that matches. */
export class FrameLog {
  readonly frames: ServerFrame[] = [];
  private waiters: { match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];

  constructor(socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as ServerFrame;
      this.frames.push(frame);
      const waiter = this.waiters.find((w) => w.match(frame));
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(frame);
      }
    });
  }

  next(match: (f: ServerFrame) => boolean): Promise<ServerFrame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => { this.waiters.push({ match, resolve }); });
  }

  result(id: number): Promise<ServerFrame> {
    return this.next((f) => f.type === 'result' && f.id === id);
  }
}

export function closed(socket: WebSocket): Promise<number> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve(1006);
  return new Promise((resolve) => { socket.once('close', (code: number) => { resolve(code); }); });
}
