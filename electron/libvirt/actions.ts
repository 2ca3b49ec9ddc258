/** The lifecycle actions an admin takes on a domain, each mapped to its libvirt call. */
import type { DomainAction } from '../../shared/model';
import type { Connection } from './driver/api';
import type { DomainRef } from './driver/model';

export async function runDomainAction(conn: Connection, dom: DomainRef, action: DomainAction): Promise<void> {
  switch (action) {
    case 'start':
      await conn.createDomain(dom);
      return;
    case 'shutdown':
      return conn.shutdownDomain(dom);
    case 'reboot':
      return conn.rebootDomain(dom);
    case 'suspend':
      return conn.suspendDomain(dom);
    case 'resume':
      return conn.resumeDomain(dom);
    case 'destroy':
      return conn.destroyDomain(dom);
    case 'undefine':
      return conn.undefineDomain(dom);
  }
}
