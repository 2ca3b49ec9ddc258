// Where the daemon's unix socket is, and how the SSH transports reach it on the far side
// (libvirt's src/remote/remote_sockets.c and virnetclient.c). Pure functions: the
// environment (runtime directory, root or not) is passed in.

import type { LibvirtUri, RemoteMode, SshProxy } from '../../../shared/uri/types';

/** Not RUNSTATEDIR: libvirt uses /var/run on purpose, since a remote host may lack /run. */
export const SYSTEM_SOCKET_DIR = '/var/run/libvirt';

/** The flag of CONNECT_OPEN (VIR_CONNECT_RO) for a read-only connection. */
export const VIR_CONNECT_RO = 1;

export const connectOpenFlags = (readOnly: boolean): number => (readOnly ? VIR_CONNECT_RO : 0);

/** libvirtd / virtproxyd ('legacy') or the driver's own daemon, virt<driver>d ('direct'). */
export type DaemonKind = 'legacy' | 'direct';

export const socketPrefix = (daemon: DaemonKind, driver: string): string =>
  daemon === 'legacy' ? 'libvirt' : `virt${driver}d`;

/** libvirt's user runtime directory: $XDG_RUNTIME_DIR/libvirt (GLib falls back to the
 *  user cache directory, ~/.cache, when XDG_RUNTIME_DIR is unset or empty). */
export const userRuntimeDir = (runtimeDir: string): string => `${runtimeDir.replace(/\/+$/, '')}/libvirt`;

export interface SocketPathOptions {
  readonly daemon: DaemonKind;
  /** The URI's driver, e.g. 'qemu' (used by the direct daemon's name). */
  readonly driver: string;
  /** The per-user daemon instead of the system one. */
  readonly session: boolean;
  /** The read-only socket; the per-user daemon has none and ignores this. */
  readonly readOnly: boolean;
  /** $XDG_RUNTIME_DIR (or the fallback), needed for session sockets only. */
  readonly runtimeDir: string;
}

/** The default socket path: /var/run/libvirt/<prefix>-sock[-ro], or
 *  $XDG_RUNTIME_DIR/libvirt/<prefix>-sock for a session. */
export function defaultUnixSocketPath(o: SocketPathOptions): string {
  const prefix = socketPrefix(o.daemon, o.driver);
  if (o.session) return `${userRuntimeDir(o.runtimeDir)}/${prefix}-sock`;
  return `${SYSTEM_SOCKET_DIR}/${prefix}-${o.readOnly ? 'sock-ro' : 'sock'}`;
}

/** remoteGetURIDaemonInfo: a non-root user gets the per-user daemon for /session URIs and
 *  for test+<transport> URIs. */
export function usesSessionDaemon(uri: Pick<LibvirtUri, 'path' | 'scheme'>, isRoot: boolean): boolean {
  return !isRoot && (uri.path === '/session' || uri.scheme.startsWith('test+'));
}

export interface SocketEnvironment {
  readonly isRoot: boolean;
  readonly readOnly: boolean;
  readonly runtimeDir: string;
}

export interface SocketCandidate {
  readonly path: string;
  /** undefined when the URI's socket= parameter gave the path. */
  readonly daemon: DaemonKind | undefined;
}

export type SocketPlan =
  /** Try the candidates in order and use the first that exists (with mode=auto: the
   *  driver's own daemon, else libvirtd). Empty for tcp, tls and ext. */
  | { readonly ok: true; readonly candidates: readonly SocketCandidate[]; readonly session: boolean }
  | { readonly ok: false; readonly message: string };

/**
 * The socket to connect to: locally for unix, on the far side for the SSH transports
 * (where libvirt cannot look, so mode=auto means libvirtd's socket there).
 */
export function unixSocketPlan(uri: Pick<LibvirtUri, 'path' | 'scheme' | 'driver' | 'effectiveTransport' | 'client'>, env: SocketEnvironment): SocketPlan {
  const session = usesSessionDaemon(uri, env.isRoot);
  const t = uri.effectiveTransport;
  if (t === 'tcp' || t === 'tls' || t === 'ext') return { ok: true, candidates: [], session };
  if (uri.client.socket !== undefined) return { ok: true, candidates: [{ path: uri.client.socket, daemon: undefined }], session };
  const mode: RemoteMode = uri.client.mode ?? 'auto';
  const at = (daemon: DaemonKind): SocketCandidate => ({
    daemon,
    path: defaultUnixSocketPath({ daemon, driver: uri.driver, session, readOnly: env.readOnly, runtimeDir: env.runtimeDir }),
  });
  switch (mode) {
    case 'legacy': return { ok: true, candidates: [at('legacy')], session };
    case 'direct':
      if (t !== 'unix') return { ok: false, message: `mode=direct cannot be used over ${t}; give socket= instead` };
      return { ok: true, candidates: [at('direct')], session };
    case 'auto':
      return { ok: true, candidates: t === 'unix' ? [at('direct'), at('legacy')] : [at('legacy')], session };
  }
}

/**
 * What runs on the far side of an SSH transport: 'native' is virt-ssh-helper, 'netcat'
 * is `nc -U socket`, 'auto' tries the helper and falls back to netcat. Without proxy=,
 * a socket= means netcat, a session URI means the helper; a netcat= with 'auto' means
 * netcat.
 */
export function effectiveSshProxy(uri: Pick<LibvirtUri, 'path' | 'scheme' | 'client'>, isRoot: boolean): SshProxy {
  const chosen: SshProxy = uri.client.proxy
    ?? (uri.client.socket !== undefined ? 'netcat' : usesSessionDaemon(uri, isRoot) ? 'native' : 'auto');
  return chosen === 'auto' && uri.client.netcat !== undefined ? 'netcat' : chosen;
}
