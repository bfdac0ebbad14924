/**
 * Paints Segments over the rendered text with the CSS Custom Highlight API: one `Highlight`
 * per code, registered in `CSS.highlights` under a generated name, coloured by a generated
 * `::highlight(name)` rule. No DOM nodes per coding, so overlap is free and 10,000 codings cost
 * 10,000 Range objects. Updates are incremental: only changed segments get new Ranges.
 *
 * Coloured by coder (setColorBy('coder')), there is one `Highlight` per code and coder instead,
 * in the coder's colour: a highlight still holds one code's codings only, so hiding a code in the
 * codebook still only swaps highlights, whatever the colours.
 *
 * Only the codings in a window around the viewport are registered with `CSS.highlights` (the
 * view moves the window as it scrolls, see viewportWindow.ts); every coding keeps its Range.
 * Why: whenever any highlight changes, Chromium drops and rebuilds the highlight markers of
 * every registered Range and invalidates the paint of every text node they touch. With all
 * 10,000 codings of a laid-out 1 MB document registered, adding one coding cost 100–300 ms
 * before it showed; with the few hundred near the screen it costs a frame.
 */
import type { DisagreementKind } from '../../shared/agreement/disagreements.ts';
import type { ColorSource } from '../../shared/coding/coderView.ts';
import type { Code, CodeId, Coder, CoderId, Segment, SegmentId } from '../../shared/model/index.ts';
import { domRange, selectionOffsets, type RenderedDocument } from './domOffsets.ts';

/** `#rrggbb` → `rgb(r g b / alpha)`. */
export function translucent(hex: string, alpha: number): string {
  const value = /^#?([0-9a-f]{6})$/i.exec(hex)?.[1] ?? '999999';
  const n = parseInt(value, 16);
  return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / ${alpha})`;
}

/** One registered highlight: the codings of one code (and, coloured by coder, of one coder). */
interface HighlightGroup {
  name: string;
  highlight: Highlight;
  codeId: CodeId;
  coderId: CoderId | null;
}

/** The painted part of a Segment: enough to group it and to notice a change. */
type PaintedFields = Pick<Segment, 'id' | 'codeId' | 'coderId' | 'start' | 'end'>;

interface PaintedSegment {
  segment: PaintedFields;
  range: Range;
  /** The highlight it belongs to; null for a code the painter does not know (it stays unpainted). */
  group: HighlightGroup | null;
  /** Whether the Range is in its group's Highlight now (it is near the viewport). */
  isRegistered: boolean;
}

/** A stretch of the document in offsets, `[start, end)`. */
export interface OffsetWindow {
  readonly start: number;
  readonly end: number;
}

/** The alpha of a painted coding: light enough that two overlapping codes stay legible. */
const HIGHLIGHT_ALPHA = 0.32;
/** A coder or code the painter was not told about (yet) is painted grey. */
const UNKNOWN_COLOR = '#999999';
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
  /** The highlights by group key (see groupKey): made when the first coding of a group is painted. */
  private groups = new Map<string, HighlightGroup>();
  private codeColors = new Map<CodeId, string>();
  private coderColors = new Map<CoderId, string>();
  private colorBy: ColorSource = 'code';
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

  /** Takes the codes' colours (and one highlight per code). Call when the codebook changes. */
  setCodes(codes: readonly Code[]): void {
    this.codeColors = new Map(codes.map((code) => [code.id, code.color]));
    if (this.colorBy === 'code') for (const code of codes) this.groupFor(code.id, null);
    this.writeRules();
  }

  /** Takes the coders' colours, used while painting by coder. Call when a coder changes colour. */
  setCoders(coders: readonly Coder[]): void {
    this.coderColors = new Map(coders.map((coder) => [coder.id, coder.color]));
    if (this.colorBy === 'coder') this.writeRules();
  }

  /**
   * Colours the codings by their code or by their coder. Switching moves every painted Range
   * to the other mode's highlights (the Ranges themselves are kept).
   */
  setColorBy(colorBy: ColorSource): void {
    if (colorBy === this.colorBy) return;
    for (const painted of this.painted.values()) this.unregister(painted);
    for (const group of this.groups.values()) CSS.highlights.delete(group.name);
    this.groups.clear();
    this.colorBy = colorBy;
    if (colorBy === 'code') for (const codeId of this.codeColors.keys()) this.groupFor(codeId, null);
    for (const painted of this.painted.values()) {
      painted.group = this.groupOf(painted.segment) ?? null;
      if (this.isInWindow(painted.segment)) this.register(painted);
    }
    this.writeRules();
  }

  /** The key of a coding's highlight: its code, or its code and coder when painting by coder. */
  private groupKey(codeId: CodeId, coderId: CoderId | null): string {
    return this.colorBy === 'coder' ? `${codeId} ${coderId ?? ''}` : codeId;
  }

  /** A coding's highlight, made (with its rule) on first use; none for a code the painter does not know. */
  private groupOf(segment: Pick<Segment, 'codeId' | 'coderId'>): HighlightGroup | undefined {
    if (!this.codeColors.has(segment.codeId)) return undefined;
    const isNew = !this.groups.has(this.groupKey(segment.codeId, segment.coderId));
    const group = this.groupFor(segment.codeId, this.colorBy === 'coder' ? segment.coderId : null);
    if (isNew) this.writeRules();
    return group;
  }

  private groupFor(codeId: CodeId, coderId: CoderId | null): HighlightGroup {
    const key = this.groupKey(codeId, coderId);
    let group = this.groups.get(key);
    if (!group) {
      group = { name: `marginalia-code-${this.nextName++}`, highlight: new Highlight(), codeId, coderId };
      this.groups.set(key, group);
      if (this.isShown(codeId)) CSS.highlights.set(group.name, group.highlight);
    }
    return group;
  }

  private colorOf(group: HighlightGroup): string {
    const color = group.coderId === null ? this.codeColors.get(group.codeId) : this.coderColors.get(group.coderId);
    return color ?? UNKNOWN_COLOR;
  }

  /** One colour rule per highlight, then the painter's own marks. */
  private writeRules(): void {
    const rules: string[] = [];
    for (const group of this.groups.values()) {
      rules.push(`${HIGHLIGHT_SCOPE}::highlight(${group.name}) { background-color: ${translucent(this.colorOf(group), HIGHLIGHT_ALPHA)}; }`);
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
  }

  /** Shows only the highlights of `ids` (null = all): filtering swaps sets, it repaints nothing. */
  setVisibleCodes(ids: ReadonlySet<CodeId> | null): void {
    this.visible = ids;
    this.applyVisibility();
  }

  private isShown(codeId: CodeId): boolean {
    return this.visible === null || this.visible.has(codeId);
  }

  private applyVisibility(): void {
    for (const group of this.groups.values()) {
      if (this.isShown(group.codeId)) CSS.highlights.set(group.name, group.highlight);
      else CSS.highlights.delete(group.name);
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
    for (const group of this.groups.values()) group.highlight.clear();
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

  private isInWindow(segment: PaintedFields): boolean {
    return this.window === null || (segment.start < this.window.end && segment.end > this.window.start);
  }

  private register(painted: PaintedSegment): void {
    if (painted.isRegistered) return;
    painted.group?.highlight.add(painted.range);
    painted.isRegistered = true;
  }

  private unregister(painted: PaintedSegment): void {
    if (!painted.isRegistered) return;
    painted.group?.highlight.delete(painted.range);
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
      if (old && old.segment.start === segment.start && old.segment.end === segment.end && old.segment.codeId === segment.codeId && old.segment.coderId === segment.coderId) continue;
      if (old) this.unregister(old);
      const group = this.groupOf(segment);
      const range = domRange(doc, segment.start, segment.end);
      if (!group || !range) continue;
      const painted: PaintedSegment = { segment, range, group, isRegistered: false };
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
   * the next `paint` from the database replaces it. `coderId` is who is coding (its colour, when
   * painting by coder).
   */
  paintPending(codeId: CodeId, coderId: CoderId, start: number, end: number): void {
    if (!this.doc) return;
    const range = domRange(this.doc, start, end);
    if (range) {
      // Remember it so the next paint() removes it whatever id the stored segment gets. It is
      // registered whatever the window: the researcher just selected it, so it is on screen.
      const pendingId = `pending-${start}-${end}-${codeId}` as SegmentId;
      const segment: PaintedFields = { id: pendingId, codeId, coderId, start, end };
      const painted: PaintedSegment = { segment, range, group: this.groupOf(segment) ?? null, isRegistered: false };
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

  /** The rendered document being painted, or null (the find bar paints its hits over it). */
  get rendered(): RenderedDocument | null {
    return this.doc;
  }

  /** The Range painted for a segment (for measuring where its margin stripe goes). */
  rangeOf(id: SegmentId): Range | undefined {
    return this.painted.get(id)?.range;
  }

  dispose(): void {
    for (const group of this.groups.values()) CSS.highlights.delete(group.name);
    clearTimeout(this.justCodedTimer);
    for (const name of OWN_HIGHLIGHTS) CSS.highlights.delete(name);
    this.style.remove();
  }
}
