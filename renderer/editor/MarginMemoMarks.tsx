/**
 * Memo marks in the margin, beside the coding stripes: one note icon at the first line of each
 * memo on a coding or an uncoded passage; memos whose first lines coincide share one mark with
 * a count. Like the stripes, only the anchors within about a screen of the viewport are
 * measured (one one-character Range each), so 2,000 memos cost a few dozen measurements.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MemoId } from '../../shared/model/index.ts';
import { MemoMark } from './memoMarks/MemoMark.tsx';
import { domRange, type RenderedDocument } from './domOffsets.ts';
import { firstElementReaching } from './viewportWindow.ts';
import { groupAnchorsByLine, type MemoAnchor, type PlacedMark } from './memoMarks/memoAnchors.ts';

export type { MemoAnchor };

const MARK_HEIGHT_PX = 20;

interface MarginMemoMarksProps {
  scroller: HTMLElement | null;
  content: HTMLElement | null;
  doc: RenderedDocument | null;
  /** Sorted by offset. */
  anchors: readonly MemoAnchor[];
  onOpen(id: MemoId): void;
}

export function MarginMemoMarks({ scroller, content, doc, anchors, onOpen }: MarginMemoMarksProps) {
  const [marks, setMarks] = useState<PlacedMark[]>([]);
  const measuredWindow = useRef<{ top: number; bottom: number } | null>(null);
  const frame = useRef(0);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const columnRef = useRef<HTMLDivElement>(null);

  const measure = useCallback(() => {
    if (!scroller || !content || !doc || doc.paragraphs.length === 0 || anchors.length === 0) {
      setMarks((current) => (current.length === 0 ? current : []));
      measuredWindow.current = null;
      return;
    }
    const view = scroller.getBoundingClientRect();
    const contentTop = content.getBoundingClientRect().top;
    // Marks are placed in the column's own coordinates (it starts below the content's padding).
    const columnTop = columnRef.current?.getBoundingClientRect().top ?? contentTop;
    const windowTop = view.top - view.height;
    const windowBottom = view.bottom + view.height;
    const first = firstElementReaching(doc.paragraphs, windowTop);
    const last = firstElementReaching(doc.paragraphs, windowBottom);
    const startOffset = doc.map.starts[first]!;
    const endOffset = doc.map.starts[last]! + doc.map.lines[last]!.length;
    // Binary search for the first anchor in the window; anchors are sorted by offset.
    let low = 0;
    let high = anchors.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (anchors[mid]!.offset < startOffset) low = mid + 1;
      else high = mid;
    }
    const inWindow: MemoAnchor[] = [];
    const tops: number[] = [];
    for (let i = low; i < anchors.length && anchors[i]!.offset <= endOffset; i++) {
      const anchor = anchors[i]!;
      const rect = domRange(doc, anchor.offset, anchor.offset + 1)?.getClientRects()[0];
      if (!rect) continue;
      inWindow.push(anchor);
      // Centre the mark on the line.
      tops.push(rect.top - columnTop + rect.height / 2 - MARK_HEIGHT_PX / 2);
    }
    measuredWindow.current = { top: windowTop - contentTop, bottom: windowBottom - contentTop };
    setMarks(groupAnchorsByLine(inWindow, tops));
  }, [scroller, content, doc, anchors]);

  useLayoutEffect(() => {
    measure();
  }, [measure]);

  useEffect(() => {
    if (!scroller || !content) return;
    const onScroll = () => {
      const measured = measuredWindow.current;
      if (!measured) return;
      const contentTop = content.getBoundingClientRect().top;
      const view = scroller.getBoundingClientRect();
      if (view.top - contentTop >= measured.top && view.bottom - contentTop <= measured.bottom) return;
      // As the stripes do: measure once scrolling pauses, the marks drawn stay meanwhile.
      clearTimeout(settle.current);
      settle.current = setTimeout(() => {
        cancelAnimationFrame(frame.current);
        frame.current = requestAnimationFrame(measure);
      }, 120);
    };
    // Once more when the layout has rested: a reflow can follow the one observed (the memo pane
    // filling in, the page narrowing as the margin gains a column).
    let again: ReturnType<typeof setTimeout> | undefined;
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(measure);
      clearTimeout(again);
      again = setTimeout(() => requestAnimationFrame(measure), 300);
    });
    resize.observe(scroller);
    // The text reflowing moves the lines without resizing the scroller: the page narrows when the
    // stripes gain a column or the memo pane opens, blocks take their real height in idle time.
    const page = content.querySelector('.document-page');
    if (page) resize.observe(page);
    for (const block of content.querySelectorAll('.doc-chunk')) resize.observe(block);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      resize.disconnect();
      clearTimeout(again);
      cancelAnimationFrame(frame.current);
      clearTimeout(settle.current);
    };
  }, [scroller, content, measure]);

  return (
    <div ref={columnRef} className="memo-marks" aria-label="Memo marks" role="group">
      {marks.map((mark) => (
        <MemoMark key={mark.key} memos={mark.memos} on="on this passage" onOpen={onOpen} className="is-margin" style={{ top: mark.top }} />
      ))}
    </div>
  );
}
