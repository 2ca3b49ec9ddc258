/**
 * One libvirt stream (a console, a screenshot) as a Node Duplex over the connection it
 * was opened on. libvirt's protocol has no window of its own: the only flow control is the
 * socket's. So a reader that stops reading pauses the whole transport once this stream's
 * buffer is full (the daemon then stops reading its console), and writes leave one packet
 * at a time, only when the transport has room, so calls made meanwhile go out between
 * them instead of behind megabytes of paste.
 */
import { Duplex } from 'node:stream';
import { ProtocolError } from '../errors';
import { HEADER_SIZE, LENGTH_WORD, MessageStatus, MessageType } from '../protocol/constants';
import { remoteError, toLibvirtError } from '../protocol/error';
import { decode } from '../xdr/codec';
import type { Packet } from './packet';

/** The most raw bytes in one packet we send: the whole packet, length word and header
 *  included, stays within 256 KiB (libvirt's own sender stops at 262120 bytes of data). */
export const STREAM_PACKET_MAX = 256 * 1024 - LENGTH_WORD - HEADER_SIZE;
/** What one stream buffers for a slow reader before the transport is paused. */
export const STREAM_READ_BUFFER = 256 * 1024;
/** How long finish waits for the daemon's OK. */
const FINISH_TIMEOUT_MS = 10_000;

/** What a stream needs of the client that carries it. */
export interface StreamLink {
  /** Queues one packet behind this connection's earlier stream packets; resolves once written. */
  send(status: MessageStatus, payload: Uint8Array): Promise<void>;
  /** Drops this stream's packets still queued (abort makes them moot). */
  discardQueued(): void;
  /** Stops reading the transport until resumeSource; counted per stream. */
  pauseSource(): void;
  resumeSource(): void;
  /** Forgets the stream: later packets for it are dropped. */
  release(): void;
}

/** Where a stream is in its life; `open` until one side ends it. */
type StreamPhase =
  | { readonly kind: 'open' }
  | { readonly kind: 'finishing'; readonly done: (error: Error | null) => void }
  | { readonly kind: 'done' };

export class RpcStream extends Duplex {
  private phase: StreamPhase = { kind: 'open' };
  private paused = false;
  private receivedEof = false;

  constructor(
    private readonly link: StreamLink,
    /** The procedure that opened it, for error messages. */
    readonly label: string,
  ) {
    super({ readableHighWaterMark: STREAM_READ_BUFFER, writableHighWaterMark: STREAM_PACKET_MAX, allowHalfOpen: true });
  }

  /** True once the daemon said end of file (an empty CONTINUE). */
  get ended(): boolean {
    return this.receivedEof;
  }

  /** Finishes the stream (virStreamFinish): our OK after any data, then the daemon's OK. */
  finish(): Promise<void> {
    return endWritable(this);
  }

  /** A STREAM packet of this stream's serial, routed here by the client. */
  packet({ header, payload }: Packet): void {
    if (header.type !== MessageType.STREAM) {
      this.destroy(new ProtocolError(`${this.label}: a sparse-stream hole on a stream that is not sparse`));
      return;
    }
    switch (header.status) {
      case MessageStatus.CONTINUE:
        this.data(payload);
        return;
      case MessageStatus.OK:
        this.completed(null);
        return;
      case MessageStatus.ERROR: {
        let error: Error;
        try {
          error = toLibvirtError(decode(remoteError, payload, `${this.label} stream error`));
        } catch (decodeError) {
          error = decodeError instanceof Error ? decodeError : new ProtocolError(String(decodeError));
        }
        this.completed(error);
        return;
      }
    }
  }

  /** The connection under the stream is gone. */
  connectionClosed(error: Error): void {
    this.completed(error);
  }

  /** Forgets a stream whose opening call failed: the daemon never had it, so no abort. */
  abandon(): void {
    this.phase = { kind: 'done' };
    this.releaseAll();
    this.destroy();
  }

  private endReadable(): void {
    if (this.receivedEof) return;
    this.receivedEof = true;
    this.push(null);
  }

  private data(payload: Buffer): void {
    if (this.receivedEof) return;
    if (payload.length === 0) {
      this.endReadable();
      return;
    }
    if (!this.push(payload) && !this.paused) {
      this.paused = true;
      this.link.pauseSource();
    }
  }

  /** The daemon ended the stream: with OK (our finish answered) or an error. */
  private completed(error: Error | null): void {
    const phase = this.phase;
    this.phase = { kind: 'done' };
    this.releaseAll();
    switch (phase.kind) {
      case 'finishing':
        if (error === null) this.endReadable();
        phase.done(error);
        return;
      case 'open':
        // An OK we never asked for ends the stream as EOF would. A stream nobody listens
        // to for errors just closes: the process must not die of a console no one watches.
        if (error === null) this.endReadable();
        else this.destroy(this.listenerCount('error') > 0 ? error : undefined);
        return;
      case 'done':
        return;
    }
  }

  override _read(): void {
    if (!this.paused) return;
    this.paused = false;
    this.link.resumeSource();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.writeChunks(chunk).then(() => { callback(); }, (error: unknown) => {
      callback(error instanceof Error ? error : new ProtocolError(String(error)));
    });
  }

  private async writeChunks(chunk: Buffer): Promise<void> {
    for (let offset = 0; offset < chunk.length; offset += STREAM_PACKET_MAX) {
      if (this.phase.kind !== 'open') throw new ProtocolError(`${this.label}: the stream has ended`);
      await this.link.send(MessageStatus.CONTINUE, chunk.subarray(offset, offset + STREAM_PACKET_MAX));
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.phase.kind !== 'open') {
      callback(this.phase.kind === 'done' ? null : new ProtocolError(`${this.label}: finished twice`));
      return;
    }
    const timer = setTimeout(() => {
      this.completed(new ProtocolError(`${this.label}: libvirtd did not confirm the end of the stream within ${FINISH_TIMEOUT_MS} ms`));
    }, FINISH_TIMEOUT_MS);
    this.phase = {
      kind: 'finishing',
      done: (error) => {
        clearTimeout(timer);
        callback(error);
      },
    };
    this.link.send(MessageStatus.OK, Buffer.alloc(0)).catch((error: unknown) => {
      this.completed(error instanceof Error ? error : new ProtocolError(String(error)));
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const phase = this.phase;
    this.phase = { kind: 'done' };
    switch (phase.kind) {
      case 'open':
      case 'finishing':
        // Abort (virStreamAbort): an ERROR with an empty body; the daemon's answer is dropped.
        this.link.discardQueued();
        this.link.send(MessageStatus.ERROR, Buffer.alloc(0)).catch(() => undefined);
        if (phase.kind === 'finishing') phase.done(error ?? new ProtocolError(`${this.label}: aborted`));
        break;
      case 'done':
        break;
    }
    this.releaseAll();
    callback(error);
  }

  private releaseAll(): void {
    if (this.paused) {
      this.paused = false;
      this.link.resumeSource();
    }
    this.link.release();
  }
}

/** Ends a stream's writable side and settles when it has finished, or with its error. */
export function endWritable(stream: Duplex): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.writableFinished) {
      resolve();
      return;
    }
    const onError = (error: Error): void => { reject(error); };
    stream.once('error', onError);
    stream.end(() => {
      stream.off('error', onError);
      resolve();
    });
  });
}
