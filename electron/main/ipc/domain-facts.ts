/** The details' overview facts of one domain: three calls sent together on one connection. */
import type { Connection, DomainRef } from '../../libvirt';
import { domainStateReasonText } from '../../../shared/domain-state-reason';
import type { DomainFacts } from '../../../shared/model';

export async function domainFacts(conn: Connection, dom: DomainRef): Promise<DomainFacts> {
  const [{ state, reason }, autostart, persistent] = await Promise.all([
    conn.domainState(dom),
    conn.domainGetAutostart(dom),
    conn.domainIsPersistent(dom),
  ]);
  return { state, reason, reasonText: domainStateReasonText(state, reason), autostart, persistent };
}
