/**
 * Pure range logic for Segments: merging a new coding into what the same coder already coded
 * with the same code, and finding what covers an offset. All offsets are UTF-16 code units,
 * half-open `[start, end)`.
 */

export interface Range {
  start: number;
  end: number;
}

export interface IdentifiedRange extends Range {
  id: string;
}

/**
 * Merges `[start, end)` with every range it overlaps or touches, so a coder applying the same
 * code twice over one passage gets one Segment, never a duplicate.
 *
 * @example
 * mergeIntoRanges([{ id: 'a', start: 0, end: 5 }, { id: 'b', start: 20, end: 30 }], 4, 10)
 * // → { start: 0, end: 10, absorbedIds: ['a'] }
 */
export function mergeIntoRanges(existing: readonly IdentifiedRange[], start: number, end: number): Range & { absorbedIds: string[] } {
  let mergedStart = start;
  let mergedEnd = end;
  const absorbedIds: string[] = [];
  // Sorting first lets a single pass pick up chains (a new range bridging two old ones).
  const sorted = [...existing].sort((a, b) => a.start - b.start);
  let grew = true;
  const taken = new Set<string>();
  while (grew) {
    grew = false;
    for (const range of sorted) {
      if (taken.has(range.id)) continue;
      if (range.start <= mergedEnd && range.end >= mergedStart) {
        taken.add(range.id);
        absorbedIds.push(range.id);
        if (range.start < mergedStart || range.end > mergedEnd) grew = true;
        mergedStart = Math.min(mergedStart, range.start);
        mergedEnd = Math.max(mergedEnd, range.end);
      }
    }
  }
  return { start: mergedStart, end: mergedEnd, absorbedIds };
}

/** True when `[start, end)` is a non-empty range inside a text of `length` code units. */
export function isValidRange(start: number, end: number, length: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= length && start < end;
}

/**
 * Trims white space from both ends of a selection so a sloppy mouse drag does not code a
 * trailing space or newline. Returns null when nothing but white space was selected.
 *
 * @example
 * trimRangeToText('  hello  ', 0, 9) // → { start: 2, end: 7 }
 */
export function trimRangeToText(text: string, start: number, end: number): Range | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return s < e ? { start: s, end: e } : null;
}

/** The ranges (with their payload) that cover `offset`, i.e. `start <= offset < end`. */
export function rangesAt<T extends Range>(ranges: readonly T[], offset: number): T[] {
  return ranges.filter((r) => r.start <= offset && offset < r.end);
}

export interface StripeColumnAssignment {
  /** Column index per key (e.g. per code id), 0 = nearest the text. */
  columnOf: Map<string, number>;
  columnCount: number;
}

/**
 * Assigns margin columns so that codes whose coded passages overlap never share a column. Each
 * key (code) keeps one column for the whole visible window, which keeps stripes readable while
 * scrolling: the key's extent (first start to last end) is interval-coloured greedily.
 *
 * @example
 * assignStripeColumns([{ key: 'x', start: 0, end: 10 }, { key: 'y', start: 5, end: 8 }, { key: 'z', start: 20, end: 30 }])
 * // → x: 0, y: 1, z: 0; columnCount 2
 */
export function assignStripeColumns(ranges: readonly (Range & { key: string })[]): StripeColumnAssignment {
  const extents = new Map<string, Range>();
  for (const { key, start, end } of ranges) {
    const extent = extents.get(key);
    if (extent) {
      extent.start = Math.min(extent.start, start);
      extent.end = Math.max(extent.end, end);
    } else {
      extents.set(key, { start, end });
    }
  }
  const sorted = [...extents].sort(([, a], [, b]) => a.start - b.start || b.end - a.end);
  const columnOf = new Map<string, number>();
  const columnEnds: number[] = [];
  for (const [key, extent] of sorted) {
    let column = columnEnds.findIndex((end) => end <= extent.start);
    if (column < 0) column = columnEnds.length;
    columnEnds[column] = extent.end;
    columnOf.set(key, column);
  }
  return { columnOf, columnCount: columnEnds.length };
}
