import { useState } from 'react';
import type { ConnectionView } from '../../../shared/model';
import { ErrorText, shownError } from '../../components/ErrorText';
import type { AppError } from '../../../shared/errors';
import { useNow } from '../../components/use-now';
import { actions, useStore } from '../../stores/store';
import { closeConnection, startOpening } from './connection-commands';
import { describeState } from './state-label';

/** One connection in the sidebar: select it, open or close it, ask to remove it (unless the admin manages it). */
export function ConnectionItem({ view }: { readonly view: ConnectionView }): React.JSX.Element {
  const { profile, state } = view;
  const managed = view.managed === true;
  const selected = useStore((s) => s.selectedConnectionId === profile.id);
  const [error, setError] = useState<AppError | null>(null);
  const now = useNow(state.kind === 'failed' && state.retryAt !== null);
  const label = describeState(state, now);
  const active = state.kind !== 'idle' && state.kind !== 'closed' && !(state.kind === 'failed' && state.retryAt === null);
  return (
    <li
      className={selected ? 'connection selected' : 'connection'}
      data-testid="connection-item"
      data-connection-id={profile.id}
      data-state={state.kind}
      data-managed={managed ? 'true' : undefined}
    >
      <button
        type="button"
        className="connection-select"
        aria-current={selected ? 'true' : undefined}
        onClick={() => { actions().selectConnection(profile.id); }}
        title={profile.uri}
      >
        <span className="connection-name" data-testid="connection-name">{profile.name}</span>
        {managed && <span className="connection-managed" data-testid="connection-managed" title="Set by your administrator: it cannot be edited or removed">Managed</span>}
        <span className="connection-state" data-testid="connection-state">
          <span className={`dot tone-${label.tone}`} aria-hidden="true" />
          {label.text}
        </span>
        <span className="connection-uri">{profile.uri}</span>
      </button>
      <div className="connection-actions">
        {active
          ? (
            <button type="button" data-testid="connection-close" onClick={() => {
              setError(null);
              closeConnection(profile.id).catch((e: unknown) => { setError(shownError(e)); });
            }}>Disconnect</button>
          )
          : (
            <button type="button" data-testid="connection-open" onClick={() => {
              setError(null);
              startOpening(profile.id);
            }}>Connect</button>
          )}
        {!managed && <button type="button" data-testid="connection-remove" onClick={() => { actions().openDialog({ kind: 'remove-connection', connectionId: profile.id }); }}>Remove</button>}
      </div>
      {error !== null && <ErrorText error={error} testId="connection-item-error" />}
    </li>
  );
}
