import { useStore } from './stores/store';
import { AddConnectionDialog } from './features/connections/AddConnectionDialog';
import { RemoveConnectionDialog } from './features/connections/RemoveConnectionDialog';
import { DomainDetailsDialog } from './features/domains/DomainDetailsDialog';
import { PromptModal } from './features/prompts/PromptModal';

/** The one open dialog, and main's questions above everything. */
export function Dialogs(): React.JSX.Element {
  const dialog = useStore((s) => s.dialog);
  let shown: React.JSX.Element | null;
  switch (dialog.kind) {
    case 'none': shown = null; break;
    case 'add-connection': shown = <AddConnectionDialog />; break;
    case 'remove-connection': shown = <RemoveConnectionDialog connectionId={dialog.connectionId} />; break;
    case 'domain-details': shown = <DomainDetailsDialog connectionId={dialog.connectionId} uuid={dialog.uuid} name={dialog.name} />; break;
  }
  return (
    <>
      {shown}
      <PromptModal />
    </>
  );
}
