/**
 * The preview of the memos behind a memo mark: each memo's title, author-free first lines and a
 * button that opens it. Drawn in a portal at the mark (to its right when there is room, else to
 * its left), so panels that scroll or clip do not cut it. While pinned (a click on a mark with
 * several memos) it takes focus and closes on Escape or a press outside.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Memo, MemoId } from '../../../shared/model/index.ts';
import { memoLabel, memoPreviewText } from './memoIndex.ts';

interface MemoPreviewProps {
  id: string;
  anchor: HTMLElement;
  memos: readonly Memo[];
  isPinned: boolean;
  onOpen(id: MemoId): void;
  /** `refocus`: give focus back to the mark (Escape). */
  onClose(refocus: boolean): void;
  onPointerEnter(): void;
  onPointerLeave(): void;
}

const WIDTH = 288;
/** At most this many memos are previewed; the rest are listed by title. */
const PREVIEWED = 3;

export function MemoPreview({ id, anchor, memos, isPinned, onOpen, onClose, onPointerEnter, onPointerLeave }: MemoPreviewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const box = anchor.getBoundingClientRect();
    const height = ref.current?.offsetHeight ?? 120;
    const left = box.right + 8 + WIDTH <= window.innerWidth - 8 ? box.right + 8 : Math.max(8, box.left - 8 - WIDTH);
    const top = Math.max(8, Math.min(box.top - 6, window.innerHeight - height - 8));
    setPosition({ left, top });
  }, [anchor, memos]);

  useLayoutEffect(() => {
    if (!isPinned) return;
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node) && !anchor.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [isPinned, anchor, onClose]);

  return createPortal(
    <div
      ref={ref}
      id={id}
      className={`memo-preview${isPinned ? ' is-pinned' : ''}`}
      role={isPinned ? 'dialog' : 'tooltip'}
      aria-label={isPinned ? 'Memos here' : undefined}
      style={{ width: WIDTH, left: position?.left ?? -9999, top: position?.top ?? 0 }}
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
      onMouseDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose(true);
        }
      }}
    >
      {memos.length > 1 && <div className="memo-preview-count">{memos.length} memos</div>}
      <ul>
        {memos.map((memo, index) => (
          <li key={memo.id}>
            <button type="button" className="memo-preview-title" onClick={() => onOpen(memo.id)}>
              {memoLabel(memo)}
            </button>
            {index < PREVIEWED && <p className="memo-preview-text">{memoPreviewText(memo, memos.length > 1 ? 140 : 280)}</p>}
          </li>
        ))}
      </ul>
      {!isPinned && <div className="memo-preview-hint">{memos.length === 1 ? 'Click the mark to open it' : 'Click the mark to choose one'}</div>}
    </div>,
    document.body,
  );
}
