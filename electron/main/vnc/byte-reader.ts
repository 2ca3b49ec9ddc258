/**
 * Exact-length reads from a stream during a handshake, each bounded in time. Detached
 * afterwards, it hands back the stream paused, with whatever arrived beyond the last read.
 */
import type { Duplex } from 'node:stream';

interface Want {
  readonly bytes: number;
  readonly resolve: (data: Buffer) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class ByteReader {
  private buffered: Buffer = Buffer.alloc(0);
  private want: Want | null = null;
  private failure: Error | null = null;
  private readonly onData = (chunk: Buffer): void => {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.serve();
  };
  private readonly onEnd = (): void => { this.fail(new Error('the VNC server closed the connection during its handshake')); };
  private readonly onError = (error: Error): void => { this.fail(error); };

  constructor(private readonly stream: Duplex, private readonly timeoutMs: number) {
    stream.on('data', this.onData);
    stream.on('end', this.onEnd);
    stream.on('error', this.onError);
  }

  read(bytes: number): Promise<Buffer> {
    if (this.want !== null) return Promise.reject(new Error('one read at a time'));
    // What arrived before the end is still read: a refusal's reason comes just before the close.
    if (this.buffered.length >= bytes) {
      const data = this.buffered.subarray(0, bytes);
      this.buffered = this.buffered.subarray(bytes);
      return Promise.resolve(data);
    }
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.want = null;
        reject(new Error(`the VNC server sent nothing for ${String(this.timeoutMs / 1000)} s during its handshake`));
      }, this.timeoutMs);
      this.want = { bytes, resolve, reject, timer };
      this.serve();
    });
  }

  async readU8(): Promise<number> {
    return (await this.read(1)).readUInt8(0);
  }

  async readU32(): Promise<number> {
    return (await this.read(4)).readUInt32BE(0);
  }

  /** Stops listening; returns the bytes read beyond the last request, the stream paused. */
  detach(): Buffer {
    this.stream.off('data', this.onData);
    this.stream.off('end', this.onEnd);
    this.stream.off('error', this.onError);
    this.stream.pause();
    const rest = this.buffered;
    this.buffered = Buffer.alloc(0);
    return rest;
  }

  private serve(): void {
    const want = this.want;
    if (want === null || this.buffered.length < want.bytes) return;
    this.want = null;
    clearTimeout(want.timer);
    const data = this.buffered.subarray(0, want.bytes);
    this.buffered = this.buffered.subarray(want.bytes);
    want.resolve(data);
  }

  private fail(error: Error): void {
    this.failure = error;
    const want = this.want;
    if (want === null) return;
    this.want = null;
    clearTimeout(want.timer);
    want.reject(error);
  }
}
