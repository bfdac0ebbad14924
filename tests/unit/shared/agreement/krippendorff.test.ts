import { describe, expect, it } from 'vitest';
import { bootstrapKrippendorffAlpha, computeKrippendorffAlpha } from '../../../../shared/agreement/index.ts';

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

  it('is null when α is undefined', () => {
    const ci = bootstrapKrippendorffAlpha([[1, 1], [1, 1]]);
    expect(ci.lower).toBeNull();
    expect(ci.reason).toMatch(/undefined/);
  });
});
