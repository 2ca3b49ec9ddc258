/**
 * A domain as the renderer's list shows it, built from the library's answers: the whole
 * host once (on first view), or one domain at a time after a change.
 */
import { LibvirtError, listDomainDetails, type Connection, type DomainListing, type DomainRef } from '../../libvirt';
import type { DomainSummary } from '../../../shared/model';

function summaryOf(ref: DomainRef, info: DomainListing): DomainSummary {
  return {
    uuid: ref.uuid,
    name: ref.name,
    id: ref.id >= 0 ? ref.id : null,
    state: info.state,
    vcpus: info.vcpus,
    memoryKiB: info.memoryKiB,
    maxMemoryKiB: info.maxMemoryKiB,
  };
}

/** Every domain of the host, sorted by name as the list shows them. */
export async function listDomainSummaries(conn: Connection): Promise<DomainSummary[]> {
  const details = await listDomainDetails(conn, { all: true });
  return details.map(({ ref, info }) => summaryOf(ref, info)).sort((a, b) => a.name.localeCompare(b.name));
}

export function isNoDomain(error: unknown): boolean {
  return error instanceof LibvirtError && error.codeName === 'NO_DOMAIN';
}

/** One domain now, in two calls (lookup for its current id, info); null when it no longer exists. */
export async function lookupDomainSummary(conn: Connection, uuid: string): Promise<DomainSummary | null> {
  try {
    const ref = await conn.lookupDomainByUuid(uuid);
    return summaryOf(ref, await conn.domainInfo(ref));
  } catch (error) {
    if (isNoDomain(error)) return null;
    throw error;
  }
}
