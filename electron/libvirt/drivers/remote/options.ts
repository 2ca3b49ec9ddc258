import type { KeepaliveOptions } from '../../rpc/keepalive';
import type { Prompts, SshEnvironment } from '../../transport';

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
  /** Answers SSH host-key, password and passphrase questions and confirms ext commands;
   *  without it every such question is refused. */
  readonly prompts?: Prompts;
  /** Where the SSH transport finds ~/.ssh and the agent (tests point it elsewhere). */
  readonly ssh?: SshEnvironment;
}
