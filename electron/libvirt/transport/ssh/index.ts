/**
 * libvirt's SSH transports (ssh, libssh, libssh2: one implementation, on ssh2): resolve
 * the host through ~/.ssh/config, walk the ProxyJump hops, authenticate each, check each
 * host key against known_hosts, then run libvirt's remote command on an exec channel
 * whose stdin and stdout carry the protocol.
 */
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import type { KnownHostsVerify, SshAuthMethod } from '../../../../shared/uri';
import { TransportError } from '../../errors';
import { connectSocket, DEFAULT_CONNECT_TIMEOUT_MS } from '../connect-socket';
import { Deadline } from '../deadline';
import type { TransportInfo } from '../info';
import type { Prompts } from '../prompts';
import { SshChannelStream } from './channel-stream';
import { parseJumpHost, readSshConfig, resolveHost, type ConfigContext } from './config';
import { forwardThrough, startHop, type Hop } from './session';
import { sshHostPipes, type HostPipeOpener } from '../host-pipe';

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

function planHop(alias: string, port: number | undefined, user: string | undefined, keyFile: string | undefined, ctx: ConfigContext, configFile: string): HopPlan {
  const resolved = resolveHost(readSshConfig(configFile), alias, ctx);
  const defaults = DEFAULT_KEYS.map((k) => join(ctx.home, '.ssh', k));
  return {
    host: resolved.hostName,
    port: port ?? resolved.port ?? 22,
    user: user ?? resolved.user ?? ctx.localUser,
    keyFiles: keyFile !== undefined ? [keyFile] : resolved.identityFiles.length > 0 ? resolved.identityFiles : defaults,
  };
}

const hostPort = (hop: { host: string; port: number }): string => (hop.host.includes(':') ? `[${hop.host}]:${hop.port}` : `${hop.host}:${hop.port}`);

export async function connectSsh(
  target: SshTarget,
  options: { readonly timeoutMs?: number; readonly prompts?: Prompts; readonly environment?: SshEnvironment } = {},
): Promise<{ stream: Duplex; info: TransportInfo; openHostPipe: HostPipeOpener }> {
  const env = options.environment ?? {};
  const ctx: ConfigContext = { home: env.home ?? homedir(), localUser: env.localUser ?? userInfo().username };
  const configFile = env.configFile ?? join(ctx.home, '.ssh', 'config');
  const agentSocket = env.agentSocket ?? process.env.SSH_AUTH_SOCK;
  const knownHostsFile = target.knownHostsFile ?? join(ctx.home, '.ssh', 'known_hosts');
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;

  const final = planHop(target.host, target.port, target.user, target.keyFile, ctx, configFile);
  const jumps = resolveHost(readSshConfig(configFile), target.host, ctx).proxyJump.map((text) => {
    const jump = parseJumpHost(text);
    return planHop(jump.host, jump.port, jump.user, undefined, ctx, configFile);
  });
  const hops = [...jumps, final];
  const where = hostPort(final);

  const sessions: Client[] = [];
  const sockets: Duplex[] = [];
  // Set once the attempt failed: anything that connects afterwards is closed at once.
  let abandoned = false;
  const cleanup = (): void => {
    abandoned = true;
    for (const s of sockets) s.destroy();
    for (const c of [...sessions].reverse()) c.end();
  };
  const keep = <T extends Duplex | Client>(list: T[], item: T): T => {
    list.push(item);
    if (abandoned) cleanup();
    return item;
  };
  let expire: (error: Error) => void = () => undefined;
  const expired = new Promise<never>((_, reject) => { expire = reject; });
  const deadline = new Deadline(timeoutMs, () => {
    expire(new TransportError(where, 'ETIMEDOUT', `no SSH session within ${timeoutMs} ms`));
  });
  const whilePrompting = <T>(work: Promise<T>): Promise<T> => deadline.pausedWhile(work);

  const establish = async (): Promise<{ stream: Duplex; info: TransportInfo; openHostPipe: HostPipeOpener }> => {
    let last: Hop | undefined;
    for (const hop of hops) {
      const sock = last === undefined
        ? await connectSocket({ host: hop.host, port: hop.port }, hostPort(hop), timeoutMs)
        : await forwardThrough(last.client, hop.host, hop.port);
      keep(sockets, sock);
      last = await startHop(sock, {
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
      });
      keep(sessions, last.client);
    }
    if (last === undefined) throw new TransportError(where, 'ESSH', 'no SSH hop to connect');
    const channel = await exec(last.client, target.remoteCommand, where);
    keep<Duplex>(sockets, channel);
    const stream = new SshChannelStream(channel, sessions, where);
    return {
      stream,
      // Graphical consoles ride on this very session: no second SSH connection.
      openHostPipe: sshHostPipes(last.client, where),
      info: {
        kind: 'ssh',
        host: final.host,
        port: final.port,
        user: final.user,
        fingerprint: last.hostKey.fingerprint,
        hostKey: last.hostKey.trust,
        via: jumps.map(hostPort),
      },
    };
  };

  try {
    return await Promise.race([establish(), expired]);
  } catch (error) {
    cleanup();
    throw error;
  } finally {
    deadline.clear();
  }
}

function exec(client: Client, command: string, where: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) reject(new TransportError(where, 'EEXEC', `the server would not run libvirt's remote command: ${error.message}`));
      else resolve(channel);
    });
  });
}
