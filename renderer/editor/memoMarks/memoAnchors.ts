/**
 * Where memo marks go in the margin: each memo on a coding or a passage is anchored at its first
 * character; anchors measured on one line share a mark (with a count). Pure: the margin measures,
 * this groups.
 */
import type { DocumentId, Memo, Segment } from '../../../shared/model/index.ts';
import type { MemoIndex } from './memoIndex.ts';

/** Where a memo is anchored: the offset of its first character. */
export interface MemoAnchor {
  offset: number;
  memo: Memo;
}

export interface PlacedMark {
  key: string;
  top: number;
  memos: Memo[];
}

/** Anchors closer than this (in pixels) are on one line and share a mark. */
const SAME_LINE_PX = 6;

/**
 * The marks for anchors measured at `tops` (same order as `anchors`): one per line, merged in
 * document order.
 */
export function groupAnchorsByLine(anchors: readonly MemoAnchor[], tops: readonly number[]): PlacedMark[] {
  const marks: PlacedMark[] = [];
  anchors.forEach((anchor, index) => {
    const top = tops[index]!;
    const last = marks[marks.length - 1];
    if (last && Math.abs(last.top - top) < SAME_LINE_PX) last.memos.push(anchor.memo);
    else marks.push({ key: anchor.memo.id, top, memos: [anchor.memo] });
  });
  return marks;
}

/**
 * The anchors of one document's memos: each memo on one of its codings at the coding's start,
 * each comment on one of its passages at the passage's start, sorted by offset (document memos
 * are marked on the document's row, not in the margin).
 *
 * @example memoAnchorsOf(segmentsSortedByStart, index, documentId).map((a) => a.offset) // [12, 12, 40]
 */
export function memoAnchorsOf(segments: readonly Segment[], index: MemoIndex, documentId: DocumentId): MemoAnchor[] {
  const anchors: MemoAnchor[] = [];
  for (const segment of segments) for (const memo of index.onTarget(segment.id)) anchors.push({ offset: segment.start, memo });
  for (const memo of index.onTarget(documentId)) if (memo.target.kind === 'passage') anchors.push({ offset: memo.target.start, memo });
  return anchors.sort((a, b) => a.offset - b.offset);
}
