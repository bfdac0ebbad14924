/**
 * Memo marks in the margin, beside the coding stripes: one note icon at the first line of each
 * memo on a coding or an uncoded passage; memos whose first lines coincide share one mark with
 * a count. Like the stripes, only the anchors within about a screen of the viewport are
 * measured (one one-character Range each), so 2,000 memos cost a few dozen measurements.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { MemoId } from '../../shared/model/index.ts';
import { MemoMark } from './memoMarks/MemoMark.tsx';
import { domRange, type RenderedDocument } from './domOffsets.ts';
import { marginWindowNearViewport, useRemeasureMargin, type MarginWindow } from './marginWindow.ts';
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
  const measuredWindow = useRef<MarginWindow | null>(null);
  const columnRef = useRef<HTMLDivElement>(null);

  const measure = useCallback(() => {
    if (!scroller || !content || !doc || doc.paragraphs.length === 0 || anchors.length === 0) {
      setMarks((current) => (current.length === 0 ? current : []));
      measuredWindow.current = null;
      return;
    }
    const window = marginWindowNearViewport(scroller, content, doc);
    // Marks are placed in the column's own coordinates (it starts below the content's padding).
    const columnTop = columnRef.current?.getBoundingClientRect().top ?? content.getBoundingClientRect().top;
    // Binary search for the first anchor in the window; anchors are sorted by offset.
    let low = 0;
    let high = anchors.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (anchors[mid]!.offset < window.startOffset) low = mid + 1;
      else high = mid;
    }
    const inWindow: MemoAnchor[] = [];
    const tops: number[] = [];
    for (let i = low; i < anchors.length && anchors[i]!.offset <= window.endOffset; i++) {
      const anchor = anchors[i]!;
      const rect = domRange(doc, anchor.offset, anchor.offset + 1)?.getClientRects()[0];
      if (!rect) continue;
      inWindow.push(anchor);
      // Centre the mark on the line.
      tops.push(rect.top - columnTop + rect.height / 2 - MARK_HEIGHT_PX / 2);
    }
    measuredWindow.current = window;
    setMarks(groupAnchorsByLine(inWindow, tops));
  }, [scroller, content, doc, anchors]);

  useLayoutEffect(() => {
    measure();
  }, [measure]);

  useRemeasureMargin(scroller, content, measuredWindow, measure);

  return (
    <div ref={columnRef} className="memo-marks" aria-label="Memo marks" role="group">
      {marks.map((mark) => (
        <MemoMark key={mark.key} memos={mark.memos} on="on this passage" onOpen={onOpen} className="is-margin" style={{ top: mark.top }} />
      ))}
    </div>
  );
}
