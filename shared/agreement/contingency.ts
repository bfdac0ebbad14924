/**
 * Two-coder agreement from a square contingency table `table[a][b]` = how many units coder A put
 * in category a and coder B in category b. All four chance-corrected coefficients share
 * `(Po − Pe)/(1 − Pe)` and differ only in Pe:
 * - Cohen's κ: each coder's own marginals, Pe = Σ pA(c)·pB(c);
 * - Scott's π: pooled marginals, Pe = Σ ((pA(c) + pB(c))/2)²;
 * - Brennan–Prediger κ (Bennett's S, free-marginal κ): Pe = 1/q;
 * - Gwet's AC1: Pe = Σ π(c)(1 − π(c))/(q − 1), π pooled.
 */
import { chanceCorrect, undefinedBecause, type Coefficient } from './coefficient.ts';

/** Observed and chance agreement of a two-coder table, and the coefficients built from them. */
export interface ContingencyAgreement {
  /** Units counted (the table's total). */
  units: number;
  /** Po: share of units on the diagonal. */
  percentAgreement: number;
  cohenChance: number;
  scottChance: number;
  /** 1/q. */
  brennanPredigerChance: number;
  gwetChance: number;
  cohenKappa: Coefficient;
  scottPi: Coefficient;
  brennanPrediger: Coefficient;
  gwetAc1: Coefficient;
}

/**
 * Coefficients of a square two-coder table. `categories` (q, for Brennan–Prediger and AC1)
 * defaults to the table's size.
 *
 * @example
 * // Cohen (1960) p.45: Po .70, Pe .41, κ .492
 * computeContingencyAgreement([[88, 14, 18], [10, 40, 10], [2, 6, 12]]).cohenKappa.value // ≈ 0.4915
 */
export function computeContingencyAgreement(
  table: ReadonlyArray<ReadonlyArray<number>>,
  options: { categories?: number } = {},
): ContingencyAgreement {
  const q = table.length;
  if (q === 0 || table.some((row) => row.length !== q)) {
    throw new RangeError('A contingency table must be square with at least one category.');
  }
  const rows = new Array<number>(q).fill(0);
  const cols = new Array<number>(q).fill(0);
  let total = 0;
  let diagonal = 0;
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      const count = table[a]![b]!;
      if (!(count >= 0)) throw new RangeError('A contingency table holds non-negative counts.');
      rows[a]! += count;
      cols[b]! += count;
      total += count;
      if (a === b) diagonal += count;
    }
  }
  const categories = options.categories ?? q;
  if (total === 0) {
    const none = undefinedBecause('The table is empty: there are no units to compare.');
    return {
      units: 0, percentAgreement: Number.NaN, cohenChance: Number.NaN, scottChance: Number.NaN,
      brennanPredigerChance: 1 / categories, gwetChance: Number.NaN,
      cohenKappa: none, scottPi: none, brennanPrediger: none, gwetAc1: none,
    };
  }
  const po = diagonal / total;
  let cohenChance = 0;
  let scottChance = 0;
  let gwetSum = 0;
  for (let c = 0; c < q; c++) {
    const pa = rows[c]! / total;
    const pb = cols[c]! / total;
    const pooled = (pa + pb) / 2;
    cohenChance += pa * pb;
    scottChance += pooled * pooled;
    gwetSum += pooled * (1 - pooled);
  }
  const bpChance = 1 / categories;
  const gwetChance = categories > 1 ? gwetSum / (categories - 1) : 1;
  return {
    units: total,
    percentAgreement: po,
    cohenChance,
    scottChance,
    brennanPredigerChance: bpChance,
    gwetChance,
    cohenKappa: chanceCorrect(po, cohenChance),
    scottPi: chanceCorrect(po, scottChance),
    brennanPrediger: categories > 1
      ? chanceCorrect(po, bpChance)
      : undefinedBecause('Brennan–Prediger needs at least two possible categories.'),
    gwetAc1: categories > 1
      ? chanceCorrect(po, gwetChance)
      : undefinedBecause("Gwet's AC1 needs at least two possible categories."),
  };
}
