/**
 * A keyboard caret in the read-only document. The text is not editable, so the browser moves no
 * caret there; these functions do, on keydown in the document scroller: arrows move it, Shift
 * extends the selection (a character, with Ctrl a word, with Home/End to the line's ends,
 * Ctrl+Home/End to the text's ends; Option and ⌘ on a Mac), and Ctrl+A selects the document's
 * text only.
 *
 * The result is always a real DOM selection (`setBaseAndExtent`), so it is painted like a mouse
 * selection and reaches the coding through the one selection → offsets path (domOffsets.ts).
 * Characters and words move in document offsets; lines (Up/Down, Home/End) are visual lines,
 * which only the layout knows, so they use the browser's `Selection.modify`.
 */
import { domPoint, offsetOfPoint, type RenderedDocument } from './domOffsets.ts';

/** A DOM selection in document offsets: `anchor` stays put, `focus` moves when extending. */
export interface CaretSelection {
  anchor: number;
  focus: number;
}

/** The offset one word before/after `offset` (word = run of non-space characters). */
export function stepWord(text: string, offset: number, direction: -1 | 1): number {
  let i = offset;
  if (direction > 0) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    while (i < text.length && !/\s/.test(text[i]!)) i++;
  } else {
    while (i > 0 && /\s/.test(text[i - 1]!)) i--;
    while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  }
  return i;
}

/** The offset one character before/after `offset`, never splitting a surrogate pair. */
export function stepCharacter(text: string, offset: number, direction: -1 | 1): number {
  if (direction > 0) {
    if (offset >= text.length) return text.length;
    const isPair = /[\uD800-\uDBFF]/.test(text[offset]!) && /[\uDC00-\uDFFF]/.test(text[offset + 1] ?? '');
    return offset + (isPair ? 2 : 1);
  }
  if (offset <= 0) return 0;
  const isPair = /[\uDC00-\uDFFF]/.test(text[offset - 1]!) && /[\uD800-\uDBFF]/.test(text[offset - 2] ?? '');
  return offset - (isPair ? 2 : 1);
}

/** The document's DOM selection in offsets, or null when it is not inside the document. */
export function readCaret(doc: RenderedDocument, selection: Selection | null): CaretSelection | null {
  if (!selection || selection.rangeCount === 0 || !selection.anchorNode || !selection.focusNode) return null;
  const anchor = offsetOfPoint(doc, selection.anchorNode, selection.anchorOffset);
  const focus = offsetOfPoint(doc, selection.focusNode, selection.focusOffset);
  return anchor === null || focus === null ? null : { anchor, focus };
}

/** Makes the DOM selection `caret` (a collapsed caret when anchor = focus). */
export function writeCaret(doc: RenderedDocument, caret: CaretSelection): void {
  const anchor = domPoint(doc, caret.anchor);
  const focus = domPoint(doc, caret.focus);
  if (anchor && focus) document.getSelection()?.setBaseAndExtent(anchor.node, anchor.offset, focus.node, focus.offset);
}

/**
 * Where a caret key takes the selection, or null when the key is not a caret key. `start` is the
 * selection when the key was pressed.
 */
export function moveCaret(doc: RenderedDocument, text: string, start: CaretSelection, event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): CaretSelection | null {
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
  if (event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey) return { anchor: 0, focus: text.length };
  // Words: Ctrl+arrow, or Option+arrow on a Mac (elsewhere Alt+arrow is the browser's Back).
  const byWord = isMac ? event.altKey && !event.metaKey : event.ctrlKey && !event.altKey;
  if (!isMac && event.altKey) return null;
  // On a Mac, ⌘+←/→ go to the line's start or end, as Home/End do.
  const key = isMac && event.metaKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight') ? (event.key === 'ArrowLeft' ? 'Home' : 'End') : event.key;
  const toTextEdge = (event.ctrlKey || event.metaKey) && (key === 'Home' || key === 'End') && event.key === key;
  const from = (focus: number): CaretSelection => (event.shiftKey ? { anchor: start.anchor, focus } : { anchor: focus, focus });
  const low = Math.min(start.anchor, start.focus);
  const high = Math.max(start.anchor, start.focus);
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowRight': {
      const direction = key === 'ArrowLeft' ? -1 : 1;
      // Without Shift, a selection collapses to the end the arrow points at, as in a text field.
      if (!event.shiftKey && !byWord && low !== high) return from(direction < 0 ? low : high);
      return from(byWord ? stepWord(text, start.focus, direction) : stepCharacter(text, start.focus, direction));
    }
    case 'ArrowUp':
    case 'ArrowDown':
    case 'Home':
    case 'End': {
      if (toTextEdge) return from(key === 'Home' ? 0 : text.length);
      const direction = key === 'ArrowUp' || key === 'Home' ? 'backward' : 'forward';
      const granularity = key === 'Home' || key === 'End' ? 'lineboundary' : 'line';
      return from(moveByLayout(doc, text, start.focus, direction, granularity));
    }
    default:
      return null;
  }
}

/** Moves a caret at `offset` by a visual line or to a visual line's end, via the browser's layout. */
function moveByLayout(doc: RenderedDocument, text: string, offset: number, direction: 'forward' | 'backward', granularity: 'line' | 'lineboundary'): number {
  const selection = document.getSelection();
  writeCaret(doc, { anchor: offset, focus: offset });
  if (!selection?.modify) return direction === 'forward' ? text.length : 0;
  selection.modify('move', direction, granularity);
  const moved = readCaret(doc, selection);
  // Up from the first line lands in the title, outside the text: that is the text's start.
  if (!moved) return direction === 'forward' ? text.length : 0;
  return moved.focus;
}

/** The screen box of a caret at `offset` (zero width), or null when it is not laid out. */
export function caretRect(doc: RenderedDocument, offset: number): DOMRect | null {
  const point = domPoint(doc, offset);
  if (!point) return null;
  const range = new Range();
  range.setStart(point.node, point.offset);
  const rect = range.getClientRects()[0] ?? null;
  if (rect && rect.height > 0) return rect;
  // An empty line has no text to measure: use its paragraph.
  const element = point.node instanceof Element ? point.node : point.node.parentElement;
  const box = element?.getBoundingClientRect();
  return box && box.height > 0 ? new DOMRect(box.left, box.top, 0, box.height) : null;
}

/** Scrolls `scroller` the least that brings the caret at `offset` into view. */
export function scrollCaretIntoView(doc: RenderedDocument, scroller: HTMLElement, offset: number): void {
  const rect = caretRect(doc, offset);
  if (!rect) return;
  const view = scroller.getBoundingClientRect();
  const margin = 24;
  if (rect.top < view.top + margin) scroller.scrollTop -= view.top + margin - rect.top;
  else if (rect.bottom > view.bottom - margin) scroller.scrollTop += rect.bottom - (view.bottom - margin);
}
