import type { Duplex } from 'node:stream';
import { connectTcp, type TcpTarget } from './tcp';
import { connectUnix, type UnixTarget } from './unix';

export type TransportTarget = UnixTarget | TcpTarget;
export type { TcpTarget, UnixTarget };
export { DEFAULT_CONNECT_TIMEOUT_MS } from './connect-socket';
export { DEFAULT_TCP_PORT, formatHostPort } from './tcp';

/** Opens the byte stream a target names; TLS, SSH and ext join this switch later. */
export function connectTransport(target: TransportTarget, timeoutMs?: number): Promise<Duplex> {
  switch (target.kind) {
    case 'unix':
      return connectUnix(target, timeoutMs);
    case 'tcp':
      return connectTcp(target, timeoutMs);
  }
}
