import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode, errorCodeName } from '../../../electron/libvirt/protocol/error-codes';
import { eventMessages } from '../../../electron/libvirt/protocol/events';
import { procedures } from '../../../electron/libvirt/protocol/procedures';
import { formatUuid, parseUuid } from '../../../electron/libvirt/protocol/types';
import { decode, encode } from '../../../electron/libvirt/xdr/codec';
import { formatVersion } from '../../../electron/libvirt/driver/mappers';

const remoteProcedures = JSON.parse(readFileSync(new URL('../../fixtures/remote-procedures.json', import.meta.url), 'utf8')) as {
  readonly procedures: Readonly<Record<string, number | undefined>>;
};

describe('protocol tables', () => {
  // The numbers come from libvirt's own remote_protocol.x (see the fixture's origin), not
  // from this code: every row of both tables must be there with the same number.
  const remoteProc = (name: string): string => `REMOTE_PROC_${name.replace(/([A-Z])/g, '_$1').toUpperCase()}`;

  it('numbers every procedure as remote_protocol.x does', () => {
    const rows = Object.entries(procedures);
    expect(rows.length).toBeGreaterThan(40);
    for (const [name, proc] of rows) {
      expect(remoteProcedures.procedures[remoteProc(name)], `${name} (${remoteProc(name)})`).toBe(proc.number);
    }
  });

  it('numbers every event message as remote_protocol.x does', () => {
    for (const [name, message] of Object.entries(eventMessages)) {
      expect(remoteProcedures.procedures[remoteProc(name)], `${name} (${remoteProc(name)})`).toBe(message.number);
    }
  });

  it('gives every procedure a distinct number', () => {
    const numbers = Object.values(procedures).map((p) => p.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('lays out node info with 4 bytes per model char (160 bytes)', () => {
    const info = { model: 'x86_64', memory: 1n, cpus: 2, mhz: 3, nodes: 1, sockets: 1, cores: 2, threads: 1 };
    const wire = encode(procedures.nodeGetInfo.ret, info);
    expect(wire.length).toBe(160);
    expect(wire.readInt32BE(0)).toBe('x'.charCodeAt(0));
    expect(decode(procedures.nodeGetInfo.ret, wire)).toEqual(info);
  });

  it('names the error codes of virterror.h', () => {
    expect(ErrorCode).toMatchObject({ NO_SUPPORT: 3, NO_CONNECT: 5, NO_DOMAIN: 42, AUTH_FAILED: 45, OPERATION_INVALID: 55, DOM_EXIST: 28 });
    expect(errorCodeName(42)).toBe('NO_DOMAIN');
    expect(errorCodeName(9999)).toBeUndefined();
  });

  it('formats UUIDs and versions as libvirt prints them', () => {
    const text = '6695eb01-f6a4-8304-79aa-97f2502e193f';
    expect(formatUuid(parseUuid(text))).toBe(text);
    expect(() => parseUuid('nope')).toThrow();
    expect(formatVersion(9_000_000n)).toBe('9.0.0');
    expect(formatVersion(2_011_012n)).toBe('2.11.12');
  });
});
