/**
 * THE contract between the untrusted renderer and the main process. Every invoke channel
 * is declared once here: a schema for its arguments (main validates every call against it,
 * as input from a stranger) and the type of its result. Both sides derive their types
 * from this file; no channel name exists anywhere else as a bare string.
 */
import { z } from 'zod';
import type {
  AppError,
} from './errors';
import type {
  ConnectionProfile,
  ConnectionState,
  ConnectionView,
  DomainSummary,
  HostInfo,
  NetworkSummary,
  Prompt,
  StatsTick,
  StoragePoolSummary,
} from './model';
import { DOMAIN_ACTIONS } from './model';

/** Bounds on what a caller may send: nothing unbounded reaches main's handlers. */
const LIMITS = { id: 64, uri: 4096, name: 200, secret: 4096, responses: 32, xml: 1_000_000 } as const;

const id = z.string().min(1).max(LIMITS.id).regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, _ and -');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID looks like 8-4-4-4-12 hex digits');

export const profileInputSchema = z.strictObject({
  uri: z.string().trim().min(1, 'a connection needs a URI').max(LIMITS.uri),
  name: z.string().trim().max(LIMITS.name),
  autoconnect: z.boolean(),
  reconnect: z.boolean(),
});

export const promptAnswerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept') }),
  z.strictObject({ kind: z.literal('reject') }),
  z.strictObject({ kind: z.literal('secret'), value: z.string().max(LIMITS.secret) }),
  z.strictObject({ kind: z.literal('responses'), values: z.array(z.string().max(LIMITS.secret)).max(LIMITS.responses) }),
]);

/** Invoke channels: argument tuple schema → result type. */
export const invokeSchemas = {
  'app.info': z.tuple([]),
  'connections.list': z.tuple([]),
  'connections.add': z.tuple([profileInputSchema]),
  'connections.update': z.tuple([id, profileInputSchema.partial()]),
  'connections.remove': z.tuple([id]),
  'connections.open': z.tuple([id]),
  'connections.close': z.tuple([id]),
  'connections.test': z.tuple([z.string().trim().min(1, 'a connection needs a URI').max(LIMITS.uri)]),
  'host.info': z.tuple([id]),
  'host.capabilities': z.tuple([id]),
  'domains.list': z.tuple([id]),
  'domains.action': z.tuple([id, uuid, z.enum(DOMAIN_ACTIONS)]),
  'domains.xml': z.tuple([id, uuid]),
  'networks.list': z.tuple([id]),
  'pools.list': z.tuple([id]),
  'stats.subscribe': z.tuple([id]),
  'stats.unsubscribe': z.tuple([id]),
  'prompts.answer': z.tuple([id, promptAnswerSchema]),
  'prompts.list': z.tuple([]),
} as const;

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** How the renderer reaches main: Electron's IPC or the loopback bridge. */
  readonly shell: 'electron' | 'browser';
  /** What the person should know since start, in words: a settings file moved aside, say. */
  readonly notices: readonly string[];
}

export interface InvokeResults {
  'app.info': AppInfo;
  'connections.list': ConnectionView[];
  'connections.add': ConnectionProfile;
  'connections.update': ConnectionProfile;
  'connections.remove': null;
  'connections.open': null;
  'connections.close': null;
  /** Opens the URI once, reads the host's facts and closes it: the dialog's Test connection. */
  'connections.test': HostInfo;
  'host.info': HostInfo;
  'host.capabilities': string;
  'domains.list': DomainSummary[];
  'domains.action': null;
  'domains.xml': string;
  'networks.list': NetworkSummary[];
  'pools.list': StoragePoolSummary[];
  'stats.subscribe': null;
  'stats.unsubscribe': null;
  'prompts.answer': null;
  /** Questions still waiting, oldest first: a reloaded window asks them again. */
  'prompts.list': Prompt[];
}

export type InvokeChannel = keyof typeof invokeSchemas;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeSchemas)[C]>;
export type InvokeResult<C extends InvokeChannel> = InvokeResults[C];

export const INVOKE_CHANNELS = Object.keys(invokeSchemas) as InvokeChannel[];

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'connections.changed': ConnectionView[];
  'connection.state': { readonly connectionId: string; readonly state: ConnectionState };
  /** One domain as it is now, after a lifecycle event or an action: a delta, not a re-list. */
  'domain.changed': { readonly connectionId: string; readonly domain: DomainSummary };
  'domain.removed': { readonly connectionId: string; readonly uuid: string };
  'stats.tick': StatsTick;
  'prompt.request': Prompt;
  'prompt.cancel': { readonly id: string };
}
export type EventChannel = keyof EventPayloads;
/** Every key of EventPayloads, exactly once: a channel added to one and not the other does not compile. */
const eventChannelSet = {
  'connections.changed': true,
  'connection.state': true,
  'domain.changed': true,
  'domain.removed': true,
  'stats.tick': true,
  'prompt.request': true,
  'prompt.cancel': true,
} as const satisfies Record<EventChannel, true>;
export const EVENT_CHANNELS = Object.keys(eventChannelSet) as EventChannel[];

/** What goes over the wire for an invoke: never a thrown Error, always a result value. */
export type WireResult<C extends InvokeChannel> =
  | { readonly ok: true; readonly value: InvokeResult<C> }
  | { readonly ok: false; readonly error: AppError };

/**
 * The facade the preload exposes as `window.virtdeck`: one typed method per invoke
 * channel and one subscription per event channel, built from the lists above. No generic
 * invoke(name, ...) exists, so a compromised page can reach nothing the contract lacks.
 */
export type VirtdeckApi = {
  readonly [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<WireResult<C>>;
} & {
  readonly events: { readonly [E in EventChannel]: (listener: (payload: EventPayloads[E]) => void) => () => void };
};

/** Electron's IPC channel name for a contract channel. */
export function ipcChannelName(channel: InvokeChannel | EventChannel): string {
  return `virtdeck:${channel}`;
}

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeSchemas, name);
}
