/**
 * Synthetic CPU time for embedded domains. libvirt's test driver has no guest to measure;
 * Virtdeck's CPU graphs still need a counter that grows while a domain runs, stands still
 * while it is paused and starts from zero at each boot, as a real hypervisor's does.
 */
import { State } from './states';

export interface CpuAccount {
  /** CPU time used up to `since` (or in total, when not running), ns. */
  readonly usedNs: bigint;
  /** Wall-clock ns when the domain last began running; null while it does not run. */
  readonly since: bigint | null;
}

export const IDLE: CpuAccount = { usedNs: 0n, since: null };

/** A wall clock in ns; injectable so that tests can step time. */
export type Clock = () => bigint;
export const monotonicClock: Clock = () => process.hrtime.bigint();

const consumes = (state: number): boolean => state === State.RUNNING || state === State.BLOCKED;

/**
 * How busy a domain's vCPUs look: a stable per-domain share (5-45 % per vCPU, from its UUID)
 * so that a host with many domains shows varied graphs, in parts per thousand of wall time.
 */
export function loadPermille(uuid: string, vcpus: number): bigint {
  let hash = 0;
  for (const c of uuid) hash = (hash * 31 + c.charCodeAt(0)) % 1_000_003;
  return BigInt((50 + (hash % 400)) * Math.max(1, vcpus));
}

export function cpuUsed(account: CpuAccount, now: bigint, permille: bigint): bigint {
  if (account.since === null) return account.usedNs;
  return account.usedNs + ((now - account.since) * permille) / 1000n;
}

/** The account after a state change: stops, pauses and resumes the counter; a boot resets it. */
export function cpuAfter(account: CpuAccount, from: number, to: number, now: bigint, permille: bigint): CpuAccount {
  if (to === State.SHUTOFF) return IDLE;
  const used = cpuUsed(account, now, permille);
  const base = from === State.SHUTOFF ? 0n : used;
  return { usedNs: base, since: consumes(to) ? now : null };
}
