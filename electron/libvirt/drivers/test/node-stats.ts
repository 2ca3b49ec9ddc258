/**
 * virNodeGetCPUStats and virNodeGetMemoryStats of an embedded host. libvirt's test driver
 * answers fixed CPU times, the same for every CPU number; it has no memory statistics, but
 * the embedded host answers them (total, free, buffers, cached in KiB) from its own node and
 * running domains, so that the app's host memory graph has something true to draw.
 */
import type { NodeStat } from '../../driver/model';

/** The four counters libvirt's testNodeGetCPUStats answers, in its order (nanoseconds). */
export const TEST_CPU_STATS: readonly NodeStat[] = [
  { field: 'user', value: 9_797_400_000n },
  { field: 'kernel', value: 34_678_723_400_000n },
  { field: 'idle', value: 87_264_900_000n },
  { field: 'iowait', value: 763_600_000n },
];

export function memoryStats(totalKiB: number, usedByDomainsKiB: number): NodeStat[] {
  const free = Math.max(0, totalKiB - usedByDomainsKiB);
  return [
    { field: 'total', value: BigInt(totalKiB) },
    { field: 'free', value: BigInt(free) },
    { field: 'buffers', value: 0n },
    { field: 'cached', value: 0n },
  ];
}
