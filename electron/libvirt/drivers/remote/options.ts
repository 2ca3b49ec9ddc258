import type { KeepaliveOptions } from '../../rpc/keepalive';
import type { AuthFileEnvironment } from '../../auth/auth-file';
import type { Prompts, SshEnvironment } from '../../transport';

/** What SASL needs to find credentials, and polkit to explain a refusal. */
export interface AuthOptions {
  /** The URI's host ("localhost" without one): the auth file's [auth-libvirt-HOST]. */
  readonly host: string;
  /** The URI's user, the default at the credentials prompt. */
  readonly uriUser?: string;
  /** The URI's authfile= parameter. */
  readonly authFile?: string;
  /** Where LIBVIRT_AUTH_FILE and XDG_CONFIG_HOME are read; the process's own by default. */
  readonly environment?: AuthFileEnvironment;
  /** Told when the daemon leaves only an obsolete mechanism (DIGEST-MD5). */
  readonly onWarning?: (message: string) => void;
}

export interface ConnectionOptions {
  /** Open read-only (VIR_CONNECT_RO). */
  readonly readOnly?: boolean;
  /** Our own PINGs and dead-peer detection; `false` turns them off. Default 5 s × 5. */
  readonly keepalive?: KeepaliveOptions | false;
  /** Applied to every call without its own timeout; none by default (keepalive covers dead peers). */
  readonly callTimeoutMs?: number;
  /** Bounds each handshake step, so a silent peer cannot hang open() forever. Default 30 s. */
  readonly handshakeTimeoutMs?: number;
  /** For daemons that ask for SASL or polkit; a SASL daemon without it gets no credentials. */
  readonly auth?: AuthOptions;
  /** Asks for SASL credentials (and, in open(), the transports' questions). */
  readonly prompts?: Prompts;
}

export interface OpenOptions extends ConnectionOptions {
  /** The daemon-side URI, e.g. "qemu:///system" or "test:///default"; "" lets the daemon choose. */
  readonly name: string;
  /** Deadline for the transport to connect. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Where the SSH transport finds ~/.ssh and the agent (tests point it elsewhere). */
  readonly ssh?: SshEnvironment;
}
