/**
 * Domain events: one registration with the daemon per event id, fanned out locally to
 * any number of listeners; the registration is dropped when the last listener goes.
 */
import { LibvirtError } from '../../errors';
import { ErrorCode, ErrorLevel } from '../../protocol/error-codes';
import { DomainEventId, eventMessages, lifecycleEventName } from '../../protocol/events';
import { Program } from '../../protocol/constants';
import type { RpcClient } from '../../rpc/client';
import type { Packet } from '../../rpc/packet';
import { decode, encode } from '../../xdr/codec';
import { procedures } from '../../protocol/procedures';
import type { LifecycleEvent, Unsubscribe } from '../../driver/model';

type Listener = (event: LifecycleEvent) => void;

interface Registration {
  readonly eventId: number;
  readonly listeners: Set<Listener>;
  /** Resolves to the daemon's callback id once REGISTER_ANY answered. */
  readonly callbackId: Promise<number>;
}

export class DomainEventHub {
  private readonly registrations = new Map<number, Registration>();
  /** Daemon callback id -> registration, for routing incoming events. */
  private readonly byCallbackId = new Map<number, Registration>();

  constructor(
    private readonly rpc: RpcClient,
    /** Asks the daemon about REMOTE_EVENT_CALLBACK (once): open() does not, so that a connection that never listens never asks. */
    private readonly eventCallbackSupported: () => Promise<boolean>,
    /** Listener failures must not break the connection; they are reported here. */
    private readonly onListenerError: (error: unknown) => void,
  ) {
    rpc.onMessage((packet) => { this.route(packet); });
  }

  async onLifecycle(listener: Listener): Promise<Unsubscribe> {
    if (!(await this.eventCallbackSupported())) {
      throw new LibvirtError(
        ErrorCode.NO_SUPPORT,
        0,
        ErrorLevel.ERROR,
        'the daemon does not support event callbacks (REMOTE_EVENT_CALLBACK, libvirt >= 1.2.1)',
      );
    }
    const registration = this.registrationFor(DomainEventId.LIFECYCLE);
    registration.listeners.add(listener);
    try {
      await registration.callbackId;
    } catch (error) {
      registration.listeners.delete(listener);
      throw error;
    }
    return async () => {
      if (!registration.listeners.delete(listener) || registration.listeners.size > 0) return;
      await this.deregister(registration);
    };
  }

  private registrationFor(eventId: number): Registration {
    const existing = this.registrations.get(eventId);
    if (existing !== undefined) return existing;
    const register = procedures.connectDomainEventCallbackRegisterAny;
    // The id is recorded while the reply is decoded, not a microtask later: an event may
    // follow the reply in the same chunk and must find its registration.
    const callbackId = this.rpc.callRaw(
      Program.REMOTE,
      register.number,
      encode(register.args, { eventID: eventId, dom: null }),
      (reply) => {
        const { callbackID } = decode(register.ret, reply, 'register reply');
        this.byCallbackId.set(callbackID, registration);
        return callbackID;
      },
      { label: 'connectDomainEventCallbackRegisterAny' },
    );
    const registration: Registration = { eventId, listeners: new Set(), callbackId };
    this.registrations.set(eventId, registration);
    // A failed registration is forgotten so the next subscriber tries again.
    callbackId.catch(() => {
      if (this.registrations.get(eventId) === registration) this.registrations.delete(eventId);
    });
    return registration;
  }

  private async deregister(registration: Registration): Promise<void> {
    if (this.registrations.get(registration.eventId) === registration) {
      this.registrations.delete(registration.eventId);
    }
    const callbackID = await registration.callbackId;
    this.byCallbackId.delete(callbackID);
    if (this.rpc.closed !== null) return;
    await this.rpc.call('connectDomainEventCallbackDeregisterAny', { callbackID });
  }

  private route({ header, payload }: Packet): void {
    if (header.program !== Program.REMOTE) return;
    if (header.procedure !== eventMessages.domainEventCallbackLifecycle.number) return;
    // A malformed event throws ProtocolError here, which ends the connection as it should.
    const { callbackID, msg } = decode(eventMessages.domainEventCallbackLifecycle.codec, payload, 'lifecycle event');
    const registration = this.byCallbackId.get(callbackID);
    if (registration === undefined) return; // raced with deregistration: harmless
    const event: LifecycleEvent = {
      domain: msg.dom,
      event: lifecycleEventName(msg.event),
      eventCode: msg.event,
      detail: msg.detail,
    };
    for (const listener of [...registration.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
