/**
 * A hostile libvirtd stand-in on a real loopback socket: it reads the client's first
 * handshake packet and answers it with one kind of misbehaviour, in real frames. The
 * "drip" kind relays the real daemon one byte per write, so a correct answer arrives in
 * pieces as small as TCP allows.
 */
import net from 'node:net';
import { LENGTH_WORD, MESSAGE_MAX, MessageStatus, MessageType, PROTOCOL_VERSION, Program } from '../../electron/libvirt/protocol/constants';
import type { Header } from '../../electron/libvirt/protocol/header';
import { FrameDecoder } from '../../electron/libvirt/rpc/framing';
import { decodePacket, encodePacket, type Packet } from '../../electron/libvirt/rpc/packet';

export const HOSTILE_KINDS = [
  'length-over-max',
  'length-zero',
  'length-under-header',
  'truncated-header',
  'truncated-body',
  'wrong-program',
  'wrong-version',
  'wrong-type',
  'wrong-status',
  'unsent-serial',
  'string-past-end',
  'array-over-max',
  'garbage',
  'stream-for-no-stream',
  'silence',
  'close-at-once',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

export interface HostileServer {
  readonly port: number;
  /** Connections accepted and not yet closed by either side. */
  readonly openSockets: number;
  close(): Promise<void>;
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0, 0);
  return b;
}

/** A header's 24 bytes with any field the test likes, valid or not. */
function rawHeader(h: Header): Buffer {
  return Buffer.concat([u32(h.program), u32(h.version), u32(h.procedure), u32(h.type), u32(h.serial), u32(h.status)]);
}

function frame(body: Buffer): Buffer {
  return Buffer.concat([u32(body.length + LENGTH_WORD), body]);
}

function replyTo(call: Packet, patch: Partial<Header> = {}): Header {
  return { ...call.header, type: MessageType.REPLY, status: MessageStatus.OK, ...patch };
}

/** libvirt's remote_error with a message whose length word promises far more than follows. */
function errorWithStringPastEnd(): Buffer {
  return Buffer.concat([u32(1), u32(12), u32(1), u32(4096), Buffer.from('only this much')]);
}

/** The bytes that answer the first call, or what the socket does instead. */
function answer(kind: Exclude<HostileKind, 'silence' | 'close-at-once'>, call: Packet): Buffer {
  switch (kind) {
    case 'length-over-max':
      return u32(MESSAGE_MAX + LENGTH_WORD + 1);
    case 'length-zero':
      return u32(0);
    case 'length-under-header':
      return Buffer.concat([u32(LENGTH_WORD + 10), Buffer.alloc(10)]);
    case 'truncated-header':
      return Buffer.concat([u32(LENGTH_WORD + 24), rawHeader(replyTo(call)).subarray(0, 10)]);
    case 'truncated-body':
      return Buffer.concat([u32(LENGTH_WORD + 24 + 64), rawHeader(replyTo(call)), Buffer.alloc(16)]);
    case 'wrong-program':
      return frame(rawHeader(replyTo(call, { program: 0x1234_5678 })));
    case 'wrong-version':
      return frame(rawHeader(replyTo(call, { version: PROTOCOL_VERSION + 1 })));
    case 'wrong-type':
      return frame(rawHeader(replyTo(call, { type: 77 as MessageType })));
    case 'wrong-status':
      return frame(rawHeader(replyTo(call, { status: 9 as MessageStatus })));
    case 'unsent-serial':
      return encodePacket(replyTo(call, { serial: call.header.serial + 1000 }), Buffer.alloc(4));
    case 'string-past-end':
      return encodePacket(replyTo(call, { status: MessageStatus.ERROR }), errorWithStringPastEnd());
    case 'array-over-max':
      // The auth list allows 20 entries; this one claims a million and sends a few.
      return encodePacket(replyTo(call), Buffer.concat([u32(1_000_000), Buffer.alloc(16)]));
    case 'garbage':
      return Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    case 'stream-for-no-stream':
      return encodePacket(
        { program: Program.REMOTE, version: PROTOCOL_VERSION, procedure: 201, type: MessageType.STREAM, serial: call.header.serial + 500, status: MessageStatus.CONTINUE },
        Buffer.from('console bytes nobody asked for'),
      );
  }
}

export async function startHostileServer(kind: HostileKind): Promise<HostileServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (kind === 'close-at-once') {
      socket.destroy();
      return;
    }
    const decoder = new FrameDecoder();
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      if (answered || kind === 'silence') return;
      const [first] = decoder.push(chunk);
      if (first === undefined) return;
      answered = true;
      socket.write(answer(kind, decodePacket(first)));
      // A truncated packet means nothing until the stream ends inside it.
      if (kind === 'truncated-header' || kind === 'truncated-body') socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('hostile server has no TCP address');
  return {
    port: address.port,
    get openSockets() {
      return sockets.size;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => { resolve(); });
    }),
  };
}

/**
 * Relays a real daemon, writing what it says one byte at a time (each write its own
 * segment): the client must reassemble every packet from single bytes.
 */
export async function startDripRelay(targetPort: number): Promise<HostileServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    client.setNoDelay(true);
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    const queue: number[] = [];
    let dripping = false;
    const drip = (): void => {
      const byte = queue.shift();
      if (byte === undefined || client.destroyed) {
        dripping = false;
        return;
      }
      client.write(Buffer.of(byte));
      setImmediate(drip);
    };
    upstream.on('data', (chunk: Buffer) => {
      for (const byte of chunk) queue.push(byte);
      if (!dripping) {
        dripping = true;
        setImmediate(drip);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('drip relay has no TCP address');
  return {
    port: address.port,
    get openSockets() {
      return sockets.size;
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => { resolve(); });
    }),
  };
}
