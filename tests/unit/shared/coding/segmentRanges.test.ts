import { describe, expect, it } from 'vitest';
import { assignStripeColumns, isValidRange, mergeIntoRanges, rangesAt, trimRangeToText } from '../../../../shared/coding/segmentRanges.ts';

describe('mergeIntoRanges', () => {
  it('returns the new range alone when nothing exists yet', () => {
    expect(mergeIntoRanges([], 3, 7)).toEqual({ start: 3, end: 7, absorbedIds: [] });
  });

  it('absorbs nothing when the new range overlaps no existing range', () => {
    const existing = [{ id: 'a', start: 0, end: 5 }, { id: 'b', start: 20, end: 30 }];
    expect(mergeIntoRanges(existing, 8, 12)).toEqual({ start: 8, end: 12, absorbedIds: [] });
  });

  it('does not absorb a range separated by a one-character gap', () => {
    expect(mergeIntoRanges([{ id: 'a', start: 0, end: 5 }], 6, 9)).toEqual({ start: 6, end: 9, absorbedIds: [] });
  });

  it('extends over the range it overlaps', () => {
    const existing = [{ id: 'a', start: 0, end: 5 }, { id: 'b', start: 20, end: 30 }];
    expect(mergeIntoRanges(existing, 4, 10)).toEqual({ start: 0, end: 10, absorbedIds: ['a'] });
  });

  it('absorbs a range that ends exactly where the new one starts', () => {
    expect(mergeIntoRanges([{ id: 'a', start: 0, end: 5 }], 5, 8)).toEqual({ start: 0, end: 8, absorbedIds: ['a'] });
  });

  it('absorbs a range that starts exactly where the new one ends', () => {
    expect(mergeIntoRanges([{ id: 'a', start: 10, end: 15 }], 5, 10)).toEqual({ start: 5, end: 15, absorbedIds: ['a'] });
  });

  it('joins two old ranges when the new one bridges them', () => {
    const existing = [{ id: 'b', start: 10, end: 15 }, { id: 'a', start: 0, end: 5 }];
    const merged = mergeIntoRanges(existing, 4, 11);
    expect({ start: merged.start, end: merged.end }).toEqual({ start: 0, end: 15 });
    expect([...merged.absorbedIds].sort()).toEqual(['a', 'b']);
  });

  it('picks up a range reached only through another absorbed range', () => {
    // [15, 25) overlaps b = [8, 16) only; once grown to [8, 25) it reaches a = [0, 10).
    const existing = [{ id: 'a', start: 0, end: 10 }, { id: 'b', start: 8, end: 16 }];
    const merged = mergeIntoRanges(existing, 15, 25);
    expect({ start: merged.start, end: merged.end }).toEqual({ start: 0, end: 25 });
    expect([...merged.absorbedIds].sort()).toEqual(['a', 'b']);
  });

  it('keeps the bounds of an existing range that contains the new one', () => {
    expect(mergeIntoRanges([{ id: 'a', start: 2, end: 20 }], 5, 8)).toEqual({ start: 2, end: 20, absorbedIds: ['a'] });
  });

  it('swallows every existing range the new one covers, and leaves the others', () => {
    const existing = [{ id: 'a', start: 2, end: 4 }, { id: 'b', start: 6, end: 8 }, { id: 'c', start: 40, end: 50 }];
    const merged = mergeIntoRanges(existing, 0, 10);
    expect({ start: merged.start, end: merged.end }).toEqual({ start: 0, end: 10 });
    expect([...merged.absorbedIds].sort()).toEqual(['a', 'b']);
  });

  it('does not reorder or change the ranges it was given', () => {
    const existing = [{ id: 'b', start: 10, end: 15 }, { id: 'a', start: 0, end: 5 }];
    mergeIntoRanges(existing, 4, 11);
    expect(existing).toEqual([{ id: 'b', start: 10, end: 15 }, { id: 'a', start: 0, end: 5 }]);
  });
});

describe('isValidRange', () => {
  it('accepts a non-empty range inside the text, up to its last character', () => {
    expect(isValidRange(0, 1, 1)).toBe(true);
    expect(isValidRange(3, 10, 10)).toBe(true);
  });

  it('refuses an empty or reversed range', () => {
    expect(isValidRange(4, 4, 10)).toBe(false);
    expect(isValidRange(5, 2, 10)).toBe(false);
  });

  it('refuses a range that starts before 0 or ends past the text', () => {
    expect(isValidRange(-1, 3, 10)).toBe(false);
    expect(isValidRange(8, 11, 10)).toBe(false);
  });

  it('refuses offsets that are not whole code units', () => {
    expect(isValidRange(1.5, 3, 10)).toBe(false);
    expect(isValidRange(1, Number.NaN, 10)).toBe(false);
  });
});

describe('trimRangeToText', () => {
  it('trims spaces from both ends', () => {
    expect(trimRangeToText('  hello  ', 0, 9)).toEqual({ start: 2, end: 7 });
  });

  it('trims newlines and tabs a drag picked up across lines', () => {
    expect(trimRangeToText('a\n\tword\n\nb', 1, 9)).toEqual({ start: 3, end: 7 });
  });

  it('looks only inside the selected range', () => {
    // ' b ' inside 'a b c': the spaces around b are trimmed, a and c stay outside.
    expect(trimRangeToText('a b c', 1, 4)).toEqual({ start: 2, end: 3 });
  });

  it('returns a range that has no white space at its ends unchanged', () => {
    expect(trimRangeToText('one two', 0, 7)).toEqual({ start: 0, end: 7 });
  });

  it('returns null when only white space was selected', () => {
    expect(trimRangeToText('a   \n b', 1, 6)).toBeNull();
    expect(trimRangeToText('abc', 1, 1)).toBeNull();
  });
});

describe('rangesAt', () => {
  const ranges = [{ start: 0, end: 5, code: 'x' }, { start: 3, end: 8, code: 'y' }];

  it('returns every range covering the offset, with its payload', () => {
    expect(rangesAt(ranges, 4)).toEqual(ranges);
  });

  it('includes a range at its start and excludes it at its end', () => {
    expect(rangesAt(ranges, 3).map((r) => r.code)).toEqual(['x', 'y']);
    expect(rangesAt(ranges, 5).map((r) => r.code)).toEqual(['y']);
    expect(rangesAt(ranges, 8)).toEqual([]);
  });
});

describe('assignStripeColumns', () => {
  it('gives overlapping codes different columns and reuses a column after a gap', () => {
    const { columnOf, columnCount } = assignStripeColumns([
      { key: 'x', start: 0, end: 10 },
      { key: 'y', start: 5, end: 8 },
      { key: 'z', start: 20, end: 30 },
    ]);
    expect(Object.fromEntries(columnOf)).toEqual({ x: 0, y: 1, z: 0 });
    expect(columnCount).toBe(2);
  });

  it('returns no columns for no ranges', () => {
    const { columnOf, columnCount } = assignStripeColumns([]);
    expect(columnOf.size).toBe(0);
    expect(columnCount).toBe(0);
  });

  it('lets codes whose passages only touch share a column', () => {
    const { columnOf, columnCount } = assignStripeColumns([
      { key: 'x', start: 0, end: 5 },
      { key: 'y', start: 5, end: 10 },
    ]);
    expect(Object.fromEntries(columnOf)).toEqual({ x: 0, y: 0 });
    expect(columnCount).toBe(1);
  });

  it('keeps one column per code across its whole extent, even between its passages', () => {
    // x codes [0, 2) and [20, 22); y sits in the gap but x's column is held from 0 to 22.
    const { columnOf, columnCount } = assignStripeColumns([
      { key: 'x', start: 0, end: 2 },
      { key: 'x', start: 20, end: 22 },
      { key: 'y', start: 10, end: 12 },
    ]);
    expect(Object.fromEntries(columnOf)).toEqual({ x: 0, y: 1 });
    expect(columnCount).toBe(2);
  });

  it('needs one column per code when all of them overlap', () => {
    const { columnOf, columnCount } = assignStripeColumns([
      { key: 'a', start: 0, end: 10 },
      { key: 'b', start: 1, end: 10 },
      { key: 'c', start: 2, end: 10 },
    ]);
    expect(Object.fromEntries(columnOf)).toEqual({ a: 0, b: 1, c: 2 });
    expect(columnCount).toBe(3);
  });

  it('puts a code into the first column that is free again', () => {
    // x holds column 0 until 10; y takes column 1 until 4; z starts at 5, when only column 1 is free.
    const { columnOf, columnCount } = assignStripeColumns([
      { key: 'x', start: 0, end: 10 },
      { key: 'y', start: 2, end: 4 },
      { key: 'z', start: 5, end: 8 },
    ]);
    expect(Object.fromEntries(columnOf)).toEqual({ x: 0, y: 1, z: 1 });
    expect(columnCount).toBe(2);
  });

  it('gives the nearest column to the longer of two codes that start together', () => {
    const { columnOf } = assignStripeColumns([
      { key: 'short', start: 0, end: 3 },
      { key: 'long', start: 0, end: 10 },
    ]);
    expect(Object.fromEntries(columnOf)).toEqual({ long: 0, short: 1 });
  });
});
