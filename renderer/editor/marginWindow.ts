/**
 * What margin columns (coding stripes, memo marks, review mode's places) share: the stretch of text within about
 * a screen of the viewport that they measure, and measuring again when that stretch scrolls out
 * of reach or the text reflows. Measuring only near the viewport keeps a column's cost at a few
 * dozen Range measurements whatever the document's length.
 */
import { useEffect, type RefObject } from 'react';
import type { RenderedDocument } from './domOffsets.ts';
import { firstElementReaching } from './viewportWindow.ts';

/** A measured stretch: its document offsets, and its extent in the content's coordinates. */
export interface MarginWindow {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly top: number;
  readonly bottom: number;
}

/** The paragraphs within one screen above and below the viewport. */
export function marginWindowNearViewport(scroller: HTMLElement, content: HTMLElement, doc: RenderedDocument): MarginWindow {
  const view = scroller.getBoundingClientRect();
  const contentTop = content.getBoundingClientRect().top;
  const windowTop = view.top - view.height;
  const windowBottom = view.bottom + view.height;
  const first = firstElementReaching(doc.paragraphs, windowTop);
  const last = firstElementReaching(doc.paragraphs, windowBottom);
  return {
    startOffset: doc.map.starts[first]!,
    endOffset: doc.map.starts[last]! + doc.map.lines[last]!.length,
    top: windowTop - contentTop,
    bottom: windowBottom - contentTop,
  };
}

/**
 * Calls `measure` again when the viewport leaves `measured` (once scrolling pauses: measuring
 * mid-scroll forces layout of the blocks coming into view and costs whole frames), and when the
 * text reflows (the page narrows as the margin gains a column or the memo pane opens, blocks take
 * their real height in idle time), once at once and once more when the layout has rested.
 */
export function useRemeasureMargin(scroller: HTMLElement | null, content: HTMLElement | null, measured: RefObject<Pick<MarginWindow, 'top' | 'bottom'> | null>, measure: () => void): void {
  useEffect(() => {
    if (!scroller || !content) return;
    let frame = 0;
    let settle: ReturnType<typeof setTimeout> | undefined;
    let again: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      const window = measured.current;
      if (!window) return;
      const contentTop = content.getBoundingClientRect().top;
      const view = scroller.getBoundingClientRect();
      if (view.top - contentTop >= window.top && view.bottom - contentTop <= window.bottom) return;
      clearTimeout(settle);
      settle = setTimeout(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(measure);
      }, 120);
    };
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
      clearTimeout(again);
      again = setTimeout(() => requestAnimationFrame(measure), 300);
    });
    resize.observe(scroller);
    const page = content.querySelector('.document-page');
    if (page) resize.observe(page);
    // Not each block of the text: a block taking its real height changes the page's height, which
    // is observed above. Observing the blocks themselves made Chromium size every one of them at
    // every frame: scrolling the 1 MB document's 95th-percentile frame went from 18 to 240 ms.
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      resize.disconnect();
      clearTimeout(again);
      clearTimeout(settle);
      cancelAnimationFrame(frame);
    };
  }, [scroller, content, measured, measure]);
}
