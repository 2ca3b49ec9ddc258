import { ProtocolError } from '../errors';

/** Bytes needed to pad `n` up to XDR's 4-byte unit. */
export function padding(n: number): number {
  return (4 - (n % 4)) % 4;
}

/**
 * A cursor over one received buffer. Every read checks the remaining bytes first, so a
 * truncated or lying peer gives a ProtocolError, never a RangeError or a huge allocation.
 */
export class XdrReader {
  private offset = 0;

  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  /** Fails unless `bytes` more bytes are present; call before trusting a peer's count. */
  need(bytes: number, what: string): void {
    if (bytes > this.remaining) {
      throw new ProtocolError(`truncated ${what}: needs ${bytes} bytes, ${this.remaining} left`);
    }
  }

  int(): number {
    this.need(4, 'int');
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  uint(): number {
    this.need(4, 'unsigned int');
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  hyper(): bigint {
    this.need(8, 'hyper');
    const v = this.buf.readBigInt64BE(this.offset);
    this.offset += 8;
    return v;
  }

  uhyper(): bigint {
    this.need(8, 'unsigned hyper');
    const v = this.buf.readBigUInt64BE(this.offset);
    this.offset += 8;
    return v;
  }

  double(): number {
    this.need(8, 'double');
    const v = this.buf.readDoubleBE(this.offset);
    this.offset += 8;
    return v;
  }

  /** `length` bytes plus padding; the pad must be zero as RFC 4506 says. */
  fixedOpaque(length: number): Buffer {
    const start = this.offset;
    this.skipPadded(length, `opaque[${length}]`);
    return Buffer.from(this.buf.subarray(start, start + length));
  }

  /** Moves past `length` bytes and their padding, which must be zero. */
  private skipPadded(length: number, what: string): void {
    const padded = length + padding(length);
    this.need(padded, what);
    for (let i = this.offset + length; i < this.offset + padded; i++) {
      if (this.buf[i] !== 0) throw new ProtocolError('non-zero XDR padding');
    }
    this.offset += padded;
  }

  /** `length` bytes plus padding as lower-case hex, read in place (no copy of the bytes). */
  fixedOpaqueHex(length: number): string {
    const start = this.offset;
    this.skipPadded(length, `opaque[${length}]`);
    return this.buf.toString('hex', start, start + length);
  }

  /** A u32 length checked against `max` and the remaining bytes before any copy. */
  varLength(max: number, what: string): number {
    const length = this.uint();
    if (length > max) throw new ProtocolError(`${what} length ${length} exceeds maximum ${max}`);
    return length;
  }

  varOpaque(max: number): Buffer {
    return this.fixedOpaque(this.varLength(max, 'opaque'));
  }

  /** Decoded straight from the received buffer: no intermediate copy per string. */
  string(max: number): string {
    const length = this.varLength(max, 'string');
    const start = this.offset;
    this.skipPadded(length, 'string');
    return this.buf.toString('utf8', start, start + length);
  }

  /**
   * A string the caller has probably read before (the field names of an all-domain stats
   * reply repeat in every record): when the bytes are `known`'s, all ASCII, `known` itself
   * is returned, with no decode and no new string.
   */
  stringMatching(max: number, known: string | undefined): string {
    const length = this.varLength(max, 'string');
    const start = this.offset;
    this.skipPadded(length, 'string');
    if (known !== undefined && known.length === length && asciiEquals(this.buf, start, known)) return known;
    return this.buf.toString('utf8', start, start + length);
  }

  /** The whole buffer must be consumed: trailing bytes mean we misread the layout. */
  end(what: string): void {
    if (this.remaining !== 0) {
      throw new ProtocolError(`${this.remaining} unexpected trailing bytes after ${what}`);
    }
  }
}

/** Whether `buf` holds `text`'s characters from `start`, every byte of them ASCII. */
function asciiEquals(buf: Buffer, start: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const byte = buf[start + i];
    if (byte === undefined || byte >= 0x80 || byte !== text.charCodeAt(i)) return false;
  }
  return true;
}
