import { describe, expect, it } from 'vitest';
import type { CodeId, CoderId, DocumentId } from '../../../../shared/model/index.ts';
import { computeCodingAgreement, mergeOverlappingSegments, type CodingsInput } from '../../../../shared/agreement/index.ts';

const doc = (id: string) => id as DocumentId;
const code = (id: string) => id as CodeId;
const coder = (id: string) => id as CoderId;
const seg = (d: string, c: string, who: string, start: number, end: number) => ({
  documentId: doc(d), codeId: code(c), coderId: coder(who), start, end,
});

describe('mergeOverlappingSegments', () => {
  it('merges overlapping and adjacent ranges', () => {
    expect(mergeOverlappingSegments([{ start: 5, end: 9 }, { start: 0, end: 3 }, { start: 3, end: 6 }, { start: 12, end: 14 }]))
      .toEqual([{ start: 0, end: 9 }, { start: 12, end: 14 }]);
  });
});

describe('computeCodingAgreement: one code, one document, two coders', () => {
  // L = 100. ann codes [10,30) and [25,40): her own overlap is merged into [10,40). bob codes [20,50).
  // Characters: both [20,40) = 20, ann only [10,20) = 10, bob only [40,50) = 10, neither 60.
  const input: CodingsInput = {
    documents: [{ id: doc('d'), length: 100 }],
    codes: [{ id: code('x') }],
    coders: [coder('ann'), coder('bob')],
    segments: [seg('d', 'x', 'ann', 10, 30), seg('d', 'x', 'ann', 25, 40), seg('d', 'x', 'bob', 20, 50)],
  };
  const report = computeCodingAgreement(input);

  it('characters: Po = (20 + 60)/100 = .8; Pe = .3·.3 + .7·.7 = .58; κ = .22/.42 = 11/21', () => {
    const row = report.byUnit.characters!.byCode[0]!;
    expect(row.units).toBe(100);
    expect(row.percentAgreement.value).toBeCloseTo(0.8, 12);
    expect(row.cohenKappa.value).toBeCloseTo(11 / 21, 12);
    // Fleiss' κ for two coders is Scott's π: pooled p = 60/200 = .3 gives the same Pe here.
    expect(row.fleissKappa.value).toBeCloseTo(11 / 21, 12);
  });

  it('|uα on the merged units: 2297/4200 (see the unitized test for the arithmetic)', () => {
    expect(report.byUnit.characters!.byCode[0]!.alphaBinary.value).toBeCloseTo(2297 / 4200, 12);
  });

  it('cuα is undefined with one code: every valued overlap carries the same value', () => {
    const row = report.byUnit.characters!.byCode[0]!;
    expect(row.cuAlpha.value).toBeNull();
    expect(row.cuAlpha.reason).toMatch(/same value|undefined/);
  });

  it('counts the segments each coder made before merging, and after', () => {
    expect(report.byUnit.characters!.byCode[0]!.segments).toEqual({ ann: 2, bob: 1 });
    expect(report.mergedSegments).toEqual({ ann: 1, bob: 1 });
  });

  it('segments at 0.9: [10,40) vs [20,50) overlap 20/40 = .5, two places with one coder each → Po 0, κ = (0 − .5)/.5 = −1', () => {
    const row = report.byUnit.segments!.byCode[0]!;
    expect(row.units).toBe(2);
    expect(row.percentAgreement.value).toBe(0);
    expect(row.cohenKappa.value).toBeCloseTo(-1, 12);
  });

  it('segments at 0.5: one place both coded → Po 1 but κ undefined (no unit left uncoded), never 1', () => {
    const row = computeCodingAgreement(input, { threshold: 0.5 }).byUnit.segments!.byCode[0]!;
    expect(row.units).toBe(1);
    expect(row.percentAgreement.value).toBe(1);
    expect(row.cohenKappa.value).toBeNull();
    expect(row.cohenKappa.reason).toMatch(/no variation/);
  });

  it('documents: both coded the one document → Po 1, κ undefined', () => {
    const row = report.byUnit.documents!.byCode[0]!;
    expect(row.percentAgreement.value).toBe(1);
    expect(row.cohenKappa.value).toBeNull();
  });

  it('matches segments at exactly the threshold (overlap 9/10 = 0.9)', () => {
    const exact = computeCodingAgreement({
      ...input, segments: [seg('d', 'x', 'ann', 0, 10), seg('d', 'x', 'bob', 1, 10)],
    }, { units: ['segments'] });
    expect(exact.byUnit.segments!.byCode[0]!.units).toBe(1);
  });
});

describe('computeCodingAgreement: two documents, two codes (pooling by summing)', () => {
  // d1 (50 chars): A codes X [0,10), Y [20,30); B codes X [0,10), Y [40,50).
  // d2 (50 chars): A codes X [0,20); B codes nothing.
  const input: CodingsInput = {
    documents: [{ id: doc('d1'), length: 50 }, { id: doc('d2'), length: 50 }],
    codes: [{ id: code('X') }, { id: code('Y') }],
    coders: [coder('A'), coder('B')],
    segments: [
      seg('d1', 'X', 'A', 0, 10), seg('d1', 'Y', 'A', 20, 30), seg('d1', 'X', 'B', 0, 10), seg('d1', 'Y', 'B', 40, 50),
      seg('d2', 'X', 'A', 0, 20),
    ],
  };
  const report = computeCodingAgreement(input, { includeCells: true });
  const characters = report.byUnit.characters!;

  it('characters, code X pooled over documents: both 10, A only 20, neither 70 → Po .8, Pe .3·.1 + .7·.9 = .66, κ = .14/.34 = 7/17', () => {
    const x = characters.byCode[0]!;
    expect(x.percentAgreement.value).toBeCloseTo(0.8, 12);
    expect(x.cohenKappa.value).toBeCloseTo(7 / 17, 12);
    // Averaging the per-document κ (d1: 1, d2: 0) would give .5: pooling sums characters instead.
    const cells = characters.cells!.filter((c) => c.codeId === 'X');
    expect(cells.map((c) => c.cohenKappa.value)).toEqual([1, 0]);
  });

  it('characters, code Y: A only 10, B only 10, neither 80 → Po .8, Pe .01 + .81, κ = −.02/.18 = −1/9', () => {
    expect(characters.byCode[1]!.cohenKappa.value).toBeCloseTo(-1 / 9, 12);
  });

  it('characters pooled: both 10, A only 30, B only 10, neither 150 → Po .8, Pe .2·.1 + .8·.9 = .74, κ = .06/.26 = 3/13', () => {
    expect(characters.pooled.units).toBe(200);
    expect(characters.pooled.percentAgreement.value).toBeCloseTo(0.8, 12);
    expect(characters.pooled.cohenKappa.value).toBeCloseTo(3 / 13, 12);
    expect(characters.pooled.segments).toEqual({ A: 3, B: 2 });
  });

  it('characters per document: d1 sums both codes: both 10, A only 10, B only 10, neither 70 → κ = .12/.32 = 3/8', () => {
    expect(characters.byDocument[0]!.documentId).toBe('d1');
    expect(characters.byDocument[0]!.cohenKappa.value).toBeCloseTo(3 / 8, 12);
  });

  it('NVivo cell figures for X in d2: A coded 20 of 50, B nothing → Po .6 and κ 0', () => {
    const cell = characters.cells!.find((c) => c.codeId === 'X' && c.documentId === 'd2')!;
    expect(cell.percentAgreement.value).toBeCloseTo(0.6, 12);
    expect(cell.cohenKappa.value).toBe(0);
  });

  it('segments: places d1 {A-X, B-X}, {A-Y}, {B-Y}; d2 {A-X}. X: both 1, A only 1, neither 2 → Po 3/4, κ = (.75 − .5)/.5 = .5', () => {
    const segments = report.byUnit.segments!;
    expect(segments.byCode[0]!.units).toBe(4);
    expect(segments.byCode[0]!.percentAgreement.value).toBeCloseTo(0.75, 12);
    expect(segments.byCode[0]!.cohenKappa.value).toBeCloseTo(0.5, 12);
    // Y: A only 1, B only 1, neither 2 → Po .5, Pe = .25·.25 + .75·.75 = .625, κ = −.125/.375 = −1/3.
    expect(segments.byCode[1]!.cohenKappa.value).toBeCloseTo(-1 / 3, 12);
    // Pooled (place × code): both 1, A only 2, B only 1, neither 4 → Po 5/8, Pe = 3/8·2/8 + 5/8·6/8 = 36/64, κ = 1/7.
    expect(segments.pooled.units).toBe(8);
    expect(segments.pooled.cohenKappa.value).toBeCloseTo(1 / 7, 12);
  });

  it('documents: X present for A in both, for B in d1 → Po .5, Pe = 1·.5 + 0·.5 → κ 0; Y in d1 for both → κ 1; pooled κ = .25/.5 = .5', () => {
    const documents = report.byUnit.documents!;
    expect(documents.byCode[0]!.percentAgreement.value).toBeCloseTo(0.5, 12);
    expect(documents.byCode[0]!.cohenKappa.value).toBeCloseTo(0, 12);
    expect(documents.byCode[1]!.cohenKappa.value).toBeCloseTo(1, 12);
    // Pooled (document × code): both 2, A only 1, neither 1 → Po .75, Pe = .75·.5 + .25·.5 = .5.
    expect(documents.pooled.cohenKappa.value).toBeCloseTo(0.5, 12);
  });

  it('gives the same continuum figures whatever the unit', () => {
    expect(report.byUnit.segments!.byCode[0]!.alphaBinary).toEqual(characters.byCode[0]!.alphaBinary);
    expect(report.byUnit.documents!.pooled.cuAlpha).toEqual(characters.pooled.cuAlpha);
  });
});

describe('computeCodingAgreement: cuα over the codes as values', () => {
  it('reproduces the hand-computed unitized case (cuα 4/9) when codes are the values', () => {
    // Same data as the unitized test: ann x [0,10), y [10,30); bob x [0,20), y [20,30) — but as codings
    // a coder's adjacent segments of one code are merged, so y of ann is one unit [10,30) and x of bob
    // is one unit [0,20). Intersections: (x,x) 10, (y,x) 10, (y,y) 10 → cl_xx = 20, cl_yy = 20, cl·· = 60.
    // x_g: ann-x 10, ann-y 20, bob-x 20, bob-y 10; Σx² for x: 100 + 400 = 500, for y: 400 + 100 = 500, X = 1000.
    // D = 60 − 1000/60 = 130/3; ce_xx = (900 − 500)/D = 120/13 = ce_yy; Σce = 240/13.
    // cuα = 1 − 20/(60 − 240/13) = 1 − 260/540 = 14/27.
    const report = computeCodingAgreement({
      documents: [{ id: doc('d'), length: 40 }],
      codes: [{ id: code('x') }, { id: code('y') }],
      coders: [coder('ann'), coder('bob')],
      segments: [
        seg('d', 'x', 'ann', 0, 10), seg('d', 'y', 'ann', 10, 20), seg('d', 'y', 'ann', 20, 30),
        seg('d', 'x', 'bob', 0, 10), seg('d', 'x', 'bob', 10, 20), seg('d', 'y', 'bob', 20, 30),
      ],
    }, { units: ['characters'] });
    expect(report.mergedSegments).toEqual({ ann: 2, bob: 2 });
    expect(report.byUnit.characters!.pooled.cuAlpha.value).toBeCloseTo(14 / 27, 12);
  });
});

describe('computeCodingAgreement: three coders', () => {
  // L = 10, code X: A [0,4), B [0,4), C [2,6). Characters by coders coding: 0 → 4, 1 → 2, 2 → 2, 3 → 2.
  const report = computeCodingAgreement({
    documents: [{ id: doc('d'), length: 10 }],
    codes: [{ id: code('X') }],
    coders: [coder('A'), coder('B'), coder('C')],
    segments: [seg('d', 'X', 'A', 0, 4), seg('d', 'X', 'B', 0, 4), seg('d', 'X', 'C', 2, 6)],
  }, { units: ['characters'] });
  const row = report.byUnit.characters!.byCode[0]!;

  it('percent agreement (pairwise): agreeing pairs per character 1, 1/3, 1/3, 1 → (4 + 2/3 + 2/3 + 2)/10 = 11/15', () => {
    expect(row.percentAgreement.value).toBeCloseTo(11 / 15, 12);
    expect(row.percentAgreement.definition).toBe('pairwise');
  });

  it("Fleiss' κ: p = 12/30 = .4, Pe = .52 → (11/15 − 13/25)/(12/25) = 4/9; Cohen's κ is null (three coders)", () => {
    expect(row.fleissKappa.value).toBeCloseTo(4 / 9, 12);
    expect(row.cohenKappa.value).toBeNull();
    expect(row.cohenKappa.reason).toMatch(/exactly two coders/);
  });

  it('|uα = 131/270 (arithmetic in the unitized test)', () => {
    expect(row.alphaBinary.value).toBeCloseTo(131 / 270, 12);
  });
});

describe('computeCodingAgreement: input checks', () => {
  const base: CodingsInput = {
    documents: [{ id: doc('d'), length: 10 }], codes: [{ id: code('x') }], coders: [coder('a'), coder('b')], segments: [],
  };

  it('rejects fewer than two coders, a bad threshold and segments outside their document', () => {
    expect(() => computeCodingAgreement({ ...base, coders: [coder('a')] })).toThrow(/at least two coders/);
    expect(() => computeCodingAgreement(base, { threshold: 0 })).toThrow(/threshold/);
    expect(() => computeCodingAgreement({ ...base, segments: [seg('d', 'x', 'a', 5, 11)] })).toThrow(/outside document d/);
  });

  it('ignores (and counts) segments of other documents, codes or coders and empty ones', () => {
    const report = computeCodingAgreement({
      ...base, segments: [seg('other', 'x', 'a', 0, 1), seg('d', 'y', 'a', 0, 1), seg('d', 'x', 'c', 0, 1), seg('d', 'x', 'a', 3, 3)],
    });
    expect(report.ignoredSegments).toBe(4);
  });

  it('reports a code nobody used as undefined, not as perfect agreement', () => {
    const row = computeCodingAgreement(base).byUnit.characters!.byCode[0]!;
    expect(row.percentAgreement.value).toBe(1);
    expect(row.cohenKappa.value).toBeNull();
    expect(row.alphaBinary.value).toBeNull();
  });
});
