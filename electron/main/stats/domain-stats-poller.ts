/**
 * Statistics of one domain (the one whose details are open), never of all: one
 * CONNECT_GET_ALL_DOMAIN_STATS call with a one-domain list per tick, pushed as `domain.stats`.
 */
import { StatsGroup, type Connection, type DomainRef } from '../../libvirt';
import type { DomainStatsPoint } from '../../../shared/model';
import { countersOf, ratesBetween, type DomainCounters } from './domain-rates';
import { startTicker } from './ticker';

const GROUPS = StatsGroup.STATE | StatsGroup.CPU_TOTAL | StatsGroup.BALLOON | StatsGroup.INTERFACE | StatsGroup.BLOCK;

export function startDomainStats(
  conn: Connection,
  connectionId: string,
  domain: DomainRef,
  intervalMs: number,
  publish: (point: DomainStatsPoint) => void,
): () => void {
  let previous: DomainCounters | null = null;
  let stopped = false;
  const stop = startTicker(intervalMs, async () => {
    const [stats] = await conn.allDomainStats({ domains: [domain], stats: GROUPS });
    // Gone (undefined) or not reported: nothing to draw this tick.
    if (stats === undefined) return;
    const counters = countersOf(stats, Date.now());
    const rates = ratesBetween(previous, counters);
    previous = counters;
    if (!stopped) publish({ connectionId, uuid: domain.uuid, at: counters.atMs, ...rates });
  });
  return () => {
    stopped = true;
    stop();
  };
}
