import net from 'node:net';

export interface TcpRelay {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay: accepts on `listenHost` (e.g. ::1) and pipes each connection to
 * target:port. The harness libvirtd listens on 127.0.0.1 only; this lets tests dial it over
 * IPv6 without touching the daemon's configuration.
 */
export function startTcpRelay(
  listenHost: string,
  targetHost: string,
  targetPort: number,
  /** Sees each relayed pair before the bytes flow, to watch what passes. */
  observe?: (client: net.Socket, upstream: net.Socket) => void,
): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: targetHost, port: targetPort });
    observe?.(client, upstream);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listenHost, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('relay has no TCP address'));
        return;
      }
      resolve({
        host: listenHost,
        port: address.port,
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => { done(); });
        }),
      });
    });
  });
}

/** A server that accepts connections and never says a word: for handshake timeouts. */
export function startSilentServer(host = '127.0.0.1'): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('silent server has no TCP address'));
        return;
      }
      resolve({
        host,
        port: address.port,
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => { done(); });
        }),
      });
    });
  });
}
