/** Questions several callers ask in the same way, answered with as few round trips as possible. */
import type { Connection } from './driver/api';
import { domainStateName } from './driver/mappers';
import type { DomainInfo, DomainRef, DomainStats } from './driver/model';

/** VIR_DOMAIN_STATS_* groups. */
export const StatsGroup = { STATE: 1, CPU_TOTAL: 2, BALLOON: 4, VCPU: 8, INTERFACE: 16, BLOCK: 32 } as const;

/** VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE: the bulk call's filter for `all: false`. */
const STATS_ACTIVE = 1;

/** What a domain list shows of each domain: its state, vCPUs and memory. */
export type DomainListing = Omit<DomainInfo, 'cpuTimeNs'>;

export interface DomainDetails {
  readonly ref: DomainRef;
  readonly info: DomainListing;
}

/**
 * Drivers whose bulk statistics carried neither vCPUs nor memory for any domain (libvirt's
 * test driver has only the state group): later listings on the connection skip the bulk
 * call that would only repeat what the per-domain calls say.
 */
const bulkGivesNothing = new WeakSet<Connection>();

/** The listing from one domain's bulk stats, or undefined when a field is missing. */
function listingFromStats(stats: DomainStats | undefined): DomainListing | undefined {
  if (stats === undefined) return undefined;
  const { values } = stats;
  const state = values['state.state'];
  const vcpus = values['vcpu.current'];
  const memory = values['balloon.current'];
  const maxMemory = values['balloon.maximum'];
  if (typeof state !== 'number' || typeof vcpus !== 'number') return undefined;
  if (typeof memory !== 'bigint' && typeof memory !== 'number') return undefined;
  if (typeof maxMemory !== 'bigint' && typeof maxMemory !== 'number') return undefined;
  return { state: domainStateName(state), vcpus, memoryKiB: Number(memory), maxMemoryKiB: Number(maxMemory) };
}

/**
 * Every domain (or the active ones) with its state, vCPUs and memory. The domain list and
 * one all-domain-stats call (state, vcpu and balloon groups) go out together; only the
 * domains whose stats lack a field are asked per domain, and those calls all go out at
 * once, pipelined on the one connection (the daemon works on as many as it allows and
 * reads the rest as it frees up).
 */
export async function listDomainDetails(conn: Connection, options: { readonly all: boolean }): Promise<DomainDetails[]> {
  const bulk = !bulkGivesNothing.has(conn);
  const [refs, stats] = await Promise.all([
    conn.listDomains({ all: options.all }),
    bulk
      ? conn.allDomainStats({ stats: StatsGroup.STATE | StatsGroup.VCPU | StatsGroup.BALLOON, flags: options.all ? 0 : STATS_ACTIVE })
      : Promise.resolve([]),
  ]);
  const byUuid = new Map(stats.map((s) => [s.domain.uuid, s]));
  const fromBulk = refs.map((ref) => listingFromStats(byUuid.get(ref.uuid)));
  if (bulk && refs.length > 0 && fromBulk.every((listing) => listing === undefined)) bulkGivesNothing.add(conn);
  return Promise.all(
    refs.map(async (ref, i) => {
      const listed = fromBulk[i];
      if (listed !== undefined) return { ref, info: listed };
      const { cpuTimeNs: _cpuTimeNs, ...info } = await conn.domainInfo(ref);
      return { ref, info };
    }),
  );
}
