import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ProtocolError } from '../../../electron/libvirt/errors';
import {
  arm,
  bool,
  decode,
  double,
  encode,
  fixedArray,
  fixedOpaque,
  hyper,
  int,
  optional,
  string,
  struct,
  uhyper,
  uint,
  union,
  varArray,
  varOpaque,
  type Codec,
  type Decoded,
} from '../../../electron/libvirt/xdr/codec';
import { typedParam, typedParamsToRecord } from '../../../electron/libvirt/xdr/typed-params';

function roundTrip<T>(c: Codec<T>, value: T): T {
  return decode(c, encode(c, value));
}

function bytes(...words: number[]): Buffer {
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32BE(w >>> 0, i * 4));
  return b;
}

describe('XDR primitives', () => {
  it('encodes big-endian words', () => {
    expect(encode(int, -2).toString('hex')).toBe('fffffffe');
    expect(encode(uint, 0xdeadbeef).toString('hex')).toBe('deadbeef');
    expect(encode(hyper, -1n).toString('hex')).toBe('ffffffffffffffff');
    expect(encode(uhyper, 1n << 40n).toString('hex')).toBe('0000010000000000');
    expect(encode(double, 1.5).toString('hex')).toBe('3ff8000000000000');
  });

  it('round-trips every primitive at its bounds', () => {
    for (const v of [-0x8000_0000, -1, 0, 0x7fff_ffff]) expect(roundTrip(int, v)).toBe(v);
    for (const v of [0, 0xffff_ffff]) expect(roundTrip(uint, v)).toBe(v);
    for (const v of [-(1n << 63n), (1n << 63n) - 1n]) expect(roundTrip(hyper, v)).toBe(v);
    for (const v of [0n, (1n << 64n) - 1n]) expect(roundTrip(uhyper, v)).toBe(v);
    expect(roundTrip(bool, true)).toBe(true);
    expect(roundTrip(double, Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
  });

  it('refuses to encode values out of range', () => {
    expect(() => encode(int, 0x8000_0000)).toThrow(ProtocolError);
    expect(() => encode(uint, -1)).toThrow(ProtocolError);
    expect(() => encode(uint, 1.5)).toThrow(ProtocolError);
    expect(() => encode(uhyper, 1n << 64n)).toThrow(ProtocolError);
    expect(() => encode(hyper, 1n << 63n)).toThrow(ProtocolError);
  });

  it('rejects a bool that is neither 0 nor 1', () => {
    expect(() => decode(bool, bytes(2))).toThrow(ProtocolError);
  });

  it('reports truncation as a ProtocolError, never a RangeError', () => {
    expect(() => decode(int, Buffer.alloc(3))).toThrow(ProtocolError);
    expect(() => decode(uhyper, Buffer.alloc(7))).toThrow(ProtocolError);
    expect(() => decode(double, Buffer.alloc(0))).toThrow(ProtocolError);
  });

  it('rejects trailing bytes', () => {
    expect(() => decode(int, Buffer.alloc(8))).toThrow(/trailing/);
  });
});

describe('XDR strings and opaques', () => {
  it('pads to four bytes with zeros', () => {
    expect(encode(string(10), 'abcde').toString('hex')).toBe('00000005' + '6162636465' + '000000');
    expect(encode(fixedOpaque(3), Buffer.from([1, 2, 3])).toString('hex')).toBe('01020300');
    expect(encode(varOpaque(8), Buffer.alloc(0)).toString('hex')).toBe('00000000');
  });

  it('round-trips UTF-8', () => {
    expect(roundTrip(string(100), 'héllo ☃')).toBe('héllo ☃');
  });

  it('enforces the declared maximum on both sides', () => {
    expect(() => encode(string(3), 'abcd')).toThrow(/exceeds maximum 3/);
    expect(() => decode(string(3), Buffer.concat([bytes(4), Buffer.from('abcd')]))).toThrow(/exceeds maximum 3/);
  });

  it('rejects a length larger than what remains before copying', () => {
    expect(() => decode(varOpaque(0xffff_ffff), bytes(0xffff_fff0))).toThrow(/truncated/);
  });

  it('rejects non-zero padding', () => {
    expect(() => decode(string(8), Buffer.concat([bytes(1), Buffer.from([0x61, 0, 1, 0])]))).toThrow(/padding/);
  });

  it('checks fixed opaque sizes when encoding', () => {
    expect(() => encode(fixedOpaque(16), Buffer.alloc(15))).toThrow(ProtocolError);
  });
});

describe('XDR composites', () => {
  const point = struct({ x: int, label: optional(string(16)), tags: varArray(uint, 4) });

  it('infers struct types and keeps declaration order on the wire', () => {
    const value: Decoded<typeof point> = { x: 7, label: null, tags: [1, 2] };
    expect(encode(point, value).toString('hex')).toBe('00000007' + '00000000' + '00000002' + '00000001' + '00000002');
    expect(roundTrip(point, { x: -1, label: 'p', tags: [] })).toEqual({ x: -1, label: 'p', tags: [] });
  });

  it('rejects an optional flag other than 0 or 1', () => {
    expect(() => decode(optional(int), bytes(2, 5))).toThrow(/optional flag/);
  });

  it('rejects arrays over their maximum, in both directions', () => {
    expect(() => encode(varArray(int, 2), [1, 2, 3])).toThrow(/exceeds maximum 2/);
    expect(() => decode(varArray(int, 2), bytes(3, 1, 2, 3))).toThrow(/exceeds maximum 2/);
  });

  it('rejects an array count the remaining bytes cannot hold, before decoding elements', () => {
    expect(() => decode(varArray(int, 1_000_000), bytes(999_999, 1))).toThrow(/truncated array/);
  });

  it('encodes fixed arrays without a count', () => {
    expect(encode(fixedArray(int, 2), [1, 2]).toString('hex')).toBe('0000000100000002');
    expect(() => encode(fixedArray(int, 2), [1])).toThrow(ProtocolError);
  });

  it('decodes unions by discriminant and rejects unknown arms', () => {
    const u = union({ n: arm(1, int), s: arm(7, string(8)) });
    expect(roundTrip(u, { kind: 's', value: 'hi' })).toEqual({ kind: 's', value: 'hi' });
    expect(encode(u, { kind: 'n', value: 3 }).toString('hex')).toBe('0000000100000003');
    expect(() => decode(u, bytes(2, 0))).toThrow(/unknown union discriminant 2/);
  });
});

describe('typed parameters', () => {
  it('uses libvirt discriminants 1..7', () => {
    const kinds = [
      { kind: 'int', value: -5 },
      { kind: 'uint', value: 5 },
      { kind: 'llong', value: -(1n << 40n) },
      { kind: 'ullong', value: 1n << 63n },
      { kind: 'double', value: 0.25 },
      { kind: 'boolean', value: true },
      { kind: 'string', value: 'x' },
    ] as const;
    kinds.forEach((value, i) => {
      const wire = encode(typedParam, { field: 'f', value });
      expect(wire.readInt32BE(8)).toBe(i + 1);
      expect(decode(typedParam, wire)).toEqual({ field: 'f', value });
    });
  });

  it('reads any non-zero boolean as true, as C does', () => {
    const wire = Buffer.concat([encode(string(8), 'b'), bytes(6, 2)]);
    expect(decode(typedParam, wire).value).toEqual({ kind: 'boolean', value: true });
  });

  it('flattens to a record', () => {
    expect(
      typedParamsToRecord([
        { field: 'state.state', value: { kind: 'int', value: 1 } },
        { field: 'balloon.current', value: { kind: 'ullong', value: 5n } },
      ]),
    ).toEqual({ 'state.state': 1, 'balloon.current': 5n });
  });
});

describe('round-trip properties', () => {
  const record = struct({
    a: int,
    b: uhyper,
    c: optional(string(64)),
    d: varArray(struct({ s: string(16), o: varOpaque(32) }), 8),
  });
  const arb = fc.record({
    a: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
    b: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    c: fc.option(fc.string({ maxLength: 16 }), { nil: null }),
    d: fc.array(
      fc.record({ s: fc.string({ maxLength: 4 }), o: fc.uint8Array({ maxLength: 32 }).map((u) => Buffer.from(u)) }),
      { maxLength: 8 },
    ),
  });

  it('decode(encode(v)) equals v and the encoding is a multiple of four bytes', () => {
    fc.assert(
      fc.property(arb, (v) => {
        const wire = encode(record, v);
        expect(wire.length % 4).toBe(0);
        expect(decode(record, wire)).toEqual(v);
      }),
    );
  });
});
