import type { DomainAction, DomainSummary } from '../../../shared/model';
import { errorMessage } from '../../components/format';
import { call } from '../../ipc/client';

export interface BulkFailure {
  readonly name: string;
  readonly message: string;
}

/**
 * One action on each domain, all asked at once (main pipelines them); a failure on one
 * domain does not stop the others, and each is reported by name. The new states arrive
 * as domain events, as any change made elsewhere does: no re-list here.
 */
export async function runBulkAction(connectionId: string, action: DomainAction, domains: readonly DomainSummary[]): Promise<readonly BulkFailure[]> {
  const outcomes = await Promise.allSettled(domains.map((d) => call('domains.action', connectionId, d.uuid, action)));
  return outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ name: domains[i]?.name ?? '?', message: errorMessage(o.reason) }] : []));
}
