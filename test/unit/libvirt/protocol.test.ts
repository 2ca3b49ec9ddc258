import { describe, expect, it } from 'vitest';
import { ErrorCode, errorCodeName } from '../../../electron/libvirt/protocol/error-codes';
import { procedures } from '../../../electron/libvirt/protocol/procedures';
import { formatUuid, parseUuid } from '../../../electron/libvirt/protocol/types';
import { decode, encode } from '../../../electron/libvirt/xdr/codec';
import { formatVersion } from '../../../electron/libvirt/driver/mappers';

describe('protocol tables', () => {
  it('numbers the procedures as remote_protocol.x does', () => {
    const expected: Record<string, number> = {
      connectOpen: 1, connectClose: 2, connectGetType: 3, connectGetVersion: 4, nodeGetInfo: 6,
      connectGetCapabilities: 7, domainCreate: 9, domainDefineXml: 11, domainDestroy: 12,
      domainGetXmlDesc: 14, domainGetInfo: 16, domainLookupByName: 23, domainLookupByUuid: 24,
      domainReboot: 27, domainResume: 28, domainShutdown: 33, domainSuspend: 34, domainUndefine: 35,
      connectGetHostname: 59, connectSupportsFeature: 60, authList: 66, connectGetUri: 110,
      connectGetLibVersion: 157, domainCreateWithFlags: 196, domainGetState: 212,
      domainUndefineFlags: 231, domainDestroyFlags: 234, domainShutdownFlags: 258,
      connectListAllDomains: 273, connectListAllStoragePools: 281, connectListAllNetworks: 283,
      connectDomainEventCallbackRegisterAny: 316, connectDomainEventCallbackDeregisterAny: 317,
      connectGetAllDomainStats: 344, domainDefineXmlFlags: 350, connectRegisterCloseCallback: 360,
      connectUnregisterCloseCallback: 361,
    };
    for (const [name, number] of Object.entries(expected)) {
      expect(procedures[name as keyof typeof procedures].number, name).toBe(number);
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
