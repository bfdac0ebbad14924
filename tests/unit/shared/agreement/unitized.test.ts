import { describe, expect, it } from 'vitest';
import { computeBinaryUnitizedAlpha, computeUnitizedAlpha, tallyContinuum } from '../../../../shared/agreement/index.ts';

describe('tallyContinuum', () => {
  it('counts positions by how many coders mark them, without per-character arrays', () => {
    // L = 10; coder 0 [0, 4), coder 1 [2, 6): nobody at 6–9 (4), one coder at 0–1 and 4–5 (4), both at 2–3 (2).
    const t = tallyContinuum({
      length: 10, coders: 2, values: 1, starts: [0, 2], ends: [4, 6], unitCoders: [0, 1], unitValues: [0, 0], count: 2,
    });
    expect(Array.from(t.valueHistogram)).toEqual([4, 4, 2]);
    expect(Array.from(t.coveredHistogram)).toEqual([4, 4, 2]);
    expect(Array.from(t.squares)).toEqual([32]);
    // x_g = the other coder's valued length over g: 2 for each unit.
    expect(Array.from(t.crossSum)).toEqual([4]);
    expect(Array.from(t.crossSquares)).toEqual([8]);
  });

  it('handles positions far apart (a million characters) at the cost of the units alone', () => {
    const t = tallyContinuum({
      length: 1_000_000, coders: 2, values: 1, starts: [0, 999_990], ends: [10, 1_000_000], unitCoders: [0, 1], unitValues: [0, 0], count: 2,
    });
    expect(Array.from(t.valueHistogram)).toEqual([999_980, 20, 0]);
  });
});

describe('computeUnitizedAlpha', () => {
  // Two coders, values x and y, L = 40:
  //   ann: [0,10) x, [10,20) y, [20,30) y, gap [30,40)
  //   bob: [0,10) x, [10,20) x, [20,30) y, gap [30,40)
  // Intersections: (x,x) 10, (y,x) 10, (y,y) 10, (gap,gap) 10. With m = 2 each counts in both
  // directions: l_xx = 20, l_yy = 20, l_xy = l_yx = 10, l_gg = 20, l·· = mL = 80.
  // l_x· = 30, l_y· = 30, l_g· = 20. S_x = 3·10² = 300, S_y = 300, S_gap = 20 (singly), S = 620.
  const data = {
    length: 40,
    coders: {
      ann: [{ start: 0, end: 10, value: 'x' }, { start: 10, end: 20, value: 'y' }, { start: 20, end: 30, value: 'y' }],
      bob: [{ start: 0, end: 10, value: 'x' }, { start: 10, end: 20, value: 'x' }, { start: 20, end: 30, value: 'y' }],
    },
  };
  const result = computeUnitizedAlpha(data);

  it('uα: Σe_cc = 80·((900−300) + (900−300) + (400−20))/(6400−620) = 6320/289; uα = 1 − 20/(80 − 6320/289) = 551/840', () => {
    expect(result.uAlpha.value).toBeCloseTo(551 / 840, 12);
  });

  it('cuα: x_g = 10 for all six units, X = 600, cl·· = 60, D = 60 − 600/60 = 50, ce_xx = ce_yy = (900−300)/50 = 12 → 1 − 20/36 = 4/9', () => {
    expect(result.cuAlpha.value).toBeCloseTo(4 / 9, 12);
  });

  it('(k)uα: ce_x· = (30·60 − 300)/50 = 30 → 1 − (30/30)(30 − 20)/(30 − 12) = 4/9, and the same for y', () => {
    expect(result.byValue.x!.uAlpha.value).toBeCloseTo(4 / 9, 12);
    expect(result.byValue.y!.uAlpha.value).toBeCloseTo(4 / 9, 12);
    expect(result.byValue.x!.coverage).toBe(1);
  });

  it('|uα: coders agree exactly on valued vs gap, so observed disagreement is 0 and |uα = 1', () => {
    expect(result.binaryUAlpha.value).toBeCloseTo(1, 12);
  });

  it('is undefined (null with a reason) when every coder marks nothing', () => {
    const empty = computeUnitizedAlpha({ length: 10, coders: { ann: [], bob: [] } });
    expect(empty.uAlpha.value).toBeNull();
    expect(empty.binaryUAlpha.value).toBeNull();
    expect(empty.cuAlpha.value).toBeNull();
    expect(empty.cuAlpha.reason).toMatch(/overlap/);
  });

  it('rejects overlapping units of one coder and units outside the continuum', () => {
    expect(() => computeUnitizedAlpha({ length: 10, coders: {
      ann: [{ start: 0, end: 5, value: 'x' }, { start: 4, end: 8, value: 'y' }], bob: [],
    } })).toThrow(/overlapping/);
    expect(() => computeUnitizedAlpha({ length: 10, coders: { ann: [{ start: 5, end: 11, value: 'x' }], bob: [] } })).toThrow(/0 ≤ start < end ≤ 10/);
  });
});

describe('computeBinaryUnitizedAlpha', () => {
  it('computes |uα by hand for two coders: ann [10,40), bob [20,50) on L = 100', () => {
    // histogram: nobody 60, one coder 20, both 20. l_vv = 20·2 = 40, l_gg = 60·2 = 120, l·· = 200.
    // V = 20 + 2·20 = 60, gap = 140; S_v = 30² + 30² = 1800, S = 1800 + 140 = 1940.
    // Σe = 200·(60² − 1800 + 140² − 140)/(200² − 1940) = 212600/1903; 200 − Σe = 168000/1903.
    // |uα = 1 − 40·1903/168000 = 2297/4200.
    expect(computeBinaryUnitizedAlpha(2, [60, 20, 20], 1800).value).toBeCloseTo(2297 / 4200, 12);
  });

  it('computes |uα for three coders: [0,4) [0,4) [2,6) on L = 10', () => {
    // histogram: k=0: 4, k=1: 2, k=2: 2, k=3: 2; m − 1 = 2.
    // l_vv = (2·2·1 + 2·3·2)/2 = 8; l_gg = (4·3·2 + 2·2·1)/2 = 14; l·· = 30.
    // V = 2 + 4 + 6 = 12, gap = 18; S_v = 3·16 = 48, S = 66.
    // Σe = 30·((144 − 48) + (324 − 18))/(900 − 66) = 2010/139; |uα = 1 − 8/(30 − 2010/139) = 1 − 139/270 = 131/270.
    expect(computeBinaryUnitizedAlpha(3, [4, 2, 2, 2], 48).value).toBeCloseTo(131 / 270, 12);
  });
});
