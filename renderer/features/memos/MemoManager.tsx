/**
 * The memo manager: every memo of the project, what each is attached to, author and dates.
 *
 * PLACEHOLDER (to be replaced): a plain list. The props are the contract the workbench relies on.
 */
import type { MemoId } from '../../../shared/model/index.ts';
import { useProjectMemos } from './useMemos.ts';

export interface MemoManagerProps {
  onClose(): void;
  /** Opens a memo in the memo pane. */
  onOpenMemo(id: MemoId): void;
}

export function MemoManager({ onClose, onOpenMemo }: MemoManagerProps) {
  const memos = useProjectMemos();
  return (
    <section className="memo-manager" aria-label="Memos">
      <button type="button" onClick={onClose}>Close</button>
      <ul>
        {(memos ?? []).map((memo) => (
          <li key={memo.id}>
            <button type="button" onClick={() => onOpenMemo(memo.id)}>{memo.title || 'Untitled memo'}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
