/**
 * Asks what becomes of the memos on something being deleted: "Keep memos" (they become
 * project memos), "Delete memos too", or "Cancel". Shown instead of the plain confirmation
 * whenever the thing carries memos, so deleting never takes a researcher's writing silently.
 * Cancel has the initial focus, so a stray Enter deletes nothing.
 */
import type { ReactNode } from 'react';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import type { MemoFate } from './memoFate.ts';

interface MemoFateDialogProps {
  /** E.g. `Delete “Interview 3”?` */
  title: string;
  /** How many memos are attached (to it, its passages or its codings). */
  memoCount: number;
  /** What else the deletion takes (codings, sub-codes...), shown above the question. */
  children?: ReactNode;
  onChoose(fate: MemoFate): void;
  onCancel(): void;
}

export function MemoFateDialog({ title, memoCount, children, onChoose, onCancel }: MemoFateDialogProps) {
  const memos = memoCount === 1 ? '1 memo' : `${memoCount} memos`;
  return (
    <ModalDialog labelledBy="memo-fate-title" describedBy="memo-fate-body" onClose={onCancel} role="alertdialog" className="codebook-dialog memo-fate-dialog">
      <h2 id="memo-fate-title" className="codebook-dialog-title">
        {title}
      </h2>
      <div id="memo-fate-body" className="codebook-dialog-body">
        {children}
        <p>
          <strong>{memos}</strong> {memoCount === 1 ? 'is' : 'are'} written on it. Keep {memoCount === 1 ? 'it' : 'them'} as project {memoCount === 1 ? 'memo' : 'memos'}, or delete{' '}
          {memoCount === 1 ? 'it' : 'them'} too?
        </p>
      </div>
      <div className="codebook-dialog-actions">
        <button type="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => onChoose('delete')}>
          Delete memos too
        </button>
        <button type="button" className="primary" onClick={() => onChoose('keep')}>
          Keep memos
        </button>
      </div>
    </ModalDialog>
  );
}
