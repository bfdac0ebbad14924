import { describe, expect, it } from 'vitest';
import {
  bootstrapKrippendorffAlpha, computeKrippendorffAlpha, MEASUREMENT_LEVELS, prepareReliabilityData,
  type Rating, type RatingValue,
} from '../../../../shared/agreement/index.ts';
import { createRandom } from '../../../../shared/agreement/prng.ts';

describe('computeKrippendorffAlpha', () => {
  it('computes interval α by hand: two coders, units (1,1) (2,3) (3,3)', () => {
    // Coincidences (each pair counted both ways, 1/(m_u − 1) = 1):
    //   o_11 = 2, o_23 = o_32 = 1, o_33 = 2 → n_1 = 2, n_2 = 1, n_3 = 3, n = 6.
    // Do = Σ o δ² / n = (1·1 + 1·1)/6 = 1/3.
    // De = Σ n_c n_k δ² / (n(n−1)) = 2·(2·1·1 + 2·3·4 + 1·3·1)/30 = 2·29/30 = 29/15.
    // α = 1 − (1/3)/(29/15) = 1 − 5/29 = 24/29.
    const alpha = computeKrippendorffAlpha([[1, 1], [2, 3], [3, 3]], 'interval');
    expect(alpha.value).toBeCloseTo(24 / 29, 12);
    expect(alpha.observedDisagreement).toBeCloseTo(1 / 3, 12);
    expect(alpha.expectedDisagreement).toBeCloseTo(29 / 15, 12);
  });

  it('is null with a reason for text at the ordinal, interval and ratio levels', () => {
    for (const level of ['ordinal', 'interval', 'ratio'] as const) {
      const alpha = computeKrippendorffAlpha([['a', 'b'], ['b', 'b']], level);
      expect(alpha.value).toBeNull();
      expect(alpha.reason).toMatch(/numeric/);
    }
  });

  it('is null at the ratio level for negative values', () => {
    expect(computeKrippendorffAlpha([[-1, 2], [2, 2]], 'ratio').reason).toMatch(/non-negative/);
  });

  it('is null when nothing is pairable or there is no variation', () => {
    expect(computeKrippendorffAlpha([[1, null], [null, 2]]).reason).toMatch(/pairable/);
    expect(computeKrippendorffAlpha([[1, 1], [1, 1]]).reason).toMatch(/Expected disagreement is 0/);
  });
});

describe('bootstrapKrippendorffAlpha', () => {
  const data = [[1, 1, 1], [2, 2, 3], [3, 3, 3], [1, 2, 1], [4, 4, 4], [2, 2, 2], [3, 4, 3], [1, 1, 2]];

  it('is reproducible for a seed and changes with the seed', () => {
    const a = bootstrapKrippendorffAlpha(data, 'nominal', { samples: 500, seed: 3 });
    expect(bootstrapKrippendorffAlpha(data, 'nominal', { samples: 500, seed: 3 })).toEqual(a);
    expect(bootstrapKrippendorffAlpha(data, 'nominal', { samples: 500, seed: 4 })).not.toEqual(a);
  });

  it('brackets α, within [−1, 1]', () => {
    const alpha = computeKrippendorffAlpha(data, 'interval').value!;
    const ci = bootstrapKrippendorffAlpha(data, 'interval', { samples: 1000, seed: 1 });
    expect(ci.lower!).toBeLessThanOrEqual(alpha);
    expect(ci.upper!).toBeGreaterThanOrEqual(alpha);
    expect(ci.lower!).toBeGreaterThanOrEqual(-1);
    expect(ci.upper!).toBeLessThanOrEqual(1);
    // M = min(25 × non-zero coincidence cells, (3 − 1) × 24 / 2 = 24)
    expect(ci.drawsPerSample).toBe(24);
  });

  it('gives, for a seed, the same interval as the earlier binary-search sampler', () => {
    // 2,000 generated units × 3 coders, 15 % missing; the bounds were recorded from the sampler
    // before the guide table (commit 85118b5), which found each drawn pair by binary search.
    const random = createRandom(21);
    const generated: Rating[][] = [];
    for (let u = 0; u < 2000; u++) {
      const truth = Math.floor(random() * 6);
      const row: Rating[] = [];
      for (let c = 0; c < 3; c++) {
        const roll = random();
        row.push(roll < 0.15 ? null : roll < 0.75 ? truth : Math.floor(random() * 6));
      }
      generated.push(row);
    }
    const recorded = {
      nominal: [0.4759949332583646, 0.5573290530325116],
      ordinal: [0.4509335973809767, 0.5794699985425278],
      interval: [0.4504082887519707, 0.5798151492079748],
    } as const;
    for (const level of ['nominal', 'ordinal', 'interval'] as const) {
      const ci = bootstrapKrippendorffAlpha(generated, level, { samples: 500, seed: 4 });
      expect([ci.lower, ci.upper]).toEqual(recorded[level]);
      expect(ci.drawsPerSample).toBe(900);
    }
  });

  it('is null when α is undefined', () => {
    const ci = bootstrapKrippendorffAlpha([[1, 1], [1, 1]]);
    expect(ci.lower).toBeNull();
    expect(ci.reason).toMatch(/undefined/);
  });
});

describe('computeKrippendorffAlpha on a large generated table', () => {
  // A reference written straight from the definition, independent of the prepared layout: every
  // ordered pair of values from different coders in a unit with m_u values adds 1/(m_u − 1) to
  // o(c, k); n_c = Σ_k o(c, k); α = 1 − (n − 1) Σ o δ² / Σ n_c n_k δ².
  function referenceAlpha(data: Rating[][], delta: (a: RatingValue, b: RatingValue) => number): number {
    const o = new Map<RatingValue, Map<RatingValue, number>>();
    for (const row of data) {
      const values = row.filter((v): v is RatingValue => v !== null);
      const m = values.length;
      if (m < 2) continue;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          if (i === j) continue;
          const cell = o.get(values[i]!) ?? new Map<RatingValue, number>();
          cell.set(values[j]!, (cell.get(values[j]!) ?? 0) + 1 / (m - 1));
          o.set(values[i]!, cell);
        }
      }
    }
    const nc = new Map<RatingValue, number>();
    for (const [c, row] of o) for (const count of row.values()) nc.set(c, (nc.get(c) ?? 0) + count);
    const n = [...nc.values()].reduce((s, x) => s + x, 0);
    let observed = 0;
    let expected = 0;
    for (const [c, row] of o) for (const [k, count] of row) observed += count * delta(c, k);
    for (const [c, a] of nc) for (const [k, b] of nc) expected += a * b * delta(c, k);
    return 1 - ((n - 1) * observed) / expected;
  }

  // 4 coders, 3,000 units, about 25 % missing values (so some units have 0 or 1 value), values
  // that take both the small-integer and the general lookup (negative, fractional, large).
  function generate(seed: number, pool: readonly RatingValue[]): Rating[][] {
    const random = createRandom(seed);
    const data: Rating[][] = [];
    for (let u = 0; u < 3000; u++) {
      const truth = pool[Math.floor(random() * pool.length)]!;
      const row: Rating[] = [];
      for (let c = 0; c < 4; c++) {
        const roll = random();
        row.push(roll < 0.25 ? null : roll < 0.85 ? truth : pool[Math.floor(random() * pool.length)]!);
      }
      data.push(row);
    }
    return data;
  }

  it('matches the pairwise reference to 1e-12 at the nominal and interval levels', () => {
    const data = generate(11, [0, 1, 2, 3, 7, -1, 2.5, 1500]);
    expect(data.some((row) => row.filter((v) => v !== null).length < 2)).toBe(true);
    const nominal = computeKrippendorffAlpha(data, 'nominal').value!;
    const interval = computeKrippendorffAlpha(data, 'interval').value!;
    expect(Math.abs(nominal - referenceAlpha(data, (a, b) => (a === b ? 0 : 1)))).toBeLessThan(1e-12);
    expect(Math.abs(interval - referenceAlpha(data, (a, b) => ((a as number) - (b as number)) ** 2))).toBeLessThan(1e-12);
    expect(nominal).toBeGreaterThan(0.3);
    expect(nominal).toBeLessThan(0.9);
  });

  it('gives bit-identical α and bootstrap intervals from raw and from prepared data', () => {
    const data = generate(13, [0, 1, 2, 3, 7, 2.5, 1500]);
    const prepared = prepareReliabilityData(data);
    for (const level of MEASUREMENT_LEVELS) {
      expect(computeKrippendorffAlpha(prepared, level)).toEqual(computeKrippendorffAlpha(data, level));
    }
    expect(bootstrapKrippendorffAlpha(prepared, 'interval', { samples: 200, seed: 5 }))
      .toEqual(bootstrapKrippendorffAlpha(data, 'interval', { samples: 200, seed: 5 }));
  });

  it('matches the pairwise reference to 1e-12 for text values', () => {
    const data = generate(12, ['yes', 'no', 'maybe', '1', 1]);
    const alpha = computeKrippendorffAlpha(data, 'nominal').value!;
    expect(Math.abs(alpha - referenceAlpha(data, (a, b) => (a === b ? 0 : 1)))).toBeLessThan(1e-12);
  });
});
