/**
 * The overview's facts the domain list does not carry: why the domain is in its state (in
 * virsh's words), whether the host starts it at boot (with a switch), and whether it is
 * persistent. Read when the details open and again when the state or the switch changes.
 */
import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { DomainStateName } from '../../../shared/model';
import { ErrorText, shownError } from '../../components/ErrorText';
import { useLoad } from '../../components/use-load';
import { call } from '../../ipc/client';

interface Props {
  readonly connectionId: string;
  readonly uuid: string;
  readonly name: string;
  readonly state: DomainStateName;
}

export function DomainStateFacts({ connectionId, uuid, name, state }: Props): React.JSX.Element {
  const [readings, setReadings] = useState(0);
  const facts = useLoad(`${connectionId}/${uuid}/${state}/${readings}`, () => call('domains.facts', connectionId, uuid));
  const [busy, setBusy] = useState(false);
  const [switchError, setSwitchError] = useState<AppError | null>(null);

  const setAutostart = (on: boolean): void => {
    setBusy(true);
    setSwitchError(null);
    call('domains.setAutostart', connectionId, uuid, on).then(
      () => { setBusy(false); setReadings((n) => n + 1); },
      (error: unknown) => { setBusy(false); setSwitchError(shownError(error)); },
    );
  };

  const value = facts.kind === 'ready' ? facts.value : null;
  return (
    <>
      <dl className="facts details-facts" data-testid="domain-state-facts" data-facts={facts.kind}>
        <div className="fact"><dt>Reason</dt><dd data-testid="detail-reason">{value?.reasonText ?? '…'}</dd></div>
        <div className="fact">
          <dt>Autostart</dt>
          <dd>
            <label>
              <input
                type="checkbox"
                data-testid="detail-autostart"
                checked={value?.autostart ?? false}
                disabled={value === null || busy}
                onChange={(e) => { setAutostart(e.target.checked); }}
              />{' '}
              Start {name} when the host boots
            </label>
          </dd>
        </div>
        <div className="fact">
          <dt>Persistent</dt>
          <dd data-testid="detail-persistent">{value === null ? '…' : value.persistent ? 'yes: defined on the host' : 'no: transient, gone once it stops'}</dd>
        </div>
      </dl>
      {facts.kind === 'failed' && <ErrorText error={facts.error} testId="domain-facts-error" />}
      {switchError !== null && <ErrorText error={switchError} testId="autostart-error" />}
    </>
  );
}
