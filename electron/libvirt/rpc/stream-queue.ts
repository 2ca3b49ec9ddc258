/**
 * Stream packets waiting for room on the transport. They leave one at a time, each only
 * once the transport has room, so a call made during a 10 MB paste waits behind one
 * packet, not behind the paste.
 */
import type { Duplex } from 'node:stream';
import { ProtocolError } from '../errors';
import type { RpcStream } from './stream';

interface QueuedPacket {
  readonly owner: RpcStream;
  readonly bytes: Buffer;
  readonly settle: (error: Error | null) => void;
}

export class StreamPacketQueue {
  private readonly queued: QueuedPacket[] = [];
  private waitingDrain = false;

  constructor(
    private readonly transport: Duplex,
    /** Hands bytes to the transport (the client's corked write). */
    private readonly write: (bytes: Buffer) => void,
    private readonly isOpen: () => boolean,
  ) {}

  get size(): number {
    return this.queued.length;
  }

  /** Resolves once the packet was handed to the transport. */
  push(owner: RpcStream, bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ owner, bytes, settle: (error) => { if (error === null) resolve(); else reject(error); } });
      this.pump();
    });
  }

  /** Drops what `owner` queued (its stream was aborted), rejecting each. */
  discard(owner: RpcStream): void {
    const kept = this.queued.filter((p) => p.owner !== owner);
    const dropped = this.queued.filter((p) => p.owner === owner);
    this.queued.splice(0, this.queued.length, ...kept);
    for (const packet of dropped) packet.settle(new ProtocolError(`${owner.label}: the stream was aborted`));
  }

  /** The connection ended: nothing queued will leave. */
  failAll(error: Error): void {
    for (const packet of this.queued.splice(0)) packet.settle(error);
  }

  private pump(): void {
    while (this.queued.length > 0 && this.isOpen() && !this.transport.writableNeedDrain) {
      const next = this.queued.shift();
      if (next === undefined) break;
      this.write(next.bytes);
      next.settle(null);
    }
    if (this.queued.length > 0 && !this.waitingDrain && this.isOpen()) {
      this.waitingDrain = true;
      this.transport.once('drain', () => {
        this.waitingDrain = false;
        this.pump();
      });
    }
  }
}
