/**
 * Lifecycle events of one embedded host, fanned out to every connection that shares it.
 * Delivery is deferred to a later turn of the event loop, as libvirt dispatches events from
 * its event loop and never from inside the API call that caused them.
 */
import { lifecycleEventName } from '../../protocol/events';
import type { DomainRef, LifecycleEvent } from '../../driver/model';
import type { EventCode } from './lifecycle';

export type EventListener = (event: LifecycleEvent) => void;

export class DomainEventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: EventListener): () => void {
    // A wrapper per subscription, so that one function subscribed twice is called twice.
    const entry: EventListener = (event) => {
      listener(event);
    };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  emit(domain: DomainRef, code: EventCode): void {
    const event: LifecycleEvent = {
      domain,
      event: lifecycleEventName(code.event),
      eventCode: code.event,
      detail: code.detail,
    };
    const targets = [...this.listeners];
    setImmediate(() => {
      for (const listener of targets) {
        if (!this.listeners.has(listener)) continue;
        try {
          listener(event);
        } catch (error) {
          this.onListenerError(error);
        }
      }
    });
  }
}
