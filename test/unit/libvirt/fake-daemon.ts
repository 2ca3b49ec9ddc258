/**
 * A scripted libvirtd stand-in on a real loopback socket: it reads the client's packets
 * and lets a test answer them in any order, or send whatever bytes it likes.
 */
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { MessageStatus, MessageType, PROTOCOL_VERSION, Program } from '../../../electron/libvirt/protocol/constants';
import type { Header } from '../../../electron/libvirt/protocol/header';
import { remoteError } from '../../../electron/libvirt/protocol/error';
import { FrameDecoder } from '../../../electron/libvirt/rpc/framing';
import { decodePacket, encodePacket, type Packet } from '../../../electron/libvirt/rpc/packet';
import { encode } from '../../../electron/libvirt/xdr/codec';

export interface FakeDaemon {
  /** The client's end of the connection. */
  readonly clientSide: Duplex;
  /** Resolves with the next `n` packets the client sends (buffered if already sent). */
  next(n?: number): Promise<Packet[]>;
  reply(call: Packet, payload?: Uint8Array): void;
  replyError(call: Packet, code: number, message: string): void;
  /** A STREAM packet of the stream `call` opened: data (CONTINUE), OK, or an error struct. */
  stream(call: Packet, status: MessageStatus, payload?: Uint8Array): void;
  /** A stream ERROR carrying libvirt's error struct. */
  streamError(call: Packet, code: number, message: string): void;
  /** The daemon's end of the socket, to watch its write buffer. */
  readonly peer: net.Socket;
  /** An event or keepalive message (serial 0). */
  message(program: number, procedure: number, payload?: Uint8Array): void;
  raw(bytes: Uint8Array): void;
  /** Cuts the connection from the daemon's side. */
  hangUp(): void;
  close(): Promise<void>;
}

export function header(fields: Partial<Header> & Pick<Header, 'procedure'>): Header {
  return {
    program: Program.REMOTE,
    version: PROTOCOL_VERSION,
    type: MessageType.REPLY,
    serial: 0,
    status: MessageStatus.OK,
    ...fields,
  };
}

function errorStruct(code: number, message: string): Buffer {
  return encode(remoteError, {
    code,
    domain: 12,
    message,
    level: 2,
    dom: null,
    str1: null,
    str2: null,
    str3: null,
    int1: 0,
    int2: 0,
    net: null,
  });
}

export async function startFakeDaemon(): Promise<FakeDaemon> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const clientSide = net.connect({ host: '127.0.0.1', port: address.port });
  const peer = await accepted;
  await new Promise<void>((resolve) => clientSide.once('connect', () => { resolve(); }));

  const decoder = new FrameDecoder();
  const received: Packet[] = [];
  let waiter: { n: number; resolve: (p: Packet[]) => void } | null = null;
  const flush = (): void => {
    if (waiter !== null && received.length >= waiter.n) {
      const w = waiter;
      waiter = null;
      w.resolve(received.splice(0, w.n));
    }
  };
  peer.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) received.push(decodePacket(frame));
    flush();
  });
  peer.on('error', () => undefined);

  return {
    clientSide,
    next(n = 1) {
      return new Promise((resolve) => {
        waiter = { n, resolve };
        flush();
      });
    },
    reply(call, payload = Buffer.alloc(0)) {
      peer.write(encodePacket({ ...call.header, type: MessageType.REPLY, status: MessageStatus.OK }, payload));
    },
    peer,
    stream(call, status, payload = Buffer.alloc(0)) {
      peer.write(encodePacket({ ...call.header, type: MessageType.STREAM, status }, payload));
    },
    streamError(call, code, message) {
      peer.write(encodePacket({ ...call.header, type: MessageType.STREAM, status: MessageStatus.ERROR }, errorStruct(code, message)));
    },
    replyError(call, code, message) {
      const payload = errorStruct(code, message);
      peer.write(encodePacket({ ...call.header, type: MessageType.REPLY, status: MessageStatus.ERROR }, payload));
    },
    message(program, procedure, payload = Buffer.alloc(0)) {
      peer.write(encodePacket(header({ program, procedure, type: MessageType.MESSAGE }), payload));
    },
    raw(bytes) {
      peer.write(bytes);
    },
    hangUp() {
      peer.destroy();
    },
    async close() {
      peer.destroy();
      clientSide.destroy();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}
