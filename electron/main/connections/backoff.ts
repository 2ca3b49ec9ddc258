/**
 * Capped exponential backoff for reconnects: 1 s, 2 s, 4 s … up to the cap, with a
 * little jitter so that many connections lost together do not knock on the daemon at once.
 */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  /** 0..1: the share of each delay that is random. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 60_000, jitter: 0.2 };

/** The delay before attempt `attempt` (1 for the first retry). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const exponential = policy.initialMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxMs, exponential);
  const spread = capped * policy.jitter;
  return Math.round(capped - spread + random() * spread);
}
