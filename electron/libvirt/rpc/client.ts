/**
 * The RPC client over any byte stream: pipelined calls matched by serial, replies in any
 * order, events and keepalive routed by program, stream packets handed to per-serial
 * handlers. Whatever ends the connection rejects every pending call with one
 * ConnectionClosedError that says why.
 */
import type { Duplex } from 'node:stream';
import { CallTimeoutError, ConnectionClosedError, ProtocolError, type CloseReason } from '../errors';
import { KeepaliveProcedure, MESSAGE_MAX, MessageStatus, MessageType, Program, PROTOCOL_VERSION } from '../protocol/constants';
import { remoteError, toLibvirtError } from '../protocol/error';
import type { Header } from '../protocol/header';
import { procedures, type ArgsOf, type Procedure, type ProcedureName, type ResultOf } from '../protocol/procedures';
import { decode, encode, type Codec } from '../xdr/codec';
import { encodeCall, OutstandingCall, rawBytes } from './call';
import { FrameDecoder } from './framing';
import { Keepalive, type KeepaliveOptions } from './keepalive';
import { decodePacket, encodePacket, type Packet } from './packet';
import { PendingCalls } from './pending';
import { RpcStream, type StreamLink } from './stream';
import { StreamPacketQueue } from './stream-queue';

export interface CallOptions {
  /** Reject with CallTimeoutError when no reply came within this many ms. */
  readonly timeoutMs?: number;
}

export interface RpcClientOptions {
  /** Largest packet accepted or sent, without the length word (VIR_NET_MESSAGE_MAX). */
  readonly maxMessage?: number;
  /** Applied to calls that set no timeout of their own; none by default. */
  readonly defaultTimeoutMs?: number;
}

/** Receives the STREAM packets of one serial (RpcStream is the one in use). */
export interface StreamHandler {
  packet(packet: Packet): void;
  closed(error: ConnectionClosedError): void;
}

export type MessageListener = (packet: Packet) => void;
export type CloseListener = (error: ConnectionClosedError) => void;

/** Void-argument procedures may be called without arguments. */
export type CallRest<N extends ProcedureName> = ArgsOf<N> extends undefined
  ? [args?: undefined, options?: CallOptions]
  : [args: ArgsOf<N>, options?: CallOptions];

function procedureOf<N extends ProcedureName>(name: N): Procedure<ArgsOf<N>, ResultOf<N>> {
  // Safe: ArgsOf/ResultOf are derived from exactly this table row.
  return procedures[name] as unknown as Procedure<ArgsOf<N>, ResultOf<N>>;
}

const SERIAL_LIMIT = 0xffff_ffff;

export class RpcClient {
  private readonly decoder: FrameDecoder;
  private readonly pending = new PendingCalls();
  private readonly messageListeners = new Set<MessageListener>();
  private readonly closeListeners = new Set<CloseListener>();
  private readonly streamHandlers = new Map<number, StreamHandler>();
  private readonly maxMessage: number;
  private readonly defaultTimeoutMs: number | undefined;
  private lastSerial = 0;
  private keepalive: Keepalive | null = null;
  /** Why the connection ended, or null while it is open. */
  private closeReason: CloseReason | null = null;
  /** Made from closeReason when first needed: most connections end with nobody to tell. */
  private closeError: ConnectionClosedError | null = null;
  private corked = false;
  private readonly streamQueue: StreamPacketQueue;
  /** Streams whose reader is behind; the transport is paused while any is. */
  private readonly pausedBy = new Set<RpcStream>();
  /**
   * After closeAfterCall: the serials whose replies must come before the stream ends (the
   * last call's, and every call already sent), and the limit on waiting for them.
   */
  private lastCall: { readonly awaited: Set<number>; readonly timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly stream: Duplex,
    options: RpcClientOptions = {},
  ) {
    this.maxMessage = options.maxMessage ?? MESSAGE_MAX;
    this.defaultTimeoutMs = options.defaultTimeoutMs;
    this.decoder = new FrameDecoder(this.maxMessage);
    this.streamQueue = new StreamPacketQueue(stream, (bytes) => { this.write(bytes); }, () => this.closeReason === null);
    stream.on('data', (chunk: Buffer) => { this.receive(chunk); });
    stream.on('end', () => { this.peerEnded(); });
    stream.on('close', () => { this.peerEnded(); });
    stream.on('error', (error: Error) => {
      this.shutdown({ kind: 'transport', error });
      this.endAfterLastCall();
    });
  }

  /** The error the connection closed with, or null while it is open. */
  get closed(): ConnectionClosedError | null {
    return this.closeReason === null ? null : this.closedError(this.closeReason);
  }

  /** One error per connection, made on first use: capturing its stack is most of its cost. */
  private closedError(reason: CloseReason): ConnectionClosedError {
    this.closeError ??= new ConnectionClosedError(reason);
    return this.closeError;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * A REMOTE procedure, typed by the procedure table. The hot path of every listing: the
   * arguments are encoded straight into the packet and the reply decoded by the table's
   * codec, with no closure or intermediate buffer per call.
   */
  call<N extends ProcedureName>(name: N, ...rest: CallRest<N>): Promise<ResultOf<N>> {
    const [args, options] = rest;
    const p = procedureOf(name);
    // Safe: CallRest makes args optional only where the table says the args are void.
    return this.start(Program.REMOTE, p.number, p.args, args as ArgsOf<N>, p.ret, name, options?.timeoutMs);
  }

  /** Any program's procedure, with the caller's own payload encoding and reply decoding. */
  callRaw<T>(
    program: number,
    procedure: number,
    payload: Uint8Array,
    decodeReply: (reply: Buffer) => T,
    options: CallOptions & { readonly label?: string; readonly beforeSend?: (serial: number) => void } = {},
  ): Promise<T> {
    return this.start(program, procedure, rawBytes, payload, decodeReply, options.label ?? `procedure ${procedure}`, options.timeoutMs, options.beforeSend);
  }

  private start<A, T>(
    program: number,
    procedure: number,
    argsCodec: Codec<A>,
    args: A,
    reply: Codec<T> | ((reply: Buffer) => T),
    label: string,
    timeoutMs = this.defaultTimeoutMs,
    beforeSend?: (serial: number) => void,
  ): Promise<T> {
    if (this.closeReason !== null) return Promise.reject(this.closedError(this.closeReason));
    const serial = this.nextSerial();
    let bytes: Buffer;
    try {
      bytes = encodeCall(program, procedure, serial, argsCodec, args, this.maxMessage);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new ProtocolError(String(error)));
    }
    const call = new OutstandingCall<T>(program, procedure, label, reply);
    const promise = new Promise<T>(call.bind);
    if (timeoutMs !== undefined) {
      call.timer = setTimeout(() => {
        this.pending.take(serial)?.fail(new CallTimeoutError(label, timeoutMs));
      }, timeoutMs);
    }
    this.pending.add(serial, call);
    beforeSend?.(serial);
    this.write(bytes);
    return promise;
  }

  /**
   * Opens a stream (a console, a screenshot): the stream is registered before its call
   * leaves, since the daemon may send data before the reply. A failed call leaves no
   * stream behind.
   */
  async openStream<N extends ProcedureName>(name: N, ...rest: CallRest<N>): Promise<{ stream: RpcStream; result: ResultOf<N> }> {
    const [args, options] = rest;
    const p = procedureOf(name);
    // Safe: CallRest makes args optional only where the table says the args are void.
    const payload = encode(p.args, args as ArgsOf<N>);
    let stream: RpcStream | undefined;
    try {
      const result = await this.callRaw(Program.REMOTE, p.number, payload, (reply) => decode(p.ret, reply, `${name} reply`), {
        label: name,
        ...options,
        beforeSend: (serial) => { stream = this.registerStream(Program.REMOTE, p.number, serial, name); },
      });
      if (stream === undefined) throw new ProtocolError(`${name}: the stream was not registered`);
      return { stream, result };
    } catch (error) {
      stream?.abandon();
      throw error;
    }
  }

  private registerStream(program: number, procedure: number, serial: number, label: string): RpcStream {
    let released = false;
    const link: StreamLink = {
      send: (status, payload) =>
        this.queueStreamPacket(stream, { program, version: PROTOCOL_VERSION, procedure, type: MessageType.STREAM, serial, status }, payload),
      discardQueued: () => { this.streamQueue.discard(stream); },
      pauseSource: () => {
        this.pausedBy.add(stream);
        this.stream.pause();
      },
      resumeSource: () => { this.resumeFor(stream); },
      release: () => {
        if (released) return;
        released = true;
        this.resumeFor(stream);
        unregister();
      },
    };
    const stream = new RpcStream(link, label);
    const unregister = this.setStreamHandler(serial, {
      packet: (packet) => { stream.packet(packet); },
      closed: (error) => { stream.connectionClosed(error); },
    });
    return stream;
  }

  private resumeFor(stream: RpcStream): void {
    if (!this.pausedBy.delete(stream)) return;
    if (this.pausedBy.size === 0 && this.closeReason === null) this.stream.resume();
  }

  private queueStreamPacket(owner: RpcStream, header: Header, payload: Uint8Array): Promise<void> {
    if (this.closeReason !== null) return Promise.reject(this.closedError(this.closeReason));
    let bytes: Buffer;
    try {
      bytes = encodePacket(header, payload, this.maxMessage);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new ProtocolError(String(error)));
    }
    return this.streamQueue.push(owner, bytes);
  }

  /**
   * Calls made in one tick leave in one write: a burst of pipelined calls then costs the
   * kernel one syscall instead of one each, which is most of a small call's price.
   */
  private write(bytes: Buffer): void {
    if (!this.corked) {
      this.corked = true;
      this.stream.cork();
      process.nextTick(() => {
        this.corked = false;
        this.stream.uncork();
      });
    }
    this.stream.write(bytes);
  }

  /** Sends one packet that expects no reply (PONG, stream data). */
  send(header: Header, payload: Uint8Array = Buffer.alloc(0)): void {
    if (this.closeReason !== null) return;
    this.write(encodePacket(header, payload, this.maxMessage));
  }

  /** Events (MESSAGE packets of REMOTE and QEMU programs). */
  onMessage(listener: MessageListener): () => void {
    this.messageListeners.add(listener);
    return () => { this.messageListeners.delete(listener); };
  }

  onClose(listener: CloseListener): () => void {
    const closed = this.closed;
    if (closed !== null) {
      queueMicrotask(() => { listener(closed); });
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => { this.closeListeners.delete(listener); };
  }

  /** Routes STREAM packets of `serial` to `handler` until the returned function is called. */
  setStreamHandler(serial: number, handler: StreamHandler): () => void {
    this.streamHandlers.set(serial, handler);
    return () => {
      if (this.streamHandlers.get(serial) === handler) this.streamHandlers.delete(serial);
    };
  }

  /** Starts answering silence with PINGs; call once the daemon said it speaks keepalive. */
  startKeepalive(options: KeepaliveOptions): void {
    if (this.keepalive !== null || this.closeReason !== null) return;
    this.keepalive = new Keepalive(
      options,
      () => { this.sendKeepalive(KeepaliveProcedure.PING); },
      (silentMs) => { this.shutdown({ kind: 'keepalive-timeout', silentMs }); },
    );
    this.keepalive.start();
  }

  /** Ends the connection from our side; pending calls are rejected. */
  close(): void {
    this.shutdown({ kind: 'local' });
  }

  /**
   * Ends the connection from our side as close() does (pending calls rejected, new ones
   * refused, close listeners told at once), but after one last call whose reply the
   * stream stays open for, at most `timeoutMs`. libvirtd closes its side right after it
   * answered CONNECT_CLOSE; a client whose stream ends first makes it log an error for
   * the connection ("End of file while reading data", or "Cannot write data: Broken pipe"
   * for the reply). The reply itself is not decoded: whatever it says, the stream ends.
   */
  closeAfterCall(name: 'connectClose', timeoutMs: number): void {
    if (this.closeReason !== null) return;
    const p = procedureOf(name);
    const serial = this.nextSerial();
    this.write(encodeCall(Program.REMOTE, p.number, serial, p.args, undefined, this.maxMessage));
    const timer = setTimeout(() => { this.endAfterLastCall(); }, timeoutMs);
    // The daemon must not read our end while a worker of its still answers a call of ours:
    // libvirtd 9.0 then closes the client from two threads at once and can crash.
    this.lastCall = { awaited: new Set([...this.pending.serials(), serial]), timer };
    this.shutdown({ kind: 'local' });
    // A stream whose reader was behind paused the transport; the reply must get through.
    this.pausedBy.clear();
    this.stream.resume();
  }

  /** Ends the connection for a reason found above the RPC layer (e.g. the daemon's close event). */
  abort(reason: CloseReason): void {
    this.shutdown(reason);
  }

  private isClosed(): boolean {
    return this.closeReason !== null;
  }

  private nextSerial(): number {
    this.lastSerial = this.lastSerial >= SERIAL_LIMIT ? 1 : this.lastSerial + 1;
    return this.lastSerial;
  }

  /** Serials wrap after 2^32 calls; until then, anything above the last one was never sent. */
  private neverSent(serial: number): boolean {
    return serial === 0 || serial > this.lastSerial;
  }

  /** The peer's end of the stream: a clean end between packets, or a protocol error inside one. */
  private peerEnded(): void {
    // The daemon closing after the last call's reply, as it does, or without one.
    this.endAfterLastCall();
    const held = this.decoder.pendingBytes;
    if (held > 0) {
      this.shutdown({ kind: 'protocol', error: new ProtocolError(`the stream ended inside a packet, ${held} bytes into it`) });
    } else {
      this.shutdown({ kind: 'peer-ended' });
    }
  }

  private receive(chunk: Buffer): void {
    if (this.closeReason !== null) {
      this.awaitLastReply(chunk);
      return;
    }
    try {
      for (const frame of this.decoder.push(chunk)) {
        this.keepalive?.touch();
        this.dispatch(decodePacket(frame));
        // A listener may have closed the connection; the rest of the chunk is moot.
        if (this.isClosed()) return;
      }
    } catch (error) {
      const protocolError = error instanceof ProtocolError ? error : new ProtocolError(String(error));
      this.shutdown({ kind: 'protocol', error: protocolError });
    }
  }

  /** While closing after a last call: looks only for that call's reply among the packets. */
  private awaitLastReply(chunk: Buffer): void {
    const last = this.lastCall;
    if (last === null) return;
    try {
      for (const frame of this.decoder.push(chunk)) {
        const { header } = decodePacket(frame);
        if (header.type === MessageType.REPLY && last.awaited.delete(header.serial) && last.awaited.size === 0) {
          this.endAfterLastCall();
          return;
        }
      }
    } catch {
      // Bytes that are not packets end the wait: the connection is being closed anyway.
      this.endAfterLastCall();
    }
  }

  /** Ends the stream that closeAfterCall kept open; nothing else is left to send. */
  private endAfterLastCall(): void {
    const last = this.lastCall;
    if (last === null) return;
    this.lastCall = null;
    clearTimeout(last.timer);
    // Nothing of ours is left to flush once the reply came (our call was read): the stream
    // goes at once, without a half-close the daemon, closing itself, no longer reads.
    if (this.stream.writableLength === 0) this.stream.destroy();
    else this.stream.end(() => { this.stream.destroy(); });
  }

  private dispatch(packet: Packet): void {
    const { header } = packet;
    switch (header.type) {
      case MessageType.REPLY:
        this.dispatchReply(packet);
        return;
      case MessageType.MESSAGE:
        this.dispatchMessage(packet);
        return;
      case MessageType.STREAM:
      case MessageType.STREAM_HOLE: {
        const handler = this.streamHandlers.get(header.serial);
        if (handler !== undefined) {
          handler.packet(packet);
          return;
        }
        // Data for a serial we never sent is a peer out of step with us; for one we did
        // send it is a stream we already closed, whose last packets may still be in flight.
        if (this.neverSent(header.serial)) {
          throw new ProtocolError(`stream packet for serial ${header.serial}, which no call of ours opened`);
        }
        return;
      }
      case MessageType.CALL:
      case MessageType.CALL_WITH_FDS:
      case MessageType.REPLY_WITH_FDS:
        throw new ProtocolError(`unexpected message type ${header.type} from the daemon`);
    }
  }

  private dispatchReply({ header, payload }: Packet): void {
    const call = this.pending.get(header.serial);
    if (call === undefined) {
      // A reply to a call that timed out is expected; one to a serial never sent is not.
      if (this.neverSent(header.serial)) {
        throw new ProtocolError(`reply to serial ${header.serial} that was never sent`);
      }
      return;
    }
    if (call.program !== header.program || call.procedure !== header.procedure) {
      throw new ProtocolError(
        `reply for serial ${header.serial} names program 0x${header.program.toString(16)} procedure ${header.procedure}, ` +
          `expected 0x${call.program.toString(16)} procedure ${call.procedure}`,
      );
    }
    switch (header.status) {
      case MessageStatus.OK:
        // Decode before forgetting the call: a malformed payload ends the connection and
        // rejects this call with the rest.
        call.succeed(payload);
        this.pending.take(header.serial);
        return;
      case MessageStatus.ERROR: {
        const error = toLibvirtError(decode(remoteError, payload, 'error reply'));
        this.pending.take(header.serial)?.fail(error);
        return;
      }
      case MessageStatus.CONTINUE:
        throw new ProtocolError(`reply for serial ${header.serial} has status CONTINUE`);
    }
  }

  private dispatchMessage(packet: Packet): void {
    const { header } = packet;
    if (header.program === Program.KEEPALIVE) {
      if (header.procedure === KeepaliveProcedure.PING) this.sendKeepalive(KeepaliveProcedure.PONG);
      else if (header.procedure !== KeepaliveProcedure.PONG) {
        throw new ProtocolError(`unknown keepalive procedure ${header.procedure}`);
      }
      return;
    }
    for (const listener of [...this.messageListeners]) listener(packet);
  }

  private sendKeepalive(procedure: number): void {
    this.send({
      program: Program.KEEPALIVE,
      version: PROTOCOL_VERSION,
      procedure,
      type: MessageType.MESSAGE,
      serial: 0,
      status: MessageStatus.OK,
    });
  }

  private shutdown(reason: CloseReason): void {
    if (this.closeReason !== null) return;
    this.closeReason = reason;
    this.keepalive?.stop();
    if (reason.kind === 'local') {
      // Let queued writes leave before the socket goes; after closeAfterCall, only once
      // its reply came (endAfterLastCall).
      if (this.lastCall === null) this.stream.end(() => { this.stream.destroy(); });
    } else {
      this.stream.destroy();
    }
    const someoneWaits = this.pending.size > 0 || this.streamQueue.size > 0 || this.streamHandlers.size > 0 || this.closeListeners.size > 0;
    if (!someoneWaits) return;
    const error = this.closedError(reason);
    this.pending.failAll(error);
    this.streamQueue.failAll(error);
    for (const handler of [...this.streamHandlers.values()]) handler.closed(error);
    this.streamHandlers.clear();
    for (const listener of [...this.closeListeners]) listener(error);
    this.closeListeners.clear();
  }
}
