/**
 * Retrieval and the analysis matrices on hand-made overlaps, every expected value derived by
 * hand in the test: AND / OR / NOT over text, co-occurrence (touching is not overlapping unless
 * chosen; per paragraph), symmetry, and the code × document matrix.
 */
import { describe, expect, it } from 'vitest';
import type { CodeId, DocumentId } from '../../../../shared/model/index.ts';
import { codeDocumentMatrix, cooccurrence, retrieveText, type Placed } from '../../../../shared/retrieval/codingQuery.ts';

const A = 'A' as CodeId;
const B = 'B' as CodeId;
const C = 'C' as CodeId;
const d1 = 'd1' as DocumentId;
const d2 = 'd2' as DocumentId;
const at = (codeId: CodeId, start: number, end: number, documentId = d1): Placed => ({ codeId, documentId, start, end });

describe('retrieveText', () => {
  // A covers [0, 10) and [30, 40) (two overlapping codings at 30–40); B covers [5, 20) and [35, 50).
  const segments = [at(A, 0, 10), at(A, 30, 38), at(A, 32, 40), at(B, 5, 20), at(B, 35, 50), at(A, 0, 4, d2)];

  it('AND is the text both cover', () => {
    expect(retrieveText(segments, 'and', [new Set([A]), new Set([B])])).toEqual([
      { documentId: d1, start: 5, end: 10 },
      { documentId: d1, start: 35, end: 40 },
    ]);
  });

  it('OR is the text either covers, merged, in every document', () => {
    expect(retrieveText(segments, 'or', [new Set([A]), new Set([B])])).toEqual([
      { documentId: d1, start: 0, end: 20 },
      { documentId: d1, start: 30, end: 50 },
      { documentId: d2, start: 0, end: 4 },
    ]);
  });

  it('NOT is the first operand’s text the others do not cover', () => {
    expect(retrieveText(segments, 'not', [new Set([A]), new Set([B])])).toEqual([
      { documentId: d1, start: 0, end: 5 },
      { documentId: d1, start: 30, end: 35 },
      { documentId: d2, start: 0, end: 4 },
    ]);
    // A hole in the middle: A [0, 30) NOT B [10, 20).
    expect(retrieveText([at(A, 0, 30), at(B, 10, 20)], 'not', [new Set([A]), new Set([B])])).toEqual([
      { documentId: d1, start: 0, end: 10 },
      { documentId: d1, start: 20, end: 30 },
    ]);
  });

  it('an operand of several codes (a branch) is their union; touching ranges do not intersect', () => {
    expect(retrieveText([at(A, 0, 5), at(B, 5, 9)], 'and', [new Set([A]), new Set([B])])).toEqual([]);
    expect(retrieveText([at(A, 0, 5), at(C, 5, 9), at(B, 3, 7)], 'and', [new Set([A, C]), new Set([B])])).toEqual([{ documentId: d1, start: 3, end: 7 }]);
  });
});

describe('cooccurrence', () => {
  it('counts overlapping pairs, not touching ones unless chosen, symmetric', () => {
    const segments = [at(A, 0, 5), at(B, 5, 9), at(C, 3, 6)];
    expect(cooccurrence(segments, [A, B, C], { unit: 'segment', touching: false }).counts).toEqual([
      [0, 0, 1],
      [0, 0, 1],
      [1, 1, 0],
    ]);
    expect(cooccurrence(segments, [A, B, C], { unit: 'segment', touching: true }).counts).toEqual([
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ]);
  });

  it('counts each pair of codings once, across documents, and ignores codes not asked for', () => {
    // Two A codings both overlap one B coding: 2 pairs; d2 adds one more; C is not asked for.
    const segments = [at(A, 0, 10), at(A, 8, 20), at(B, 9, 12), at(A, 0, 3, d2), at(B, 1, 2, d2), at(C, 0, 30)];
    const matrix = cooccurrence(segments, [A, B], { unit: 'segment', touching: false });
    expect(matrix.counts).toEqual([
      [0, 3],
      [3, 0],
    ]);
  });

  it('per paragraph: once for each paragraph both codes reach', () => {
    const text = 'one para\nsecond para\nthird';
    // A reaches paragraphs 0 and 1; B only paragraph 1; C paragraph 2.
    const segments = [at(A, 2, 12), at(B, 15, 18), at(B, 16, 19), at(C, 22, 24)];
    const matrix = cooccurrence(segments, [A, B, C], { unit: 'paragraph', touching: false, textOf: () => text });
    expect(matrix.counts).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
  });
});

describe('codeDocumentMatrix', () => {
  const segments = [at(A, 0, 10), at(A, 5, 15), at(B, 0, 5, d2), at(A, 0, 20, d2)];

  it('counts codings per code and document', () => {
    expect(codeDocumentMatrix(segments, [A, B], [d1, d2], 'count').cells).toEqual([
      [2, 1],
      [0, 1],
    ]);
  });

  it('gives the share of characters covered, overlaps once', () => {
    const lengths: Record<string, number> = { d1: 30, d2: 40 };
    expect(codeDocumentMatrix(segments, [A, B], [d1, d2], 'coverage', (id) => lengths[id]!).cells).toEqual([
      [15 / 30, 20 / 40],
      [0, 5 / 40],
    ]);
  });
});
