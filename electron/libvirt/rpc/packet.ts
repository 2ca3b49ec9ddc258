/** One packet: its header and its still-encoded payload. */
import { ProtocolError } from '../errors';
import { LENGTH_WORD, MESSAGE_MAX } from '../protocol/constants';
import { readHeader, writeHeader, type Header } from '../protocol/header';
import { XdrReader } from '../xdr/reader';
import { XdrWriter } from '../xdr/writer';

export interface Packet {
  readonly header: Header;
  readonly payload: Buffer;
}

/** Parses a frame from FrameDecoder; the header is validated, the payload is not. */
export function decodePacket(frame: Buffer): Packet {
  const r = new XdrReader(frame);
  const header = readHeader(r);
  return { header, payload: frame.subarray(frame.length - r.remaining) };
}

/** Builds the bytes of one packet, length word included. */
export function encodePacket(header: Header, payload: Uint8Array, maxMessage = MESSAGE_MAX): Buffer {
  const w = new XdrWriter(LENGTH_WORD + 24 + payload.length);
  w.uint(0);
  writeHeader(w, header);
  w.append(payload);
  const out = w.bytes();
  if (out.length - LENGTH_WORD > maxMessage) {
    throw new ProtocolError(`message of ${out.length - LENGTH_WORD} bytes exceeds the maximum ${maxMessage}`);
  }
  out.writeUInt32BE(out.length, 0);
  return out;
}
