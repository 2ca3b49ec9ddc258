// The model of a libvirt connection URI. Facts come from libvirt's src/util/viruri.c,
// src/remote/remote_sockets.c, src/remote/remote_driver.c and libxml2's uri.c, and were
// checked against virsh 9.0 (libxml2 2.9.14).

export const TRANSPORTS = ['unix', 'tcp', 'tls', 'ssh', 'libssh2', 'libssh', 'ext'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** Transports that reach the daemon through an SSH session. */
export const SSH_TRANSPORTS: readonly Transport[] = ['ssh', 'libssh2', 'libssh'];

/** libvirtd's plain TCP port (LIBVIRTD_TCP_PORT, listen_tcp). */
export const DEFAULT_TCP_PORT = 16509;
/** libvirtd's TLS port (LIBVIRTD_TLS_PORT). */
export const DEFAULT_TLS_PORT = 16514;
const DEFAULT_SSH_PORT = 22;

/** Default ports by transport; unix and ext have none. The one definition of each. */
export const DEFAULT_PORTS: Readonly<Partial<Record<Transport, number>>> = {
  tls: DEFAULT_TLS_PORT, tcp: DEFAULT_TCP_PORT, ssh: DEFAULT_SSH_PORT, libssh2: DEFAULT_SSH_PORT, libssh: DEFAULT_SSH_PORT,
};

export const REMOTE_MODES = ['auto', 'legacy', 'direct'] as const;
export type RemoteMode = (typeof REMOTE_MODES)[number];

export const SSH_PROXIES = ['auto', 'netcat', 'native'] as const;
export type SshProxy = (typeof SSH_PROXIES)[number];

export const KNOWN_HOSTS_VERIFY = ['normal', 'auto', 'ignore'] as const;
export type KnownHostsVerify = (typeof KNOWN_HOSTS_VERIFY)[number];

export const SSH_AUTH_METHODS = ['agent', 'privkey', 'password', 'keyboard-interactive'] as const;
export type SshAuthMethod = (typeof SSH_AUTH_METHODS)[number];

/** Query parameters the remote driver consumes (compared case-insensitively); every other
 *  parameter is passed through to the daemon inside the daemon-side name. */
export const CLIENT_PARAM_NAMES = [
  'name', 'command', 'socket', 'auth', 'sshauth', 'netcat', 'keyfile', 'pkipath', 'known_hosts',
  'known_hosts_verify', 'tls_priority', 'mode', 'proxy', 'no_sanity', 'no_verify', 'no_tty', 'authfile',
] as const;
export type ClientParamName = (typeof CLIENT_PARAM_NAMES)[number];

/** One query parameter, decoded. A parameter written without '=' has the value ''. */
export interface UriParam {
  readonly name: string;
  readonly value: string;
}

/** The consumed parameters, typed. When one is repeated the last one wins, as in libvirt. */
export interface ClientParams {
  /** The daemon-side name to send instead of the derived one ('' lets the daemon choose). */
  readonly name?: string;
  /** ssh: the ssh binary; ext: the program to run. */
  readonly command?: string;
  /** Unix socket path (local for unix, on the far side for the SSH transports). */
  readonly socket?: string;
  /** Requested daemon auth type: 'sasl', 'sasl.<mechanism>' or 'polkit'. */
  readonly auth?: string;
  readonly sshauth?: readonly SshAuthMethod[];
  readonly netcat?: string;
  readonly keyfile?: string;
  readonly pkipath?: string;
  readonly knownHosts?: string;
  readonly knownHostsVerify?: KnownHostsVerify;
  readonly tlsPriority?: string;
  readonly mode?: RemoteMode;
  readonly proxy?: SshProxy;
  readonly noSanity?: boolean;
  readonly noVerify?: boolean;
  readonly noTty?: boolean;
  readonly authfile?: string;
}

/**
 * Who serves the connection.
 * - embedded-test: `test:///…` without host or transport: libvirt's client runs the test
 *   driver in-process, and so does Virtdeck.
 * - daemon: the remote protocol to a libvirt daemon over `effectiveTransport` (a unix
 *   socket for a hostless URI without transport).
 * - client-driver: a driver that libvirt runs inside its client library and that speaks
 *   the hypervisor's own protocol (esx, vpx, gsx, hyperv; vmware*, openvz without host):
 *   no daemon serves it, so Virtdeck cannot open it.
 */
export type ServedBy = 'embedded-test' | 'daemon' | 'client-driver';

export interface LibvirtUri {
  /** The text as given. */
  readonly text: string;
  /** The scheme as written, e.g. 'qemu+SSH'. */
  readonly scheme: string;
  /** The scheme without '+transport', as written: libvirt matches drivers case-sensitively. */
  readonly driver: string;
  /** The transport as written, lower-cased (libvirt compares it case-insensitively). */
  readonly transport: Transport | undefined;
  /** The transport used: the written one, else tls with a host and unix without. */
  readonly effectiveTransport: Transport;
  /** The decoded user information; undefined when absent. */
  readonly user: string | undefined;
  /** The decoded host, without brackets for IPv6; undefined when absent or empty. */
  readonly host: string | undefined;
  /** True when the host was a bracketed IPv6 literal. */
  readonly hostIsIPv6: boolean;
  /** The port as written; undefined when absent, or when there is no host (libvirt drops
   *  it then). 0 means "the default", as in libvirt. */
  readonly port: number | undefined;
  /** The port that will be dialled: `port` unless 0 or absent, else the transport's
   *  default; undefined for unix and ext. */
  readonly effectivePort: number | undefined;
  /** The decoded path; '' when absent. */
  readonly path: string;
  /** The decoded fragment; libvirt forwards it in the daemon-side name. */
  readonly fragment: string | undefined;
  /** Every parameter in order, decoded. */
  readonly params: readonly UriParam[];
  readonly client: ClientParams;
  /** Parameters that are forwarded to the daemon, in order. */
  readonly passThrough: readonly UriParam[];
  /** A host was given: the daemon is on another machine (or at least reached by network). */
  readonly isRemote: boolean;
  readonly servedBy: ServedBy;
  /** The name sent in CONNECT_OPEN. */
  readonly daemonName: string;
  /** The URI given to virt-ssh-helper on the far side: the daemon-side name, but keeping
   *  the `mode` and `socket` parameters. */
  readonly sshHelperUri: string;
  /** Things that parse but probably do not do what the writer meant. */
  readonly warnings: readonly UriWarning[];
}

export type UriErrorKind =
  | 'empty' // nothing given
  | 'no-driver' // no "driver:" at the start (perhaps a libvirt.conf alias)
  | 'syntax' // a character the grammar refuses
  | 'bad-encoding' // %-escapes that are not UTF-8, or %00
  | 'unknown-transport'
  | 'unix-with-host'
  | 'bad-user' // an empty user before '@' (libxml2 then reads the rest as the user)
  | 'bad-host' // brackets around something that is not an IPv6 address
  | 'bad-port' // over 65535 (or too long to be a number)
  | 'missing-slash' // qemu://system: the host is 'system'
  | 'missing-host' // a driver that needs a server (esx, hyperv) without one
  | 'bad-path' // test:/// or test:///  (the test driver needs a path)
  | 'bad-param' // a consumed parameter with a value libvirt refuses
  | 'missing-param' // ext without command
  | 'conflict'; // parameters that cannot go together (proxy=native with netcat, ...)

/** Which part of the URI an error or a warning is about. */
export type UriPart = 'scheme' | 'transport' | 'user' | 'host' | 'port' | 'path' | 'query' | 'fragment';

export interface UriError {
  readonly kind: UriErrorKind;
  /** One sentence a person can act on. */
  readonly message: string;
  readonly part: UriPart | undefined;
  /** Where the offending text starts in the input (UTF-16 units), and how long it is. */
  readonly offset: number;
  readonly length: number;
  /** The parameter concerned, for bad-param, missing-param and conflict. */
  readonly param?: string;
}

export type UriWarningKind =
  | 'port-ignored' // a port without a host: libvirt ignores it
  | 'password-in-user' // user:password: libvirt passes it all as the user name
  | 'duplicate-param' // a consumed parameter given twice: the last one wins
  | 'ignored-param' // '=value' without a name: libvirt skips it
  | 'qemu-path'; // a qemu path other than /system or /session: the daemon will refuse it

export interface UriWarning {
  readonly kind: UriWarningKind;
  readonly message: string;
  readonly param?: string;
}

export type ParseResult = { ok: true; uri: LibvirtUri } | { ok: false; error: UriError };
