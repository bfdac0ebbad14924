/**
 * Paints Segments over the rendered text with the CSS Custom Highlight API: one `Highlight`
 * per code, registered in `CSS.highlights` under a generated name, coloured by a generated
 * `::highlight(name)` rule. No DOM nodes per coding, so overlap is free and 10,000 codings cost
 * 10,000 Range objects. Updates are incremental: only changed segments get new Ranges.
 *
 * Only the codings in a window around the viewport are registered with `CSS.highlights` (the
 * view moves the window as it scrolls, see viewportWindow.ts); every coding keeps its Range.
 * Why: whenever any highlight changes, Chromium drops and rebuilds the highlight markers of
 * every registered Range and invalidates the paint of every text node they touch. With all
 * 10,000 codings of a laid-out 1 MB document registered, adding one coding cost 100–300 ms
 * before it showed; with the few hundred near the screen it costs a frame.
 */
import type { DisagreementKind } from '../../shared/agreement/disagreements.ts';
import type { Code, CodeId, Segment, SegmentId } from '../../shared/model/index.ts';
import { domRange, selectionOffsets, type RenderedDocument } from './domOffsets.ts';

/** `#rrggbb` → `rgb(r g b / alpha)`. */
export function translucent(hex: string, alpha: number): string {
  const value = /^#?([0-9a-f]{6})$/i.exec(hex)?.[1] ?? '999999';
  const n = parseInt(value, 16);
  return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / ${alpha})`;
}

interface PaintedSegment {
  segment: Segment;
  range: Range;
  highlightName: string;
  /** Whether the Range is in its code's Highlight now (it is near the viewport). */
  isRegistered: boolean;
}

/** A stretch of the document in offsets, `[start, end)`. */
export interface OffsetWindow {
  readonly start: number;
  readonly end: number;
}

/** The alpha of a painted coding: light enough that two overlapping codes stay legible. */
const HIGHLIGHT_ALPHA = 0.32;
export const FOCUS_HIGHLIGHT = 'marginalia-focus';
/**
 * Highlight rules apply only to the text spans Lexical renders. An unscoped `::highlight()` rule
 * makes the browser compute that highlight's style for every element on the page, which with 50
 * codes and 12,000 elements costs a second of style recalculation when a document opens.
 */
const HIGHLIGHT_SCOPE = '.document-text [data-lexical-text]';
export const PENDING_HIGHLIGHT = 'marginalia-pending';
/** The kept passage, painted while the browser's own selection is elsewhere (e.g. in the picker). */
export const PASSAGE_HIGHLIGHT = 'marginalia-selection';
/** A coding just made, marked for a moment after the selection is cleared. */
export const JUST_CODED_HIGHLIGHT = 'marginalia-just-coded';
const JUST_CODED_MS = 1500;
/** Uncoded passages that carry a memo (a comment): a dotted underline of their own. */
export const MEMO_PASSAGE_HIGHLIGHT = 'marginalia-memo-passage';
/**
 * Review mode's places of disagreement, one underline per kind (the legend in the review banner
 * shows the same three), and the place the researcher moved to.
 */
export const PLACE_HIGHLIGHTS: Readonly<Record<DisagreementKind, string>> = {
  'only-some': 'marginalia-place-only-some',
  boundaries: 'marginalia-place-boundaries',
  'different-codes': 'marginalia-place-different-codes',
};
export const CURRENT_PLACE_HIGHLIGHT = 'marginalia-place-current';
const OWN_HIGHLIGHTS = [FOCUS_HIGHLIGHT, PENDING_HIGHLIGHT, PASSAGE_HIGHLIGHT, JUST_CODED_HIGHLIGHT, MEMO_PASSAGE_HIGHLIGHT, ...Object.values(PLACE_HIGHLIGHTS), CURRENT_PLACE_HIGHLIGHT];

export class HighlightPainter {
  private painted = new Map<SegmentId, PaintedSegment>();
  private highlightNames = new Map<CodeId, string>();
  private highlights = new Map<string, Highlight>();
  private style: HTMLStyleElement;
  private nextName = 0;
  private doc: RenderedDocument | null = null;
  private visible: ReadonlySet<CodeId> | null = null;
  /** The codings overlapping this window are registered; null registers every coding. */
  private window: OffsetWindow | null = null;
  private justCodedTimer = 0;

  constructor() {
    this.style = document.createElement('style');
    this.style.dataset['marginalia'] = 'highlights';
    document.head.append(this.style);
    for (const name of OWN_HIGHLIGHTS) CSS.highlights.set(name, new Highlight());
  }

  /** Registers one highlight per code and its colour rule. Call when the codebook changes. */
  setCodes(codes: readonly Code[]): void {
    const rules: string[] = [];
    for (const code of codes) {
      let name = this.highlightNames.get(code.id);
      if (!name) {
        name = `marginalia-code-${this.nextName++}`;
        this.highlightNames.set(code.id, name);
        const highlight = new Highlight();
        this.highlights.set(name, highlight);
      }
      rules.push(`${HIGHLIGHT_SCOPE}::highlight(${name}) { background-color: ${translucent(code.color, HIGHLIGHT_ALPHA)}; }`);
    }
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${FOCUS_HIGHLIGHT}) { text-decoration: underline 3px rgb(20 20 20 / 0.75); text-underline-offset: 3px; }`);
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${PENDING_HIGHLIGHT}) { background-color: rgb(120 120 120 / 0.25); }`);
    // The same colour as the document's ::selection, so the kept passage looks still selected.
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${PASSAGE_HIGHLIGHT}) { background-color: rgb(47 93 138 / 0.3); }`);
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${MEMO_PASSAGE_HIGHLIGHT}) { text-decoration: underline dotted 2px rgb(160 120 20 / 0.85); text-underline-offset: 4px; }`);
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${JUST_CODED_HIGHLIGHT}) { text-decoration: underline 3px rgb(47 93 138 / 0.9); text-underline-offset: 3px; }`);
    // Colours shared with the margin's place marks and the legend (documentView.css, --place-*).
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${PLACE_HIGHLIGHTS['only-some']}) { text-decoration: underline wavy 1.5px #c26a00; text-underline-offset: 4px; }`);
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${PLACE_HIGHLIGHTS.boundaries}) { text-decoration: underline dashed 2px #2f5d8a; text-underline-offset: 4px; }`);
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${PLACE_HIGHLIGHTS['different-codes']}) { text-decoration: underline double 2.5px #b3261e; text-underline-offset: 3px; }`);
    rules.push(`${HIGHLIGHT_SCOPE}::highlight(${CURRENT_PLACE_HIGHLIGHT}) { background-color: rgb(255 214 0 / 0.38); color: #111; }`);
    this.style.textContent = rules.join('\n');
    this.applyVisibility();
  }

  /** Shows only the highlights of `ids` (null = all): filtering swaps sets, it repaints nothing. */
  setVisibleCodes(ids: ReadonlySet<CodeId> | null): void {
    this.visible = ids;
    this.applyVisibility();
  }

  private applyVisibility(): void {
    for (const [codeId, name] of this.highlightNames) {
      const highlight = this.highlights.get(name)!;
      if (this.visible === null || this.visible.has(codeId)) CSS.highlights.set(name, highlight);
      else CSS.highlights.delete(name);
    }
  }

  /**
   * The browser's selection in this document, in document offsets, or null when there is none
   * (collapsed, or outside the document). Read at the moment of coding: the reported selection
   * reaches the workbench a frame later, so a key pressed right after a drag would see the last
   * frame's passage.
   */
  liveSelection(): { start: number; end: number } | null {
    return this.doc ? selectionOffsets(this.doc, document.getSelection()) : null;
  }

  /** Points the painter at a newly rendered document; forgets every Range of the old one. */
  setDocument(doc: RenderedDocument | null): void {
    this.doc = doc;
    this.window = null;
    for (const highlight of this.highlights.values()) highlight.clear();
    this.painted.clear();
    this.clearFocus();
    this.showPassage(null);
    CSS.highlights.get(JUST_CODED_HIGHLIGHT)?.clear();
    CSS.highlights.get(MEMO_PASSAGE_HIGHLIGHT)?.clear();
    this.showPlaces([], null);
  }

  /** Registers the codings overlapping `window` with CSS.highlights and unregisters the rest. */
  setWindow(window: OffsetWindow): void {
    if (this.window && this.window.start === window.start && this.window.end === window.end) return;
    this.window = window;
    for (const painted of this.painted.values()) {
      if (this.isInWindow(painted.segment)) this.register(painted);
      else this.unregister(painted);
    }
  }

  private isInWindow(segment: Segment): boolean {
    return this.window === null || (segment.start < this.window.end && segment.end > this.window.start);
  }

  private register(painted: PaintedSegment): void {
    if (painted.isRegistered) return;
    this.highlights.get(painted.highlightName)?.add(painted.range);
    painted.isRegistered = true;
  }

  private unregister(painted: PaintedSegment): void {
    if (!painted.isRegistered) return;
    this.highlights.get(painted.highlightName)?.delete(painted.range);
    painted.isRegistered = false;
  }

  /** Brings the paint in line with `segments`: removes what is gone, adds what is new or changed. */
  paint(segments: readonly Segment[]): void {
    const doc = this.doc;
    if (!doc) return;
    const seen = new Set<SegmentId>();
    for (const segment of segments) {
      seen.add(segment.id);
      const old = this.painted.get(segment.id);
      if (old && old.segment.start === segment.start && old.segment.end === segment.end && old.segment.codeId === segment.codeId) continue;
      if (old) this.unregister(old);
      const highlightName = this.highlightNames.get(segment.codeId);
      const range = domRange(doc, segment.start, segment.end);
      if (!highlightName || !range) continue;
      const painted: PaintedSegment = { segment, range, highlightName, isRegistered: false };
      if (this.isInWindow(segment)) this.register(painted);
      this.painted.set(segment.id, painted);
    }
    for (const [id, old] of this.painted) {
      if (!seen.has(id)) {
        this.unregister(old);
        this.painted.delete(id);
      }
    }
    CSS.highlights.get(PENDING_HIGHLIGHT)?.clear();
  }

  /**
   * Paints a coding at once, before its write lands, so the researcher sees it on the keypress;
   * the next `paint` from the database replaces it.
   */
  paintPending(codeId: CodeId, start: number, end: number): void {
    if (!this.doc) return;
    const range = domRange(this.doc, start, end);
    const name = this.highlightNames.get(codeId);
    if (range) {
      // Remember it so the next paint() removes it whatever id the stored segment gets. It is
      // registered whatever the window: the researcher just selected it, so it is on screen.
      const pendingId = `pending-${start}-${end}-${codeId}` as SegmentId;
      const painted: PaintedSegment = { segment: { id: pendingId, codeId, start, end } as Segment, range, highlightName: name ?? '', isRegistered: false };
      this.register(painted);
      this.painted.set(pendingId, painted);
    }
  }

  /** Underlines one range (the coding the researcher clicked). */
  focus(start: number, end: number): void {
    const focus = CSS.highlights.get(FOCUS_HIGHLIGHT);
    focus?.clear();
    const range = this.doc && domRange(this.doc, start, end);
    if (range) focus?.add(range);
  }

  clearFocus(): void {
    CSS.highlights.get(FOCUS_HIGHLIGHT)?.clear();
  }

  /** Paints the kept passage (null clears it). */
  showPassage(range: { start: number; end: number } | null): void {
    const passage = CSS.highlights.get(PASSAGE_HIGHLIGHT);
    passage?.clear();
    const dom = range && this.doc && domRange(this.doc, range.start, range.end);
    if (dom) passage?.add(dom);
  }

  /**
   * Paints the passages that carry memos (comments on uncoded text). They are few next to the
   * codings (one Range each), so all are registered whatever the window.
   */
  showMemoPassages(passages: readonly { start: number; end: number }[]): void {
    const highlight = CSS.highlights.get(MEMO_PASSAGE_HIGHLIGHT);
    highlight?.clear();
    if (!this.doc) return;
    for (const passage of passages) {
      const range = domRange(this.doc, passage.start, passage.end);
      if (range) highlight?.add(range);
    }
  }

  /**
   * Paints review mode's places of disagreement by kind, and the current one (null: none). Places
   * are few next to the codings (one per overlapping group), so all are registered.
   */
  showPlaces(places: readonly { start: number; end: number; kind: DisagreementKind | null }[], current: number | null): void {
    for (const name of [...Object.values(PLACE_HIGHLIGHTS), CURRENT_PLACE_HIGHLIGHT]) CSS.highlights.get(name)?.clear();
    if (!this.doc) return;
    places.forEach((place, index) => {
      const range = place.kind && domRange(this.doc!, place.start, place.end);
      if (!range) return;
      CSS.highlights.get(PLACE_HIGHLIGHTS[place.kind!])?.add(range);
      if (index === current) CSS.highlights.get(CURRENT_PLACE_HIGHLIGHT)?.add(range);
    });
  }

  /** Where `[start, end)` is on screen (e.g. so the code picker can open beside the passage). */
  boundsOf(start: number, end: number): DOMRect | null {
    const range = this.doc && domRange(this.doc, start, end);
    return range ? range.getBoundingClientRect() : null;
  }

  /**
   * Scrolls `[start, end)` to the middle of the view and marks it for a moment (a memo's quote or
   * a disagreement opened in its document). False while the document is not rendered yet.
   */
  reveal(start: number, end: number): boolean {
    if (!this.scrollToRange(start, end)) return false;
    this.markJustCoded(start, end);
    return true;
  }

  /** Scrolls `[start, end)` to the middle of the view; false while the document is not rendered. */
  scrollToRange(start: number, end: number): boolean {
    const range = this.doc && domRange(this.doc, start, end);
    if (!range) return false;
    const element = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center' });
    return true;
  }

  /** Marks a coding just made for a moment, so the researcher sees what was coded. */
  markJustCoded(start: number, end: number): void {
    const marked = CSS.highlights.get(JUST_CODED_HIGHLIGHT);
    marked?.clear();
    const range = this.doc && domRange(this.doc, start, end);
    if (range) marked?.add(range);
    clearTimeout(this.justCodedTimer);
    this.justCodedTimer = window.setTimeout(() => marked?.clear(), JUST_CODED_MS);
  }

  /** The Range painted for a segment (for measuring where its margin stripe goes). */
  rangeOf(id: SegmentId): Range | undefined {
    return this.painted.get(id)?.range;
  }

  dispose(): void {
    for (const name of this.highlights.keys()) CSS.highlights.delete(name);
    clearTimeout(this.justCodedTimer);
    for (const name of OWN_HIGHLIGHTS) CSS.highlights.delete(name);
    this.style.remove();
  }
}
