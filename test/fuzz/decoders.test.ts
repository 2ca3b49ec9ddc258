/**
 * Hostile bytes against every decoder: the only acceptable failure is ProtocolError, and
 * no peer-supplied number may drive an allocation.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { ProtocolError } from '../../electron/libvirt/errors';
import { remoteError } from '../../electron/libvirt/protocol/error';
import { eventMessages } from '../../electron/libvirt/protocol/events';
import { procedures } from '../../electron/libvirt/protocol/procedures';
import { FrameDecoder } from '../../electron/libvirt/rpc/framing';
import { decodePacket } from '../../electron/libvirt/rpc/packet';
import { decode, string, uint, varArray, varOpaque, type Codec } from '../../electron/libvirt/xdr/codec';
import { typedParam } from '../../electron/libvirt/xdr/typed-params';

const codecs: [string, Codec<unknown>][] = [
  ['remote_error', remoteError],
  ['typed_param', typedParam],
  ...Object.entries(procedures).map(([name, p]): [string, Codec<unknown>] => [`${name} ret`, p.ret]),
  ...Object.entries(eventMessages).map(([name, e]): [string, Codec<unknown>] => [name, e.codec]),
];

/** Words biased towards boundaries, so counts and flags are often "interesting". */
const word = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 7, 16, 0x7fff_ffff, 0x8000_0000, 0xffff_fffc, 0xffff_ffff),
  fc.integer({ min: 0, max: 0xffff_ffff }),
);
const wordsBuffer = fc.array(word, { maxLength: 64 }).map((ws) => {
  const b = Buffer.alloc(ws.length * 4);
  ws.forEach((w, i) => b.writeUInt32BE(w, i * 4));
  return b;
});
const hostileBytes = fc.oneof(wordsBuffer, fc.uint8Array({ maxLength: 256 }).map((u) => Buffer.from(u)));

function onlyProtocolErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
  }
}

describe('decoders under hostile input', () => {
  it('throw nothing but ProtocolError for any bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...codecs), hostileBytes, ([name, c], bytes) => {
        onlyProtocolErrors(() => decode(c, bytes, name));
      }),
      { numRuns: 3000 },
    );
  });

  it('frame decoder and header parser throw nothing but ProtocolError', () => {
    fc.assert(
      fc.property(fc.array(hostileBytes, { maxLength: 8 }), (chunks) => {
        const decoder = new FrameDecoder();
        onlyProtocolErrors(() => {
          for (const chunk of chunks) for (const frame of decoder.push(chunk)) decodePacket(frame);
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('allocation bounds', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function watchAllocations(): () => number {
    let largest = 0;
    const record = (size: unknown): void => {
      if (typeof size === 'number') largest = Math.max(largest, size);
    };
    for (const fn of ['alloc', 'allocUnsafe', 'allocUnsafeSlow'] as const) {
      const original = Buffer[fn].bind(Buffer) as (size: number) => Buffer;
      vi.spyOn(Buffer, fn).mockImplementation(((size: number, ...rest: unknown[]) => {
        record(size);
        return rest.length === 0 ? original(size) : Buffer.alloc(size, ...(rest as [string]));
      }) as typeof Buffer.alloc);
    }
    return () => largest;
  }

  it('rejects a 4 GiB string length before allocating', () => {
    const largest = watchAllocations();
    const wire = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x61, 0x62, 0x63, 0x64]);
    expect(() => decode(string(0xffff_ffff), wire)).toThrow(ProtocolError);
    expect(() => decode(varOpaque(0xffff_ffff), wire)).toThrow(ProtocolError);
    expect(() => decode(procedures.connectGetHostname.ret, wire)).toThrow(/exceeds maximum 4194304/);
    expect(largest()).toBeLessThan(1024);
  });

  it('rejects huge array counts before building the array', () => {
    const largest = watchAllocations();
    // Counts every element decoded: a decoder that trusted the count and looped until the
    // data ran out would decode the elements that are there before failing.
    let elements = 0;
    const countedUint: Codec<number> = { ...uint, decode: (r) => { elements += 1; return uint.decode(r); } };
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 0xffff_ffff }), fc.integer({ min: 1, max: 200 }), (count, present) => {
        const wire = Buffer.alloc(4 + present * 4);
        wire.writeUInt32BE(count, 0);
        elements = 0;
        expect(() => decode(varArray(countedUint, 0xffff_ffff), wire)).toThrow(/array of \d+ elements/);
        expect(elements).toBe(0);
        expect(() => decode(varArray(typedParam, 0xffff_ffff), wire)).toThrow(ProtocolError);
        expect(() => decode(procedures.connectGetAllDomainStats.ret, wire)).toThrow(ProtocolError);
      }),
    );
    expect(largest()).toBeLessThan(1024);
  });

  it('never buffers a packet whose length word is over the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 33554437, max: 0xffff_ffff }), (length) => {
        const decoder = new FrameDecoder();
        const head = Buffer.alloc(4);
        head.writeUInt32BE(length);
        expect(() => decoder.push(head)).toThrow(ProtocolError);
      }),
    );
  });
});
