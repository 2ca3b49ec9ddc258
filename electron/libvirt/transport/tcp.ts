import type { Duplex } from 'node:stream';
import { connectSocket } from './connect-socket';

export interface TcpTarget {
  readonly kind: 'tcp';
  readonly host: string;
  readonly port: number;
}

/** libvirtd's plain TCP port (listen_tcp), unencrypted: for trusted networks and tests. */
export const DEFAULT_TCP_PORT = 16509;
/** libvirtd's TLS port; here so that naming it does not load the TLS transport. */
export const DEFAULT_TLS_PORT = 16514;

export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A connected TCP stream; Nagle off because RPC calls are small and latency-bound. */
export async function connectTcp(target: TcpTarget, timeoutMs?: number): Promise<Duplex> {
  const socket = await connectSocket(
    { host: target.host, port: target.port },
    formatHostPort(target.host, target.port),
    timeoutMs,
  );
  socket.setNoDelay(true);
  return socket;
}
