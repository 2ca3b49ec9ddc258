import type { DomainAction, DomainSummary } from '../../../shared/model';
import { ACTION_SPECS } from './domain-actions';
import { appliesToAny } from './domain-menu';

interface Props {
  readonly chosen: readonly DomainSummary[];
  readonly busy: boolean;
  readonly onAction: (action: DomainAction) => void;
  readonly onDetails: () => void;
}

/** The actions, once, for whatever is selected: one domain or many. */
export function DomainToolbar({ chosen, busy, onAction, onDetails }: Props): React.JSX.Element {
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
    </div>
  );
}
