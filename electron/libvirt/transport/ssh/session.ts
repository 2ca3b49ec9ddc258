/**
 * One authenticated SSH session (one hop) over a stream someone connected: a TCP socket
 * for the first hop, a forwarded channel for the next. ssh2's own ready timeout is off:
 * the caller's deadline covers this, and stops while a person answers a prompt.
 */
import type { Duplex } from 'node:stream';
import ssh2, { type Client } from 'ssh2';
import type { KnownHostsVerify, SshAuthMethod } from '../../../../shared/uri';
import { AuthError, TransportError } from '../../errors';
import type { Prompts } from '../prompts';
import { authHandler, type AuthLog } from './auth';
import { checkHostKey, type HostKeyOutcome } from './host-verifier';
import { knownKeyTypes, readKnownHosts } from './known-hosts';

export interface HopOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly methods: readonly SshAuthMethod[];
  readonly agentSocket: string | undefined;
  readonly keyFiles: readonly string[];
  readonly knownHostsFile: string;
  readonly knownHostsVerify: KnownHostsVerify;
  readonly prompts: Prompts | undefined;
  readonly whilePrompting: <T>(work: Promise<T>) => Promise<T>;
}

export interface Hop {
  readonly client: Client;
  readonly hostKey: HostKeyOutcome;
}

/** ssh2's default host key algorithms (lib/protocol/constants.js), best first. */
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa',
] as const;
type HostKeyAlgorithm = (typeof HOST_KEY_ALGORITHMS)[number];

/** Asks first for the key types known_hosts already has, as OpenSSH does, so that a host
 *  known by its RSA key is not refused for offering an Ed25519 one. */
function preferredHostKeys(knownTypes: readonly string[]): HostKeyAlgorithm[] {
  const known = (algorithm: string): boolean =>
    knownTypes.includes(algorithm) || (algorithm.startsWith('rsa-sha2-') && knownTypes.includes('ssh-rsa'));
  return [...HOST_KEY_ALGORITHMS.filter(known), ...HOST_KEY_ALGORITHMS.filter((a) => !known(a))];
}

export async function startHop(sock: Duplex, options: HopOptions): Promise<Hop> {
  const where = options.port === 22 ? options.host : `${options.host}:${options.port}`;
  const known = options.knownHostsVerify === 'ignore' ? [] : knownKeyTypes(await readKnownHosts(options.knownHostsFile), options.host, options.port);
  // ssh2 is CommonJS: Node's ESM loader sees only its default export.
  const client = new ssh2.Client();
  const log: AuthLog = { tried: [] };
  let hostKey: HostKeyOutcome | undefined;
  // The first failure explains the rest (a refused host key makes ssh2 report a handshake error).
  let cause: unknown;

  return new Promise<Hop>((resolve, reject) => {
    client.once('ready', () => {
      if (hostKey === undefined) {
        client.end();
        reject(new TransportError(where, 'EHOSTKEY', 'the session opened without a host key check'));
        return;
      }
      resolve({ client, hostKey });
    });
    client.once('error', (error: Error & { level?: string }) => {
      client.end();
      if (cause instanceof Error) {
        reject(cause);
      } else if (error.level === 'client-authentication') {
        const tried = log.tried.length === 0 ? 'no method was available' : `tried ${log.tried.join(', ')}`;
        reject(new AuthError({ kind: 'ssh-rejected', user: options.user, host: options.host, port: options.port, tried: [...log.tried] },
          `cannot connect to ${where}: authentication as ${options.user} failed (${tried})`));
      } else {
        reject(new TransportError(where, 'ESSH', error.message));
      }
    });
    client.once('close', () => {
      reject(cause instanceof Error ? cause : new TransportError(where, 'ECONNRESET', 'the SSH server closed the connection'));
    });
    client.connect({
      sock,
      username: options.user,
      readyTimeout: 0,
      algorithms: { serverHostKey: preferredHostKeys(known) },
      hostVerifier: (blob: Buffer, verify: (valid: boolean) => void) => {
        checkHostKey({ host: options.host, port: options.port, knownHostsFile: options.knownHostsFile, mode: options.knownHostsVerify, prompts: options.prompts, whilePrompting: options.whilePrompting }, blob).then(
          (outcome) => { hostKey = outcome; verify(true); },
          (error: unknown) => { cause = error; verify(false); },
        );
      },
      authHandler: authHandler(
        { user: options.user, host: options.host, port: options.port, methods: options.methods, agentSocket: options.agentSocket, keyFiles: options.keyFiles, prompts: options.prompts, whilePrompting: options.whilePrompting },
        log,
        (error) => { cause = error; },
      ),
    });
  });
}

/** A direct-tcpip channel through `via` to host:port, to run the next hop over. */
export function forwardThrough(via: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
      if (error) reject(new TransportError(`${host}:${port}`, 'EJUMP', `the jump host could not reach it: ${error.message}`));
      else resolve(channel);
    });
  });
}
