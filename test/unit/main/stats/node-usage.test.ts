import { describe, expect, it } from 'vitest';
import { cpuPercent, cpuTimes, memoryUsage } from '../../../../electron/main/stats/node-usage';

const cpu = (user: bigint, kernel: bigint, idle: bigint, iowait: bigint) => [
  { field: 'user', value: user }, { field: 'kernel', value: kernel }, { field: 'idle', value: idle }, { field: 'iowait', value: iowait },
];

describe('host CPU from two readings of the node counters', () => {
  it('is the busy share of the time that passed: user and kernel busy, idle and iowait not', () => {
    const before = cpuTimes(cpu(1000n, 1000n, 8000n, 0n));
    const after = cpuTimes(cpu(1300n, 1100n, 8500n, 100n));
    if (before === null || after === null) throw new Error('no times');
    // 400 ns busy of 1000 ns passed.
    expect(cpuPercent(before, after)).toBeCloseTo(40, 10);
  });

  it('has no value when the counters did not move (a test driver) or went back (a host reboot)', () => {
    const fixed = cpuTimes(cpu(9n, 34n, 87n, 7n));
    const earlier = cpuTimes(cpu(1n, 1n, 1n, 1n));
    if (fixed === null || earlier === null) throw new Error('no times');
    expect(cpuPercent(fixed, fixed)).toBeNull();
    expect(cpuPercent(fixed, earlier)).toBeNull();
  });

  it('ignores a utilization field, and has no times from a driver that gives only that', () => {
    expect(cpuTimes([{ field: 'utilization', value: 42n }])).toBeNull();
    expect(cpuTimes([...cpu(1n, 1n, 2n, 0n), { field: 'utilization', value: 99n }])).toEqual({ busyNs: 2n, totalNs: 4n });
  });

  it('never passes 100 % when a counter jumps more than the total', () => {
    expect(cpuPercent({ busyNs: 0n, totalNs: 10n }, { busyNs: 50n, totalNs: 20n })).toBe(100);
  });
});

describe('host memory in use', () => {
  it('is total less free, buffers and cache, as `free` counts it', () => {
    const stats = [
      { field: 'total', value: 16_000n }, { field: 'free', value: 4_000n }, { field: 'buffers', value: 1_000n }, { field: 'cached', value: 3_000n },
    ];
    expect(memoryUsage(stats)).toEqual({ usedKiB: 8_000, totalKiB: 16_000 });
  });

  it('has no value without total and free', () => {
    expect(memoryUsage([{ field: 'total', value: 1n }])).toBeNull();
    expect(memoryUsage([])).toBeNull();
  });
});
