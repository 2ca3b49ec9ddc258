import { Modal } from './Modal';

interface ConfirmDialogProps {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Asks before something that cannot be undone; Cancel has the focus, so Enter is safe. */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps): React.JSX.Element {
  return (
    <Modal title={title} testId="confirm-dialog" onCancel={onCancel}>
      <p>{message}</p>
      <div className="dialog-buttons">
        <button type="button" data-testid="confirm-cancel" onClick={onCancel}>Cancel</button>
        <button type="button" className="danger" data-testid="confirm-ok" onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </Modal>
  );
}
