/**
 * The table of event messages (MESSAGE packets of the REMOTE program, serial 0):
 * procedure number -> payload codec. Facts from remote_protocol.x.
 */
import { int, struct, type Decoded } from '../xdr/codec';
import { domainRef, networkRef, storagePoolRef } from './types';

const lifecycle = struct({ dom: domainRef, event: int, detail: int });

export const eventMessages = {
  /** Servers without REMOTE_EVENT_CALLBACK (feature 14): no callback id. */
  domainEventLifecycle: { number: 107, codec: lifecycle },
  networkEventLifecycle: {
    number: 315,
    codec: struct({ callbackID: int, net: networkRef, event: int, detail: int }),
  },
  domainEventCallbackLifecycle: { number: 318, codec: struct({ callbackID: int, msg: lifecycle }) },
  connectEventConnectionClosed: { number: 362, codec: struct({ reason: int }) },
  storagePoolEventLifecycle: {
    number: 370,
    codec: struct({ callbackID: int, pool: storagePoolRef, event: int, detail: int }),
  },
} as const;

export type EventMessages = typeof eventMessages;
export type EventName = keyof EventMessages;
export type EventPayload<N extends EventName> = Decoded<EventMessages[N]['codec']>;

/** virDomainEventID values used with CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY. */
export const DomainEventId = { LIFECYCLE: 0, REBOOT: 1 } as const;

/** virDomainEventType: what a lifecycle event says happened. */
export const LIFECYCLE_EVENT_NAMES = [
  'defined',
  'undefined',
  'started',
  'suspended',
  'resumed',
  'stopped',
  'shutdown',
  'pmsuspended',
  'crashed',
] as const;
export type LifecycleEventName = (typeof LIFECYCLE_EVENT_NAMES)[number] | 'unknown';

export function lifecycleEventName(event: number): LifecycleEventName {
  return LIFECYCLE_EVENT_NAMES[event] ?? 'unknown';
}
