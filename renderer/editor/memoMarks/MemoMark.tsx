/**
 * A memo mark: a small note icon (with a count when several memos share it) on a document row,
 * a code row or in the document's margin. Hovering or focusing it shows the memos' first lines
 * (MemoPreview); clicking opens the memo in the memo pane, or, when several memos share the
 * mark, pins the preview so one can be chosen. Keyboard: Enter/Space as a click, Escape closes
 * the preview and gives focus back to the mark.
 */
import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { Memo, MemoId } from '../../../shared/model/index.ts';
import { memoLabel } from './memoIndex.ts';
import { MemoPreview } from './MemoPreview.tsx';
import './memoMarks.css';

export interface MemoMarkProps {
  memos: readonly Memo[];
  /** What the memos are on, for the accessible name ("on “Interview 3”"). */
  on: string;
  onOpen(id: MemoId): void;
  className?: string;
  style?: CSSProperties;
  /** -1 inside composite widgets (the code tree) that manage their own focus. */
  tabIndex?: number;
}

/** How long the preview stays after the pointer leaves, so it can move into the preview. */
const LEAVE_DELAY_MS = 180;

export function MemoMark({ memos, on, onOpen, className, style, tabIndex }: MemoMarkProps) {
  const ref = useRef<HTMLButtonElement>(null);
  const [preview, setPreview] = useState<{ isPinned: boolean } | null>(null);
  const leaveTimer = useRef(0);
  const previewId = useId();
  useEffect(() => () => window.clearTimeout(leaveTimer.current), []);

  const count = memos.length;
  const label = count === 1 ? `Memo “${memoLabel(memos[0]!)}” ${on}` : `${count} memos ${on}`;
  const show = () => {
    window.clearTimeout(leaveTimer.current);
    setPreview((current) => current ?? { isPinned: false });
  };
  const hideSoon = () => {
    window.clearTimeout(leaveTimer.current);
    leaveTimer.current = window.setTimeout(() => setPreview((current) => (current?.isPinned ? current : null)), LEAVE_DELAY_MS);
  };
  const close = (refocus: boolean) => {
    setPreview(null);
    if (refocus) ref.current?.focus();
  };

  return (
    <>
      <button
        ref={ref}
        type="button"
        className={`memo-mark${count > 1 ? ' has-count' : ''}${className ? ` ${className}` : ''}`}
        style={style}
        tabIndex={tabIndex}
        aria-label={label}
        aria-describedby={preview ? previewId : undefined}
        aria-expanded={count > 1 ? preview?.isPinned === true : undefined}
        onMouseEnter={show}
        onMouseLeave={hideSoon}
        onFocus={show}
        onBlur={(event) => {
          // Focus moving into the pinned preview keeps it.
          if (!(event.relatedTarget as HTMLElement | null)?.closest?.('.memo-preview')) hideSoon();
        }}
        onMouseDown={(event) => event.stopPropagation()}
        onClick={(event) => {
          event.stopPropagation();
          if (count === 1) {
            setPreview(null);
            onOpen(memos[0]!.id);
          } else setPreview({ isPinned: true });
        }}
        onKeyDown={(event: KeyboardEvent) => {
          if (event.key === 'Escape' && preview) {
            event.stopPropagation();
            close(false);
          }
        }}
      >
        <NoteIcon />
        {count > 1 && <span className="memo-mark-count">{count}</span>}
      </button>
      {preview && ref.current && (
        <MemoPreview
          id={previewId}
          anchor={ref.current}
          memos={memos}
          isPinned={preview.isPinned}
          onPointerEnter={show}
          onPointerLeave={hideSoon}
          onOpen={(id) => {
            setPreview(null);
            onOpen(id);
          }}
          onClose={close}
        />
      )}
    </>
  );
}

/** A folded note, drawn in currentColor. */
export function NoteIcon() {
  return (
    <svg className="memo-note-icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d="M2 1.5h6l2 2v7H2z" fill="currentColor" fillOpacity="0.16" stroke="currentColor" strokeWidth="1.1" strokeLinejoin="round" />
      <path d="M4 5h4M4 7h4M4 9h2.5" stroke="currentColor" strokeWidth="1" strokeLinecap="round" />
    </svg>
  );
}
