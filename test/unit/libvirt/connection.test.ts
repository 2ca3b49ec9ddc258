import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, ConnectionClosedError } from '../../../electron/libvirt/errors';
import { openOverStream } from '../../../electron/libvirt/drivers/remote/open';
import type { RemoteConnection as Connection } from '../../../electron/libvirt/drivers/remote/connection';
import type { LifecycleEvent } from '../../../electron/libvirt/driver/model';
import { Program } from '../../../electron/libvirt/protocol/constants';
import { eventMessages } from '../../../electron/libvirt/protocol/events';
import { procedures, type ProcedureName } from '../../../electron/libvirt/protocol/procedures';
import type { Packet } from '../../../electron/libvirt/rpc/packet';
import { decode, encode } from '../../../electron/libvirt/xdr/codec';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon';

let daemon: FakeDaemon;

afterEach(async () => {
  await daemon.close();
});

const numberOf = (name: ProcedureName): number => procedures[name].number;

/**
 * Answers the handshake the way libvirtd with auth none does, round by round: the client
 * may pipeline what does not depend on an earlier answer, so each round is read whole
 * before any of it is answered.
 */
/** Answers the next `size` packets as a daemon with these features would. */
async function answerRound(features: { keepalive: boolean; events: boolean }, size: number): Promise<Packet[]> {
  const supported = (p: Packet): number => {
    const { feature } = decode(procedures.connectSupportsFeature.args, p.payload);
    if (feature === 10) return features.keepalive ? 1 : 0;
    if (feature === 14) return features.events ? 1 : 0;
    return 0;
  };
  const answer = (p: Packet): void => {
    switch (p.header.procedure) {
      case numberOf('authList'):
        daemon.reply(p, encode(procedures.authList.ret, { types: [0] }));
        return;
      case numberOf('connectSupportsFeature'):
        daemon.reply(p, encode(procedures.connectSupportsFeature.ret, { supported: supported(p) }));
        return;
      case numberOf('connectRegisterCloseCallback'):
        daemon.replyError(p, 3, 'this function is not supported by the connection driver');
        return;
      default:
        daemon.reply(p);
    }
  };
  const round = await daemon.next(size);
  round.forEach(answer);
  return round;
}

/** The opening: auth list, keepalive probe and open, in one round. */
async function answerHandshake(features: { keepalive: boolean; events: boolean }): Promise<Packet[]> {
  return answerRound(features, 3);
}

describe('handshake', () => {
  it('opens in one round trip (auth list, keepalive probe and open together), and probes event features only when read', async () => {
    daemon = await startFakeDaemon();
    const opening = openOverStream(daemon.clientSide, 'test:///default', { keepalive: false });
    const features = { keepalive: true, events: true };
    const first = await answerRound(features, 3);
    const conn = await opening;
    // Each feature is asked once, on first read.
    const eventCallback = conn.features.eventCallback;
    expect(conn.features.eventCallback).toBe(eventCallback);
    const closeCallback = conn.features.closeCallback;
    const second = await answerRound(features, 2);
    expect(await eventCallback).toBe(true);
    expect(await closeCallback).toBe(false);
    expect([first, second].map((round) => round.map((p) => p.header.procedure))).toEqual([[66, 60, 1], [60, 60]]);
    const seen = [...first, ...second];
    const probed = seen.filter((p) => p.header.procedure === 60).map((p) => decode(procedures.connectSupportsFeature.args, p.payload).feature);
    expect(probed).toEqual([10, 14, 15]);
    const openArgs = seen[2];
    expect(openArgs && decode(procedures.connectOpen.args, openArgs.payload)).toEqual({ name: 'test:///default', flags: 0 });
    expect(conn.features.keepalive).toBe(true);
    conn.rpc.close();
  });

  it('asks a SASL daemon for its mechanisms after the auth list, and names GSSAPI as unsupported, closing the stream', async () => {
    daemon = await startFakeDaemon();
    const opening = openOverStream(daemon.clientSide, 'qemu:///system');
    const [auth, keepalive, open] = await daemon.next(3);
    if (auth === undefined || keepalive === undefined || open === undefined) throw new Error('no packet');
    daemon.reply(auth, encode(procedures.authList.ret, { types: [1] }));
    // Before authentication libvirtd refuses everything else (VIR_ERR_RPC 39) and keeps the connection.
    daemon.replyError(keepalive, 39, 'authentication required');
    daemon.replyError(open, 39, 'authentication required');
    const [init] = await daemon.next(1);
    if (init === undefined) throw new Error('no packet');
    expect(init.header.procedure).toBe(67);
    daemon.reply(init, encode(procedures.authSaslInit.ret, { mechlist: 'GSSAPI' }));
    const error: unknown = await opening.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error instanceof AuthError && error.failure).toEqual({ kind: 'sasl-no-mechanism', offered: ['GSSAPI'] });
    expect(String(error)).toMatch(/GSSAPI \(Kerberos\) is not supported by this client/);
    expect(daemon.clientSide.destroyed || daemon.clientSide.writableEnded).toBe(true);
  });
});

describe('events', () => {
  async function opened(): Promise<Connection> {
    daemon = await startFakeDaemon();
    const opening = openOverStream(daemon.clientSide, 'test:///default', { keepalive: false });
    await answerHandshake({ keepalive: false, events: true });
    return opening;
  }

  function lifecycle(callbackID: number, event: number): Buffer {
    return encode(eventMessages.domainEventCallbackLifecycle.codec, {
      callbackID,
      msg: { dom: { name: 'vm1', uuid: '00000000-0000-0000-0000-000000000001', id: 3 }, event, detail: 0 },
    });
  }

  it('registers once with the daemon and fans events out to every listener', async () => {
    const conn = await opened();
    const a: LifecycleEvent[] = [];
    const b: LifecycleEvent[] = [];
    const subA = conn.onDomainLifecycle((e) => a.push(e));
    const subB = conn.onDomainLifecycle((e) => b.push(e));
    await answerRound({ keepalive: false, events: true }, 1);
    const [register] = await daemon.next();
    if (register === undefined) throw new Error('no packet');
    expect(register.header.procedure).toBe(numberOf('connectDomainEventCallbackRegisterAny'));
    expect(decode(procedures.connectDomainEventCallbackRegisterAny.args, register.payload)).toEqual({ eventID: 0, dom: null });
    daemon.reply(register, encode(procedures.connectDomainEventCallbackRegisterAny.ret, { callbackID: 7 }));
    // The event follows the reply immediately: it must not be lost.
    daemon.message(Program.REMOTE, 318, lifecycle(7, 2));
    const [unsubA, unsubB] = await Promise.all([subA, subB]);
    await expect.poll(() => b.length).toBe(1);
    expect(a[0]).toMatchObject({ event: 'started', eventCode: 2, domain: { name: 'vm1', id: 3 } });

    await unsubA();
    daemon.message(Program.REMOTE, 318, lifecycle(7, 3));
    await expect.poll(() => b.length).toBe(2);
    expect(a.length).toBe(1);

    const deregistered = unsubB();
    const [dereg] = await daemon.next();
    if (dereg === undefined) throw new Error('no packet');
    expect(dereg.header.procedure).toBe(numberOf('connectDomainEventCallbackDeregisterAny'));
    expect(decode(procedures.connectDomainEventCallbackDeregisterAny.args, dereg.payload)).toEqual({ callbackID: 7 });
    daemon.reply(dereg);
    await deregistered;
    conn.rpc.close();
  });

  it('keeps the connection when a listener throws', async () => {
    const conn = await opened();
    const sub = conn.onDomainLifecycle(() => {
      throw new Error('listener bug');
    });
    await answerRound({ keepalive: false, events: true }, 1);
    const [register] = await daemon.next();
    if (register === undefined) throw new Error('no packet');
    daemon.reply(register, encode(procedures.connectDomainEventCallbackRegisterAny.ret, { callbackID: 1 }));
    await sub;
    daemon.message(Program.REMOTE, 318, lifecycle(1, 0));
    const call = conn.capabilities();
    const [p] = await daemon.next();
    if (p === undefined) throw new Error('no packet');
    daemon.reply(p, encode(procedures.connectGetCapabilities.ret, { capabilities: '<capabilities/>' }));
    expect(await call).toBe('<capabilities/>');
    expect(conn.isOpen).toBe(true);
    conn.rpc.close();
  });

  it('closes when the daemon says the hypervisor connection closed', async () => {
    const conn = await opened();
    const closed = new Promise<ConnectionClosedError>((resolve) => conn.onClose(resolve));
    // The first close listener registers the close callback with the daemon.
    const [register] = await answerRound({ keepalive: false, events: true }, 1);
    expect(register?.header.procedure).toBe(numberOf('connectRegisterCloseCallback'));
    daemon.message(Program.REMOTE, 362, encode(eventMessages.connectEventConnectionClosed.codec, { reason: 1 }));
    expect((await closed).reason).toEqual({ kind: 'daemon', reason: 1 });
  });
});
