/**
 * A modal `<dialog>` that is open while it is mounted (render it conditionally): Escape and a
 * click on the backdrop call `onClose`, focus goes to the element marked `data-autofocus`
 * (or the first control), and returns to where it was when the dialog closes.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  /** Id of the element that names the dialog (its heading). */
  labelledBy: string;
  describedBy?: string;
  onClose(): void;
  className?: string;
  children: ReactNode;
}

export function ModalDialog({ labelledBy, describedBy, onClose, className, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const dialog = ref.current!;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop targets the dialog itself, outside its box.
        if (event.target !== ref.current) return;
        const box = ref.current.getBoundingClientRect();
        const isOutside = event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
        if (isOutside) onClose();
      }}
    >
      {children}
    </dialog>
  );
}

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isDanger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before something drastic. Cancel has the initial focus, so a stray Enter does no harm. */
export function ConfirmDialog({ title, children, confirmLabel, isDanger, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <ModalDialog labelledBy="confirm-dialog-title" describedBy="confirm-dialog-body" onClose={onCancel} className="codebook-dialog">
      <h2 id="confirm-dialog-title" className="codebook-dialog-title">
        {title}
      </h2>
      <div id="confirm-dialog-body" className="codebook-dialog-body">
        {children}
      </div>
      <div className="codebook-dialog-actions">
        <button type="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className={isDanger ? 'danger-solid' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
