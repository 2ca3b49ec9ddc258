import { useEffect } from 'react';
import { LoadingOrError } from '../../components/StatusText';
import { useStore } from '../../stores/store';
import { loadHost } from './load-host';
import { HostInfoCard } from './HostInfoCard';
import { HostLinkFacts } from './HostLinkFacts';

/** Host facts of a usable connection, fetched when none are in the store (first open, reopen). */
export function HostPanel({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const host = useStore((s) => s.hosts.get(connectionId));
  const missing = host === undefined;
  const since = useStore((s) => {
    const state = s.connections.get(connectionId)?.state;
    return state?.kind === 'open' ? state.since : null;
  });
  useEffect(() => {
    if (missing) void loadHost(connectionId);
  }, [connectionId, missing]);
  const value = host ?? { kind: 'loading' as const };
  return (
    <section className="panel" data-testid="host-panel">
      <h3>Host</h3>
      <LoadingOrError value={value} what="host information" testId="host" />
      {value.kind === 'ready' && <HostInfoCard host={value.value} />}
      <HostLinkFacts connectionId={connectionId} since={since} />
    </section>
  );
}
