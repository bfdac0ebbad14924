/** A modal question with a destructive confirm button (delete project, delete document). */
import { useEffect, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, confirmLabel, children, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} onClose={onCancel} aria-labelledby="confirm-title" role="alertdialog">
      <h2 id="confirm-title">{title}</h2>
      <p>{children}</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={() => ref.current?.close()}>Cancel</button>
        <button type="button" className="primary danger-fill" onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
