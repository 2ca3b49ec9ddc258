import type { DomainAction, DomainSummary } from '../../../shared/model';
import { ACTION_SPECS } from './domain-actions';
import { appliesToAny } from './domain-menu';

interface Props {
  readonly chosen: readonly DomainSummary[];
  readonly busy: boolean;
  readonly onAction: (action: DomainAction) => void;
  readonly onDetails: () => void;
  /** Clone the one chosen domain (shut off), or delete it with its volumes: each opens its dialog. */
  readonly onStorage: (what: 'clone-domain' | 'delete-domain') => void;
}

/** The actions, once, for whatever is selected: one domain or many. */
export function DomainToolbar({ chosen, busy, onAction, onDetails, onStorage }: Props): React.JSX.Element {
  return (
    <div className="toolbar" role="toolbar" aria-label="Actions on the selected domains" data-testid="bulk-actions">
      <button type="button" className="small" data-testid="action-details" disabled={chosen.length !== 1} onClick={onDetails}>Details</button>
      {ACTION_SPECS.map((spec) => (
        <button
          key={spec.action}
          type="button"
          className={spec.confirm === null ? 'small' : 'small danger-outline'}
          data-testid={`action-${spec.action}`}
          disabled={busy || !appliesToAny(spec.action, chosen)}
          onClick={() => { onAction(spec.action); }}
        >
          {spec.label}
        </button>
      ))}
      <button type="button" className="small" data-testid="action-clone" disabled={busy || chosen.length !== 1 || chosen[0]?.state !== 'shutoff'} onClick={() => { onStorage('clone-domain'); }}>Clone…</button>
      <button type="button" className="small danger-outline" data-testid="action-delete" disabled={busy || chosen.length !== 1} onClick={() => { onStorage('delete-domain'); }}>Delete…</button>
    </div>
  );
}
