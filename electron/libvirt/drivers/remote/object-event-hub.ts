/**
 * Network and storage-pool events: like domain events, one registration with the daemon per
 * event id (REGISTER_ANY with no object: every network, every pool), fanned out locally, and
 * dropped when the last listener goes. Networks and pools differ only in their procedures and
 * messages, so one hub serves both, described by an ObjectEvents table.
 */
import { Program } from '../../protocol/constants';
import type { RpcClient } from '../../rpc/client';
import type { Packet } from '../../rpc/packet';
import { decode, encode, type Codec } from '../../xdr/codec';
import type { Unsubscribe } from '../../driver/model';

/** How one kind of object's events travel: register, deregister, and the messages to route. */
export interface ObjectEvents<E> {
  readonly label: string;
  readonly register: {
    readonly number: number;
    readonly args: (eventId: number) => Buffer;
    readonly ret: Codec<{ callbackID: number }>;
  };
  readonly deregister: (rpc: RpcClient, callbackID: number) => Promise<unknown>;
  /** Message procedure number -> decoder of its payload into the callback id and the event. */
  readonly messages: ReadonlyMap<number, (payload: Buffer) => { readonly callbackID: number; readonly event: E }>;
}

interface Registration<E> {
  readonly eventId: number;
  readonly listeners: Set<(event: E) => void>;
  readonly callbackId: Promise<number>;
}

export class ObjectEventHub<E> {
  private readonly registrations = new Map<number, Registration<E>>();
  private readonly byCallbackId = new Map<number, Registration<E>>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly spec: ObjectEvents<E>,
    private readonly onListenerError: (error: unknown) => void,
  ) {
    rpc.onMessage((packet) => { this.route(packet); });
  }

  /** Listens to the given event ids at once; the returned function drops all of them. */
  async subscribe(eventIds: readonly number[], listener: (event: E) => void): Promise<Unsubscribe> {
    const joined: Registration<E>[] = [];
    const leave = async (): Promise<void> => {
      await Promise.all(joined.splice(0).map(async (registration) => {
        if (!registration.listeners.delete(listener) || registration.listeners.size > 0) return;
        await this.deregister(registration);
      }));
    };
    try {
      for (const eventId of eventIds) {
        const registration = this.registrationFor(eventId);
        registration.listeners.add(listener);
        joined.push(registration);
        await registration.callbackId;
      }
    } catch (error) {
      await leave().catch(() => undefined);
      throw error;
    }
    return leave;
  }

  private registrationFor(eventId: number): Registration<E> {
    const existing = this.registrations.get(eventId);
    if (existing !== undefined) return existing;
    const { register } = this.spec;
    // The id is recorded while the reply is decoded, so an event in the same chunk finds it.
    const callbackId = this.rpc.callRaw(
      Program.REMOTE,
      register.number,
      register.args(eventId),
      (reply) => {
        const { callbackID } = decode(register.ret, reply, `${this.spec.label} register reply`);
        this.byCallbackId.set(callbackID, registration);
        return callbackID;
      },
      { label: `${this.spec.label} register` },
    );
    const registration: Registration<E> = { eventId, listeners: new Set(), callbackId };
    this.registrations.set(eventId, registration);
    callbackId.catch(() => {
      if (this.registrations.get(eventId) === registration) this.registrations.delete(eventId);
    });
    return registration;
  }

  private async deregister(registration: Registration<E>): Promise<void> {
    if (this.registrations.get(registration.eventId) === registration) this.registrations.delete(registration.eventId);
    const callbackID = await registration.callbackId;
    this.byCallbackId.delete(callbackID);
    if (this.rpc.closed !== null) return;
    await this.spec.deregister(this.rpc, callbackID);
  }

  private route({ header, payload }: Packet): void {
    if (header.program !== Program.REMOTE) return;
    const decodeMessage = this.spec.messages.get(header.procedure);
    if (decodeMessage === undefined) return;
    // A malformed event throws ProtocolError here, which ends the connection as it should.
    const { callbackID, event } = decodeMessage(payload);
    const registration = this.byCallbackId.get(callbackID);
    if (registration === undefined) return; // raced with deregistration: harmless
    for (const listener of [...registration.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}

/** Encodes REGISTER_ANY's arguments: the event id, and no object (all of them). */
export function registerAllArgs<A>(args: Codec<A>, make: (eventId: number) => A): (eventId: number) => Buffer {
  return (eventId) => encode(args, make(eventId));
}
