import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { BulkPlan } from './bulk-plan';

/** The one question before a bulk action: what will happen to which domain, and what is skipped. */
export function BulkConfirm({ plan, onConfirm, onCancel }: { readonly plan: BulkPlan; readonly onConfirm: () => void; readonly onCancel: () => void }): React.JSX.Element {
  const { spec, apply, skip } = plan;
  const count = apply.length === 1 ? `"${apply[0]?.name ?? ''}"` : `${apply.length} domains`;
  return (
    <ConfirmDialog
      title={`${spec.label} ${count}?`}
      confirmLabel={apply.length === 0 ? 'Nothing to do' : `${spec.label} ${apply.length === 1 ? 'it' : `all ${apply.length}`}`}
      onCancel={onCancel}
      onConfirm={() => { if (apply.length > 0) onConfirm(); else onCancel(); }}
      message={(
        <div data-testid="bulk-plan">
          {spec.confirm !== null && <p>{spec.confirm}</p>}
          {apply.length > 0 && (
            <>
              <p>{spec.label} will be sent to:</p>
              <ul className="plan-list" data-testid="bulk-plan-apply">{apply.map((d) => <li key={d.uuid}>{d.name}</li>)}</ul>
            </>
          )}
          {skip.length > 0 && (
            <>
              <p>Left as they are:</p>
              <ul className="plan-list muted" data-testid="bulk-plan-skip">{skip.map(({ domain, why }) => <li key={domain.uuid}>{domain.name}: {why}</li>)}</ul>
            </>
          )}
        </div>
      )}
    />
  );
}
