/**
 * Paints the hits of a find-in-document search with CSS Custom Highlights of their own, beside
 * the codings (highlightPainter.ts): every hit in yellow, the current one in orange with an
 * underline, both above the code colours (a higher `priority`). No DOM nodes per hit.
 *
 * Only a window of hits around the current one is registered (at most PAINT_CAP Ranges): a
 * 1 MB document can hold tens of thousands of hits of a short word, and every registered Range
 * costs Chromium work whenever any highlight changes (see highlightPainter.ts). The window moves
 * with the current hit, so the hits the researcher steps through are always painted.
 */
import type { SearchHit } from '../../shared/retrieval/textSearch.ts';
import { domRange, type RenderedDocument } from './domOffsets.ts';

export const SEARCH_HIGHLIGHT = 'marginalia-search-hits';
export const CURRENT_HIT_HIGHLIGHT = 'marginalia-search-current';
/** The most hit Ranges registered at once. */
export const PAINT_CAP = 2000;
/** The same scope as the codings' rules: only the text spans Lexical renders. */
const HIGHLIGHT_SCOPE = '.document-text [data-lexical-text]';

export class SearchHighlights {
  private hits = new Highlight();
  private current = new Highlight();
  private style: HTMLStyleElement;

  constructor() {
    this.hits.priority = 1;
    this.current.priority = 2;
    CSS.highlights.set(SEARCH_HIGHLIGHT, this.hits);
    CSS.highlights.set(CURRENT_HIT_HIGHLIGHT, this.current);
    this.style = document.createElement('style');
    this.style.dataset['marginalia'] = 'search-highlights';
    this.style.textContent = [
      `${HIGHLIGHT_SCOPE}::highlight(${SEARCH_HIGHLIGHT}) { background-color: rgb(255 214 0 / 0.6); }`,
      `${HIGHLIGHT_SCOPE}::highlight(${CURRENT_HIT_HIGHLIGHT}) { background-color: rgb(255 140 0 / 0.75); text-decoration: underline 2px rgb(190 80 0); text-underline-offset: 3px; }`,
    ].join('\n');
    document.head.append(this.style);
  }

  /** Paints `hits` (a window of them around `current`) and marks `current`; -1 marks none. */
  show(doc: RenderedDocument, hits: readonly SearchHit[], current: number): void {
    this.clear();
    const from = Math.max(0, Math.min(current - PAINT_CAP / 2, hits.length - PAINT_CAP));
    const to = Math.min(hits.length, from + PAINT_CAP);
    for (let index = from; index < to; index++) {
      const hit = hits[index]!;
      const range = domRange(doc, hit.start, hit.end);
      if (range) this.hits.add(range);
    }
    const hit = hits[current];
    const range = hit && domRange(doc, hit.start, hit.end);
    if (range) this.current.add(range);
  }

  /** Scrolls a hit to the middle of the view. */
  reveal(doc: RenderedDocument, hit: SearchHit): void {
    const range = domRange(doc, hit.start, hit.end);
    if (!range) return;
    const element = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center' });
  }

  clear(): void {
    this.hits.clear();
    this.current.clear();
  }

  dispose(): void {
    CSS.highlights.delete(SEARCH_HIGHLIGHT);
    CSS.highlights.delete(CURRENT_HIT_HIGHLIGHT);
    this.style.remove();
  }
}
