import { ProtocolError } from '../errors';
import { padding } from './reader';

/**
 * An append-only big-endian buffer that grows by doubling. Its memory comes unzeroed from
 * Node's pool, which costs a small call far less than a fresh zeroed allocation; every
 * byte up to `offset` is written (padding included) and nothing past it is ever exposed.
 */
export class XdrWriter {
  private buf: Buffer;
  private offset = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.offset + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.offset);
    this.buf = next;
  }

  int(v: number): void {
    if (!Number.isInteger(v) || v < -0x8000_0000 || v > 0x7fff_ffff) {
      throw new ProtocolError(`cannot encode ${v} as int`);
    }
    this.reserve(4);
    this.buf.writeInt32BE(v, this.offset);
    this.offset += 4;
  }

  uint(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) {
      throw new ProtocolError(`cannot encode ${v} as unsigned int`);
    }
    this.reserve(4);
    this.buf.writeUInt32BE(v, this.offset);
    this.offset += 4;
  }

  hyper(v: bigint): void {
    if (v < -(1n << 63n) || v >= 1n << 63n) throw new ProtocolError(`cannot encode ${v} as hyper`);
    this.reserve(8);
    this.buf.writeBigInt64BE(v, this.offset);
    this.offset += 8;
  }

  uhyper(v: bigint): void {
    if (v < 0n || v >= 1n << 64n) throw new ProtocolError(`cannot encode ${v} as unsigned hyper`);
    this.reserve(8);
    this.buf.writeBigUInt64BE(v, this.offset);
    this.offset += 8;
  }

  double(v: number): void {
    this.reserve(8);
    this.buf.writeDoubleBE(v, this.offset);
    this.offset += 8;
  }

  fixedOpaque(bytes: Uint8Array, length: number): void {
    if (bytes.length !== length) {
      throw new ProtocolError(`opaque[${length}] given ${bytes.length} bytes`);
    }
    const pad = padding(length);
    this.reserve(length + pad);
    this.buf.set(bytes, this.offset);
    this.buf.fill(0, this.offset + length, this.offset + length + pad);
    this.offset += length + pad;
  }

  varOpaque(bytes: Uint8Array, max: number): void {
    if (bytes.length > max) throw new ProtocolError(`opaque of ${bytes.length} bytes exceeds maximum ${max}`);
    this.uint(bytes.length);
    this.fixedOpaque(bytes, bytes.length);
  }

  string(v: string, max: number): void {
    const bytes = Buffer.from(v, 'utf8');
    if (bytes.length > max) throw new ProtocolError(`string of ${bytes.length} bytes exceeds maximum ${max}`);
    this.varOpaque(bytes, max);
  }

  /** Bytes already encoded elsewhere, copied as they are. */
  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.offset);
    this.offset += bytes.length;
  }

  /** The written bytes, without copying. */
  bytes(): Buffer {
    return this.buf.subarray(0, this.offset);
  }
}
