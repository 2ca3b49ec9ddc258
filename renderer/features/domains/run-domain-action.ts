import type { DomainAction } from '../../../shared/model';
import { call } from '../../ipc/client';

/** Asks main for the action; its outcome comes back as a domain.changed (or removed) delta. */
export async function requestDomainAction(connectionId: string, uuid: string, action: DomainAction): Promise<void> {
  await call('domains.action', connectionId, uuid, action);
}
