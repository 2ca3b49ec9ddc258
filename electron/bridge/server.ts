/**
 * The browser mode's server: the same IPC contract as Electron's, over HTTP and a
 * WebSocket on 127.0.0.1 only, behind a random token.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BRIDGE_TOKEN_PARAM } from '../../shared/bridge-protocol';
import type { Dispatch } from '../main/ipc/dispatch';
import type { EventSink } from '../main/ipc/event-sink';
import { createHttpHandler } from './http-handler';
import { createSocketServer } from './socket-server';
import { createToken } from './token';

export interface BridgeOptions {
  readonly dispatch: Dispatch;
  /** The built renderer: out/renderer, holding index.html and assets/. */
  readonly rendererDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Random unless given (tests). */
  readonly token?: string;
  readonly log?: (message: string) => void;
}

export interface Bridge {
  /** The page to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Broadcasts an event to every connected page. */
  readonly sink: EventSink;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? createToken();
  const log = options.log ?? ((message: string) => { console.error(message); });
  const server = createServer();
  // Loopback only, never 0.0.0.0: the bridge is for the person at this machine.
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Attached in the same tick as the listen callback, before any request can be read.
  const sockets = createSocketServer({ dispatch: options.dispatch, token, port, log });
  server.on('request', createHttpHandler({ rendererDir: options.rendererDir, token, port, log }));
  server.on('upgrade', (request, socket, head) => { sockets.handleUpgrade(request, socket, head); });
  server.on('clientError', (_error, socket) => { socket.destroy(); });

  return {
    url: `http://127.0.0.1:${String(port)}/?${BRIDGE_TOKEN_PARAM}=${token}`,
    port,
    token,
    sink: sockets.sink,
    async close() {
      await sockets.close();
      const closed = new Promise<void>((resolveClose) => { server.close(() => { resolveClose(); }); });
      server.closeAllConnections();
      await closed;
    },
  };
}
