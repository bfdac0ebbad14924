/**
 * The memo manager's query logic, pure and fast: what each memo is attached to (as a label),
 * filtering by kind, author and code, full-text search over title and plain text with the hits
 * located for marking, and sorting.
 *
 * Invariants:
 * - Search is case- and accent-insensitive ("cafe" finds "Café"), by words: a memo matches when
 *   EVERY word of the query occurs in its title or its text (as a substring, so "polic" finds
 *   "policing").
 * - Hit ranges are half-open `[start, end)` in UTF-16 code units of the ORIGINAL string (the
 *   title, or the snippet handed back), so the UI can cut the string there and wrap `<mark>`s;
 *   a range never splits a surrogate pair or a letter from its accents.
 * - The normalised text of each memo is computed once, on the first search (or ahead of it with
 *   `prepareSearch`, in idle time), and reused by later indexes while the memo's title and text
 *   are unchanged, so a search over 10,000 memos is a scan of precomputed strings.
 */
import { codeNamePath, descendantIds } from '../coding/codeTree.ts';
import type { Code, CodeId, CoderId, DocumentId, Memo, MemoTargetKind, Segment, SegmentId } from '../model/index.ts';

/** What the manager needs to know about the things memos are attached to. */
export interface MemoLookups {
  /** Documents by id (only the name is read). */
  documents: ReadonlyMap<string, { name: string }>;
  /** Every code of the project (for names, paths and sub-codes). */
  codes: readonly Pick<Code, 'id' | 'parentId' | 'name' | 'order'>[];
  /** Segments by id (which document and code a segment memo is about). */
  segments: ReadonlyMap<string, Pick<Segment, 'documentId' | 'codeId' | 'start' | 'end'>>;
  /** Coders by id (only the name is read). */
  coders: ReadonlyMap<string, { name: string }>;
}

/** One memo as the manager shows it, with its normalised text for search. */
export interface MemoEntry {
  memo: Memo;
  /** What it is attached to, e.g. "Document: Interview 3" or "Coding of Trust in Interview 3". */
  attachment: string;
  /** The author's name ("Unknown author" when the memo has no coder or an unknown one). */
  author: string;
  /** The code the memo is on: the code itself, or the code of its segment; else null. */
  codeId: CodeId | null;
  /** The document the memo is about (document, passage, segment), else null. */
  documentId: DocumentId | null;
  /**
   * The normalised title and text, computed on the first search that needs them (see
   * `searchableText`): the first paint of a long list never waits for them.
   */
  searchable?: SearchableText;
}

/** A memo's title and text as search compares them (`normalizeForSearch`). */
export interface SearchableText {
  title: string;
  text: string;
}

/** Every memo of a list, ready to filter, search and sort. */
export interface MemoIndex {
  entries: readonly MemoEntry[];
}

/** Shown for a memo without a (known) author. */
export const UNKNOWN_AUTHOR = 'Unknown author';

/** The separator of a code's path in labels ("Framing › Child protection"). */
export const CODE_PATH_SEPARATOR = ' › ';

/** The kinds in the order the manager lists them, with their names for people. */
export const MEMO_KIND_LABELS: Readonly<Record<MemoTargetKind, string>> = {
  project: 'Project',
  document: 'Document',
  code: 'Code',
  segment: 'Coding',
  passage: 'Passage',
};

const COMBINING_MARKS = /\p{M}+/gu;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Lower-cases `text` and strips accents (and every other combining mark), for comparison only.
 * The result's length may differ from the input's: use `findHits` for positions.
 *
 * @example normalizeForSearch('Café ÉTÉ') // → 'cafe ete'
 */
export function normalizeForSearch(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  // Whole-string operations are an order of magnitude faster than the code point walk below;
  // both give the same result but for context-dependent lower-casing (Greek final sigma).
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/**
 * The normalised form built one code point at a time, with, for every unit of the normalised
 * string, the original code point's start and end: how a hit found in the normalised text is
 * mapped back to the original one.
 */
function normalizeCodePoints(text: string): { normalized: string; starts: number[]; ends: number[] } {
  let normalized = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const original = text.slice(i, i + width);
    const folded = cp < 0x80 ? original.toLowerCase() : original.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
    // A combining mark on its own folds to nothing: it then belongs to the letter before it.
    if (folded.length === 0 && ends.length > 0) {
      for (let k = ends.length - 1; k >= 0 && ends[k] === i; k--) ends[k] = i + width;
    }
    for (let k = 0; k < folded.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    normalized += folded;
    i += width;
  }
  return { normalized, starts, ends };
}

/**
 * The words of a search query, normalised; empty for a blank query.
 *
 * @example searchWords('  Trust  ÉLAN ') // → ['trust', 'elan']
 */
export function searchWords(query: string): string[] {
  return normalizeForSearch(query).split(/\s+/u).filter((word) => word.length > 0);
}

/** A half-open range `[start, end)` in UTF-16 code units of a displayed string. */
export interface HitRange {
  start: number;
  end: number;
}

/**
 * Where the words occur in `text` (any of them; overlapping and touching hits merged), in
 * UTF-16 units of `text` itself, sorted.
 *
 * @example findHits('Café au lait, CAFE noir', ['cafe']) // → [{ start: 0, end: 4 }, { start: 14, end: 18 }]
 */
export function findHits(text: string, words: readonly string[]): HitRange[] {
  if (words.length === 0 || text.length === 0) return [];
  const isAscii = ASCII_ONLY.test(text);
  const mapped = isAscii ? null : normalizeCodePoints(text);
  const haystack = mapped ? mapped.normalized : text.toLowerCase();
  const raw: HitRange[] = [];
  for (const word of words) {
    for (let at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) {
      const last = at + word.length - 1;
      raw.push(mapped ? { start: mapped.starts[at]!, end: mapped.ends[last]! } : { start: at, end: last + 1 });
    }
  }
  return mergeRanges(raw);
}

function mergeRanges(ranges: HitRange[]): HitRange[] {
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: HitRange[] = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * What a memo is attached to, for people.
 *
 * @example
 * describeAttachment({ kind: 'segment', id: s }, lookups) // → 'Coding of Trust in Interview 3'
 * describeAttachment({ kind: 'code', id: c }, lookups)    // → 'Code: Framing › Child protection'
 */
export function describeAttachment(target: Memo['target'], lookups: MemoLookups): string {
  switch (target.kind) {
    case 'project':
      return 'Project';
    case 'document':
      return `Document: ${documentName(target.id, lookups)}`;
    case 'code':
      return `Code: ${codePath(target.id, lookups)}`;
    case 'segment': {
      const segment = lookups.segments.get(target.id);
      if (!segment) return 'Coding (deleted)';
      return `Coding of ${codeName(segment.codeId, lookups)} in ${documentName(segment.documentId, lookups)}`;
    }
    case 'passage':
      return `Passage in ${documentName(target.id, lookups)}`;
  }
}

function documentName(id: DocumentId, lookups: MemoLookups): string {
  return lookups.documents.get(id)?.name ?? '(deleted document)';
}

function codePath(id: CodeId, lookups: MemoLookups): string {
  const path = codeNamePath(lookups.codes, id);
  return path.length ? path.join(CODE_PATH_SEPARATOR) : '(deleted code)';
}

function codeName(id: CodeId, lookups: MemoLookups): string {
  return lookups.codes.find((code) => code.id === id)?.name ?? '(deleted code)';
}

/**
 * Every memo with its label and author. Pass the previous index to keep the normalised text of
 * memos whose title and text did not change (a live list re-read after one memo changed then
 * re-normalises one memo, not ten thousand).
 */
export function indexMemos(memos: readonly Memo[], lookups: MemoLookups, previous?: MemoIndex): MemoIndex {
  const reusable = new Map<string, MemoEntry>();
  for (const entry of previous?.entries ?? []) reusable.set(entry.memo.id, entry);
  const codeNames = new Map(lookups.codes.map((code) => [code.id as string, code]));
  const labelCache = new Map<string, string>();
  const entries = memos.map((memo): MemoEntry => {
    const old = reusable.get(memo.id);
    const target = memo.target;
    const labelKey = target.kind === 'project' ? 'project' : `${target.kind}:${target.id}`;
    let attachment = labelCache.get(labelKey);
    if (attachment === undefined) {
      attachment = target.kind === 'segment' ? describeSegment(target.id, lookups, codeNames) : describeAttachment(target, lookups);
      labelCache.set(labelKey, attachment);
    }
    const segment = target.kind === 'segment' ? lookups.segments.get(target.id) : undefined;
    return {
      memo,
      attachment,
      author: (memo.coderId && lookups.coders.get(memo.coderId)?.name) || UNKNOWN_AUTHOR,
      codeId: target.kind === 'code' ? target.id : (segment?.codeId ?? null),
      documentId: target.kind === 'document' || target.kind === 'passage' ? target.id : (segment?.documentId ?? null),
      ...(old?.searchable && old.memo.title === memo.title && old.memo.plainText === memo.plainText ? { searchable: old.searchable } : {}),
    };
  });
  return { entries };
}

function describeSegment(id: SegmentId, lookups: MemoLookups, codes: ReadonlyMap<string, { name: string }>): string {
  const segment = lookups.segments.get(id);
  if (!segment) return 'Coding (deleted)';
  return `Coding of ${codes.get(segment.codeId)?.name ?? '(deleted code)'} in ${documentName(segment.documentId, lookups)}`;
}

/** The entry's normalised title and text, computed once and kept on the entry. */
export function searchableText(entry: MemoEntry): SearchableText {
  entry.searchable ??= { title: normalizeForSearch(entry.memo.title), text: normalizeForSearch(entry.memo.plainText) };
  return entry.searchable;
}

/**
 * Normalises the text of up to `count` entries from `from` on that have none yet, and returns
 * where to continue (`entries.length` when done): how a view prepares the first search in idle
 * time, a slice at a time, without holding up a frame.
 */
export function prepareSearch(index: MemoIndex, from: number, count: number): number {
  const end = Math.min(index.entries.length, from + count);
  for (let i = from; i < end; i++) searchableText(index.entries[i]!);
  return end;
}

/** The columns a memo list sorts by. */
export type MemoSortKey = 'title' | 'attachment' | 'author' | 'created' | 'modified';
export type SortDirection = 'asc' | 'desc';

/** What the manager shows: every part is optional (an empty query shows every memo). */
export interface MemoQuery {
  /** Only memos attached to these kinds of thing (empty or absent: all kinds). */
  kinds?: readonly MemoTargetKind[];
  /** Only memos by these coders (`null` stands for memos without an author). */
  authors?: readonly (CoderId | null)[];
  /** Only memos on this code: on the code itself and on segments coded with it. */
  codeId?: CodeId | null;
  /** With `codeId`: also memos on its sub-codes (and their segments). */
  includeSubCodes?: boolean;
  /** Words that must all occur in the title or the text. */
  search?: string;
  sort?: { key: MemoSortKey; direction: SortDirection };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Each index's entries sorted by each sort asked for so far (an index never changes once built). */
const sortedByIndex = new WeakMap<MemoIndex, Map<string, readonly MemoEntry[]>>();

function sortedEntries(index: MemoIndex, sort: { key: MemoSortKey; direction: SortDirection }): readonly MemoEntry[] {
  let sorts = sortedByIndex.get(index);
  if (!sorts) sortedByIndex.set(index, (sorts = new Map()));
  const key = `${sort.key}:${sort.direction}`;
  let sorted = sorts.get(key);
  if (!sorted) sorts.set(key, (sorted = sortMemoEntries([...index.entries], sort)));
  return sorted;
}

/**
 * The entries that satisfy `query`, sorted (by default: most recently modified first; ties by
 * modified time, newest first). The sort is done once per index and sort order, and each query
 * filters the sorted list (which keeps its order), so typing a search never sorts again.
 *
 * @example queryMemos(index, { kinds: ['code'], search: 'trust', sort: { key: 'title', direction: 'asc' } }, codes)
 */
export function queryMemos(index: MemoIndex, query: MemoQuery, codes: MemoLookups['codes'] = []): readonly MemoEntry[] {
  const kinds = query.kinds?.length ? new Set(query.kinds) : null;
  const authors = query.authors?.length ? new Set<CoderId | null>(query.authors) : null;
  const codeIds = query.codeId ? (query.includeSubCodes ? descendantIds(codes, query.codeId) : new Set([query.codeId])) : null;
  const words = searchWords(query.search ?? '');
  const sorted = sortedEntries(index, query.sort ?? { key: 'modified', direction: 'desc' });
  if (!kinds && !authors && !codeIds && words.length === 0) return sorted;
  return sorted.filter((entry) => {
    if (kinds && !kinds.has(entry.memo.target.kind)) return false;
    if (authors && !authors.has(entry.memo.coderId)) return false;
    if (codeIds && (entry.codeId === null || !codeIds.has(entry.codeId))) return false;
    if (words.length === 0) return true;
    const { title, text } = searchableText(entry);
    for (const word of words) if (!title.includes(word) && !text.includes(word)) return false;
    return true;
  });
}

/** Sorts entries in place by one column and returns them; ties are broken by modified time, newest first. */
export function sortMemoEntries(entries: MemoEntry[], sort: { key: MemoSortKey; direction: SortDirection }): MemoEntry[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const byNewest = (a: MemoEntry, b: MemoEntry) => compareStrings(b.memo.modifiedAt, a.memo.modifiedAt);
  const compare: (a: MemoEntry, b: MemoEntry) => number = {
    title: (a: MemoEntry, b: MemoEntry) => collator.compare(a.memo.title, b.memo.title),
    attachment: (a: MemoEntry, b: MemoEntry) => collator.compare(a.attachment, b.attachment),
    author: (a: MemoEntry, b: MemoEntry) => collator.compare(a.author, b.author),
    created: (a: MemoEntry, b: MemoEntry) => compareStrings(a.memo.createdAt, b.memo.createdAt),
    modified: (a: MemoEntry, b: MemoEntry) => compareStrings(a.memo.modifiedAt, b.memo.modifiedAt),
  }[sort.key];
  return entries.sort((a, b) => sign * compare(a, b) || byNewest(a, b));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A short excerpt of a memo's text with the search hits in it. */
export interface Snippet {
  /** Whitespace runs collapsed to one space; '…' where text was left out. */
  text: string;
  hits: HitRange[];
}

/**
 * An excerpt of `plainText` of about `maxLength` characters that starts a little before the
 * first hit (or at the start), with the hits located in the excerpt itself.
 *
 * @example
 * makeSnippet('Long opening.\n\nThen the café scene.', ['cafe'], 20)
 * // → { text: '…the café scene.', hits: [{ start: 5, end: 9 }] }
 */
export function makeSnippet(plainText: string, words: readonly string[], maxLength = 160): Snippet {
  const hits = findHits(plainText, words);
  // Little lead: in a one-line cell the first hit should be in view, not past the ellipsis.
  const lead = Math.min(24, Math.floor(maxLength / 4));
  let from = 0;
  if (hits.length > 0 && hits[0]!.start > lead) {
    from = hits[0]!.start - lead;
    // Start at a word boundary when one is near.
    const space = plainText.slice(from, hits[0]!.start).search(/\s/u);
    if (space >= 0) from += space + 1;
  }
  if (isLowSurrogate(plainText.charCodeAt(from))) from--;
  let text = from > 0 ? '…' : '';
  const out: HitRange[] = [];
  let hitIndex = 0;
  let openHit: HitRange | null = null;
  let wasSpace = from === 0;
  let i = from;
  for (; i < plainText.length && text.length < maxLength; i++) {
    while (hitIndex < hits.length && hits[hitIndex]!.end <= i) hitIndex++;
    const hit = hits[hitIndex];
    if (hit && hit.start === i) openHit = { start: text.length, end: text.length };
    const char = plainText[i]!;
    if (/\s/u.test(char)) {
      if (!wasSpace) text += ' ';
      wasSpace = true;
    } else {
      text += char;
      wasSpace = false;
    }
    if (openHit && hit && i === hit.end - 1) {
      openHit.end = text.length;
      out.push(openHit);
      openHit = null;
    }
  }
  // Never end on half a surrogate pair or inside a hit.
  if (isHighSurrogate(text.charCodeAt(text.length - 1))) {
    text += plainText[i] ?? '';
    i++;
  }
  if (openHit) {
    openHit.end = text.length;
    out.push(openHit);
  }
  text = text.trimEnd();
  if (i < plainText.length) text += '…';
  return { text, hits: out.filter((hit) => hit.end > hit.start) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
