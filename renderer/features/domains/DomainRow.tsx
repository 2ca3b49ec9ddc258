import { useState } from 'react';
import type { DomainSummary } from '../../../shared/model';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText, shownError } from '../../components/ErrorText';
import { formatKiB } from '../../components/format';
import type { AppError } from '../../../shared/errors';
import { useDomainSample } from '../../stores/selectors';
import { actions } from '../../stores/store';
import type { ActionSpec } from './domain-actions';
import { DomainActions } from './DomainActions';
import { requestDomainAction } from './run-domain-action';
import { StateBadge } from './StateBadge';

/** One domain: its facts, live CPU, and the actions its state allows. */
export function DomainRow({ connectionId, domain }: { readonly connectionId: string; readonly domain: DomainSummary }): React.JSX.Element {
  const sample = useDomainSample(connectionId, domain.uuid);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState<ActionSpec | null>(null);
  const showDetails = (): void => { actions().openDialog({ kind: 'domain-details', connectionId, uuid: domain.uuid, name: domain.name }); };

  const run = (spec: ActionSpec): void => {
    setConfirming(null);
    setBusy(true);
    setError(null);
    requestDomainAction(connectionId, domain.uuid, spec.action).then(
      () => { setBusy(false); },
      (e: unknown) => {
        setBusy(false);
        const failure = shownError(e);
        setError({ ...failure, message: `${spec.label} failed: ${failure.message}` });
      },
    );
  };

  const cpu = sample?.cpuPercent;
  return (
    <>
      <tr
        tabIndex={0}
        className="domain-row"
        data-testid="domain-row"
        data-domain={domain.name}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          // Otherwise the same Enter goes on to "click" the dialog's focused Close button.
          e.preventDefault();
          showDetails();
        }}
        onDoubleClick={showDetails}
      >
        <td className="domain-name">{domain.name}</td>
        <td><StateBadge state={domain.state} /></td>
        <td className="num">{domain.id ?? '—'}</td>
        <td className="num">{domain.vcpus}</td>
        <td className="num">{formatKiB(domain.memoryKiB)}</td>
        <td className="num" data-testid="domain-cpu">{cpu === undefined || cpu === null ? '—' : `${cpu.toFixed(1)} %`}</td>
        <td>
          <DomainActions domain={domain} busy={busy} onAction={(spec) => { if (spec.confirm === null) run(spec); else setConfirming(spec); }} />
        </td>
      </tr>
      {error !== null && (
        <tr className="row-error">
          <td colSpan={7}><ErrorText error={error} testId="domain-error" /></td>
        </tr>
      )}
      {confirming !== null && (
        <ConfirmDialog
          title={`${confirming.label} "${domain.name}"?`}
          message={confirming.confirm ?? ''}
          confirmLabel={confirming.label}
          onCancel={() => { setConfirming(null); }}
          onConfirm={() => { run(confirming); }}
        />
      )}
    </>
  );
}
