import type { DomainSummary } from '../../../shared/model';
import { ACTION_SPECS, isActionEnabled, type ActionSpec } from './domain-actions';

interface Props {
  readonly domain: DomainSummary;
  readonly busy: boolean;
  readonly onAction: (spec: ActionSpec) => void;
}

export function DomainActions({ domain, busy, onAction }: Props): React.JSX.Element {
  return (
    <div className="row-actions">
      {ACTION_SPECS.map((spec) => (
        <button
          key={spec.action}
          type="button"
          className={spec.confirm === null ? 'small' : 'small danger-outline'}
          data-testid={`action-${spec.action}`}
          disabled={busy || !isActionEnabled(spec.action, domain.state)}
          onClick={(e) => {
            // The row opens details on Enter; a button's own Enter or click is not that.
            e.stopPropagation();
            onAction(spec);
          }}
          onKeyDown={(e) => { e.stopPropagation(); }}
        >
          {spec.label}
        </button>
      ))}
    </div>
  );
}
