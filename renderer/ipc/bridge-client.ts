/**
 * VirtdeckApi over the browser bridge's WebSocket (shared/bridge-protocol.ts): the same
 * typed methods and event subscriptions as Electron's preload, for a page served by
 * `npm run web`. Calls made while the socket is down wait for it (up to their timeout);
 * calls already sent when it drops are rejected, because their answers are lost.
 */
import { BRIDGE_MAX_FRAME_BYTES, serverFrameSchema, type InvokeFrame } from '../../shared/bridge-protocol';
import { IpcError } from '../../shared/errors';
import { buildApi } from '../../shared/build-api';
import { EVENT_CHANNELS, type EventChannel, type InvokeChannel, type VirtdeckApi, type WireResult } from '../../shared/ipc';

/** The little of a WebSocket the client needs, so tests can stand in for one. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** Called once per socket, whether it failed to open or dropped later. */
  onClose(): void;
}
export interface BridgeSocket {
  send(text: string): void;
  close(): void;
}
export type SocketFactory = (url: string, handlers: SocketHandlers) => BridgeSocket;

export type BridgeStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface BridgeClientOptions {
  /** ws://host:port/ws?token=... */
  readonly url: string;
  readonly socket: SocketFactory;
  readonly timeoutMs?: number;
  /** Reconnect delays: base × 2^attempt, capped, with jitter so many tabs do not retry in step. */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly random?: () => number;
}

export interface BridgeClient {
  readonly api: VirtdeckApi;
  status(): BridgeStatus;
  onStatus(listener: (status: BridgeStatus) => void): () => void;
  /** Closes the socket for good; every waiting call is rejected. */
  dispose(): void;
}

interface Pending {
  readonly channel: InvokeChannel;
  readonly resolve: (result: WireResult<InvokeChannel>) => void;
  readonly reject: (error: IpcError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  /** Not yet on the wire: it survives a reconnect. */
  text: string | undefined;
}

const EVENT_SET: ReadonlySet<string> = new Set(EVENT_CHANNELS);

export function createBridgeClient(options: BridgeClientOptions): BridgeClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoff = options.backoff ?? { baseMs: 250, maxMs: 10_000 };
  const random = options.random ?? Math.random;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: BridgeStatus) => void>();
  let nextId = 1;
  let state: BridgeStatus = 'connecting';
  let socket: BridgeSocket | undefined;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Which socket is current: a late callback from an older one is ignored. */
  let generation = 0;

  const setStatus = (next: BridgeStatus): void => {
    if (next === state) return;
    state = next;
    for (const listener of statusListeners) listener(next);
  };

  const settle = (id: number): Pending | undefined => {
    const entry = pending.get(id);
    if (!entry) return undefined;
    pending.delete(id);
    clearTimeout(entry.timer);
    return entry;
  };

  const flush = (): void => {
    for (const entry of pending.values()) {
      if (entry.text === undefined || !socket) continue;
      socket.send(entry.text);
      entry.text = undefined;
    }
  };

  const onMessage = (text: string): void => {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = serverFrameSchema.safeParse(doc);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.type === 'result') {
      // Safe: the server built this result for the call with this id.
      settle(frame.id)?.resolve(frame.result as WireResult<InvokeChannel>);
      return;
    }
    if (!EVENT_SET.has(frame.channel)) return;
    for (const listener of listeners.get(frame.channel as EventChannel) ?? []) {
      try {
        listener(frame.payload);
      } catch (error) {
        // One broken listener must not starve the others of the event.
        console.error(error);
      }
    }
  };

  const open = (): void => {
    retryTimer = undefined;
    generation += 1;
    const mine = generation;
    const current = (): boolean => mine === generation && state !== 'closed';
    const handlers: SocketHandlers = {
      onOpen: () => {
        if (!current()) return;
        attempt = 0;
        setStatus('open');
        flush();
      },
      onMessage: (text) => {
        if (current()) onMessage(text);
      },
      onClose: () => {
        if (!current()) return;
        socket = undefined;
        for (const [id, entry] of pending) {
          if (entry.text !== undefined) continue;
          settle(id)?.reject(new IpcError({ kind: 'closed', message: `The connection to Virtdeck was lost before ${entry.channel} was answered; it may or may not have happened.` }));
        }
        setStatus('reconnecting');
        const delay = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt) * (0.5 + random() / 2);
        attempt += 1;
        retryTimer = setTimeout(open, delay);
      },
    };
    socket = options.socket(options.url, handlers);
  };

  const invoke = (channel: InvokeChannel, args: readonly unknown[]): Promise<WireResult<InvokeChannel>> => {
    if (state === 'closed') return Promise.reject(new IpcError({ kind: 'closed', message: 'The connection to Virtdeck is closed.' }));
    const id = nextId;
    nextId += 1;
    const frame: InvokeFrame = { type: 'invoke', id, channel, args: [...args] };
    const text = JSON.stringify(frame);
    if (text.length > BRIDGE_MAX_FRAME_BYTES) {
      return Promise.reject(new IpcError({ kind: 'invalid-argument', message: `${channel}: the arguments are too large to send` }));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        settle(id)?.reject(new IpcError({ kind: 'timeout', message: `${channel} got no answer within ${String(Math.round(timeoutMs / 1000))} s.` }));
      }, timeoutMs);
      pending.set(id, { channel, resolve, reject, timer, text });
      if (state === 'open') flush();
    });
  };

  const subscribe = (channel: EventChannel, listener: (payload: unknown) => void): (() => void) => {
    let set = listeners.get(channel);
    if (!set) {
      set = new Set();
      listeners.set(channel, set);
    }
    set.add(listener);
    return () => { set.delete(listener); };
  };

  const api = buildApi({ invoke, subscribe });

  open();

  return {
    api,
    status: () => state,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => { statusListeners.delete(listener); };
    },
    dispose() {
      if (state === 'closed') return;
      setStatus('closed');
      generation += 1;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const last = socket;
      socket = undefined;
      last?.close();
      for (const id of [...pending.keys()]) settle(id)?.reject(new IpcError({ kind: 'closed', message: 'The connection to Virtdeck was closed.' }));
    },
  };
}
