/**
 * Between global text offsets and DOM positions in the rendered document. Paragraph i of the
 * paragraph map is element i of `paragraphs`; its text is its first Text descendant (Lexical
 * renders `<p><span>text</span></p>`, and an empty line as `<p><br></p>`).
 */
import { locateOffset, globalOffset, type ParagraphMap } from '../../shared/text/paragraphs.ts';

export interface RenderedDocument {
  map: ParagraphMap;
  paragraphs: HTMLElement[];
  /** Paragraph element → index, for mapping a DOM selection back to offsets. */
  indexOf: Map<Element, number>;
}

export function createRenderedDocument(map: ParagraphMap, paragraphs: HTMLElement[]): RenderedDocument {
  return { map, paragraphs, indexOf: new Map(paragraphs.map((p, i) => [p, i])) };
}

function firstTextNode(element: Node): Text | null {
  let node: Node | null = element.firstChild;
  while (node && node.nodeType !== Node.TEXT_NODE) node = node.firstChild;
  return node as Text | null;
}

/** A DOM position for a global offset. */
export function domPoint(doc: RenderedDocument, offset: number): { node: Node; offset: number } | null {
  const { paragraph, offset: local } = locateOffset(doc.map, offset);
  const element = doc.paragraphs[paragraph];
  if (!element) return null;
  const text = firstTextNode(element);
  return text ? { node: text, offset: Math.min(local, text.length) } : { node: element, offset: 0 };
}

/** A DOM Range covering `[start, end)`, or null when the document is not rendered. */
export function domRange(doc: RenderedDocument, start: number, end: number): Range | null {
  const from = domPoint(doc, start);
  const to = domPoint(doc, end);
  if (!from || !to) return null;
  const range = new Range();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/** The global offset of a DOM position inside the document, or null if it is outside. */
export function offsetOfPoint(doc: RenderedDocument, node: Node, offset: number): number | null {
  // Walk up to the paragraph element, remembering where inside it the point is.
  let current: Node | null = node;
  while (current && !(current instanceof Element && doc.indexOf.has(current))) current = current.parentNode;
  if (!current) return pointBetweenParagraphs(doc, node, offset);
  const paragraph = doc.indexOf.get(current as Element)!;
  const lineLength = doc.map.lines[paragraph]!.length;
  let local: number;
  if (node.nodeType === Node.TEXT_NODE) local = offset;
  else {
    // A point in an element counts child nodes: before the text → 0, after it → line end.
    const text = firstTextNode(current);
    local = text && node.contains(text) && offset > 0 ? lineLength : 0;
    if (node === current && offset >= current.childNodes.length) local = lineLength;
  }
  return globalOffset(doc.map, paragraph, Math.min(local, lineLength));
}

/**
 * A point on a container rather than in a paragraph (e.g. after a triple click): on a chunk its
 * offset counts paragraphs, on the root it counts chunks.
 */
function pointBetweenParagraphs(doc: RenderedDocument, node: Node, offset: number): number | null {
  if (!(node instanceof Element) || doc.paragraphs.length === 0) return null;
  const children = Array.from(node.children);
  let paragraph: number | undefined;
  if (node.classList.contains('doc-chunk')) {
    const first = doc.indexOf.get(children[0]!);
    if (first === undefined) return null;
    paragraph = first + offset;
  } else if (node.contains(doc.paragraphs[0]!)) {
    const chunk = children[offset] ?? null;
    paragraph = chunk ? doc.indexOf.get(chunk.firstElementChild!) : doc.paragraphs.length;
    if (paragraph === undefined) return null;
  } else {
    return null;
  }
  if (paragraph >= doc.paragraphs.length) {
    const last = doc.paragraphs.length - 1;
    return globalOffset(doc.map, last, doc.map.lines[last]!.length);
  }
  return globalOffset(doc.map, paragraph, 0);
}

/** The document range of the current DOM selection, or null if it is empty or outside the document. */
export function selectionOffsets(doc: RenderedDocument, selection: Selection | null): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const start = offsetOfPoint(doc, range.startContainer, range.startOffset);
  const end = offsetOfPoint(doc, range.endContainer, range.endOffset);
  if (start === null || end === null || start >= end) return null;
  return { start, end };
}

/** The global offset under a screen point (for hover and click), or null. */
export function offsetAtPoint(doc: RenderedDocument, x: number, y: number): number | null {
  const caret = document.caretPositionFromPoint?.(x, y);
  if (caret) return offsetOfPoint(doc, caret.offsetNode, caret.offset);
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? offsetOfPoint(doc, range.startContainer, range.startOffset) : null;
}
