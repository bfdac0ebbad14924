/**
 * The renderer's one modal `<dialog>`, open while it is mounted (render it conditionally):
 * Escape (and, unless turned off, a click on the backdrop) calls `onClose`; without `onClose`
 * the dialog cannot be dismissed (work in progress). Focus goes to the element marked
 * `data-autofocus` and returns to where it was when the dialog closes. ConfirmDialog below asks
 * before anything drastic.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  /** Id of the element that names the dialog (its heading). */
  labelledBy: string;
  describedBy?: string;
  onClose?: () => void;
  role?: 'dialog' | 'alertdialog';
  /** Whether a click on the backdrop closes the dialog (default true). */
  closeOnBackdrop?: boolean;
  className?: string;
  children: ReactNode;
}

export function ModalDialog({ labelledBy, describedBy, onClose, role, closeOnBackdrop = true, className, children }: ModalDialogProps) {
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
      role={role}
      className={className}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
      onMouseDown={(event) => {
        // A press on the backdrop targets the dialog itself, outside its box.
        if (!closeOnBackdrop || event.target !== ref.current) return;
        const box = ref.current.getBoundingClientRect();
        const isOutside = event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
        if (isOutside) onClose?.();
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
export function ConfirmDialog({ title, children, confirmLabel, isDanger = true, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <ModalDialog labelledBy="confirm-dialog-title" describedBy="confirm-dialog-body" onClose={onCancel} role="alertdialog" className="codebook-dialog">
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
