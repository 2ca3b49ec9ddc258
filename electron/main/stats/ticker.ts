/**
 * Runs an async sample every interval, at once first; a tick that finds the previous one
 * still waiting on the daemon is skipped rather than queued behind it. A failed sample is
 * dropped: the graph shows a gap and the next tick tries again (a lost connection is
 * reported by the connection itself). Returns the stop.
 */
export function startTicker(intervalMs: number, sample: () => Promise<void>): () => void {
  let busy = false;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      await sample();
    } catch {
      // See above: a gap, not an error.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => { void tick(); }, intervalMs);
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
