/**
 * Which stretch of the text is on or near the screen, in document offsets, found from the
 * layout of the blocks (DocumentChunkNode elements, CHUNK_SIZE paragraphs each). The window is
 * whole blocks, so it changes only when a block boundary scrolls past its edge, and it reaches
 * `MARGIN_SCREENS` screens beyond the viewport on either side, so a fast scroll still finds its
 * codings registered before they come into view (see highlightPainter.ts).
 */
import type { RenderedDocument } from './domOffsets.ts';
import type { OffsetWindow } from './highlightPainter.ts';
import { CHUNK_SIZE } from './lexicalDocument.ts';

/** How far beyond the viewport, in viewport heights, the window reaches on each side. */
const MARGIN_SCREENS = 2;

/**
 * Index of the first of `elements` (in document order, top to bottom) whose bottom is at or
 * below the viewport coordinate `y`: a binary search over layout.
 */
export function firstElementReaching(elements: readonly Element[], y: number): number {
  let low = 0;
  let high = elements.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (elements[mid]!.getBoundingClientRect().bottom < y) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The offsets of the blocks within MARGIN_SCREENS screens of the scroller's visible area.
 * `blocks` are the block elements in document order (the editor root's children).
 *
 * @example
 * painter.setWindow(offsetWindowNearViewport(doc, Array.from(root.children), scroller));
 */
export function offsetWindowNearViewport(doc: RenderedDocument, blocks: readonly Element[], scroller: HTMLElement): OffsetWindow {
  const { lines, starts } = doc.map;
  const textEnd = lines.length ? starts[lines.length - 1]! + lines[lines.length - 1]!.length : 0;
  if (blocks.length === 0) return { start: 0, end: textEnd };
  const viewport = scroller.getBoundingClientRect();
  const margin = viewport.height * MARGIN_SCREENS;
  const first = firstElementReaching(blocks, viewport.top - margin);
  const last = Math.max(first, firstElementReaching(blocks, viewport.bottom + margin));
  const firstLine = Math.min(first * CHUNK_SIZE, lines.length - 1);
  const endLine = (last + 1) * CHUNK_SIZE;
  return { start: starts[firstLine]!, end: endLine < lines.length ? starts[endLine]! : textEnd };
}
