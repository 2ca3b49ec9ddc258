import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface ModalProps {
  readonly title: string;
  readonly testId: string;
  /** Escape and the backdrop call it; absent for questions that must be answered by a button. */
  readonly onCancel: () => void;
  readonly children: ReactNode;
  readonly wide?: boolean;
}

/**
 * A dialog over the app: focus moves in on open, Escape cancels. Rendered into <body> so
 * a dialog opened from a table row does not land inside the <tbody>.
 */
export function Modal({ title, testId, onCancel, children, wide = false }: ModalProps): React.JSX.Element {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The first field, or else the first button, so Enter and typing work at once.
    const target = box.current?.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button:not([disabled])');
    target?.focus();
  }, []);
  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onCancel(); }}>
      <div
        ref={box}
        className={wide ? 'modal modal-wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
