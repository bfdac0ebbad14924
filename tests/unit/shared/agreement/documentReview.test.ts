import { describe, expect, it } from 'vitest';
import type { CodeId, CoderId, DocumentId, Segment } from '../../../../shared/model/index.ts';
import { findPlaces } from '../../../../shared/agreement/disagreements.ts';
import { placeIndexAt, reviewDocument, stepPlace } from '../../../../shared/agreement/documentReview.ts';

type Raw = Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'> & { id: string };
const ANA = 'ana' as CoderId;
const BEN = 'ben' as CoderId;
const CY = 'cy' as CoderId;
const V = 'victim' as CodeId;
const A = 'agency' as CodeId;
const D1 = 'd1' as DocumentId;
let next = 0;
const raw = (coderId: CoderId, codeId: CodeId, start: number, end: number, documentId = 'd1'): Raw => ({ id: `s${next++}`, documentId: documentId as DocumentId, codeId, coderId, start, end });

describe('reviewDocument', () => {
  const segments = [
    raw(BEN, V, 22, 30), raw(ANA, V, 20, 30), // boundaries
    raw(ANA, V, 0, 10), raw(BEN, V, 0, 10), // agreement
    raw(ANA, V, 40, 50), raw(BEN, A, 40, 50), // different codes
    raw(ANA, V, 60, 70), // only Ana
    raw(CY, V, 80, 90), // a coder not compared
    raw(ANA, V, 5, 9, 'd2'), // another document
  ];

  it('gives each compared coder a column of their own codings, sorted by start', () => {
    const review = reviewDocument({ documentId: D1, coders: [ANA, BEN], codeIds: null, segments });
    expect(review.columns.map((c) => [c.coderId, c.segments.map((s) => `${s.start}-${s.end}`)])).toEqual([
      [ANA, ['0-10', '20-30', '40-50', '60-70']],
      [BEN, ['0-10', '22-30', '40-50']],
    ]);
    expect(review.reviewed).toHaveLength(7);
  });

  it('keeps only the reviewed codes in the columns and the places', () => {
    const review = reviewDocument({ documentId: D1, coders: [ANA, BEN], codeIds: new Set([V]), segments });
    expect(review.columns[1]!.segments.map((s) => s.codeId)).toEqual([V, V]);
    expect(review.disagreements.map((p) => `${p.start}-${p.end} ${p.kind}`)).toEqual(['20-30 boundaries', '40-50 only-some', '60-70 only-some']);
  });

  it('names the same disagreements as the review list over the whole project', () => {
    const review = reviewDocument({ documentId: D1, coders: [ANA, BEN], codeIds: null, segments });
    const list = findPlaces({ coders: [ANA, BEN], segments }).disagreements.filter((p) => p.documentId === D1);
    expect(review.disagreements).toEqual(list);
    expect(review.countsByKind).toEqual({ 'only-some': 1, 'different-codes': 1, boundaries: 1 });
  });

  it('reviewing one code keeps the places where someone applied it, with what the other coder applied instead', () => {
    const review = reviewDocument({ documentId: D1, coders: [ANA, BEN], codeIds: null, focusCodeIds: new Set([A]), segments });
    expect(review.disagreements.map((p) => `${p.start}-${p.end} ${p.kind}`)).toEqual(['40-50 different-codes']);
    expect(review.columns.map((c) => c.segments.map((s) => `${s.codeId} ${s.start}-${s.end}`))).toEqual([['victim 40-50'], ['agency 40-50']]);
  });

  it('keeps a focus code’s agreements in the columns, though no place is shown there', () => {
    const review = reviewDocument({ documentId: D1, coders: [ANA, BEN], codeIds: null, focusCodeIds: new Set([V]), segments });
    expect(review.disagreements.map((p) => p.kind)).toEqual(['boundaries', 'different-codes', 'only-some']);
    expect(review.columns[1]!.segments.map((s) => `${s.codeId} ${s.start}-${s.end}`)).toEqual(['victim 0-10', 'victim 22-30', 'agency 40-50']);
  });

  it('returns the segments it was given, so the view can paint them', () => {
    const review = reviewDocument({ documentId: D1, coders: [ANA, BEN], codeIds: null, segments });
    expect(review.columns[0]!.segments[0]).toBe(segments[2]);
  });
});

describe('stepPlace', () => {
  it('starts at the first place going forward and the last going back', () => {
    expect(stepPlace(null, 3, 1)).toBe(0);
    expect(stepPlace(null, 3, -1)).toBe(2);
  });

  it('wraps round at either end', () => {
    expect(stepPlace(2, 3, 1)).toBe(0);
    expect(stepPlace(0, 3, -1)).toBe(2);
    expect(stepPlace(1, 3, 1)).toBe(2);
  });

  it('has nowhere to go without places', () => {
    expect(stepPlace(null, 0, 1)).toBeNull();
    expect(stepPlace(4, 0, -1)).toBeNull();
  });
});

describe('placeIndexAt', () => {
  const places = [{ start: 0, end: 10 }, { start: 20, end: 30 }];
  it('finds the place overlapping a range', () => {
    expect(placeIndexAt(places, { start: 25, end: 40 })).toBe(1);
  });
  it('gives null when no place overlaps (touching is not overlapping)', () => {
    expect(placeIndexAt(places, { start: 10, end: 20 })).toBeNull();
  });
});
