/**
 * One all-domain-stats call per connection per tick, never one call per domain; CPU % from
 * the delta of cpu.time between ticks; one batched event per tick. A tick that finds the
 * previous call still waiting is skipped rather than queued behind it.
 */
import { domainStateName, StatsGroup, type Connection, type DomainStats } from '../../libvirt';
import type { DomainStateName, DomainStatsSample, StatsTick } from '../../../shared/model';

export const DEFAULT_STATS_INTERVAL_MS = 1000;

interface CpuSample {
  readonly cpuTimeNs: number;
  readonly atMs: number;
}

function numeric(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

function stateName(code: number | null): DomainStateName {
  return code === null ? 'unknown' : domainStateName(code);
}

export class StatsPoller {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private stopped = false;
  private previous = new Map<string, CpuSample>();

  constructor(
    private readonly conn: Connection,
    private readonly connectionId: string,
    private readonly publish: (tick: StatsTick) => void,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = DEFAULT_STATS_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.timer !== null) return;
    this.stopped = false;
    this.timer = setInterval(() => { void this.tick(); }, this.intervalMs);
    void this.tick();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
    this.previous = new Map();
  }

  /** One sample of every domain, published as one event; exposed for tests and benchmarks. */
  async tick(): Promise<StatsTick | null> {
    if (this.busy) return null;
    this.busy = true;
    try {
      const stats = await this.conn.allDomainStats({ stats: StatsGroup.STATE | StatsGroup.CPU_TOTAL | StatsGroup.BALLOON });
      const tick = this.toTick(stats, Date.now());
      // A tick that was in flight when the poller stopped is no longer wanted.
      if (!this.stopped) this.publish(tick);
      return tick;
    } catch (error) {
      this.onError(error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  private toTick(stats: readonly DomainStats[], atMs: number): StatsTick {
    const next = new Map<string, CpuSample>();
    const domains = stats.map((s): DomainStatsSample => {
      const uuid = s.domain.uuid;
      const cpuTimeNs = numeric(s.values['cpu.time']);
      let cpuPercent: number | null = null;
      if (cpuTimeNs !== null) {
        const before = this.previous.get(uuid);
        if (before !== undefined && atMs > before.atMs && cpuTimeNs >= before.cpuTimeNs) {
          cpuPercent = ((cpuTimeNs - before.cpuTimeNs) / ((atMs - before.atMs) * 1e6)) * 100;
        }
        next.set(uuid, { cpuTimeNs, atMs });
      }
      return {
        uuid,
        state: stateName(numeric(s.values['state.state'])),
        cpuPercent,
        memoryKiB: numeric(s.values['balloon.current']),
      };
    });
    this.previous = next;
    return { connectionId: this.connectionId, at: atMs, domains };
  }
}
