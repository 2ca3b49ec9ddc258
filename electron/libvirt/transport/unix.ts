import type { Duplex } from 'node:stream';
import { connectSocket } from './connect-socket';

export interface UnixTarget {
  readonly kind: 'unix';
  readonly path: string;
}

/** A connected stream to the daemon's unix socket. */
export function connectUnix(target: UnixTarget, timeoutMs?: number): Promise<Duplex> {
  return connectSocket({ path: target.path }, target.path, timeoutMs);
}
