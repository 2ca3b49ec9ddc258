/**
 * libvirt's SSH transports (ssh, libssh, libssh2: one implementation, on ssh2): resolve
 * the host through ~/.ssh/config, walk the ProxyJump hops, authenticate each, check each
 * host key against known_hosts, then run libvirt's remote command on an exec channel
 * whose stdin and stdout carry the protocol.
 */
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type SSHConfig from 'ssh-config';
import type { Client, ClientChannel } from 'ssh2';
import type { KnownHostsVerify, SshAuthMethod } from '../../../../shared/uri';
import { TransportError } from '../../errors';
import { connectSocket, DEFAULT_CONNECT_TIMEOUT_MS } from '../connect-socket';
import { Deadline } from '../deadline';
import type { TransportInfo } from '../info';
import type { Prompts } from '../prompts';
import { SshChannelStream } from './channel-stream';
import { parseJumpHost, readSshConfig, resolveHost, type ConfigContext } from './config';
import type { HostKeyOutcome } from './host-verifier';
import { forwardThrough, startHop, type Hop, type HopOptions } from './session';
import { SshSessionPool, type SharedSession } from './session-pool';

export interface SshTarget {
  readonly kind: 'ssh';
  /** The host as the URI names it: possibly an alias of ~/.ssh/config. */
  readonly host: string;
  /** The URI's port; undefined lets ~/.ssh/config or 22 decide. */
  readonly port: number | undefined;
  readonly user: string | undefined;
  /** keyfile=: the only key offered when given. */
  readonly keyFile: string | undefined;
  /** known_hosts=; default ~/.ssh/known_hosts. */
  readonly knownHostsFile: string | undefined;
  readonly knownHostsVerify: KnownHostsVerify;
  /** sshauth=; default agent, privkey, password, keyboard-interactive. */
  readonly authMethods: readonly SshAuthMethod[] | undefined;
  /** What runs on the far side (see remote-command.ts). */
  readonly remoteCommand: string;
}

/** Where the SSH transport looks for the user's files; the process's own by default. */
export interface SshEnvironment {
  readonly home?: string;
  readonly localUser?: string;
  /** The ssh-agent socket; default $SSH_AUTH_SOCK. */
  readonly agentSocket?: string;
  /** Default ~/.ssh/config. */
  readonly configFile?: string;
}

/** OpenSSH's default identities, in the order ssh tries them. */
const DEFAULT_KEYS = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'];
const DEFAULT_METHODS: readonly SshAuthMethod[] = ['agent', 'privkey', 'password', 'keyboard-interactive'];

interface HopPlan {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly keyFiles: readonly string[];
}

function planHop(config: SSHConfig, alias: string, port: number | undefined, user: string | undefined, keyFile: string | undefined, ctx: ConfigContext): HopPlan {
  const resolved = resolveHost(config, alias, ctx);
  const defaults = DEFAULT_KEYS.map((k) => join(ctx.home, '.ssh', k));
  return {
    host: resolved.hostName,
    port: port ?? resolved.port ?? 22,
    user: user ?? resolved.user ?? ctx.localUser,
    keyFiles: keyFile !== undefined ? [keyFile] : resolved.identityFiles.length > 0 ? resolved.identityFiles : defaults,
  };
}

const hostPort = (hop: { host: string; port: number }): string => (hop.host.includes(':') ? `[${hop.host}]:${hop.port}` : `${hop.host}:${hop.port}`);

/** Facts of a session that every channel on it reports. */
interface SessionFacts {
  readonly hostKey: HostKeyOutcome;
}

/** One pool per process: the reuse is within a process, as the issue of a handshake is. */
const pool = new SshSessionPool<SessionFacts>();

/** How many SSH sessions this process holds open or is opening (for tests). */
export function openSshSessions(): number {
  return pool.size;
}

export async function connectSsh(
  target: SshTarget,
  options: { readonly timeoutMs?: number; readonly prompts?: Prompts; readonly environment?: SshEnvironment } = {},
): Promise<{ stream: Duplex; info: TransportInfo }> {
  const env = options.environment ?? {};
  const ctx: ConfigContext = { home: env.home ?? homedir(), localUser: env.localUser ?? userInfo().username };
  const configFile = env.configFile ?? join(ctx.home, '.ssh', 'config');
  const agentSocket = env.agentSocket ?? process.env.SSH_AUTH_SOCK;
  const knownHostsFile = target.knownHostsFile ?? join(ctx.home, '.ssh', 'known_hosts');
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;

  // The config is read once: the final hop and the jumps come from the same file.
  const config = readSshConfig(configFile);
  const final = planHop(config, target.host, target.port, target.user, target.keyFile, ctx);
  const jumps = resolveHost(config, target.host, ctx).proxyJump.map((text) => {
    const jump = parseJumpHost(text);
    return planHop(config, jump.host, jump.port, jump.user, undefined, ctx);
  });
  const hops = [...jumps, final];
  const where = hostPort(final);

  let expire: (error: Error) => void = () => undefined;
  const expired = new Promise<never>((_, reject) => { expire = reject; });
  const deadline = new Deadline(timeoutMs, () => {
    expire(new TransportError(where, 'ETIMEDOUT', `no SSH session within ${timeoutMs} ms`));
  });
  const whilePrompting = <T>(work: Promise<T>): Promise<T> => deadline.pausedWhile(work);

  // Shared only where the same hops are checked against the same known_hosts the same
  // way: a URI that asks for stricter checking never rides on a laxer session.
  const key = JSON.stringify([hops.map((h) => [h.user, h.host, h.port]), knownHostsFile, target.knownHostsVerify]);
  const lease = pool.acquire(key, (signal) => establish(hops, signal, timeoutMs, (hop) => ({
    host: hop.host,
    port: hop.port,
    user: hop.user,
    methods: target.authMethods ?? DEFAULT_METHODS,
    agentSocket,
    keyFiles: hop.keyFiles,
    knownHostsFile,
    knownHostsVerify: target.knownHostsVerify,
    prompts: options.prompts,
    whilePrompting,
  })));
  try {
    const session = await Promise.race([lease.session, expired]);
    const inner = session.clients.at(-1);
    if (inner === undefined) throw new TransportError(where, 'ESSH', 'no SSH hop to connect');
    const channel = await Promise.race([exec(inner, target.remoteCommand, where, expired), expired]);
    return {
      stream: new SshChannelStream(channel, session.clients, where, lease.release),
      info: {
        kind: 'ssh',
        host: final.host,
        port: final.port,
        user: final.user,
        fingerprint: session.facts.hostKey.fingerprint,
        hostKey: session.facts.hostKey.trust,
        via: jumps.map(hostPort),
      },
    };
  } catch (error) {
    lease.release();
    throw error;
  } finally {
    deadline.clear();
  }
}

/**
 * Connects and authenticates every hop in turn. When the signal aborts (every lease on
 * the session went, or the opener's deadline passed) what was made is closed at once, and
 * anything that connects afterwards too.
 */
async function establish(
  hops: readonly HopPlan[],
  signal: AbortSignal,
  timeoutMs: number,
  hopOptions: (hop: HopPlan) => HopOptions,
): Promise<SharedSession<SessionFacts>> {
  const clients: Client[] = [];
  const sockets: Duplex[] = [];
  const cleanup = (): void => {
    for (const s of sockets) s.destroy();
    for (const c of [...clients].reverse()) c.end();
  };
  const keep = <T extends Duplex | Client>(list: T[], item: T): T => {
    list.push(item);
    if (signal.aborted) cleanup();
    return item;
  };
  signal.addEventListener('abort', cleanup, { once: true });
  try {
    let last: Hop | undefined;
    for (const hop of hops) {
      const sock = last === undefined
        ? await connectSocket({ host: hop.host, port: hop.port }, hostPort(hop), timeoutMs)
        : await forwardThrough(last.client, hop.host, hop.port);
      // Every SSH step is one small packet waiting for the answer to the last: with Nagle
      // on, each met the peer's delayed ACK and cost 40 ms on loopback.
      if (sock instanceof Socket) sock.setNoDelay(true);
      keep(sockets, sock);
      last = await startHop(sock, hopOptions(hop));
      keep(clients, last.client);
    }
    if (last === undefined) throw new Error('no SSH hop to connect');
    signal.removeEventListener('abort', cleanup);
    return { clients, facts: { hostKey: last.hostKey } };
  } catch (error) {
    signal.removeEventListener('abort', cleanup);
    cleanup();
    throw error;
  }
}

/** An exec channel; one that opens after the caller gave up (`abandoned`) is closed. */
function exec(client: Client, command: string, where: string, abandoned: Promise<never>): Promise<ClientChannel> {
  let gone = false;
  abandoned.catch(() => { gone = true; });
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) reject(new TransportError(where, 'EEXEC', `the server would not run libvirt's remote command: ${error.message}`));
      else if (gone) channel.close();
      else resolve(channel);
    });
  });
}
