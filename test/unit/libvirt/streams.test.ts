import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibvirtError } from '../../../electron/libvirt/errors';
import { MessageStatus, MessageType, Program } from '../../../electron/libvirt/protocol/constants';
import { procedures } from '../../../electron/libvirt/protocol/procedures';
import { RpcClient } from '../../../electron/libvirt/rpc/client';
import type { Packet } from '../../../electron/libvirt/rpc/packet';
import { STREAM_READ_BUFFER, type RpcStream } from '../../../electron/libvirt/rpc/stream';
import { decode, encode } from '../../../electron/libvirt/xdr/codec';
import { waitFor } from '../../helpers/process';
import { startFakeDaemon, type FakeDaemon } from './fake-daemon';

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

const dom = { name: 'vm', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 1 };

/** Opens a console; the test answers the opening call (or not) through `answer`. */
async function openConsole(answer: (call: Packet) => void): Promise<{ stream: RpcStream; call: Packet }> {
  const opening = client.openStream('domainOpenConsole', { dom, devName: null, flags: 0 });
  const [call] = await daemon.next();
  if (call === undefined) throw new Error('no call');
  answer(call);
  const { stream } = await opening;
  return { stream, call };
}

/** One call answered by the daemon: the connection still works. */
async function roundTrip(hostname: string): Promise<string> {
  const probe = client.call('connectGetHostname');
  const [probeCall] = await daemon.next();
  if (probeCall === undefined) throw new Error('no call');
  daemon.reply(probeCall, encode(procedures.connectGetHostname.ret, { hostname }));
  return (await probe).hostname;
}

function readAll(stream: RpcStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => { resolve(Buffer.concat(chunks)); });
    stream.once('error', reject);
  });
}

function streamPacketOf(call: Packet, packet: Packet | undefined): Packet {
  if (packet === undefined) throw new Error('no packet');
  expect(packet.header).toMatchObject({
    program: Program.REMOTE,
    procedure: call.header.procedure,
    serial: call.header.serial,
    type: MessageType.STREAM,
  });
  return packet;
}

describe('RpcClient streams', () => {
  it('keeps data that arrives before the reply to the opening call', async () => {
    await setup();
    const { stream, call } = await openConsole((c) => {
      daemon.stream(c, MessageStatus.CONTINUE, Buffer.from('SeaBIOS '));
      daemon.stream(c, MessageStatus.CONTINUE, Buffer.from('(version 1.16)'));
      daemon.reply(c);
    });
    expect(call.header.procedure).toBe(procedures.domainOpenConsole.number);
    const all = readAll(stream);
    daemon.stream(call, MessageStatus.CONTINUE);
    expect((await all).toString()).toBe('SeaBIOS (version 1.16)');
  });

  it('ends at an empty CONTINUE, and finish sends OK and waits for the OK', async () => {
    await setup();
    const { stream, call } = await openConsole((c) => { daemon.reply(c); });
    const all = readAll(stream);
    daemon.stream(call, MessageStatus.CONTINUE, Buffer.from('bye'));
    daemon.stream(call, MessageStatus.CONTINUE);
    expect((await all).toString()).toBe('bye');

    let finished = false;
    const finishing = stream.finish().then(() => { finished = true; });
    const ok = streamPacketOf(call, (await daemon.next())[0]);
    expect(ok.header.status).toBe(MessageStatus.OK);
    expect(ok.payload.length).toBe(0);
    // A round trip on the same connection: had finish not waited, it would be done by now.
    expect(await roundTrip('h')).toBe('h');
    expect(finished).toBe(false);
    daemon.stream(call, MessageStatus.OK);
    await finishing;
    expect(finished).toBe(true);
  });

  it('writes what it is given as CONTINUE packets of raw bytes', async () => {
    await setup();
    const { stream, call } = await openConsole((c) => { daemon.reply(c); });
    stream.write('ls\r');
    const data = streamPacketOf(call, (await daemon.next())[0]);
    expect(data.header.status).toBe(MessageStatus.CONTINUE);
    expect(data.payload.toString()).toBe('ls\r');
  });

  it('aborts with an empty ERROR and drops whatever comes for the stream afterwards', async () => {
    await setup();
    const { stream, call } = await openConsole((c) => { daemon.reply(c); });
    const received: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => received.push(chunk));
    stream.destroy();
    const abort = streamPacketOf(call, (await daemon.next())[0]);
    expect(abort.header.status).toBe(MessageStatus.ERROR);
    expect(abort.payload.length).toBe(0);
    daemon.stream(call, MessageStatus.OK);
    daemon.stream(call, MessageStatus.CONTINUE, Buffer.from('late'));
    // The connection is still healthy, and the late data went nowhere.
    expect(await roundTrip('still-here')).toBe('still-here');
    expect(received).toEqual([]);
    expect(client.closed).toBeNull();
  });

  it('fails with the daemon error struct when the stream breaks mid-way', async () => {
    await setup();
    const { stream, call } = await openConsole((c) => { daemon.reply(c); });
    const all = readAll(stream);
    daemon.stream(call, MessageStatus.CONTINUE, Buffer.from('half'));
    daemon.streamError(call, 1, 'internal error: character device console0 is not using a PTY');
    const error = await all.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(LibvirtError);
    expect((error as LibvirtError).message).toBe('internal error: character device console0 is not using a PTY');
    expect(client.closed).toBeNull();
  });

  it('leaves no stream behind when the opening call fails', async () => {
    await setup();
    const opening = client.openStream('domainOpenConsole', { dom, devName: 'serial9', flags: 0 });
    const [call] = await daemon.next();
    if (call === undefined) throw new Error('no call');
    daemon.replyError(call, 55, 'Requested operation is not valid: cannot find character device serial9');
    await expect(opening).rejects.toThrow(/cannot find character device serial9/);
    // Data for the dead serial is dropped, not fatal.
    daemon.stream(call, MessageStatus.CONTINUE, Buffer.from('x'));
    expect(await roundTrip('ok')).toBe('ok');
  });

  it('pauses the source for a stalled reader, so memory stays bounded, and loses nothing', async () => {
    await setup();
    const { stream, call } = await openConsole((c) => { daemon.reply(c); });
    const sent = createHash('sha256');
    const total = 16 * 1024 * 1024;
    for (let i = 0; i < total / 65536; i += 1) {
      const chunk = Buffer.alloc(65536, i % 251);
      sent.update(chunk);
      daemon.stream(call, MessageStatus.CONTINUE, chunk);
    }
    daemon.stream(call, MessageStatus.CONTINUE);
    // Nobody reads: the client stops reading its socket and the backlog stays with the sender.
    await waitFor('the client to pause its socket', () => daemon.clientSide.isPaused(), 10_000);
    let last = -1;
    await waitFor('the sender to stall', () => {
      const now = daemon.peer.writableLength;
      const stalled = now === last;
      last = now;
      return stalled;
    }, 10_000);
    const heldByClient = stream.readableLength + daemon.clientSide.readableLength;
    expect(heldByClient).toBeLessThanOrEqual(STREAM_READ_BUFFER + 2 * 1024 * 1024);
    expect(daemon.peer.writableLength).toBeGreaterThan(total / 2);

    const got = createHash('sha256');
    let length = 0;
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => { got.update(chunk); length += chunk.length; });
      stream.once('end', resolve);
      stream.once('error', reject);
    });
    expect(length).toBe(total);
    expect(got.digest('hex')).toBe(sent.digest('hex'));
  });

  it('reads past a stalled reader\'s backlog to the last call\'s reply when closing', async () => {
    await setup();
    const { call } = await openConsole((c) => { daemon.reply(c); });
    for (let i = 0; i < 64; i += 1) daemon.stream(call, MessageStatus.CONTINUE, Buffer.alloc(65536, i));
    await waitFor('the client to pause its socket', () => daemon.clientSide.isPaused(), 10_000);
    const ended = new Promise<void>((resolve) => { daemon.peer.once('end', () => { resolve(); }); });
    // A limit longer than the test's: only the reply can end the stream in time.
    client.closeAfterCall('connectClose', 600_000);
    const [last] = await daemon.next();
    if (last === undefined) throw new Error('no close call');
    expect(last.header.procedure).toBe(procedures.connectClose.number);
    daemon.reply(last);
    await ended;
  });

  it('chunks a 10 MB paste so calls made during it go out between its packets and complete', async () => {
    await setup();
    const { stream, call } = await openConsole((c) => { daemon.reply(c); });
    const paste = Buffer.alloc(10 * 1024 * 1024, 'a');
    const pasted = new Promise<void>((resolve, reject) => {
      stream.write(paste, (error) => { if (error) reject(error); else resolve(); });
    });

    let streamBytes = 0;
    let largestPacket = 0;
    let calls: Promise<unknown>[] = [];
    let streamBytesWhenCalled = 0;
    const streamBytesAtCall: number[] = [];
    while (streamBytes < paste.length || streamBytesAtCall.length < 10) {
      const [packet] = await daemon.next();
      if (packet === undefined) throw new Error('no packet');
      if (packet.header.type === MessageType.CALL) {
        streamBytesAtCall.push(streamBytes);
        daemon.reply(packet, encode(procedures.connectGetHostname.ret, { hostname: `h${packet.header.serial}` }));
        continue;
      }
      streamPacketOf(call, packet);
      streamBytes += packet.payload.length;
      largestPacket = Math.max(largestPacket, packet.payload.length + 28);
      // The paste is under way: now the app polls its stats, say.
      if (calls.length === 0 && streamBytes >= 1024 * 1024) {
        streamBytesWhenCalled = streamBytes;
        calls = Array.from({ length: 10 }, () => client.call('connectGetHostname'));
      }
    }
    expect((await Promise.all(calls)).length).toBe(10);
    await pasted;
    expect(streamBytes).toBe(paste.length);
    expect(largestPacket).toBeLessThanOrEqual(256 * 1024);
    // The calls overtook the rest of the paste instead of queueing behind it.
    expect(Math.max(...streamBytesAtCall) - streamBytesWhenCalled).toBeLessThan(paste.length / 2);
  });

  it('fails the stream when the connection goes', async () => {
    await setup();
    const { stream } = await openConsole((c) => { daemon.reply(c); });
    const all = readAll(stream);
    daemon.hangUp();
    await expect(all).rejects.toThrow(/connection to libvirtd closed/);
  });

  it('decodes the screenshot reply beside its stream', async () => {
    await setup();
    const opening = client.openStream('domainScreenshot', { dom, screen: 0, flags: 0 });
    const [call] = await daemon.next();
    if (call === undefined) throw new Error('no call');
    expect(decode(procedures.domainScreenshot.args, call.payload)).toMatchObject({ screen: 0, flags: 0 });
    daemon.reply(call, encode(procedures.domainScreenshot.ret, { mime: 'image/png' }));
    const { stream, result } = await opening;
    expect(result.mime).toBe('image/png');
    const all = readAll(stream);
    daemon.stream(call, MessageStatus.CONTINUE, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    daemon.stream(call, MessageStatus.CONTINUE);
    expect([...(await all)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});
