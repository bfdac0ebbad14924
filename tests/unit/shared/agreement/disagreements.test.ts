import { describe, expect, it } from 'vitest';
import type { CodeId, CoderId, DocumentId, Segment } from '../../../../shared/model/index.ts';
import { findPlaces, resolvePlace, type Place } from '../../../../shared/agreement/disagreements.ts';

type Raw = Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>;
const ANA = 'ana' as CoderId;
const BEN = 'ben' as CoderId;
const CY = 'cy' as CoderId;
const V = 'victim' as CodeId;
const A = 'agency' as CodeId;
const raw = (coderId: CoderId, codeId: CodeId, start: number, end: number, documentId = 'd1'): Raw => ({ documentId: documentId as DocumentId, codeId, coderId, start, end });
const summary = (places: readonly Place[]) => places.map((p) => `${p.documentId} ${p.start}-${p.end} ${p.kind ?? 'agree'}`);

describe('findPlaces', () => {
  it('sorts places into agreements and the three kinds of disagreement', () => {
    const segments = [
      raw(ANA, V, 0, 10), raw(BEN, V, 0, 10), // agreement
      raw(ANA, V, 20, 30), raw(BEN, V, 22, 30), // boundaries
      raw(ANA, V, 40, 50), raw(BEN, A, 40, 50), // different codes
      raw(ANA, V, 60, 70), // only Ana
    ];
    const places = findPlaces({ coders: [ANA, BEN], segments });
    expect(summary(places.agreements)).toEqual(['d1 0-10 agree']);
    expect(summary(places.disagreements)).toEqual(['d1 20-30 boundaries', 'd1 40-50 different-codes', 'd1 60-70 only-some']);
    expect(places.disagreements[2]!.versions.map((v) => v.codings.length)).toEqual([1, 0]);
  });

  it('keeps codings that only touch apart, and joins chains of overlaps into one place', () => {
    const segments = [raw(ANA, V, 0, 5), raw(BEN, V, 5, 9), raw(ANA, V, 20, 25), raw(BEN, V, 24, 30), raw(ANA, A, 29, 35)];
    expect(summary(findPlaces({ coders: [ANA, BEN], segments }).disagreements)).toEqual(['d1 0-5 only-some', 'd1 5-9 only-some', 'd1 20-35 different-codes']);
  });

  it("merges a coder's own overlapping codings of one code first", () => {
    const segments = [raw(ANA, V, 0, 6), raw(ANA, V, 4, 10), raw(BEN, V, 0, 10)];
    const places = findPlaces({ coders: [ANA, BEN], segments });
    expect(summary(places.agreements)).toEqual(['d1 0-10 agree']);
  });

  it('counts a place as only-some when a third coder left it uncoded', () => {
    const segments = [raw(ANA, V, 0, 10), raw(BEN, V, 0, 10)];
    expect(summary(findPlaces({ coders: [ANA, BEN, CY], segments }).disagreements)).toEqual(['d1 0-10 only-some']);
  });

  it('leaves out codes, coders and documents outside the comparison, and keeps the given document order', () => {
    const segments = [raw(ANA, V, 0, 10, 'd2'), raw(CY, V, 0, 10, 'd2'), raw(ANA, A, 0, 10, 'd1'), raw(BEN, V, 0, 3, 'd1'), raw(ANA, V, 0, 4, 'd3')];
    const places = findPlaces({ coders: [ANA, BEN], codeIds: new Set([V]), documentIds: ['d2', 'd1'] as DocumentId[], segments });
    expect(summary(places.disagreements)).toEqual(['d2 0-10 only-some', 'd1 0-3 only-some']);
  });

  it('refuses fewer than two coders', () => {
    expect(() => findPlaces({ coders: [ANA], segments: [] })).toThrow(RangeError);
  });
});

describe('resolvePlace', () => {
  // Ana: victim [20,30) and agency [25,28); Ben: victim [22,34).
  const [place] = findPlaces({ coders: [ANA, BEN], segments: [raw(ANA, V, 20, 30), raw(ANA, A, 25, 28), raw(BEN, V, 22, 34)] }).disagreements;
  const ranges = (resolution: Parameters<typeof resolvePlace>[1]) => resolvePlace(place!, resolution).map((r) => `${r.codeId} ${r.start}-${r.end}`);

  it("keeps one coder's version", () => {
    expect(ranges({ kind: 'coder', coderId: ANA })).toEqual(['victim 20-30', 'agency 25-28']);
    expect(ranges({ kind: 'coder', coderId: BEN })).toEqual(['victim 22-34']);
  });
  it('keeps both, merging one code where the versions overlap', () => {
    expect(ranges({ kind: 'both' })).toEqual(['victim 20-34', 'agency 25-28']);
  });
  it('takes the union and the intersection per code', () => {
    expect(ranges({ kind: 'union' })).toEqual(['victim 20-34', 'agency 25-28']);
    expect(ranges({ kind: 'intersection' })).toEqual(['victim 22-30']);
  });
  it('writes nothing for neither, and the researcher’s range when adjusted', () => {
    expect(ranges({ kind: 'neither' })).toEqual([]);
    expect(ranges({ kind: 'adjust', start: 21, end: 31, codeIds: [V, V] })).toEqual(['victim 21-31']);
    expect(() => resolvePlace(place!, { kind: 'adjust', start: 5, end: 5, codeIds: [V] })).toThrow(RangeError);
  });
  it('refuses a coder outside the comparison', () => {
    expect(() => resolvePlace(place!, { kind: 'coder', coderId: CY })).toThrow(RangeError);
  });
});
