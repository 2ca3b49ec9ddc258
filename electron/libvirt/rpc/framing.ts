/**
 * Splits a byte stream into packets. Each packet starts with a u32 big-endian length
 * that counts itself; the length is checked before a single byte of the body is kept,
 * so a peer announcing 4 GiB costs us nothing.
 */
import { ProtocolError } from '../errors';
import { HEADER_SIZE, LENGTH_WORD, MESSAGE_MAX } from '../protocol/constants';

export const MIN_PACKET = LENGTH_WORD + HEADER_SIZE;

/** Throws unless `length` (the length word's value) is a plausible packet size. */
export function checkPacketLength(length: number, maxMessage = MESSAGE_MAX): void {
  if (length < MIN_PACKET) throw new ProtocolError(`packet length ${length} is below the minimum ${MIN_PACKET}`);
  if (length - LENGTH_WORD > maxMessage) {
    throw new ProtocolError(`packet length ${length} exceeds the maximum ${maxMessage + LENGTH_WORD}`);
  }
}

export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected: number | null = null;

  constructor(private readonly maxMessage = MESSAGE_MAX) {}

  /** Feeds bytes; returns every completed packet body (header + payload, no length word). */
  push(chunk: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    for (;;) {
      if (this.expected === null) {
        if (this.buffered < LENGTH_WORD) break;
        const length = this.peekLength();
        checkPacketLength(length, this.maxMessage);
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      const all = this.chunks.length === 1 && this.chunks[0] !== undefined ? this.chunks[0] : Buffer.concat(this.chunks);
      frames.push(all.subarray(LENGTH_WORD, this.expected));
      const rest = all.subarray(this.expected);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.expected = null;
    }
    return frames;
  }

  /** Bytes held for an unfinished packet (for tests and diagnostics). */
  get pendingBytes(): number {
    return this.buffered;
  }

  private peekLength(): number {
    const first = this.chunks[0];
    if (first !== undefined && first.length >= LENGTH_WORD) return first.readUInt32BE(0);
    const head = Buffer.concat(this.chunks).subarray(0, LENGTH_WORD);
    this.chunks = [Buffer.concat(this.chunks)];
    return head.readUInt32BE(0);
  }
}
