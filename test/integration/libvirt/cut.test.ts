import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { open, openOverStream, ConnectionClosedError, TransportError } from '../../../electron/libvirt';
import { targets, TEST_NAME } from './targets';

/** A loopback TCP proxy in front of the daemon that a test can silence or cut. */
async function startProxy(upstreamPort: number) {
  const sockets = new Set<net.Socket>();
  let silent = false;
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (d: Buffer) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (!silent) client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    port: address.port,
    /** Replies stop reaching the client, so its calls stay pending. */
    silence() {
      silent = true;
    },
    cut() {
      for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => { resolve(); })),
  };
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('losing the daemon', () => {
  it('rejects every pending call with a clear reason when the link is cut mid-call', async () => {
    const tcp = targets().tcp;
    if (tcp.kind !== 'tcp') throw new Error('expected a tcp target');
    const proxy = await startProxy(tcp.port);
    cleanup = proxy.close;
    const conn = await open({ kind: 'tcp', host: '127.0.0.1', port: proxy.port }, { name: TEST_NAME });
    expect((await conn.hostInfo()).type).toBe('TEST');
    proxy.silence();
    const pending = [conn.capabilities(), conn.listDomains(), conn.hostInfo()];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(conn.rpc.pendingCount).toBeGreaterThanOrEqual(3);
    proxy.cut();
    for (const call of pending) {
      const error: unknown = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionClosedError);
      expect(String(error)).toMatch(/connection to libvirtd closed/);
    }
    expect(conn.isOpen).toBe(false);
  });

  it('declares a silent daemon dead through keepalive', async () => {
    const tcp = targets().tcp;
    if (tcp.kind !== 'tcp') throw new Error('expected a tcp target');
    const proxy = await startProxy(tcp.port);
    cleanup = proxy.close;
    const conn = await open(
      { kind: 'tcp', host: '127.0.0.1', port: proxy.port },
      { name: TEST_NAME, keepalive: { intervalMs: 100, count: 3 } },
    );
    const closed = new Promise<ConnectionClosedError>((resolve) => conn.onClose(resolve));
    proxy.silence();
    const error = await closed;
    expect(error.reason.kind).toBe('keepalive-timeout');
  });

  it('names the target when nothing listens', async () => {
    const error: unknown = await open({ kind: 'tcp', host: '127.0.0.1', port: 1 }, { name: TEST_NAME }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(String(error)).toMatch(/cannot connect to 127\.0\.0\.1:1: connection refused/);
    const missing: unknown = await open({ kind: 'unix', path: '/nonexistent/libvirt-sock' }, { name: TEST_NAME }).catch((e: unknown) => e);
    expect(String(missing)).toMatch(/cannot connect to \/nonexistent\/libvirt-sock: no such socket/);
  });

  it('opens over a stream connected by someone else', async () => {
    const tcp = targets().tcp;
    if (tcp.kind !== 'tcp') throw new Error('expected a tcp target');
    const socket = net.connect({ host: '127.0.0.1', port: tcp.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    const conn = await openOverStream(socket, TEST_NAME, { readOnly: true });
    expect((await conn.hostInfo()).uri).toBe(TEST_NAME);
    await conn.close();
  });
});
