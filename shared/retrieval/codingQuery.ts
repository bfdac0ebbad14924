/**
 * Retrieval over coded text: which passages a code (or a combination of codes) covers, and how
 * codes relate. All offsets are UTF-16 code units, half-open `[start, end)`, per document.
 *
 * - `retrieveText` combines codes over the text they cover: OR is the text any operand covers,
 *   AND the text every operand covers, NOT the first operand's text that no later operand
 *   covers. Each operand is the union of its codes' codings (a code with its branch, when the
 *   caller passes the branch's ids), so two codings of one code that overlap count once.
 * - `cooccurrence` counts, for every pair of codes, the pairs of codings that overlap. Touching
 *   codings (`[0, 5)` and `[5, 9)`) share no character and do not overlap unless `touching` is
 *   chosen; with the 'paragraph' unit, two codes co-occur once per paragraph both reach.
 * - `codeDocumentMatrix` counts each code's codings per document, or the share of the
 *   document's characters they cover.
 *
 * The matrices are symmetric by construction (one count per unordered pair, written to both
 * cells), so a transposed view can never disagree with the original.
 */
import type { CodeId, DocumentId, Segment } from '../model/index.ts';
import { mergeRanges, type TextRange } from './autoCodeScope.ts';

export type CodingOperator = 'and' | 'or' | 'not';

/** A coding's place, enough for retrieval: the rest of a Segment is not needed. */
export type Placed = Pick<Segment, 'documentId' | 'codeId' | 'start' | 'end'>;

export interface RetrievedPassage {
  documentId: DocumentId;
  start: number;
  end: number;
}

function intersect(a: readonly TextRange[], b: readonly TextRange[]): TextRange[] {
  const out: TextRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (start < end) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}

function subtract(a: readonly TextRange[], b: readonly TextRange[]): TextRange[] {
  const out: TextRange[] = [];
  let j = 0;
  for (const range of a) {
    let start = range.start;
    while (j < b.length && b[j]!.end <= start) j++;
    let k = j;
    while (k < b.length && b[k]!.start < range.end) {
      if (b[k]!.start > start) out.push({ start, end: b[k]!.start });
      start = Math.max(start, b[k]!.end);
      k++;
    }
    if (start < range.end) out.push({ start, end: range.end });
  }
  return out;
}

/** Each document's merged ranges covered by any of `codeIds`. */
function coverage(segments: readonly Placed[], codeIds: ReadonlySet<CodeId>): Map<DocumentId, TextRange[]> {
  const byDocument = new Map<DocumentId, TextRange[]>();
  for (const s of segments) {
    if (!codeIds.has(s.codeId) || s.end <= s.start) continue;
    let list = byDocument.get(s.documentId);
    if (!list) byDocument.set(s.documentId, (list = []));
    list.push({ start: s.start, end: s.end });
  }
  for (const [id, list] of byDocument) byDocument.set(id, mergeRanges(list));
  return byDocument;
}

/**
 * The passages that `operator` over the operands covers, by document then position.
 *
 * @example
 * // Code A covers [0, 10), code B covers [5, 20) of one document d:
 * retrieveText(segments, 'and', [new Set([A]), new Set([B])]) // → [{ documentId: d, start: 5, end: 10 }]
 * retrieveText(segments, 'not', [new Set([A]), new Set([B])]) // → [{ documentId: d, start: 0, end: 5 }]
 */
export function retrieveText(segments: readonly Placed[], operator: CodingOperator, operands: readonly ReadonlySet<CodeId>[]): RetrievedPassage[] {
  if (operands.length === 0) return [];
  const covered = operands.map((codeIds) => coverage(segments, codeIds));
  const documents = operator === 'or' ? new Set(covered.flatMap((m) => [...m.keys()])) : new Set(covered[0]!.keys());
  const passages: RetrievedPassage[] = [];
  for (const documentId of documents) {
    let ranges: TextRange[];
    if (operator === 'or') ranges = mergeRanges(covered.flatMap((m) => m.get(documentId) ?? []));
    else if (operator === 'and') ranges = covered.slice(1).reduce((acc, m) => intersect(acc, m.get(documentId) ?? []), covered[0]!.get(documentId) ?? []);
    else ranges = covered.slice(1).reduce((acc, m) => subtract(acc, m.get(documentId) ?? []), covered[0]!.get(documentId) ?? []);
    for (const range of ranges) passages.push({ documentId, ...range });
  }
  return passages.sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : a.start - b.start));
}

export interface CooccurrenceOptions {
  /** 'segment': codings overlap; 'paragraph': both codes reach the same paragraph. */
  unit: 'segment' | 'paragraph';
  /** Count codings that only touch (one ends where the other starts) as overlapping. */
  touching: boolean;
  /** Each document's text, for the paragraph unit. */
  textOf?: (documentId: DocumentId) => string;
}

/** A symmetric code × code count; the diagonal is left at 0. */
export interface CooccurrenceMatrix {
  codeIds: CodeId[];
  counts: number[][];
}

/** The paragraphs (LF-separated lines) a range reaches, as their indexes. */
function paragraphsOf(lineStarts: readonly number[], range: TextRange): [number, number] {
  const find = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return [find(range.start), find(Math.max(range.start, range.end - 1))];
}

/**
 * How often each pair of `codeIds` co-occurs in `segments` (filter by coder and documents
 * before calling). A coding of a code outside `codeIds` is ignored.
 *
 * @example
 * // A [0, 5), B [5, 9), C [3, 6) in one document:
 * cooccurrence(segments, [A, B, C], { unit: 'segment', touching: false }).counts
 * // → [[0, 0, 1], [0, 0, 1], [1, 1, 0]]
 */
export function cooccurrence(segments: readonly Placed[], codeIds: readonly CodeId[], options: CooccurrenceOptions): CooccurrenceMatrix {
  const index = new Map(codeIds.map((id, i) => [id, i]));
  const counts = codeIds.map(() => codeIds.map(() => 0));
  const byDocument = new Map<DocumentId, Placed[]>();
  for (const s of segments) {
    if (!index.has(s.codeId)) continue;
    let list = byDocument.get(s.documentId);
    if (!list) byDocument.set(s.documentId, (list = []));
    list.push(s);
  }
  const add = (a: number, b: number) => {
    if (a === b) return;
    counts[a]![b]!++;
    counts[b]![a]!++;
  };
  for (const [documentId, list] of byDocument) {
    if (options.unit === 'paragraph') {
      const text = options.textOf?.(documentId) ?? '';
      const lineStarts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      // The codes reaching each paragraph, then one count per pair per paragraph.
      const codesByParagraph = new Map<number, Set<number>>();
      for (const s of list) {
        const [first, last] = paragraphsOf(lineStarts, s);
        for (let p = first; p <= last; p++) {
          let set = codesByParagraph.get(p);
          if (!set) codesByParagraph.set(p, (set = new Set()));
          set.add(index.get(s.codeId)!);
        }
      }
      for (const set of codesByParagraph.values()) {
        const codes = [...set];
        for (let i = 0; i < codes.length; i++) for (let j = i + 1; j < codes.length; j++) add(codes[i]!, codes[j]!);
      }
      continue;
    }
    // Sweep in start order: each coding meets only the codings still open when it starts.
    const sorted = [...list].sort((a, b) => a.start - b.start);
    const open: Placed[] = [];
    for (const s of sorted) {
      for (let k = open.length - 1; k >= 0; k--) {
        const ended = options.touching ? open[k]!.end < s.start : open[k]!.end <= s.start;
        if (ended) open.splice(k, 1);
      }
      for (const other of open) add(index.get(s.codeId)!, index.get(other.codeId)!);
      open.push(s);
    }
  }
  return { codeIds: [...codeIds], counts };
}

export interface CodeDocumentMatrix {
  codeIds: CodeId[];
  documentIds: DocumentId[];
  /** `cells[code][document]`: codings, or the share of characters covered (0–1). */
  cells: number[][];
}

/**
 * Each code's codings per document ('count'), or the share of the document's characters its
 * codings cover, overlaps counted once ('coverage'; needs `lengthOf`).
 */
export function codeDocumentMatrix(
  segments: readonly Placed[],
  codeIds: readonly CodeId[],
  documentIds: readonly DocumentId[],
  measure: 'count' | 'coverage',
  lengthOf: (documentId: DocumentId) => number = () => 0,
): CodeDocumentMatrix {
  const codeIndex = new Map(codeIds.map((id, i) => [id, i]));
  const documentIndex = new Map(documentIds.map((id, i) => [id, i]));
  const cells = codeIds.map(() => documentIds.map(() => 0));
  if (measure === 'count') {
    for (const s of segments) {
      const c = codeIndex.get(s.codeId);
      const d = documentIndex.get(s.documentId);
      if (c !== undefined && d !== undefined) cells[c]![d]!++;
    }
    return { codeIds: [...codeIds], documentIds: [...documentIds], cells };
  }
  const ranges = new Map<string, TextRange[]>();
  for (const s of segments) {
    if (!codeIndex.has(s.codeId) || !documentIndex.has(s.documentId)) continue;
    const key = `${s.codeId}\u0000${s.documentId}`;
    let list = ranges.get(key);
    if (!list) ranges.set(key, (list = []));
    list.push({ start: s.start, end: s.end });
  }
  for (const [key, list] of ranges) {
    const [codeId, documentId] = key.split('\u0000') as [CodeId, DocumentId];
    const length = lengthOf(documentId);
    const covered = mergeRanges(list).reduce((sum, r) => sum + (r.end - r.start), 0);
    cells[codeIndex.get(codeId)!]![documentIndex.get(documentId)!] = length > 0 ? covered / length : 0;
  }
  return { codeIds: [...codeIds], documentIds: [...documentIds], cells };
}
