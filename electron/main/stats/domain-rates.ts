/**
 * One domain's statistics between two readings of CONNECT_GET_ALL_DOMAIN_STATS: CPU share,
 * memory, and disk and network throughput summed over every disk and interface. Pure.
 */
import type { DomainStats } from '../../libvirt';

export interface DomainCounters {
  readonly atMs: number;
  readonly cpuNs: number | null;
  readonly memoryKiB: number | null;
  readonly diskReadBytes: number | null;
  readonly diskWriteBytes: number | null;
  readonly netRxBytes: number | null;
  readonly netTxBytes: number | null;
}

function numeric(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

/** Sums `<group>.<i>.<field>` over `<group>.count` devices; null when the group is absent. */
function sumOver(values: DomainStats['values'], group: 'block' | 'net', field: string): number | null {
  const count = numeric(values[`${group}.count`]);
  if (count === null) return null;
  let sum = 0;
  for (let i = 0; i < count; i += 1) sum += numeric(values[`${group}.${i}.${field}`]) ?? 0;
  return sum;
}

export function countersOf(stats: DomainStats, atMs: number): DomainCounters {
  const { values } = stats;
  return {
    atMs,
    cpuNs: numeric(values['cpu.time']),
    memoryKiB: numeric(values['balloon.current']),
    diskReadBytes: sumOver(values, 'block', 'rd.bytes'),
    diskWriteBytes: sumOver(values, 'block', 'wr.bytes'),
    netRxBytes: sumOver(values, 'net', 'rx.bytes'),
    netTxBytes: sumOver(values, 'net', 'tx.bytes'),
  };
}

/** Per second between two readings; null without both, or when a counter went back (a restart). */
function perSecond(before: number | null, after: number | null, seconds: number): number | null {
  if (before === null || after === null || after < before || seconds <= 0) return null;
  return (after - before) / seconds;
}

export interface DomainRates {
  readonly cpuPercent: number | null;
  readonly memoryKiB: number | null;
  readonly diskReadBytesPerSec: number | null;
  readonly diskWriteBytesPerSec: number | null;
  readonly netRxBytesPerSec: number | null;
  readonly netTxBytesPerSec: number | null;
}

export function ratesBetween(before: DomainCounters | null, after: DomainCounters): DomainRates {
  const seconds = before === null ? 0 : (after.atMs - before.atMs) / 1000;
  const rate = (pick: (c: DomainCounters) => number | null): number | null =>
    before === null ? null : perSecond(pick(before), pick(after), seconds);
  const cpuNsPerSec = rate((c) => c.cpuNs);
  return {
    // ns of CPU per second of wall clock, as a percent of one CPU.
    cpuPercent: cpuNsPerSec === null ? null : cpuNsPerSec / 1e7,
    memoryKiB: after.memoryKiB,
    diskReadBytesPerSec: rate((c) => c.diskReadBytes),
    diskWriteBytesPerSec: rate((c) => c.diskWriteBytes),
    netRxBytesPerSec: rate((c) => c.netRxBytes),
    netTxBytesPerSec: rate((c) => c.netTxBytes),
  };
}
