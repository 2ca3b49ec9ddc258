import { describe, expect, it } from 'vitest';
import { eventMessages } from '../../../electron/libvirt/protocol/events';
import { procedures } from '../../../electron/libvirt/protocol/procedures';
import { decode, encode } from '../../../electron/libvirt/xdr/codec';

/** XDR by hand: big-endian words, strings padded to four bytes. */
const word = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const hyper = (n: bigint): number[] => [...word(Number(n >> 32n)), ...word(Number(n & 0xffffffffn))];
const str = (s: string): number[] => {
  const bytes = [...Buffer.from(s)];
  return [...word(bytes.length), ...bytes, ...new Array<number>((4 - (bytes.length % 4)) % 4).fill(0)];
};

describe('node statistics on the wire', () => {
  it('numbers them 227 and 228, the pool refresh event 373 and the volume calls 98 and 282', () => {
    expect([procedures.nodeGetCpuStats.number, procedures.nodeGetMemoryStats.number]).toEqual([227, 228]);
    expect([procedures.storageVolGetInfo.number, procedures.storagePoolListAllVolumes.number]).toEqual([98, 282]);
    expect([procedures.networkCreate.number, procedures.networkDestroy.number]).toEqual([39, 42]);
    expect([procedures.storagePoolCreate.number, procedures.storagePoolDestroy.number, procedures.storagePoolRefresh.number]).toEqual([78, 80, 83]);
    expect([procedures.connectStoragePoolEventRegisterAny.number, eventMessages.storagePoolEventRefresh.number]).toEqual([368, 373]);
  });

  it('asks with cpuNum, nparams, flags (and nparams, cellNum, flags for memory)', () => {
    expect([...encode(procedures.nodeGetCpuStats.args, { cpuNum: -1, nparams: 4, flags: 0 })]).toEqual([...word(-1), ...word(4), ...word(0)]);
    expect([...encode(procedures.nodeGetMemoryStats.args, { nparams: 4, cellNum: -1, flags: 0 })]).toEqual([...word(4), ...word(-1), ...word(0)]);
  });

  it('reads a reply of named unsigned hypers and the count', () => {
    const reply = Buffer.from([...word(2), ...str('user'), ...hyper(9_797_400_000n), ...str('kernel'), ...hyper(34_678_723_400_000n), ...word(2)]);
    expect(decode(procedures.nodeGetCpuStats.ret, reply)).toEqual({
      params: [{ field: 'user', value: 9_797_400_000n }, { field: 'kernel', value: 34_678_723_400_000n }],
      nparams: 2,
    });
  });

  it('refuses a reply with more fields than REMOTE_NODE_CPU_STATS_MAX', () => {
    const reply = Buffer.from([...word(17), ...Array.from({ length: 17 }, () => [...str('x'), ...hyper(1n)]).flat(), ...word(17)]);
    expect(() => decode(procedures.nodeGetCpuStats.ret, reply)).toThrow();
  });
});
