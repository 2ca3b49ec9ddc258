import { useEffect } from 'react';
import type { DomainSummary } from '../../../shared/model';
import { LoadingOrError } from '../../components/StatusText';
import { actions, useStore } from '../../stores/store';
import { DomainList } from './DomainList';
import { loadDomains } from './load-domains';
import { useStatsSubscription } from './use-stats-subscription';

const NO_DOMAINS: readonly DomainSummary[] = [];

export function DomainsPanel({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const domains = useStore((s) => s.domains.get(connectionId));
  const missing = domains === undefined;
  useStatsSubscription(connectionId);
  useEffect(() => {
    if (missing) void loadDomains(connectionId);
  }, [connectionId, missing]);
  const value = domains ?? { kind: 'loading' as const };
  return (
    <section className="panel" data-testid="domains">
      <div className="panel-head">
        <h3>Virtual machines</h3>
        <button type="button" className="small" data-testid="new-vm-open" onClick={() => { actions().openDialog({ kind: 'new-vm', connectionId }); }}>New VM</button>
      </div>
      {value.kind === 'failed' && <LoadingOrError value={value} what="domains" testId="domains" />}
      {value.kind === 'ready' && value.value.length === 0 && <p className="muted" data-testid="domains-empty">No domains on this host</p>}
      {/* The list's frame (filter, toolbar, headers) is up while the list travels, so its
          arrival adds only the rows, and the page below does not jump. */}
      {(value.kind === 'loading' || (value.kind === 'ready' && value.value.length > 0)) && (
        <DomainList connectionId={connectionId} domains={value.kind === 'ready' ? value.value : NO_DOMAINS} loading={value.kind === 'loading'} />
      )}
    </section>
  );
}
