/**
 * The bridge's WebSocket side: upgrades only for our own page (host, origin, token),
 * invokes answered on the socket that asked, events broadcast to every socket except a
 * page's own (a console's bytes), which go to its socket alone. Each socket
 * owns what its calls started (stats watchers...), released when it closes: a closed tab
 * stops what it asked for.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { BRIDGE_MAX_FRAME_BYTES, BRIDGE_WS_PATH, type ServerFrame } from '../../shared/bridge-protocol';
import type { EventChannel, EventPayloads } from '../../shared/ipc';
import type { Dispatch } from '../main/ipc/dispatch';
import type { EventSink } from '../main/ipc/event-sink';
import { Owner } from '../main/ipc/owner';
import { errorFrame, handleFrame } from './frames';
import { hostAllowed, originAllowed, requestHasToken, requestUrl } from './guards';

export interface SocketOptions {
  readonly dispatch: Dispatch;
  readonly token: string;
  readonly port: number;
  readonly log: (message: string) => void;
}

/** A page that stops reading is cut off before its backlog eats main's memory. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Calls one page may have in flight; a runaway loop gets errors, not main's attention. */
const MAX_IN_FLIGHT = 256;

const busy: Dispatch = () => Promise.resolve({ ok: false, error: { kind: 'internal', message: 'too many calls in flight; try again' } });

export interface SocketServer {
  readonly sink: EventSink;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex): void {
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  socket.destroy();
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

export function createSocketServer(options: SocketOptions): SocketServer {
  const { dispatch, token, port, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES, perMessageDeflate: false });

  const send = (socket: WebSocket, frame: ServerFrame | string): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      log('bridge: a page stopped reading its socket; disconnecting it');
      socket.terminate();
      return;
    }
    let text: string;
    try {
      text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    } catch (error) {
      // A result that does not serialise (a bigint slipped through) still gets an answer.
      if (typeof frame === 'string' || frame.type !== 'result') throw error;
      text = JSON.stringify(errorFrame(frame.id, { kind: 'internal', message: 'the result could not be sent to the page' }));
    }
    socket.send(text);
  };

  function eventText<E extends EventChannel>(channel: E, payload: EventPayloads[E]): string | null {
    try {
      return JSON.stringify({ type: 'event', channel, payload });
    } catch (error) {
      log(`bridge: event ${channel} could not be serialised: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  let sockets = 0;
  wss.on('connection', (socket: WebSocket) => {
    let inFlight = 0;
    sockets += 1;
    // Events for this page alone (a console's bytes) go to this socket, not to all.
    const owner = new Owner(`bridge socket ${sockets}`, {
      emit: (channel, payload) => {
        const text = eventText(channel, payload);
        if (text !== null) send(socket, text);
      },
    });
    socket.once('close', () => { owner.release(); });
    // ws reports an oversized or malformed frame here before it closes the socket; a
    // listener must exist or the error would take the whole process down.
    socket.on('error', (error) => { log(`bridge: socket error: ${error.message}`); });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      // Over the limit, the frame is still parsed (to find its id) but answered with an error.
      const target = inFlight >= MAX_IN_FLIGHT ? busy : dispatch;
      inFlight += 1;
      void handleFrame(textOf(data), (channel, args) => target(channel, args, owner))
        .then((frame) => { if (frame) send(socket, frame); })
        .catch((error: unknown) => { log(`bridge: answering a call failed: ${error instanceof Error ? error.message : String(error)}`); })
        .finally(() => { inFlight -= 1; });
    });
  });

  const sink: EventSink = {
    emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
      const text = eventText(channel, payload);
      if (text === null) return;
      for (const socket of wss.clients) send(socket, text);
    },
  };

  return {
    sink,
    handleUpgrade(request, socket, head) {
      socket.on('error', () => { /* a refused or dropped client; nothing to clean up */ });
      const url = requestUrl(request);
      const host = request.headers.host;
      const allowed =
        url !== undefined &&
        url.pathname === BRIDGE_WS_PATH &&
        hostAllowed(host, port) &&
        originAllowed(request.headers.origin, host, port) &&
        requestHasToken(url, token);
      if (!allowed) {
        refuseUpgrade(socket);
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => { wss.emit('connection', ws, request); });
    },
    close() {
      for (const socket of wss.clients) socket.terminate();
      return new Promise((resolveClose) => { wss.close(() => { resolveClose(); }); });
    },
  };
}
