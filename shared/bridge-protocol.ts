/**
 * The browser bridge's wire protocol: JSON text frames over one WebSocket, carrying the
 * same contract as Electron's IPC (shared/ipc.ts). The server validates every frame it
 * receives against these schemas; the client checks the server's frames just as shallowly
 * as it needs to route them.
 */
import { z } from 'zod';
import type { EventChannel, EventPayloads, InvokeChannel, WireResult } from './ipc';

/** Both ends bound a frame: ws's maxPayload on the server, this check on the client. */
export const BRIDGE_MAX_FRAME_BYTES = 2 * 1024 * 1024;
export const BRIDGE_WS_PATH = '/ws';
export const BRIDGE_TOKEN_PARAM = 'token';

/** client → server: call a channel; the reply carries the same id. */
export const invokeFrameSchema = z.strictObject({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().max(100),
  // The channel's own schema checks the arguments; this only bounds their count.
  args: z.array(z.unknown()).max(16),
});
export type InvokeFrame = z.infer<typeof invokeFrameSchema>;

/** server → client: the outcome of one invoke, always a value, never a thrown error. */
export interface ResultFrame {
  readonly type: 'result';
  readonly id: number;
  readonly result: WireResult<InvokeChannel>;
}

/** server → client: an event pushed to every connected page. */
export type EventFrame = {
  readonly [E in EventChannel]: { readonly type: 'event'; readonly channel: E; readonly payload: EventPayloads[E] };
}[EventChannel];

export type ServerFrame = ResultFrame | EventFrame;
export type ClientFrame = InvokeFrame;

/** Enough of a server frame to route it; payloads are main's own and trusted as typed. */
export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      // Loose: an AppError's other fields (libvirt's code, a host key's facts) are what the
      // window's advice is made of; a plain object schema would silently strip them.
      z.object({ ok: z.literal(false), error: z.looseObject({ kind: z.string(), message: z.string() }) }),
    ]),
  }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
]);
