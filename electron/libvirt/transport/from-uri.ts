/**
 * From a parsed libvirt URI to the transport target libvirt's remote driver would use:
 * which socket, which host and port, which PKI files, which SSH options and remote
 * command, which program.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { LibvirtUri } from '../../../shared/uri';
import { effectiveSshProxy, unixSocketPlan } from './sockets';
import { UnsupportedUriError } from '../uri-errors';
import type { TransportTarget } from './index';
import { locatePkiFiles } from './pki-files';
import { libvirtRemoteCommand } from './ssh/remote-command';
import { DEFAULT_TCP_PORT, DEFAULT_TLS_PORT } from './tcp';

export interface TargetEnvironment {
  readonly isRoot: boolean;
  readonly home: string;
  /** $XDG_RUNTIME_DIR, or libvirt's fallback, for session sockets. */
  readonly runtimeDir: string;
  readonly exists: (path: string) => boolean;
}

/** This process's environment, each fact read when a target asks for it: a tcp target
 *  needs none of them, and every open builds one. */
export function processEnvironment(): TargetEnvironment {
  const home = (): string => process.env.HOME ?? homedir();
  return {
    get isRoot() { return process.getuid?.() === 0; },
    get home() { return home(); },
    get runtimeDir() { return process.env.XDG_RUNTIME_DIR || `${home()}/.cache`; },
    exists: existsSync,
  };
}

export function transportTargetFor(uri: LibvirtUri, readOnly: boolean, env: TargetEnvironment = processEnvironment()): TransportTarget {
  const host = uri.host ?? 'localhost';
  switch (uri.effectiveTransport) {
    case 'unix':
      return { kind: 'unix', path: socketPath(uri, readOnly, env, true) };
    case 'tcp':
      return { kind: 'tcp', host, port: uri.effectivePort ?? DEFAULT_TCP_PORT };
    case 'tls':
      return {
        kind: 'tls',
        host,
        port: uri.effectivePort ?? DEFAULT_TLS_PORT,
        pki: locatePkiFiles(uri.client.pkipath, { isRoot: env.isRoot, home: env.home, exists: env.exists }),
        noVerify: uri.client.noVerify ?? false,
      };
    case 'ssh':
    case 'libssh':
    case 'libssh2':
      // One implementation for all three. command= (the ssh binary) and no_tty= concern
      // libvirt's use of /usr/bin/ssh, which this client does not run.
      return {
        kind: 'ssh',
        host,
        port: uri.port === undefined || uri.port === 0 ? undefined : uri.port,
        user: uri.user,
        keyFile: uri.client.keyfile,
        knownHostsFile: uri.client.knownHosts,
        // no_verify=1 is StrictHostKeyChecking=no for libvirt's ssh: new keys are taken.
        knownHostsVerify: uri.client.knownHostsVerify ?? (uri.client.noVerify === true ? 'auto' : 'normal'),
        authMethods: uri.client.sshauth,
        remoteCommand: libvirtRemoteCommand({
          proxy: effectiveSshProxy(uri, env.isRoot),
          netcat: uri.client.netcat,
          socketPath: socketPath(uri, readOnly, env, false),
          helperUri: uri.sshHelperUri,
          readOnly,
        }),
      };
    case 'ext': {
      const command = uri.client.command;
      if (command === undefined || command === '') throw new UnsupportedUriError(uri.text, 'the ext transport needs command=');
      return { kind: 'ext', command };
    }
  }
}

/** The daemon socket: here for unix (the first default that exists, as mode=auto does;
 *  a single candidate, such as socket='s, is used unchecked: connecting tells), on the far
 *  side for SSH (where nothing can be checked, so the first candidate). */
function socketPath(uri: LibvirtUri, readOnly: boolean, env: TargetEnvironment, local: boolean): string {
  const plan = unixSocketPlan(uri, { isRoot: env.isRoot, readOnly, runtimeDir: env.runtimeDir });
  if (!plan.ok) throw new UnsupportedUriError(uri.text, plan.message);
  const [first] = plan.candidates;
  if (first === undefined) throw new UnsupportedUriError(uri.text, `no unix socket is known for ${uri.text}`);
  return local && plan.candidates.length > 1 ? (plan.candidates.find((c) => env.exists(c.path)) ?? first).path : first.path;
}
