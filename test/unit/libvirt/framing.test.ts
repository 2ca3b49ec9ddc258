import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ProtocolError } from '../../../electron/libvirt/errors';
import { MessageType, Program } from '../../../electron/libvirt/protocol/constants';
import { FrameDecoder } from '../../../electron/libvirt/rpc/framing';
import { decodePacket, encodePacket } from '../../../electron/libvirt/rpc/packet';
import { header } from './fake-daemon';

function lengthWord(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function packet(serial: number, payloadBytes: number): Buffer {
  return encodePacket(header({ procedure: 3, serial }), Buffer.alloc(payloadBytes, serial & 0xff));
}

describe('framing', () => {
  it('writes a length that counts itself and a 24-byte header', () => {
    const p = encodePacket(header({ procedure: 59, serial: 7, type: MessageType.CALL }), Buffer.alloc(8));
    expect(p.length).toBe(36);
    expect(p.readUInt32BE(0)).toBe(36);
    expect(p.readUInt32BE(4)).toBe(Program.REMOTE);
    expect(p.readUInt32BE(20)).toBe(7);
  });

  it('reassembles packets split at arbitrary chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }),
        (sizes, cuts) => {
          const stream = Buffer.concat(sizes.map((size, i) => packet(i + 1, size * 4)));
          const decoder = new FrameDecoder();
          const frames: Buffer[] = [];
          let at = 0;
          let i = 0;
          while (at < stream.length) {
            const step = cuts[i++ % cuts.length] ?? 1;
            frames.push(...decoder.push(stream.subarray(at, at + step)));
            at += step;
          }
          expect(frames.map((f) => decodePacket(f).header.serial)).toEqual(sizes.map((_, k) => k + 1));
          expect(frames.map((f) => decodePacket(f).payload.length)).toEqual(sizes.map((s) => s * 4));
          expect(decoder.pendingBytes).toBe(0);
        },
      ),
    );
  });

  it('rejects a length below 28', () => {
    expect(() => new FrameDecoder().push(lengthWord(27))).toThrow(ProtocolError);
  });

  it('rejects a length over 32 MiB + 4 as soon as the length word arrives', () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(lengthWord(33554432 + 5))).toThrow(/exceeds the maximum/);
    expect(() => new FrameDecoder().push(lengthWord(0xffff_ffff))).toThrow(ProtocolError);
  });

  it('accepts exactly 32 MiB + 4 and waits for the body', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(lengthWord(33554432 + 4))).toEqual([]);
  });

  it('refuses to build a packet over the maximum', () => {
    expect(() => encodePacket(header({ procedure: 1 }), Buffer.alloc(64), 80)).toThrow(ProtocolError);
  });

  it('validates the header: unknown program, version, type and status are fatal', () => {
    const good = packet(1, 0).subarray(4);
    const at = (offset: number, value: number): Buffer => {
      const b = Buffer.from(good);
      b.writeUInt32BE(value, offset);
      return b;
    };
    expect(() => decodePacket(at(0, 0x12345678))).toThrow(/unknown program/);
    expect(() => decodePacket(at(4, 2))).toThrow(/version/);
    expect(() => decodePacket(at(12, 7))).toThrow(/message type/);
    expect(() => decodePacket(at(20, 3))).toThrow(/status/);
  });
});
