import { Suspense } from 'react';
import { useStore } from './stores/store';
import { ConnectionDialog } from './features/connections/ConnectionDialog';
import { RenameConnectionDialog } from './features/connections/RenameConnectionDialog';
import { RemoveConnectionDialog } from './features/connections/RemoveConnectionDialog';
import { CloneDomainDialog, DeleteDomainDialog, DomainDetailsDialog, NewVmDialog } from './lazy-dialogs';
import { PromptModal } from './features/prompts/PromptModal';

/** The one open dialog, and main's questions above everything. */
export function Dialogs(): React.JSX.Element {
  const dialog = useStore((s) => s.dialog);
  let shown: React.JSX.Element | null;
  switch (dialog.kind) {
    case 'none': shown = null; break;
    case 'add-connection': shown = <ConnectionDialog editing={null} />; break;
    case 'edit-connection': shown = <EditConnection connectionId={dialog.connectionId} />; break;
    case 'rename-connection': shown = <RenameConnectionDialog connectionId={dialog.connectionId} />; break;
    case 'remove-connection': shown = <RemoveConnectionDialog connectionId={dialog.connectionId} />; break;
    case 'domain-details': shown = <DomainDetailsDialog connectionId={dialog.connectionId} uuid={dialog.uuid} name={dialog.name} initialConsole={dialog.console ?? 'none'} startError={dialog.startError} />; break;
    case 'new-vm': shown = <NewVmDialog connectionId={dialog.connectionId} />; break;
    case 'clone-domain': shown = <CloneDomainDialog connectionId={dialog.connectionId} uuid={dialog.uuid} name={dialog.name} />; break;
    case 'delete-domain': shown = <DeleteDomainDialog connectionId={dialog.connectionId} uuid={dialog.uuid} name={dialog.name} />; break;
  }
  return (
    <>
      <Suspense fallback={<p className="muted dialog-loading" role="status" data-testid="dialog-loading">Opening…</p>}>{shown}</Suspense>
      <PromptModal />
    </>
  );
}

/** The edit dialog for a profile that still exists (it may be removed meanwhile). */
function EditConnection({ connectionId }: { readonly connectionId: string }): React.JSX.Element | null {
  const profile = useStore((s) => s.connections.get(connectionId)?.profile);
  return profile ? <ConnectionDialog key={connectionId} editing={profile} /> : null;
}
