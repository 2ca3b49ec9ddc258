import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { AppError } from '../../../shared/errors';
import { ErrorText, shownError } from '../../components/ErrorText';
import { actions, useStore } from '../../stores/store';
import { removeConnection } from './connection-commands';

export function RemoveConnectionDialog({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const name = useStore((s) => s.connections.get(connectionId)?.profile.name ?? connectionId);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <ConfirmDialog
      title={`Remove ${name}?`}
      message={error === null
        ? `The connection "${name}" is closed and forgotten. Nothing changes on the host.`
        : <><p>Could not remove it:</p><ErrorText error={error} testId="remove-error" /></>}
      confirmLabel="Remove"
      onCancel={() => { actions().closeDialog(); }}
      onConfirm={() => {
        removeConnection(connectionId).then(
          () => { actions().closeDialog(); },
          (e: unknown) => { setError(shownError(e)); },
        );
      }}
    />
  );
}
