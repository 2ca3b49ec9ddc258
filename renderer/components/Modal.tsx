import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, type ReactNode } from 'react';

interface ModalProps {
  readonly title: string;
  readonly testId: string;
  /** Escape and a click outside call it. */
  readonly onCancel: () => void;
  readonly children: ReactNode;
  readonly wide?: boolean;
}

/**
 * A dialog over the app, on Radix: focus moves to the first control and stays inside
 * until it closes, then goes back where it was; Escape cancels; the title labels it.
 * Rendered into <body>, so a dialog opened from a list row does not land inside it.
 */
export function Modal({ title, testId, onCancel, children, wide = false }: ModalProps): React.JSX.Element {
  useRestoreFocus();
  return (
    <Dialog.Root open onOpenChange={(open) => { if (!open) onCancel(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="modal-backdrop">
          <Dialog.Content className={wide ? 'modal modal-wide' : 'modal'} data-testid={testId} aria-describedby={undefined} onInteractOutside={keepForDialogAbove}>
            <Dialog.Title>{title}</Dialog.Title>
            {children}
          </Dialog.Content>
        </Dialog.Overlay>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/**
 * A question main asks while this dialog is open (a VNC password asked for the console
 * inside it) opens above it; answering it is no click outside, and must not close this one.
 */
function keepForDialogAbove(event: Event): void {
  const { target } = event;
  if (target instanceof Element && target.closest('[role="dialog"]') !== null) event.preventDefault();
}

/**
 * Our dialogs close by unmounting (the store drops them), which Radix does not see as a
 * close; so focus goes back to where it was when the dialog opened, if that is still there.
 */
export function useRestoreFocus(): void {
  useEffect(() => {
    const before = document.activeElement;
    return () => {
      // After Radix's own clean-up, which would otherwise send focus to <body>.
      setTimeout(() => {
        if (before instanceof HTMLElement && before.isConnected) before.focus();
      }, 0);
    };
  }, []);
}
