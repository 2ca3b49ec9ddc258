/**
 * What the node's counters mean for a person: CPU busy share from two readings of
 * virNodeGetCPUStats, memory in use from one of virNodeGetMemoryStats. Pure functions.
 */
import type { NodeStat } from '../../libvirt';

/** Counters that are time the CPUs were not working: idle, and waiting on I/O. */
const NOT_BUSY = new Set(['idle', 'iowait']);

export interface CpuTimes {
  readonly busyNs: bigint;
  readonly totalNs: bigint;
}

/**
 * Busy and total CPU time from one reading. Drivers name the counters differently (Linux:
 * kernel, user, idle, iowait; others may add intr or utilization); every counter that is not
 * idle or iowait is busy time. A driver that reports only `utilization` has no times.
 */
export function cpuTimes(stats: readonly NodeStat[]): CpuTimes | null {
  let busyNs = 0n;
  let totalNs = 0n;
  for (const { field, value } of stats) {
    if (field === 'utilization') continue;
    totalNs += value;
    if (!NOT_BUSY.has(field)) busyNs += value;
  }
  return totalNs === 0n ? null : { busyNs, totalNs };
}

/** Busy percent between two readings; null when the counters did not move or went back. */
export function cpuPercent(before: CpuTimes, after: CpuTimes): number | null {
  const total = after.totalNs - before.totalNs;
  const busy = after.busyNs - before.busyNs;
  if (total <= 0n || busy < 0n) return null;
  return Math.min(100, (Number(busy) / Number(total)) * 100);
}

/** Memory in use as `free` counts it: total less free, buffers and page cache (KiB). */
export function memoryUsage(stats: readonly NodeStat[]): { readonly usedKiB: number; readonly totalKiB: number } | null {
  const value = (field: string): number | undefined => {
    const found = stats.find((s) => s.field === field);
    return found === undefined ? undefined : Number(found.value);
  };
  const total = value('total');
  const free = value('free');
  if (total === undefined || free === undefined || total <= 0) return null;
  const used = total - free - (value('buffers') ?? 0) - (value('cached') ?? 0);
  return { usedKiB: Math.max(0, used), totalKiB: total };
}
