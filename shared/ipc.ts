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
  DomainStatsPoint,
  ConsoleData,
  ConsoleEnd,
  ConsoleOpened,
  DomainConsoles,
  DomainFacts,
  ScreenshotImage,
  DomainSummary,
  HostInfo,
  HostLink,
  HostStatsSample,
  NetworkSummary,
  Prompt,
  StatsTick,
  StoragePoolSummary,
  StorageVolumeSummary,
  DefinedDomain,
  SnapshotSummary,
  DomainDisk,
  DomainDeletion,
  UploadStarted,
  VolumeUploadEvent,
} from './model';
import { DOMAIN_ACTIONS, NETWORK_ACTIONS, POOL_ACTIONS } from './model';

/** Bounds on what a caller may send: nothing unbounded reaches main's handlers. */
const LIMITS = { id: 64, uri: 4096, name: 200, secret: 4096, responses: 32, xml: 1_000_000, consoleWrite: 256 * 1024 } as const;

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

export const serialOpenSchema = z.strictObject({
  /** A device alias from consoles.devices; absent: the domain's first console. */
  devName: z.string().min(1).max(LIMITS.name).regex(/^[A-Za-z0-9_.-]+$/, 'a device alias is letters, digits, _, . and -').optional(),
  /** Take over a console someone else holds; the UI asks the person first. */
  force: z.boolean(),
});

/** A libvirt object's name as the person typed it: no slash, no control characters. */
const objectName = z.string().min(1, 'a name is needed').max(LIMITS.name)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .regex(/^[^/\u0000-\u001f\u007f]+$/, 'a name has no slash and no control characters');

/** A new volume in a pool, sized in MiB (the assistant's and the volume dialog's unit). */
export const newVolumeSchema = z.strictObject({
  name: objectName,
  capacityMiB: z.number().int().min(1).max(1024 * 1024 * 1024),
  format: z.enum(['qcow2', 'raw']),
});

export const snapshotInputSchema = z.strictObject({
  name: objectName,
  description: z.string().max(LIMITS.xml / 100),
  /** Running domains only: keep the guest's memory, so a revert resumes it where it was. */
  withMemory: z.boolean(),
});

/** Console input, base64; the renderer sends a big paste in pieces of at most this. */
const consoleBytes = z.string().max(LIMITS.consoleWrite).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'console data is base64');

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
  'host.link': z.tuple([id]),
  'host.ping': z.tuple([id]),
  'host.stats.subscribe': z.tuple([id]),
  'host.stats.unsubscribe': z.tuple([id]),
  'domain.stats.subscribe': z.tuple([id, uuid]),
  'domain.stats.unsubscribe': z.tuple([id, uuid]),
  'networks.action': z.tuple([id, uuid, z.enum(NETWORK_ACTIONS)]),
  'pools.action': z.tuple([id, uuid, z.enum(POOL_ACTIONS)]),
  'pools.volumes': z.tuple([id, uuid]),
  'domains.screenshot': z.tuple([id, uuid]),
  'consoles.devices': z.tuple([id, uuid]),
  'consoles.openSerial': z.tuple([id, uuid, serialOpenSchema]),
  'consoles.openVnc': z.tuple([id, uuid]),
  'consoles.write': z.tuple([id, consoleBytes]),
  'consoles.ack': z.tuple([id, z.number().int().nonnegative().max(64 * 1024 * 1024)]),
  'consoles.close': z.tuple([id]),
  /** Defines the XML; with a new volume, creates it in the named pool first (and removes it again if the define fails). */
  'domains.define': z.tuple([id, z.string().min(1).max(LIMITS.xml), z.strictObject({ pool: objectName, volume: newVolumeSchema }).nullable()]),
  'volumes.create': z.tuple([id, uuid, newVolumeSchema]),
  'volumes.delete': z.tuple([id, uuid, objectName]),
  'snapshots.list': z.tuple([id, uuid]),
  'snapshots.create': z.tuple([id, uuid, snapshotInputSchema]),
  'snapshots.revert': z.tuple([id, uuid, objectName]),
  'snapshots.delete': z.tuple([id, uuid, objectName]),
  /**
   * A local file (a path the person typed; the window never holds files) uploaded into a new
   * raw volume of its size; progress arrives as volume.upload events for the returned id.
   */
  'volumes.upload': z.tuple([id, uuid, z.strictObject({ name: objectName, path: z.string().min(1, 'type the path of the file to upload').max(LIMITS.uri) })]),
  'volumes.uploadCancel': z.tuple([id]),
  'domains.disks': z.tuple([id, uuid]),
  'domains.clone': z.tuple([id, uuid, objectName]),
  /** Undefines the domain (destroying it first if it runs), then deletes the volumes at these disk paths. */
  'domains.delete': z.tuple([id, uuid, z.array(z.string().min(1).max(LIMITS.uri)).max(LIMITS.responses)]),
  'domains.facts': z.tuple([id, uuid]),
  'domains.setAutostart': z.tuple([id, uuid, z.boolean()]),
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
  'host.link': HostLink;
  /** Round-trip time of the cheapest call, in milliseconds. */
  'host.ping': number;
  'host.stats.subscribe': null;
  'host.stats.unsubscribe': null;
  'domain.stats.subscribe': null;
  'domain.stats.unsubscribe': null;
  'networks.action': null;
  'pools.action': null;
  'pools.volumes': StorageVolumeSummary[];
  'domains.screenshot': ScreenshotImage;
  'consoles.devices': DomainConsoles;
  'consoles.openSerial': ConsoleOpened;
  'consoles.openVnc': ConsoleOpened;
  'consoles.write': null;
  'consoles.ack': null;
  'consoles.close': null;
  'domains.define': DefinedDomain;
  'volumes.create': null;
  'volumes.delete': null;
  'snapshots.list': SnapshotSummary[];
  /** The new snapshot's name. */
  'snapshots.create': string;
  'snapshots.revert': null;
  'snapshots.delete': null;
  'volumes.upload': UploadStarted;
  'volumes.uploadCancel': null;
  'domains.disks': DomainDisk[];
  'domains.clone': DefinedDomain;
  'domains.delete': DomainDeletion;
  /** The overview's state reason, autostart and persistence, read when the details open. */
  'domains.facts': DomainFacts;
  'domains.setAutostart': null;
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
  'host.stats': HostStatsSample;
  'domain.stats': DomainStatsPoint;
  'network.changed': { readonly connectionId: string; readonly network: NetworkSummary };
  'network.removed': { readonly connectionId: string; readonly uuid: string };
  'pool.changed': { readonly connectionId: string; readonly pool: StoragePoolSummary };
  'pool.removed': { readonly connectionId: string; readonly uuid: string };
  'console.data': ConsoleData;
  'console.closed': { readonly consoleId: string; readonly end: ConsoleEnd };
  'volume.upload': VolumeUploadEvent;
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
  'host.stats': true,
  'domain.stats': true,
  'network.changed': true,
  'network.removed': true,
  'pool.changed': true,
  'pool.removed': true,
  'console.data': true,
  'console.closed': true,
  'volume.upload': true,
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
