/**
 * "Memos (2)": the memos on one thing, each a button that opens it in the memo pane. Renders
 * nothing when there are none, so panels can always include it.
 */
import { useId } from 'react';
import type { Memo, MemoId } from '../../../shared/model/index.ts';
import { memoLabel } from './memoIndex.ts';
import { NoteIcon } from './MemoMark.tsx';
import './memoMarks.css';

export function MemoList({ memos, onOpen }: { memos: readonly Memo[]; onOpen(id: MemoId): void }) {
  const headingId = useId();
  if (memos.length === 0) return null;
  return (
    <div className="memo-list-block">
      <div id={headingId} className="memo-list-heading">
        Memos ({memos.length})
      </div>
      <ul className="memo-list" aria-labelledby={headingId}>
        {memos.map((memo) => (
          <li key={memo.id}>
            <NoteIcon />
            <button type="button" className="memo-list-open" title={memo.plainText.slice(0, 200) || undefined} onClick={() => onOpen(memo.id)}>
              {memoLabel(memo)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
