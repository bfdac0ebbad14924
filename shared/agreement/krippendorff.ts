/**
 * Krippendorff's α for reliability data (any number of coders, missing values allowed) at the
 * nominal, ordinal, interval and ratio levels, and its bootstrap confidence interval.
 *
 * Coincidences: every unit with m_u ≥ 2 values adds 1/(m_u − 1) to o_ck for each ordered pair
 * of values from different coders; n_c = Σ_k o_ck, n = Σ_c n_c.
 * α = 1 − Do/De with Do = Σ o_ck δ²(c,k) / n and De = Σ n_c n_k δ²(c,k) / (n(n − 1)).
 * Undefined (null with a reason) when no unit is pairable or De = 0 (no variation).
 *
 * The coincidences are counted in one pass over the units with no allocation per unit (on
 * prepared data, or straight from the rows), so the cost grows linearly with the units; only
 * the q × q matrices depend on the number of categories.
 */
import { createRandom } from './prng.ts';
import { oneMinusRatio, undefinedBecause, type Coefficient } from './coefficient.ts';
import {
  orderCategories, scanReliabilityData, type PreparedData, type RatingValue, type ReliabilityData,
} from './reliabilityData.ts';

/** The level of measurement, which fixes the difference function δ². */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** The four levels, in the usual order. */
export const MEASUREMENT_LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** α with its observed and expected disagreement. */
export interface KrippendorffAlpha extends Coefficient {
  level: MeasurementLevel;
  /** Do = Σ o_ck δ² / n; null when undefined. */
  observedDisagreement: number | null;
  /** De = Σ n_c n_k δ² / (n(n − 1)); null when undefined. */
  expectedDisagreement: number | null;
  /** n: the number of pairable values. */
  pairableValues: number;
}

/** The coincidence matrix of prepared data, row-major q × q, with n_c and n. */
interface Coincidences {
  q: number;
  o: Float64Array;
  nc: Float64Array;
  n: number;
}

/** What α needs from the data: the categories, the number of coders and the coincidences. */
interface Counted {
  categories: RatingValue[];
  isNumeric: boolean;
  coders: number;
  coincidences: Coincidences;
}

/** n_c = Σ_k o_ck and n = Σ_c n_c of a q × q coincidence matrix. */
function withTotals(q: number, o: Float64Array): Coincidences {
  const nc = new Float64Array(q);
  let n = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) nc[c]! += o[c * q + k]!;
    n += nc[c]!;
  }
  return { q, o, nc, n };
}

/** Coincidences of prepared data: one linear pass over the units' sparse category counts. */
function coincidences(prepared: PreparedData): Coincidences {
  const q = prepared.categories.length;
  const o = new Float64Array(q * q);
  const { unitStart, unitCategories, unitCounts, unitTotals } = prepared;
  for (let u = 0; u < prepared.units; u++) {
    const mu = unitTotals[u]!;
    if (mu < 2) continue;
    const from = unitStart[u]!;
    const to = unitStart[u + 1]!;
    for (let i = from; i < to; i++) {
      const ci = unitCategories[i]!;
      const ni = unitCounts[i]!;
      const row = ci * q;
      for (let j = from; j < to; j++) {
        const pairs = i === j ? ni * (ni - 1) : ni * unitCounts[j]!;
        o[row + unitCategories[j]!]! += pairs / (mu - 1);
      }
    }
  }
  return withTotals(q, o);
}

/**
 * Coincidences straight from reliability data, in one pass with no table and no allocation per
 * unit: they are summed by value id (first-seen order) into a matrix that grows with the number
 * of distinct values, then moved to the sorted categories. Each cell receives the same terms in
 * the same unit order as {@link coincidences}, so both give bit-identical results.
 */
function count(data: ReliabilityData | PreparedData): Counted {
  if ('unitTotals' in data) {
    return { categories: data.categories, isNumeric: data.isNumeric, coders: data.coders, coincidences: coincidences(data) };
  }
  let size = 8;
  let byId = new Float64Array(size * size);
  const { coders, values } = scanReliabilityData(data, ({ ids, counts, distinct, total }) => {
    if (total < 2) return;
    let top = 0;
    for (let i = 0; i < distinct; i++) if (ids[i]! > top) top = ids[i]!;
    if (top >= size) {
      const grown = Math.max(size * 2, top + 1);
      const next = new Float64Array(grown * grown);
      for (let a = 0; a < size; a++) next.set(byId.subarray(a * size, (a + 1) * size), a * grown);
      byId = next;
      size = grown;
    }
    for (let i = 0; i < distinct; i++) {
      const ni = counts[i]!;
      const row = ids[i]! * size;
      for (let j = 0; j < distinct; j++) {
        const pairs = i === j ? ni * (ni - 1) : ni * counts[j]!;
        byId[row + ids[j]!]! += pairs / (total - 1);
      }
    }
  });
  const { categories, isNumeric, rank } = orderCategories(values);
  const q = categories.length;
  const o = new Float64Array(q * q);
  const seen = Math.min(size, q);
  for (let a = 0; a < seen; a++) {
    for (let b = 0; b < seen; b++) o[rank[a]! * q + rank[b]!] = byId[a * size + b]!;
  }
  return { categories, isNumeric, coders, coincidences: withTotals(q, o) };
}

/** δ²(c, k) for every pair of category indices, or a sentence saying why the level does not apply. */
function differences(counted: Counted, level: MeasurementLevel, nc: Float64Array): Float64Array | string {
  const q = counted.categories.length;
  const delta = new Float64Array(q * q);
  if (level !== 'nominal' && !counted.isNumeric) {
    return `The ${level} level needs numeric values; these data hold text.`;
  }
  const values = counted.categories as number[];
  if (level === 'ratio' && values.some((v) => v < 0)) {
    return 'The ratio level needs non-negative values.';
  }
  // Ordinal: cumulative n_g over the sorted categories.
  const cumulative = new Float64Array(q + 1);
  for (let g = 0; g < q; g++) cumulative[g + 1] = cumulative[g]! + nc[g]!;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      if (c === k) continue;
      let d: number;
      if (level === 'nominal') d = 1;
      else if (level === 'ordinal') {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const between = cumulative[hi + 1]! - cumulative[lo]! - (nc[c]! + nc[k]!) / 2;
        d = between * between;
      } else if (level === 'interval') d = (values[c]! - values[k]!) ** 2;
      else {
        const sum = values[c]! + values[k]!;
        d = sum === 0 ? 0 : ((values[c]! - values[k]!) / sum) ** 2;
      }
      delta[c * q + k] = d;
    }
  }
  return delta;
}

/**
 * Krippendorff's α at the given level (default nominal). Non-numeric data give `null` at the
 * ordinal, interval and ratio levels; negative values give `null` at the ratio level.
 *
 * @example
 * // Two coders, 4 units: n = 8, Do = 2/8, De = 30/56 → α = 1 − 14/30
 * computeKrippendorffAlpha([['A', 'A'], ['B', 'B'], ['A', 'B'], ['B', 'B']]).value // → 0.5333
 */
export function computeKrippendorffAlpha(
  data: ReliabilityData | PreparedData,
  level: MeasurementLevel = 'nominal',
): KrippendorffAlpha {
  return alphaOf(count(data), level).alpha;
}

/** α from the coincidences, with δ² when it is defined (the bootstrap reuses both). */
function alphaOf(counted: Counted, level: MeasurementLevel): { alpha: KrippendorffAlpha; delta?: Float64Array } {
  const { q, o, nc, n } = counted.coincidences;
  const fail = (reason: string) => ({
    alpha: { ...undefinedBecause(reason), level, observedDisagreement: null, expectedDisagreement: null, pairableValues: n },
  });
  if (n < 2) return fail('No unit has values from two or more coders, so nothing is pairable.');
  const delta = differences(counted, level, nc);
  if (typeof delta === 'string') return fail(delta);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      const d = delta[c * q + k]!;
      if (d === 0) continue;
      observed += o[c * q + k]! * d;
      expected += nc[c]! * nc[k]! * d;
    }
  }
  const Do = observed / n;
  const De = expected / (n * (n - 1));
  const alpha = oneMinusRatio(Do, De, 'Expected disagreement is 0: every pairable value is the same, so α is undefined.');
  return {
    alpha: {
      ...alpha,
      level,
      observedDisagreement: alpha.value === null ? null : Do,
      expectedDisagreement: alpha.value === null ? null : De,
      pairableValues: n,
    },
    delta,
  };
}

/** Buckets of the bootstrap's guide table (a power of two, so r · GUIDE is exact). */
const GUIDE = 1024;

/** A bootstrap percentile interval. */
export interface BootstrapInterval {
  /** Lower and upper bounds of the 95 % interval; null when α itself is undefined. */
  lower: number | null;
  upper: number | null;
  reason?: string;
  /** Bootstrap samples drawn. */
  samples: number;
  seed: number;
  /** Pairs of values drawn per sample (M). */
  drawsPerSample: number;
}

/**
 * A 95 % bootstrap interval for α following Hayes & Krippendorff (2007) and their KALPHA macro:
 * De is held at its observed value; each sample draws M pairs of values from the observed
 * coincidences (a pair (c, k) with probability o_ck/n for c = k and 2 o_ck/n for c < k),
 * M = min(25 × non-zero coincidence cells, (coders − 1) n / 2), and α* = 1 − Σ δ²/(M · De),
 * floored at −1. The interval is the 2.5th and 97.5th percentile (KALPHA's indexing).
 * KALPHA's extra adjustment of samples that land exactly on α = 1 is not applied.
 * The same seed always gives the same interval.
 *
 * @example bootstrapKrippendorffAlpha(data, 'nominal', { samples: 1000, seed: 1 }) // → { lower: 0.61, upper: 0.87, … }
 */
export function bootstrapKrippendorffAlpha(
  data: ReliabilityData | PreparedData,
  level: MeasurementLevel = 'nominal',
  options: { samples?: number; seed?: number } = {},
): BootstrapInterval {
  const samples = Math.max(1, Math.floor(options.samples ?? 1000));
  const seed = options.seed ?? 1;
  const counted = count(data);
  const { alpha, delta } = alphaOf(counted, level);
  if (alpha.value === null || alpha.expectedDisagreement === null || !delta) {
    return { lower: null, upper: null, reason: alpha.reason, samples, seed, drawsPerSample: 0 };
  }
  const { q, o, n } = counted.coincidences;
  // The distribution of unordered pairs (c ≤ k) over the coincidences.
  const cumulative = new Float64Array((q * (q + 1)) / 2);
  const pairDelta = new Float64Array(cumulative.length);
  let nonZeroCells = 0;
  let running = 0;
  let at = 0;
  for (let c = 0; c < q; c++) {
    for (let k = c; k < q; k++) {
      const cell = o[c * q + k]!;
      if (cell > 0) nonZeroCells += c === k ? 1 : 2;
      running += (c === k ? cell : 2 * cell) / n;
      cumulative[at] = running;
      pairDelta[at] = delta[c * q + k]!;
      at++;
    }
  }
  const draws = Math.max(1, Math.floor(Math.min(25 * nonZeroCells, ((counted.coders - 1) * n) / 2)));
  const random = createRandom(seed);
  const last = cumulative.length - 1;
  // The pair drawn for x = r · running is the first entry of `cumulative` above x (or the last).
  // That index never decreases as r grows, so a guide table gives, per 1/GUIDE of [0, 1), the
  // index for the smallest r of the bucket; a short forward scan from there finds the same entry
  // a binary search would, so the interval stays the same for a seed.
  const firstAbove = (x: number): number => {
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const guide = new Int32Array(GUIDE);
  for (let b = 0; b < GUIDE; b++) guide[b] = firstAbove((b / GUIDE) * running);
  const alphas = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    let sum = 0;
    for (let d = 0; d < draws; d++) {
      const r = random();
      const x = r * running;
      let at = guide[(r * GUIDE) | 0]!;
      while (at < last && !(cumulative[at]! > x)) at++;
      sum += pairDelta[at]!;
    }
    alphas[s] = Math.max(-1, 1 - sum / (draws * alpha.expectedDisagreement));
  }
  alphas.sort();
  const lowerIndex = Math.max(0, Math.floor(0.025 * samples) - 1);
  const upperIndex = Math.min(samples - 1, Math.floor(0.975 * samples));
  return { lower: alphas[lowerIndex]!, upper: alphas[upperIndex]!, samples, seed, drawsPerSample: draws };
}
