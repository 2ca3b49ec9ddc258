import { LibvirtError, runDomainAction, type Connection, type DomainRef } from '../libvirt';
import type { LifecycleAction } from './commands';

export { isLifecycleAction, LIFECYCLE_ACTIONS, type LifecycleAction } from './commands';

const PAST_TENSE: Record<LifecycleAction, string> = {
  start: 'started',
  shutdown: 'is being shut down',
  destroy: 'destroyed',
  suspend: 'suspended',
  resume: 'resumed',
  reboot: 'is being rebooted',
};

/** Runs one action on a domain named by name or UUID; says what happened, as virsh does. */
export async function runLifecycle(conn: Connection, action: LifecycleAction, domainName: string): Promise<string> {
  const dom = await findDomain(conn, domainName);
  await runDomainAction(conn, dom, action);
  return `Domain '${dom.name}' ${PAST_TENSE[action]}`;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A domain by name or UUID; libvirt's bare "Domain not found" gains the name asked for. */
async function findDomain(conn: Connection, nameOrUuid: string): Promise<DomainRef> {
  try {
    return UUID.test(nameOrUuid) ? await conn.lookupDomainByUuid(nameOrUuid) : await conn.lookupDomainByName(nameOrUuid);
  } catch (error) {
    if (error instanceof LibvirtError && error.codeName === 'NO_DOMAIN') {
      throw new Error(`no domain '${nameOrUuid}' on this host (${error.message})`);
    }
    throw error;
  }
}
