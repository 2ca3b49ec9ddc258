/** Questions several callers ask in the same way, answered with as few round trips as possible. */
import type { Connection } from './driver/api';
import type { DomainInfo, DomainRef } from './driver/model';

export interface DomainDetails {
  readonly ref: DomainRef;
  readonly info: DomainInfo;
}

/**
 * Every domain (or the active ones) with its info. Drivers answer vCPUs and memory only
 * per domain, so those calls all go out at once, pipelined on the one connection.
 */
export async function listDomainDetails(conn: Connection, options: { readonly all: boolean }): Promise<DomainDetails[]> {
  const refs = await conn.listDomains({ all: options.all });
  const infos = await Promise.all(refs.map((ref) => conn.domainInfo(ref)));
  return refs.map((ref, i) => {
    const info = infos[i];
    if (info === undefined) throw new Error(`no info came back for domain ${ref.name}`);
    return { ref, info };
  });
}

/** VIR_DOMAIN_STATS_* groups. */
export const StatsGroup = { STATE: 1, CPU_TOTAL: 2, BALLOON: 4, VCPU: 8, INTERFACE: 16, BLOCK: 32 } as const;
