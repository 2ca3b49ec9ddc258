import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { nameProblem } from '../../../shared/new-vm/validate';
import { ErrorText, shownError } from '../../components/ErrorText';
import { Modal } from '../../components/Modal';
import { call } from '../../ipc/client';
import { actions } from '../../stores/store';

/** Clone a shut-off domain under a new name: new UUID and MACs, its volumes copied in their pools. */
export function CloneDomainDialog({ connectionId, uuid, name }: { readonly connectionId: string; readonly uuid: string; readonly name: string }): React.JSX.Element {
  const [newName, setNewName] = useState(`${name}-clone`);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const close = (): void => { actions().closeDialog(); };
  return (
    <Modal title={`Clone ${name}`} testId="clone-dialog" onCancel={close}>
      <form onSubmit={(e) => {
        e.preventDefault();
        const bad = nameProblem(newName, 'new name');
        if (bad !== null) {
          setProblem({ kind: 'invalid-argument', message: bad });
          return;
        }
        setBusy(true);
        setProblem(null);
        call('domains.clone', connectionId, uuid, newName).then(close, (error: unknown) => { setProblem(shownError(error)); setBusy(false); });
      }}>
        <p className="muted">The clone gets a new UUID and new MAC addresses; every writable disk that is a pool volume is copied as a new volume in its pool.</p>
        <label className="block">New name<input data-testid="clone-name" value={newName} onChange={(e) => { setNewName(e.target.value); }} /></label>
        {problem !== null && <ErrorText error={problem} testId="clone-error" />}
        <div className="dialog-buttons">
          <button type="button" onClick={close}>Cancel</button>
          <button type="submit" className="primary" data-testid="clone-submit" disabled={busy}>{busy ? 'Cloning…' : 'Clone'}</button>
        </div>
      </form>
    </Modal>
  );
}
