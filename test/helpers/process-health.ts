/**
 * What a long-lived process must not accumulate, read from the process itself: heap after
 * a full collection, open file descriptors, child processes, active handles and timers.
 */
import { createHook } from 'node:async_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
// Safe: with --expose-gc set, a fresh context's global `gc` is V8's collector.
const collect = runInNewContext('gc') as () => void;

/** Heap in use after a full collection (twice: finalizers free more on the second pass). */
export function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

export function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Our living children (zombies included: an unreaped child is a leak too). */
export function childPids(): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) children.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return children;
}

/** Active handles and requests by type (TCPWrap, PipeWrap, Timeout, ...), counted. */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/**
 * Live timers, unref'd ones included: getActiveResourcesInfo() lists only timers that
 * hold the process open, so a forgotten unref'd interval would slip past it. Counted from
 * async hooks (a timer lives from its init until its destroy), switched on by a test that
 * wants it, since hooks slow everything else down.
 */
const liveTimers = new Set<number>();
let timerHook: ReturnType<typeof createHook> | null = null;
export function trackTimers(): () => void {
  timerHook ??= createHook({
    init(id, type) { if (type === 'Timeout') liveTimers.add(id); },
    destroy(id) { liveTimers.delete(id); },
  });
  timerHook.enable();
  return () => { timerHook?.disable(); liveTimers.clear(); };
}

export interface Snapshot {
  readonly fds: number;
  readonly children: number;
  readonly resources: Record<string, number>;
  /** Timers created while tracking and not yet destroyed (0 unless trackTimers() is on). */
  readonly timers: number;
}

export function snapshot(): Snapshot {
  return { fds: openFds(), children: childPids().length, resources: activeResources(), timers: liveTimers.size };
}

/** Least-squares slope of y over x: how fast a figure grows per unit of x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Collects unhandled rejections while installed; returns them and stops listening. */
export function watchUnhandledRejections(): () => unknown[] {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => { seen.push(reason); };
  process.on('unhandledRejection', listener);
  return () => {
    process.off('unhandledRejection', listener);
    return seen;
  };
}
