/** Opens a net.Socket with a deadline and turns failures into a TransportError naming the target. */
import net from 'node:net';
import { TransportError } from '../errors';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const reasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOENT: 'no such socket',
  EACCES: 'permission denied',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
};

function errnoCode(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}

/** A short human reason for a socket error, e.g. "connection refused". */
export function socketErrorReason(error: Error): string {
  return reasons[errnoCode(error)] ?? error.message;
}

export function connectSocket(
  options: net.NetConnectOpts,
  target: string,
  timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError(target, 'ETIMEDOUT', `timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const onError = (error: Error): void => {
      clearTimeout(timer);
      const code = errnoCode(error);
      reject(new TransportError(target, code, socketErrorReason(error)));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
