/**
 * A byte pipe to a port (or socket) on the hypervisor host, over the connection's own
 * transport: a graphical console's VNC server, say. Over SSH it is a direct-tcpip channel
 * on the session the connection already has (no second SSH connection, no `nc` on the
 * host); over tcp and tls a direct socket to the host; for a local daemon, the address
 * itself. What the listen address means depends on where it is seen from, which is why
 * the choice lives here, beside the transports.
 */
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { TransportError } from '../errors';
import { connectSocket, DEFAULT_CONNECT_TIMEOUT_MS } from './connect-socket';
import type { TransportInfo } from './info';
import { formatHostPort } from './tcp';

/** Where a service listens, as the domain's XML says it. */
export type HostEndpoint =
  | { readonly kind: 'address'; readonly address: string; readonly port: number }
  | { readonly kind: 'socket'; readonly path: string };

export type HostPipeOpener = (endpoint: HostEndpoint) => Promise<Duplex>;

const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '']);

export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}

function describe(endpoint: HostEndpoint): string {
  return endpoint.kind === 'socket' ? endpoint.path : formatHostPort(endpoint.address, endpoint.port);
}

/** Pipes for a connection whose daemon is reached directly (unix, tcp, tls). */
export function directHostPipes(info: TransportInfo, timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): HostPipeOpener {
  return async (endpoint) => {
    switch (info.kind) {
      case 'unix':
        if (endpoint.kind === 'socket') return connectSocket({ path: endpoint.path }, endpoint.path, timeoutMs);
        return connectSocket(
          { host: WILDCARDS.has(endpoint.address) ? '127.0.0.1' : endpoint.address, port: endpoint.port },
          describe(endpoint),
          timeoutMs,
        );
      case 'tcp':
      case 'tls': {
        if (endpoint.kind === 'socket') {
          throw new TransportError(describe(endpoint), 'ELOCALONLY', `it listens on a unix socket on ${info.host}; only an SSH connection can reach that`);
        }
        const remoteIsLocal = isLoopback(info.host);
        if (isLoopback(endpoint.address) && !remoteIsLocal) {
          throw new TransportError(
            describe(endpoint),
            'ELOCALONLY',
            `it listens on ${info.host}'s loopback address only; connect to ${info.host} over SSH (qemu+ssh://) to reach it, or make it listen on an address this machine can reach`,
          );
        }
        const host = WILDCARDS.has(endpoint.address) ? info.host : endpoint.address;
        return connectSocket({ host, port: endpoint.port }, formatHostPort(host, endpoint.port), timeoutMs);
      }
      case 'ssh':
      case 'ext':
        throw new TransportError(describe(endpoint), 'EUNSUPPORTED', `a ${info.kind} connection cannot open a direct pipe to the host`);
    }
  };
}

/** Pipes through the connection's own SSH session: addresses are as the far host sees them. */
export function sshHostPipes(client: Client, where: string, timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): HostPipeOpener {
  return (endpoint) =>
    new Promise<Duplex>((resolve, reject) => {
      const target = describe(endpoint);
      const timer = setTimeout(() => {
        reject(new TransportError(target, 'ETIMEDOUT', `${where} did not open a channel within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (error: Error | undefined, channel: Duplex): void => {
        clearTimeout(timer);
        if (error) reject(new TransportError(target, 'EFORWARD', `${where} could not reach it: ${error.message}`));
        else resolve(channel);
      };
      if (endpoint.kind === 'socket') {
        client.openssh_forwardOutStreamLocal(endpoint.path, done);
        return;
      }
      const address = WILDCARDS.has(endpoint.address) ? '127.0.0.1' : endpoint.address;
      client.forwardOut(isIP(address) === 6 ? '::1' : '127.0.0.1', 0, address, endpoint.port, done);
    });
}
