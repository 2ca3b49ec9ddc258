/**
 * Lifecycle events of one embedded host, fanned out to every connection that shares it.
 * Delivery is deferred to a later turn of the event loop, as libvirt dispatches events from
 * its event loop and never from inside the API call that caused them.
 */
import { lifecycleEventName } from '../../protocol/events';
import type { DomainRef, LifecycleEvent } from '../../driver/model';
import type { EventCode } from './lifecycle';
import { ObjectEventBus } from './object-event-bus';

export type EventListener = (event: LifecycleEvent) => void;

export class DomainEventBus {
  private readonly bus: ObjectEventBus<LifecycleEvent>;

  constructor(onListenerError: (error: unknown) => void = () => undefined) {
    this.bus = new ObjectEventBus(onListenerError);
  }

  subscribe(listener: EventListener): () => void {
    return this.bus.subscribe(listener);
  }

  emit(domain: DomainRef, code: EventCode): void {
    this.bus.emit({ domain, event: lifecycleEventName(code.event), eventCode: code.event, detail: code.detail });
  }
}
