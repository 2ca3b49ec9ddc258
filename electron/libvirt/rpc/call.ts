/**
 * One call on the wire: its CALL packet, written header and arguments into one buffer,
 * and the book entry that settles its promise from the reply.
 */
import { ProtocolError } from '../errors';
import { LENGTH_WORD, MessageStatus, MessageType, PROTOCOL_VERSION } from '../protocol/constants';
import type { Codec } from '../xdr/codec';
import { XdrReader } from '../xdr/reader';
import { XdrWriter } from '../xdr/writer';
import type { PendingCall } from './pending';

/** A payload the caller encoded itself, copied into the packet as it is. */
export const rawBytes: Codec<Uint8Array> = {
  minSize: 0,
  encode: (w, bytes) => { w.append(bytes); },
  decode: () => { throw new ProtocolError('raw bytes are never decoded'); },
};

/** One call awaiting its reply: the book entry and the promise's settlement in one object. */
export class OutstandingCall<T> implements PendingCall {
  timer: NodeJS.Timeout | null = null;
  private resolve: (value: T) => void = () => undefined;
  fail: (error: Error) => void = () => undefined;

  constructor(
    readonly program: number,
    readonly procedure: number,
    readonly label: string,
    private readonly reply: Codec<T> | ((reply: Buffer) => T),
  ) {}

  /** The promise executor. */
  readonly bind = (resolve: (value: T) => void, reject: (error: Error) => void): void => {
    this.resolve = resolve;
    this.fail = reject;
  };

  succeed(payload: Buffer): void {
    this.resolve(typeof this.reply === 'function' ? this.reply(payload) : decodeReply(this.reply, payload, this.label));
  }
}

/** Decodes a reply that must fill `payload` exactly; the label is only spelt out for an error. */
function decodeReply<T>(codec: Codec<T>, payload: Buffer, label: string): T {
  const r = new XdrReader(payload);
  const value = codec.decode(r);
  if (r.remaining !== 0) r.end(`${label} reply`);
  return value;
}

/** A CALL packet, header and arguments written into one buffer. */
export function encodeCall<A>(program: number, procedure: number, serial: number, argsCodec: Codec<A>, args: A, maxMessage: number): Buffer {
  const w = new XdrWriter(CALL_BUFFER_BYTES);
  w.uint(0);
  w.uint(program);
  w.uint(PROTOCOL_VERSION);
  w.int(procedure);
  w.int(MessageType.CALL);
  w.uint(serial);
  w.int(MessageStatus.OK);
  argsCodec.encode(w, args);
  const out = w.bytes();
  if (out.length - LENGTH_WORD > maxMessage) {
    throw new ProtocolError(`message of ${out.length - LENGTH_WORD} bytes exceeds the maximum ${maxMessage}`);
  }
  out.writeUInt32BE(out.length, 0);
  return out;
}

/** Most calls (a domain reference and flags) fit; larger ones grow the buffer. */
const CALL_BUFFER_BYTES = 128;
