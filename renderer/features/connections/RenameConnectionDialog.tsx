import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { ErrorText, shownError } from '../../components/ErrorText';
import { Modal } from '../../components/Modal';
import { actions, useStore } from '../../stores/store';
import { updateConnection } from './connection-commands';

export function RenameConnectionDialog({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const current = useStore((s) => s.connections.get(connectionId)?.profile.name ?? '');
  const [name, setName] = useState(current);
  const [error, setError] = useState<AppError | null>(null);
  const close = (): void => { actions().closeDialog(); };
  return (
    <Modal title={`Rename ${current}`} testId="rename-dialog" onCancel={close}>
      <form onSubmit={(e) => {
        e.preventDefault();
        updateConnection(connectionId, { name }).then(close, (err: unknown) => { setError(shownError(err)); });
      }}>
        <label className="block">
          Display name
          <input data-testid="rename-name" value={name} placeholder="empty: the host name" onChange={(e) => { setName(e.target.value); }} />
        </label>
        {error !== null && <ErrorText error={error} testId="rename-error" />}
        <div className="dialog-buttons">
          <button type="button" onClick={close}>Cancel</button>
          <button type="submit" className="primary" data-testid="rename-submit">Rename</button>
        </div>
      </form>
    </Modal>
  );
}
