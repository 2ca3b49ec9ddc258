import type { ConnectionView as View } from '../../../shared/model';
import { ErrorText } from '../../components/ErrorText';
import { useNow } from '../../components/use-now';
import { describeState, isUsable } from '../connections/state-label';
import { startOpening } from '../connections/connection-commands';
import { DomainsPanel } from '../domains/DomainsPanel';
import { CapabilitiesView } from './CapabilitiesView';
import { HostPanel } from './HostPanel';
import { HostGraphs } from '../graphs/HostGraphs';
import { NetworksTable } from './NetworksTable';
import { PoolsTable } from './PoolsTable';

/** The main area for the selected connection: its host and guests, or why there are none. */
export function ConnectionPage({ view }: { readonly view: View }): React.JSX.Element {
  const { profile, state } = view;
  const id = profile.id;
  const now = useNow(state.kind === 'failed' && state.retryAt !== null);
  const label = describeState(state, now);
  return (
    <div className="content" data-testid="connection-view" data-connection-id={id}>
      <header className="content-head">
        <h2 data-testid="content-title">{profile.name}</h2>
        <code className="muted">{profile.uri}</code>
      </header>
      {isUsable(state)
        ? (
          <>
            <DomainsPanel connectionId={id} />
            <HostPanel connectionId={id} />
            <HostGraphs connectionId={id} />
            <div className="two-columns">
              <NetworksTable connectionId={id} />
              <PoolsTable connectionId={id} />
            </div>
            <CapabilitiesView connectionId={id} />
          </>
        )
        : (
          <section className="panel not-open" data-testid="not-open">
            <p data-testid="not-open-state">
              <span className={`dot tone-${label.tone}`} aria-hidden="true" />
              {label.text}
            </p>
            {state.kind === 'failed' && <ErrorText error={state.error} testId="connection-error" onRetry={() => { startOpening(id); }} />}
            {(state.kind === 'idle' || state.kind === 'closed') && (
              <button type="button" className="primary" onClick={() => { startOpening(id); }}>Connect</button>
            )}
          </section>
        )}
    </div>
  );
}
