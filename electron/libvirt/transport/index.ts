/**
 * The one switch from a transport target to a byte stream for the RPC client. Every
 * transport yields a Duplex that owns what lies under it (a socket, a TLS session, SSH
 * sessions, a child process): destroying the stream releases all of it.
 */
import type { Duplex } from 'node:stream';
import type { ExtTarget } from './ext';
import { directHostPipes, type HostPipeOpener } from './host-pipe';
import type { TransportInfo } from './info';
import type { Prompts } from './prompts';
import type { SshEnvironment, SshTarget } from './ssh';
import { connectTcp, formatHostPort, type TcpTarget } from './tcp';
import type { TlsTarget } from './tls';
import { connectUnix, type UnixTarget } from './unix';

export type TransportTarget = UnixTarget | TcpTarget | TlsTarget | SshTarget | ExtTarget;
export type { ExtTarget, SshEnvironment, SshTarget, TcpTarget, TlsTarget, UnixTarget };
export type { TransportInfo } from './info';
export type { HostEndpoint, HostPipeOpener } from './host-pipe';
export { isUnverified } from './info';
export type * from './prompts';
export { DEFAULT_CONNECT_TIMEOUT_MS } from './connect-socket';
export { DEFAULT_TCP_PORT, DEFAULT_TLS_PORT, formatHostPort } from './tcp';

export interface TransportOptions {
  /** Deadline for the stream to be ready, prompts excluded. Default 10 s. */
  readonly timeoutMs?: number;
  /** Answers for SSH host keys, passwords, passphrases and ext commands; absent: refuse. */
  readonly prompts?: Prompts;
  /** Where the SSH transport finds the user's files (tests point it elsewhere). */
  readonly ssh?: SshEnvironment;
}

export interface OpenedTransport {
  readonly stream: Duplex;
  readonly info: TransportInfo;
  /** Pipes to ports on the daemon's host over this same transport (graphical consoles). */
  readonly openHostPipe: HostPipeOpener;
}

export async function openTransport(target: TransportTarget, options: TransportOptions = {}): Promise<OpenedTransport> {
  switch (target.kind) {
    case 'unix':
      return direct(await connectUnix(target, options.timeoutMs), { kind: 'unix', path: target.path });
    case 'tcp':
      return direct(await connectTcp(target, options.timeoutMs), { kind: 'tcp', host: target.host, port: target.port });
    // Loaded on first use: SSH and TLS bring large modules (ssh2, crypto) that a unix or
    // tcp connection, or a command-line run, should not pay for at start-up.
    case 'tls': {
      const { stream, info } = await (await import('./tls')).connectTls(target, options.timeoutMs);
      return direct(stream, info);
    }
    case 'ssh': {
      const { connectSsh } = await import('./ssh');
      return connectSsh(target, { ...options, ...(options.ssh === undefined ? {} : { environment: options.ssh }) });
    }
    case 'ext': {
      const { stream, info } = await (await import('./ext')).connectExt(target, options.prompts);
      return direct(stream, info);
    }
  }
}

function direct(stream: Duplex, info: TransportInfo): OpenedTransport {
  return { stream, info, openHostPipe: directHostPipes(info) };
}

/** The stream alone, for callers that need no transport facts. */
export async function connectTransport(target: TransportTarget, timeoutMs?: number): Promise<Duplex> {
  return (await openTransport(target, timeoutMs === undefined ? {} : { timeoutMs })).stream;
}

/** The target as error messages name it: host and port, a socket path, a command. */
export function describeTarget(target: TransportTarget): string {
  switch (target.kind) {
    case 'unix':
      return target.path;
    case 'tcp':
    case 'tls':
      return formatHostPort(target.host, target.port);
    case 'ssh':
      return formatHostPort(target.host, target.port ?? 22);
    case 'ext':
      return target.command;
  }
}
