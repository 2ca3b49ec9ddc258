import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactNode } from 'react';
import { useRestoreFocus } from './Modal';

interface ConfirmDialogProps {
  readonly title: string;
  readonly message: ReactNode;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * Asks before something that cannot be undone (Radix's alert dialog): Cancel has the
 * focus, so Enter is safe; Escape cancels; focus returns where it was.
 */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps): React.JSX.Element {
  useRestoreFocus();
  return (
    <AlertDialog.Root open onOpenChange={(open) => { if (!open) onCancel(); }}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="modal-backdrop">
          <AlertDialog.Content className="modal" data-testid="confirm-dialog">
            <AlertDialog.Title>{title}</AlertDialog.Title>
            <AlertDialog.Description asChild><div className="confirm-message">{message}</div></AlertDialog.Description>
            <div className="dialog-buttons">
              <AlertDialog.Cancel data-testid="confirm-cancel">Cancel</AlertDialog.Cancel>
              <AlertDialog.Action
                className="danger"
                data-testid="confirm-ok"
                onClick={(e) => {
                  // The caller closes the dialog when its work is done (or shows why not).
                  e.preventDefault();
                  onConfirm();
                }}
              >
                {confirmLabel}
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Overlay>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
