import type { KeepaliveOptions } from '../rpc/keepalive';

export interface ConnectionOptions {
  /** Open read-only (VIR_CONNECT_RO). */
  readonly readOnly?: boolean;
  /** Our own PINGs and dead-peer detection; `false` turns them off. Default 5 s × 5. */
  readonly keepalive?: KeepaliveOptions | false;
  /** Applied to every call without its own timeout; none by default (keepalive covers dead peers). */
  readonly callTimeoutMs?: number;
  /** Bounds each handshake step, so a silent peer cannot hang open() forever. Default 30 s. */
  readonly handshakeTimeoutMs?: number;
}

export interface OpenOptions extends ConnectionOptions {
  /** The daemon-side URI, e.g. "qemu:///system" or "test:///default"; "" lets the daemon choose. */
  readonly name: string;
  /** Deadline for the transport to connect. Default 10 s. */
  readonly connectTimeoutMs?: number;
}
