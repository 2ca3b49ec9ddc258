import type { DomainAction } from '../../../shared/model';
import { call } from '../../ipc/client';
import { loadDomains } from './load-domains';

/** Asks main for the action, then re-reads the list: events may lag or not exist for a driver. */
export async function runDomainAction(connectionId: string, uuid: string, action: DomainAction): Promise<void> {
  try {
    await call('domains.action', connectionId, uuid, action);
  } finally {
    await loadDomains(connectionId);
  }
}
