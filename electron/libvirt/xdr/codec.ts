/**
 * Typed XDR codec combinators. A codec knows how to write and read one XDR type, and the
 * TypeScript type of a decoded value is derived from the codec, so a protocol table
 * written once gives both the wire format and the API types.
 */
import { ProtocolError } from '../errors';
import { padding, XdrReader } from './reader';
import { XdrWriter } from './writer';

export interface Codec<T> {
  /** The fewest bytes one value can take on the wire; bounds counts before allocation. */
  readonly minSize: number;
  encode(w: XdrWriter, value: T): void;
  decode(r: XdrReader): T;
}

/** The TypeScript type a codec decodes to. */
export type Decoded<C> = C extends Codec<infer T> ? T : never;

function codec<T>(minSize: number, encode: Codec<T>['encode'], decode: Codec<T>['decode']): Codec<T> {
  return { minSize, encode, decode };
}

export const voidCodec: Codec<undefined> = codec(
  0,
  () => undefined,
  () => undefined,
);
export const int: Codec<number> = codec(4, (w, v) => { w.int(v); }, (r) => r.int());
export const uint: Codec<number> = codec(4, (w, v) => { w.uint(v); }, (r) => r.uint());
export const hyper: Codec<bigint> = codec(8, (w, v) => { w.hyper(v); }, (r) => r.hyper());
export const uhyper: Codec<bigint> = codec(8, (w, v) => { w.uhyper(v); }, (r) => r.uhyper());
export const double: Codec<number> = codec(8, (w, v) => { w.double(v); }, (r) => r.double());

/** XDR bool: an int that must be 0 or 1. */
export const bool: Codec<boolean> = codec(
  4,
  (w, v) => { w.int(v ? 1 : 0); },
  (r) => {
    const v = r.int();
    if (v !== 0 && v !== 1) throw new ProtocolError(`invalid bool ${v}`);
    return v === 1;
  },
);

export function string(max: number): Codec<string> {
  return codec(4, (w, v) => { w.string(v, max); }, (r) => r.string(max));
}

export function fixedOpaque(length: number): Codec<Buffer> {
  return codec(
    length + padding(length),
    (w, v) => { w.fixedOpaque(v, length); },
    (r) => r.fixedOpaque(length),
  );
}

export function varOpaque(max: number): Codec<Buffer> {
  return codec(4, (w, v) => { w.varOpaque(v, max); }, (r) => r.varOpaque(max));
}

/** `T *x`: a presence flag then the value; decoded absence is `null`. */
export function optional<T>(inner: Codec<T>): Codec<T | null> {
  return codec(
    4,
    (w, v) => {
      if (v === null) {
        w.uint(0);
        return;
      }
      w.uint(1);
      inner.encode(w, v);
    },
    (r) => {
      const present = r.uint();
      if (present === 0) return null;
      if (present !== 1) throw new ProtocolError(`invalid optional flag ${present}`);
      return inner.decode(r);
    },
  );
}

export function fixedArray<T>(inner: Codec<T>, length: number): Codec<T[]> {
  return codec(
    inner.minSize * length,
    (w, v) => {
      if (v.length !== length) throw new ProtocolError(`array[${length}] given ${v.length} elements`);
      for (const item of v) inner.encode(w, item);
    },
    (r) => {
      r.need(inner.minSize * length, `array[${length}]`);
      const out: T[] = [];
      for (let i = 0; i < length; i++) out.push(inner.decode(r));
      return out;
    },
  );
}

export function varArray<T>(inner: Codec<T>, max: number): Codec<T[]> {
  return codec(
    4,
    (w, v) => {
      if (v.length > max) throw new ProtocolError(`array of ${v.length} elements exceeds maximum ${max}`);
      w.uint(v.length);
      for (const item of v) inner.encode(w, item);
    },
    (r) => {
      const count = r.varLength(max, 'array');
      // A lying count is caught here, before the loop allocates anything for it.
      r.need(count * inner.minSize, `array of ${count} elements`);
      const out: T[] = [];
      for (let i = 0; i < count; i++) out.push(inner.decode(r));
      return out;
    },
  );
}

type Fields = Record<string, Codec<unknown>>;
export type StructOf<F extends Fields> = { [K in keyof F]: Decoded<F[K]> };

/** Fields are encoded in the object's key order, which is the declaration order. */
export function struct<F extends Fields>(fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields);
  const minSize = entries.reduce((sum, [, c]) => sum + c.minSize, 0);
  return codec(
    minSize,
    (w, v) => {
      for (const [key, c] of entries) c.encode(w, v[key]);
    },
    (r) => {
      const out: Record<string, unknown> = {};
      for (const [key, c] of entries) out[key] = c.decode(r);
      // Safe: every key of F was just filled by its own codec.
      return out as StructOf<F>;
    },
  );
}

/** One arm of a discriminated union: its discriminant value and its codec. */
export interface Arm<T> {
  readonly discriminant: number;
  readonly codec: Codec<T>;
}
export function arm<T>(discriminant: number, c: Codec<T>): Arm<T> {
  return { discriminant, codec: c };
}

type Arms = Record<string, Arm<unknown>>;
export type UnionOf<A extends Arms> = {
  [K in keyof A & string]: { readonly kind: K; readonly value: A[K] extends Arm<infer T> ? T : never };
}[keyof A & string];

/** An XDR union on an int discriminant; arms are named so decoded values read well. */
export function union<A extends Arms>(arms: A): Codec<UnionOf<A>> {
  const byDiscriminant = new Map<number, [string, Arm<unknown>]>();
  for (const [name, a] of Object.entries(arms)) byDiscriminant.set(a.discriminant, [name, a]);
  const minSize = 4 + Math.min(...Object.values(arms).map((a) => a.codec.minSize));
  return codec(
    minSize,
    (w, v) => {
      const a = arms[v.kind];
      if (a === undefined) throw new ProtocolError(`unknown union arm ${v.kind}`);
      w.int(a.discriminant);
      a.codec.encode(w, v.value);
    },
    (r) => {
      const d = r.int();
      const found = byDiscriminant.get(d);
      if (found === undefined) throw new ProtocolError(`unknown union discriminant ${d}`);
      const [kind, a] = found;
      // Safe: kind and value come from the same arm of A.
      return { kind, value: a.codec.decode(r) } as UnionOf<A>;
    },
  );
}

/** Maps a codec's values, e.g. bytes to a formatted UUID, keeping its wire format. */
export function mapped<W, T>(inner: Codec<W>, from: (wire: W) => T, to: (value: T) => W): Codec<T> {
  return codec(
    inner.minSize,
    (w, v) => { inner.encode(w, to(v)); },
    (r) => from(inner.decode(r)),
  );
}

/** Encodes one value to a fresh buffer. */
export function encode<T>(c: Codec<T>, value: T): Buffer {
  const w = new XdrWriter();
  c.encode(w, value);
  return w.bytes();
}

/** Decodes one value that must fill `buf` exactly. */
export function decode<T>(c: Codec<T>, buf: Buffer, what = 'value'): T {
  const r = new XdrReader(buf);
  const v = c.decode(r);
  r.end(what);
  return v;
}
