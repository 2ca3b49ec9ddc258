import { useEffect } from 'react';
import { LoadingOrError } from '../../components/StatusText';
import { useStore } from '../../stores/store';
import { DomainRow } from './DomainRow';
import { loadDomains } from './load-domains';
import { useStatsSubscription } from './use-stats-subscription';

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
      <h3>Virtual machines</h3>
      <LoadingOrError value={value} what="domains" testId="domains" />
      {value.kind === 'ready' && (value.value.length === 0
        ? <p className="muted" data-testid="domains-empty">No domains on this host</p>
        : (
          <table className="grid domains">
            <thead>
              <tr><th>Name</th><th>State</th><th className="num">ID</th><th className="num">vCPUs</th><th className="num">Memory</th><th className="num">CPU</th><th>Actions</th></tr>
            </thead>
            <tbody>
              {value.value.map((d) => <DomainRow key={d.uuid} connectionId={connectionId} domain={d} />)}
            </tbody>
          </table>
        ))}
    </section>
  );
}
