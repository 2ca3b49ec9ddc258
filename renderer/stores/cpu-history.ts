/**
 * The last minute of one domain's CPU %, as a fixed ring of one value a second: a stats tick
 * writes one number per domain, whatever the host's size, instead of copying each history.
 */
export const CPU_HISTORY_LENGTH = 60;

/**
 * The newest head of a ring. Pushing writes into the shared buffer and returns a new head,
 * so a selector sees a change per tick; an older head is stale once superseded, and nothing
 * keeps one (the store holds the newest only).
 */
export interface CpuRing {
  /** NaN marks a second without a reading (a domain's first sample has no rate yet). */
  readonly buffer: Float64Array;
  /** Where the next value goes. */
  readonly next: number;
  /** How many values it holds, up to its length. */
  readonly size: number;
}

export function pushCpu(ring: CpuRing | undefined, value: number | null): CpuRing {
  const buffer = ring?.buffer ?? new Float64Array(CPU_HISTORY_LENGTH);
  const at = ring?.next ?? 0;
  buffer[at] = value ?? Number.NaN;
  return { buffer, next: (at + 1) % buffer.length, size: Math.min(buffer.length, (ring?.size ?? 0) + 1) };
}

/** Oldest first; null where there was no reading. */
export function cpuValues(ring: CpuRing): (number | null)[] {
  const { buffer, next, size } = ring;
  const start = (next - size + buffer.length) % buffer.length;
  return Array.from({ length: size }, (_, i) => {
    const v = buffer[(start + i) % buffer.length] ?? Number.NaN;
    return Number.isNaN(v) ? null : v;
  });
}
