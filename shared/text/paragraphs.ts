/**
 * The paragraph map of a document: the document view shows each LF-separated line as one
 * paragraph, so a global offset maps to (paragraph, offset in paragraph) by binary search over
 * paragraph starts. Highlight painting and selection mapping both go through this one map.
 */

export interface ParagraphMap {
  /** The lines of the text, split on LF. */
  lines: string[];
  /** `starts[i]` = offset of line i in the text (UTF-16 code units). */
  starts: Int32Array | number[];
}

/**
 * @example
 * buildParagraphMap('ab\n\ncd') // → { lines: ['ab', '', 'cd'], starts: [0, 3, 4] }
 */
export function buildParagraphMap(text: string): ParagraphMap {
  const lines = text.split('\n');
  const starts = new Int32Array(lines.length);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += lines[i]!.length + 1;
  }
  return { lines, starts };
}

/**
 * The paragraph holding `offset` and the offset inside it. An offset that falls on a line break
 * belongs to the end of the line before it.
 *
 * @example
 * locateOffset(buildParagraphMap('ab\n\ncd'), 5) // → { paragraph: 2, offset: 1 }
 */
export function locateOffset(map: ParagraphMap, offset: number): { paragraph: number; offset: number } {
  const { starts, lines } = map;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { paragraph: low, offset: Math.min(offset - starts[low]!, lines[low]!.length) };
}

/** The global offset of a position inside a paragraph. */
export function globalOffset(map: ParagraphMap, paragraph: number, offsetInParagraph: number): number {
  return map.starts[paragraph]! + offsetInParagraph;
}
