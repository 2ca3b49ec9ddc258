import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorMessage } from '../../components/format';
import { actions, useStore } from '../../stores/store';
import { removeConnection } from './connection-commands';

export function RemoveConnectionDialog({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const name = useStore((s) => s.connections.get(connectionId)?.profile.name ?? connectionId);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title={`Remove ${name}?`}
      message={error ?? `The connection "${name}" is closed and forgotten. Nothing changes on the host.`}
      confirmLabel="Remove"
      onCancel={() => { actions().closeDialog(); }}
      onConfirm={() => {
        removeConnection(connectionId).then(
          () => { actions().closeDialog(); },
          (e: unknown) => { setError(`Could not remove it: ${errorMessage(e)}`); },
        );
      }}
    />
  );
}
