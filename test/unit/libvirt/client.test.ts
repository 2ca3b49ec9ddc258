import { afterEach, describe, expect, it } from 'vitest';
import {
  CallTimeoutError,
  ConnectionClosedError,
  LibvirtError,
  ProtocolError,
} from '../../../electron/libvirt/errors';
import { KeepaliveProcedure, MessageStatus, MessageType, Program } from '../../../electron/libvirt/protocol/constants';
import { procedures } from '../../../electron/libvirt/protocol/procedures';
import { RpcClient } from '../../../electron/libvirt/rpc/client';
import { encodePacket, type Packet } from '../../../electron/libvirt/rpc/packet';
import { decode, encode } from '../../../electron/libvirt/xdr/codec';
import { header, startFakeDaemon, type FakeDaemon } from './fake-daemon';

let daemon: FakeDaemon;
let client: RpcClient;

async function setup(): Promise<void> {
  daemon = await startFakeDaemon();
  client = new RpcClient(daemon.clientSide);
}

afterEach(async () => {
  client.close();
  await daemon.close();
});

const hostname = (name: string): Buffer => encode(procedures.connectGetHostname.ret, { hostname: name });

function closedReason(error: unknown): string {
  expect(error).toBeInstanceOf(ConnectionClosedError);
  return error instanceof ConnectionClosedError ? error.reason.kind : 'not closed';
}

describe('RpcClient calls', () => {
  it('pipelines calls and matches replies sent in reverse order', async () => {
    await setup();
    const calls = Array.from({ length: 50 }, () => client.call('connectGetHostname'));
    const packets = await daemon.next(50);
    expect(new Set(packets.map((p) => p.header.serial)).size).toBe(50);
    for (const p of [...packets].reverse()) daemon.reply(p, hostname(`h${p.header.serial}`));
    const results = await Promise.all(calls);
    expect(results.map((r) => r.hostname)).toEqual(packets.map((p) => `h${p.header.serial}`));
  });

  it('encodes arguments from the procedure table', async () => {
    await setup();
    const call = client.call('connectSupportsFeature', { feature: 10 });
    const [p] = await daemon.next();
    if (p === undefined) throw new Error('no packet');
    expect(p.header).toMatchObject({ program: Program.REMOTE, procedure: 60, type: MessageType.CALL, status: MessageStatus.OK });
    expect(decode(procedures.connectSupportsFeature.args, p.payload)).toEqual({ feature: 10 });
    daemon.reply(p, encode(procedures.connectSupportsFeature.ret, { supported: 1 }));
    expect(await call).toEqual({ supported: 1 });
  });

  it('turns an ERROR reply into a LibvirtError with code, domain and message', async () => {
    await setup();
    const call = client.call('domainLookupByName', { name: 'ghost' });
    const [p] = await daemon.next();
    if (p === undefined) throw new Error('no packet');
    daemon.replyError(p, 42, "Domain not found: no domain with matching name 'ghost'");
    const error: unknown = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibvirtError);
    expect(error).toMatchObject({ kind: 'libvirt', code: 42, codeName: 'NO_DOMAIN', domain: 12, level: 2 });
    expect(client.closed).toBeNull();
  });

  it('times out one call without closing the connection, and drops its late reply', async () => {
    await setup();
    const slow = client.call('connectGetHostname', undefined, { timeoutMs: 30 });
    const [p] = await daemon.next();
    if (p === undefined) throw new Error('no packet');
    await expect(slow).rejects.toBeInstanceOf(CallTimeoutError);
    daemon.reply(p, hostname('late'));
    const next = client.call('connectGetHostname');
    const [q] = await daemon.next();
    if (q === undefined) throw new Error('no packet');
    daemon.reply(q, hostname('on time'));
    expect((await next).hostname).toBe('on time');
  });
});

describe('RpcClient closing', () => {
  it('rejects every pending call when the daemon hangs up', async () => {
    await setup();
    const calls = [client.call('connectGetHostname'), client.call('connectGetUri')];
    await daemon.next(2);
    daemon.hangUp();
    for (const call of calls) {
      const error: unknown = await call.catch((e: unknown) => e);
      expect(closedReason(error)).toBe('peer-ended');
      expect(String(error)).toMatch(/connection to libvirtd closed/);
    }
  });

  it('rejects pending calls on a local close and refuses new ones', async () => {
    await setup();
    const pending = client.call('connectGetHostname');
    await daemon.next();
    client.close();
    expect(closedReason(await pending.catch((e: unknown) => e))).toBe('local');
    expect(closedReason(await client.call('connectGetType').catch((e: unknown) => e))).toBe('local');
  });

  it('tells close listeners why', async () => {
    await setup();
    const closed = new Promise<ConnectionClosedError>((resolve) => client.onClose(resolve));
    daemon.hangUp();
    expect((await closed).reason.kind).toBe('peer-ended');
  });

  it('ends the connection with a protocol error on a malformed reply payload', async () => {
    await setup();
    const a = client.call('connectGetHostname');
    const b = client.call('connectGetType');
    const [p] = await daemon.next(2);
    if (p === undefined) throw new Error('no packet');
    daemon.reply(p, Buffer.from([0, 0, 0, 9, 1])); // length 9, one byte present
    for (const call of [a, b]) {
      const error: unknown = await call.catch((e: unknown) => e);
      expect(closedReason(error)).toBe('protocol');
      if (error instanceof ConnectionClosedError && error.reason.kind === 'protocol') {
        expect(error.reason.error).toBeInstanceOf(ProtocolError);
      }
    }
  });

  it('ends the connection on a reply to a serial never sent', async () => {
    await setup();
    const closed = new Promise<ConnectionClosedError>((resolve) => client.onClose(resolve));
    daemon.raw(encodePacket(header({ procedure: 3, serial: 99 }), Buffer.alloc(0)));
    expect((await closed).message).toMatch(/protocol error: reply to serial 99/);
  });

  it('ends the connection on an oversized length word', async () => {
    await setup();
    const pending = client.call('connectGetHostname');
    daemon.raw(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    expect(closedReason(await pending.catch((e: unknown) => e))).toBe('protocol');
  });
});

/** Resolves when the client's end of the stream reaches the daemon's side. */
const clientEnded = (d: FakeDaemon): Promise<void> => new Promise((resolve) => {
  if (d.peer.readableEnded) resolve();
  else d.peer.once('end', () => { resolve(); });
});

/** One call out, then closeAfterCall: both packets as the daemon read them, and whether our end came. */
async function closingWithOneCallOut(): Promise<{ earlier: Packet; last: Packet; ended: () => boolean }> {
  await setup();
  const pending = client.call('connectGetHostname');
  const [earlier] = await daemon.next();
  let ended = false;
  void clientEnded(daemon).then(() => { ended = true; });
  client.closeAfterCall('connectClose', 60_000);
  expect(closedReason(await pending.catch((e: unknown) => e))).toBe('local');
  expect(closedReason(await client.call('connectGetType').catch((e: unknown) => e))).toBe('local');
  const [last] = await daemon.next();
  expect(last?.header.procedure).toBe(procedures.connectClose.number);
  if (earlier === undefined || last === undefined) throw new Error('no call');
  return { earlier, last, ended: () => ended };
}

describe('RpcClient closing after a last call (CONNECT_CLOSE)', () => {
  it('refuses calls at once but ends the stream only once the last call was answered', async () => {
    const { earlier, last, ended } = await closingWithOneCallOut();
    // Other packets (a late reply, an event) do not end the wait; the daemon's end would
    // come only after its reply, and a client that ends first makes libvirtd log an error.
    daemon.reply(earlier, hostname('late'));
    daemon.message(Program.KEEPALIVE, KeepaliveProcedure.PING);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended()).toBe(false);
    daemon.reply(last);
    await clientEnded(daemon);
  });

  it('keeps the stream open, after the last call was answered, until every call sent before it was', async () => {
    const { earlier, last, ended } = await closingWithOneCallOut();
    // libvirtd answers on worker threads, in any order: a worker still on the earlier call
    // when our end arrives closes the client beside the event loop, a race that crashes 9.0.
    daemon.reply(last);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended()).toBe(false);
    daemon.reply(earlier, hostname('late'));
    await clientEnded(daemon);
  });

  it('ends the stream when the reply does not come within the limit', async () => {
    await setup();
    client.closeAfterCall('connectClose', 50);
    const [last] = await daemon.next();
    expect(last?.header.procedure).toBe(procedures.connectClose.number);
    await clientEnded(daemon);
    expect(client.closed?.reason).toEqual({ kind: 'local' });
  });
});

describe('RpcClient messages and streams', () => {
  it('routes events to message listeners', async () => {
    await setup();
    const got = new Promise<Packet>((resolve) => client.onMessage(resolve));
    daemon.message(Program.REMOTE, 318, Buffer.alloc(4));
    expect((await got).header).toMatchObject({ procedure: 318, serial: 0, type: MessageType.MESSAGE });
  });

  it('routes stream packets by serial, drops a closed stream\'s, and refuses one for a serial never sent', async () => {
    await setup();
    // Six calls answered: serials 1..6 have been sent.
    const calls = Array.from({ length: 6 }, () => client.call('connectGetType'));
    for (const p of await daemon.next(6)) daemon.reply(p, encode(procedures.connectGetType.ret, { type: 'TEST' }));
    await Promise.all(calls);
    const got: Packet[] = [];
    client.setStreamHandler(5, { packet: (p) => got.push(p), closed: () => undefined });
    daemon.raw(encodePacket(header({ procedure: 201, serial: 6, type: MessageType.STREAM, status: MessageStatus.CONTINUE }), Buffer.from('lost')));
    daemon.raw(encodePacket(header({ procedure: 201, serial: 5, type: MessageType.STREAM, status: MessageStatus.CONTINUE }), Buffer.from('data')));
    // A call after the stream packets proves they were processed without harm.
    const call = client.call('connectGetType');
    const [p] = await daemon.next();
    if (p === undefined) throw new Error('no packet');
    daemon.reply(p, encode(procedures.connectGetType.ret, { type: 'TEST' }));
    await call;
    expect(got.map((g) => g.payload.toString())).toEqual(['data']);
    expect(client.closed).toBeNull();
    const closed = new Promise<Error>((resolve) => client.onClose(resolve));
    daemon.raw(encodePacket(header({ procedure: 201, serial: 99, type: MessageType.STREAM, status: MessageStatus.CONTINUE }), Buffer.from('stray')));
    expect((await closed).message).toMatch(/protocol error: stream packet for serial 99, which no call of ours opened/);
  });
});

describe('keepalive', () => {
  it('answers every PING with a PONG', async () => {
    await setup();
    daemon.message(Program.KEEPALIVE, KeepaliveProcedure.PING);
    daemon.message(Program.KEEPALIVE, KeepaliveProcedure.PING);
    const pongs = await daemon.next(2);
    for (const pong of pongs) {
      expect(pong.header).toMatchObject({
        program: Program.KEEPALIVE,
        procedure: KeepaliveProcedure.PONG,
        type: MessageType.MESSAGE,
        serial: 0,
      });
      expect(pong.payload.length).toBe(0);
    }
  });

  it('pings a silent peer and declares it dead after interval × count', async () => {
    await setup();
    const started = Date.now();
    const closed = new Promise<ConnectionClosedError>((resolve) => client.onClose(resolve));
    client.startKeepalive({ intervalMs: 20, count: 3 });
    const [ping] = await daemon.next();
    expect(ping?.header).toMatchObject({ program: Program.KEEPALIVE, procedure: KeepaliveProcedure.PING });
    const error = await closed;
    expect(error.reason.kind).toBe('keepalive-timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(error.message).toMatch(/keepalive/);
  });

  it('keeps a peer that answers alive', async () => {
    await setup();
    client.startKeepalive({ intervalMs: 20, count: 2 });
    for (let i = 0; i < 6; i++) {
      await daemon.next();
      daemon.message(Program.KEEPALIVE, KeepaliveProcedure.PONG);
    }
    expect(client.closed).toBeNull();
  });
});
