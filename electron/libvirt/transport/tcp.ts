import type { Duplex } from 'node:stream';
import { connectSocket } from './connect-socket';

export interface TcpTarget {
  readonly kind: 'tcp';
  readonly host: string;
  readonly port: number;
}

// Defined once, in shared/ (the URI grammar knows them too); re-exported here so that
// naming the TLS port does not load the TLS transport.
export { DEFAULT_TCP_PORT, DEFAULT_TLS_PORT } from '../../../shared/uri';

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
