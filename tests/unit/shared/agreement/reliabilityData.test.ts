import { describe, expect, it } from 'vitest';
import {
  computeBrennanPrediger, computeCohenKappa, computeCongerKappa, computeContingencyAgreement, computeFleissKappa,
  computeGeneralizedFleissKappa, computeLightKappa, computePercentAgreement, computeScottPi, prepareReliabilityData,
  transposeCoderRows, chanceCorrect,
} from '../../../../shared/agreement/index.ts';

describe('computePercentAgreement', () => {
  // 3 coders; unit 2 has a missing value.
  //   u1: A A A   pairs agreeing 6/6 = 1      pairable values 3, Σ n(n−1)/(m−1) = 3·2/2 = 3   all agree
  //   u2: A B –   0/2 = 0                     2 values, 0                                   no
  //   u3: A A B   2/6 = 1/3                   3 values, 2·1/2 = 1                           no
  const data = [['A', 'A', 'A'], ['A', 'B', null], ['A', 'A', 'B']];

  it('pairwise (Fleiss P̄): mean over units of agreeing pairs = (1 + 0 + 1/3)/3 = 4/9', () => {
    const r = computePercentAgreement(data, 'pairwise');
    expect(r.value).toBeCloseTo(4 / 9, 12);
    expect(r.definition).toBe('pairwise');
  });

  it("pairable values (Krippendorff Σo_cc/n): (3 + 0 + 1)/(3 + 2 + 3) = 1/2", () => {
    expect(computePercentAgreement(data, 'pairable-values').value).toBeCloseTo(0.5, 12);
  });

  it('all agree: 1 unit of 3', () => {
    expect(computePercentAgreement(data, 'all-agree').value).toBeCloseTo(1 / 3, 12);
  });

  it('the three coincide for two coders without missing values (3 of 4 agree)', () => {
    const two = [['x', 'x'], ['y', 'y'], ['x', 'y'], ['y', 'y']];
    for (const definition of ['pairwise', 'pairable-values', 'all-agree'] as const) {
      expect(computePercentAgreement(two, definition).value).toBeCloseTo(0.75, 12);
    }
  });

  it('is undefined when no unit has two values', () => {
    const r = computePercentAgreement([['A', null], [null, 'B']]);
    expect(r.value).toBeNull();
    expect(r.reason).toMatch(/two or more coders/);
  });
});

describe('computeCohenKappa and computeScottPi', () => {
  // ann A B A B, bob A B B B: table [[1,1],[0,2]]; Po = 3/4;
  // Cohen Pe = .5·.25 + .5·.75 = .5 → κ = .5; Scott: pooled A = 3/8, B = 5/8, Pe = 34/64 → π = (48−34)/(64−34) = 7/15.
  const data = transposeCoderRows([['A', 'B', 'A', 'B'], ['A', 'B', 'B', 'B']]);

  it('use own vs pooled marginals', () => {
    expect(computeCohenKappa(data).value).toBeCloseTo(0.5, 12);
    expect(computeScottPi(data).value).toBeCloseTo(7 / 15, 12);
  });

  it('skip units one coder left out', () => {
    const withMissing = [...data, ['A', null]];
    expect(computeCohenKappa(withMissing).value).toBeCloseTo(0.5, 12);
  });

  it('are null with a reason for three coders', () => {
    const three = [['A', 'A', 'B'], ['B', 'B', 'B']];
    expect(computeCohenKappa(three).value).toBeNull();
    expect(computeScottPi(three).reason).toMatch(/exactly two coders/);
    // …but a named pair works: coders 1 and 2 agree on both units with variation → κ = 1.
    expect(computeCohenKappa(three, 0, 1).value).toBe(1);
  });
});

describe('computeBrennanPrediger', () => {
  it('uses 1/q with q = the distinct values by default: Po 3/4, q = 2 → (3/4 − 1/2)/(1/2) = 1/2', () => {
    expect(computeBrennanPrediger([['A', 'A'], ['B', 'B'], ['A', 'B'], ['B', 'B']]).value).toBeCloseTo(0.5, 12);
  });

  it('is undefined with a single category', () => {
    expect(computeBrennanPrediger([['A', 'A'], ['A', 'A']]).value).toBeNull();
  });
});

describe('computeFleissKappa', () => {
  it('is null with a reason when a value is missing, while the generalised form still answers', () => {
    const data = [['A', 'A', null], ['B', 'B', 'B'], ['A', 'B', 'A']];
    const fleiss = computeFleissKappa(data);
    expect(fleiss.value).toBeNull();
    expect(fleiss.reason).toMatch(/missing values/);
    // Generalised: Po = (1 + 1 + 1/3)/3 = 7/9; π_A = (1 + 0 + 2/3)/3 = 5/9, π_B = 4/9; Pe = 41/81 → κ = 22/40.
    expect(computeGeneralizedFleissKappa(data).value).toBeCloseTo(0.55, 12);
  });

  it('gives per-category κ: 1 − Σ n_ij(m − n_ij)/(N m (m−1) p_j q_j)', () => {
    // units A A A | B B B | A B A: p_A = 5/9; Σ n(m−n) for A = 0 + 0 + 2·1 = 2 → κ_A = 1 − 2/(3·3·2·(5/9)(4/9)) = 1 − 2/(40/9) = 0.55.
    const f = computeFleissKappa([['A', 'A', 'A'], ['B', 'B', 'B'], ['A', 'B', 'A']]);
    expect(f.categories.A!.value).toBeCloseTo(0.55, 12);
    expect(f.categories.B!.value).toBeCloseTo(0.55, 12);
  });
});

describe('computeCongerKappa and computeLightKappa', () => {
  it('equal Cohen κ for two coders', () => {
    const data = transposeCoderRows([['A', 'B', 'A', 'B', 'C'], ['A', 'B', 'B', 'B', 'C']]);
    const cohen = computeCohenKappa(data).value!;
    expect(computeCongerKappa(data).value).toBeCloseTo(cohen, 12);
    expect(computeLightKappa(data).value).toBeCloseTo(cohen, 12);
  });

  it('Light κ is undefined when one pair has no variation', () => {
    expect(computeLightKappa([['A', 'A', 'A'], ['A', 'A', 'B']]).value).toBeNull();
  });
});

describe('computeContingencyAgreement', () => {
  it('rejects a table that is not square', () => {
    expect(() => computeContingencyAgreement([[1, 2], [3]])).toThrow(/square/);
  });

  it('reports an empty table as undefined, not 0', () => {
    expect(computeContingencyAgreement([[0, 0], [0, 0]]).cohenKappa.value).toBeNull();
  });
});

describe('prepareReliabilityData', () => {
  it('rejects rows of different lengths and values that are neither numbers nor strings', () => {
    expect(() => prepareReliabilityData([['A', 'B'], ['A']])).toThrow(/one cell per coder/);
    expect(() => prepareReliabilityData([['A', true as unknown as string]])).toThrow(/neither a finite number nor a string/);
  });

  it('sorts numeric categories numerically', () => {
    expect(prepareReliabilityData([[10, 9], [1, null]]).categories).toEqual([1, 9, 10]);
  });

  it('keeps 1 and "1" apart, treats NaN and Infinity as bad input, and sorts mixed values by text', () => {
    expect(prepareReliabilityData([[1, '1'], [2000, 0.5]]).categories).toEqual([0.5, 1, '1', 2000]);
    expect(() => prepareReliabilityData([[1, Number.NaN]])).toThrow(/Unit 1 holds NaN, which is neither/);
    expect(() => prepareReliabilityData([[1, 2], [Infinity, 2]])).toThrow(/Unit 2 holds Infinity, which is neither/);
  });

  it('lays units out flat: cells by unit then coder, each unit\'s category counts in compressed rows', () => {
    // Categories a = 0, b = 1. Unit 1: b a b → b×2 then a×1; unit 2: only a; unit 3: nothing.
    const prepared = prepareReliabilityData([['b', 'a', 'b'], [null, null, 'a'], [null, null, null]]);
    expect(prepared.units).toBe(3);
    expect([...prepared.cells]).toEqual([1, 0, 1, -1, -1, 0, -1, -1, -1]);
    expect([...prepared.unitStart]).toEqual([0, 2, 3, 3]);
    expect([...prepared.unitCategories]).toEqual([1, 0, 0]);
    expect([...prepared.unitCounts]).toEqual([2, 1, 1]);
    expect([...prepared.unitTotals]).toEqual([3, 1, 0]);
  });
});

describe('chanceCorrect', () => {
  it('is (Po − Pe)/(1 − Pe), and undefined when Pe = 1', () => {
    expect(chanceCorrect(0.75, 0.5).value).toBe(0.5);
    expect(chanceCorrect(1, 1).value).toBeNull();
  });
});
