/**
 * Agreement on reliability data: a table of units × coders where each cell is the value a coder
 * gave a unit, or `null` when that coder did not rate it. Holds the coefficients that work on
 * such tables (percent agreement in its three definitions, Cohen's κ, Scott's π,
 * Brennan–Prediger, Fleiss' κ with per-category κ and z, Conger's κ, Light's κ, Gwet's AC1 and
 * the missing-data generalisation of Fleiss' κ); Krippendorff's α lives in krippendorff.ts.
 *
 * Values are compared by identity (`1` and `"1"` are different categories). Units where fewer
 * than two coders gave a value are not pairable and take no part in agreement.
 */
import { chanceCorrect, defined, undefinedBecause, type Coefficient } from './coefficient.ts';
import { computeContingencyAgreement } from './contingency.ts';

/** One coder's value for one unit. */
export type RatingValue = string | number;
/** A cell of reliability data: a value, or `null` when the coder did not rate the unit. */
export type Rating = RatingValue | null;
/** Reliability data, `data[unit][coder]`; every row has one cell per coder. */
export type ReliabilityData = ReadonlyArray<ReadonlyArray<Rating>>;

/**
 * Turns coder-major rows (`rows[coder][unit]`, the layout of Krippendorff's examples) into
 * reliability data (`data[unit][coder]`).
 *
 * @example transposeCoderRows([[1, 2], [1, null]]) // → [[1, 1], [2, null]]
 */
export function transposeCoderRows(rows: ReadonlyArray<ReadonlyArray<Rating>>): Rating[][] {
  const units = rows[0]?.length ?? 0;
  if (rows.some((row) => row.length !== units)) {
    throw new RangeError('Every coder needs one entry per unit: the rows differ in length.');
  }
  const data: Rating[][] = [];
  for (let u = 0; u < units; u++) data.push(rows.map((row) => row[u] ?? null));
  return data;
}

/**
 * Reliability data indexed for counting, in flat typed arrays (no per-unit arrays, so preparing
 * and counting a million units costs a few allocations and stays linear): categories sorted, the
 * cell table, and each unit's category counts in compressed-row form.
 */
export interface PreparedData {
  coders: number;
  /** Number of units (rows). */
  units: number;
  /** Distinct values, numbers ascending when all are numbers, else by their text. */
  categories: RatingValue[];
  isNumeric: boolean;
  /** `cells[unit * coders + coder]`: category index or -1 for a missing value. */
  cells: Int32Array;
  /**
   * Per unit, the categories present and how many coders chose each (sparse, in the order the
   * coders first gave them): unit `u` owns entries `unitStart[u]` to `unitStart[u + 1] − 1` of
   * `unitCategories` and `unitCounts`. `unitStart` has `units + 1` entries.
   */
  unitStart: Int32Array;
  unitCategories: Int32Array;
  unitCounts: Int32Array;
  /** Per unit, how many coders gave a value (r_i / m_u). */
  unitTotals: Int32Array;
}

/** Small non-negative integers (the usual codes) are looked up in an array, not the Map. */
const SMALL_INTEGERS = 1024;

/**
 * One unit as {@link scanReliabilityData} hands it over. The arrays are scratch space, reused for
 * the next unit: copy what you keep.
 */
export interface ScannedUnit {
  /** Per coder, the id of the value (ids number distinct values in the order first seen), or -1. */
  row: Int32Array;
  /** The distinct ids of this unit, in the order coders first gave them, in `ids[0 … distinct − 1]`. */
  ids: Int32Array;
  /** How many coders gave each of those ids. */
  counts: Int32Array;
  distinct: number;
  /** How many coders gave a value (m_u). */
  total: number;
}

/**
 * Validates reliability data in one pass, numbering distinct values in the order first seen, and
 * hands each unit's values and counts to `visit` without allocating anything per unit (so a
 * coefficient can count a million units without building a table). Throws the same `RangeError`
 * as {@link prepareReliabilityData}. Returns the number of coders and the values by id.
 *
 * @example scanReliabilityData([['a', 'b'], ['b', 'b']], (unit) => console.log(unit.distinct)).values // logs 2, 1 → ['a', 'b']
 */
export function scanReliabilityData(
  data: ReliabilityData,
  visit: (unit: ScannedUnit, index: number) => void,
): { coders: number; values: RatingValue[] } {
  const coders = data[0]?.length ?? 0;
  const seen = new Map<RatingValue, number>();
  const small = new Int32Array(SMALL_INTEGERS).fill(-1);
  const values: RatingValue[] = [];
  const unit: ScannedUnit = {
    row: new Int32Array(coders), ids: new Int32Array(coders), counts: new Int32Array(coders), distinct: 0, total: 0,
  };
  const { row: coderIds, ids: distinctIds, counts } = unit;
  // `stamp[id]` is the last unit that gave the id and `slot[id]` where its count sits, so no unit
  // needs a search; both grow with the number of distinct values.
  let stamp = new Int32Array(16).fill(-1);
  let slot = new Int32Array(16);
  for (let u = 0; u < data.length; u++) {
    const row = data[u]!;
    if (row.length !== coders) {
      throw new RangeError(`Unit ${u + 1} has ${row.length} values but unit 1 has ${coders}: every unit needs one cell per coder.`);
    }
    let distinct = 0;
    let total = 0;
    for (let c = 0; c < coders; c++) {
      const value = row[c];
      if (value === null || value === undefined) {
        coderIds[c] = -1;
        continue;
      }
      let id: number | undefined;
      if (typeof value === 'number') {
        // (value | 0) === value: an integer in int32 range, hence finite.
        if ((value | 0) === value && value >= 0 && value < SMALL_INTEGERS) {
          id = small[value]!;
          if (id < 0) {
            id = values.length;
            small[value] = id;
            values.push(value === 0 ? 0 : value); // −0 and 0 are one category, as in a Map
          }
        } else if (!Number.isFinite(value)) {
          throw new RangeError(`Unit ${u + 1} holds ${String(value)}, which is neither a finite number nor a string.`);
        }
      } else if (typeof value !== 'string') {
        throw new RangeError(`Unit ${u + 1} holds ${JSON.stringify(value)}, which is neither a finite number nor a string.`);
      }
      if (id === undefined) {
        id = seen.get(value);
        if (id === undefined) {
          id = values.length;
          seen.set(value, id);
          values.push(value);
        }
      }
      if (id >= stamp.length) {
        const grownStamp = new Int32Array(stamp.length * 2).fill(-1);
        grownStamp.set(stamp);
        stamp = grownStamp;
        const grownSlot = new Int32Array(slot.length * 2);
        grownSlot.set(slot);
        slot = grownSlot;
      }
      coderIds[c] = id;
      total++;
      if (stamp[id] === u) counts[slot[id]!]!++;
      else {
        stamp[id] = u;
        slot[id] = distinct;
        distinctIds[distinct] = id;
        counts[distinct] = 1;
        distinct++;
      }
    }
    unit.distinct = distinct;
    unit.total = total;
    visit(unit, u);
  }
  return { coders, values };
}

/**
 * The categories in their reporting order (numbers ascending when all are numbers, else by their
 * text; the sort is stable, so values with the same text keep the order first seen) and, per id
 * of {@link scanReliabilityData}, the index of its category.
 *
 * @example orderCategories([3, 1, 2]) // → { categories: [1, 2, 3], isNumeric: true, rank: Int32Array [2, 0, 1] }
 */
export function orderCategories(values: readonly RatingValue[]): { categories: RatingValue[]; isNumeric: boolean; rank: Int32Array } {
  const isNumeric = values.every((v) => typeof v === 'number');
  const compare = isNumeric
    ? (a: number, b: number) => (values[a] as number) - (values[b] as number)
    : (a: number, b: number) => {
      const x = String(values[a]);
      const y = String(values[b]);
      return x < y ? -1 : x > y ? 1 : 0;
    };
  const order = values.map((_, i) => i).sort(compare);
  const rank = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
  return { categories: order.map((id) => values[id]!), isNumeric, rank };
}

/**
 * Validates and indexes reliability data. Throws a `RangeError` with one sentence when rows
 * differ in length or a value is neither a finite number nor a string.
 *
 * @example prepareReliabilityData([['a', 'b'], ['a', 'a']]).categories // → ['a', 'b']
 */
export function prepareReliabilityData(data: ReliabilityData): PreparedData {
  const coders = data[0]?.length ?? 0;
  const units = data.length;
  const cells = new Int32Array(units * coders);
  const unitStart = new Int32Array(units + 1);
  const unitCategories = new Int32Array(units * coders);
  const unitCounts = new Int32Array(units * coders);
  const unitTotals = new Int32Array(units);
  let next = 0;
  // The scan gives value ids in first-seen order; they become sorted category indices below.
  const { values } = scanReliabilityData(data, (unit, u) => {
    const base = u * coders;
    for (let c = 0; c < coders; c++) cells[base + c] = unit.row[c]!;
    unitStart[u] = next;
    for (let i = 0; i < unit.distinct; i++) {
      unitCategories[next] = unit.ids[i]!;
      unitCounts[next] = unit.counts[i]!;
      next++;
    }
    unitTotals[u] = unit.total;
  });
  unitStart[units] = next;
  const { categories, isNumeric, rank } = orderCategories(values);
  for (let i = 0; i < cells.length; i++) if (cells[i]! >= 0) cells[i] = rank[cells[i]!]!;
  for (let i = 0; i < next; i++) unitCategories[i] = rank[unitCategories[i]!]!;
  return {
    coders, units, categories, isNumeric, cells, unitStart,
    unitCategories: unitCategories.subarray(0, next), unitCounts: unitCounts.subarray(0, next), unitTotals,
  };
}

/**
 * Which percent agreement: they coincide for two coders without missing values and differ
 * with three or more coders or missing values.
 * - `pairwise`: mean over units (with ≥ 2 values) of the share of agreeing coder pairs —
 *   Fleiss' P̄, Gwet's `pa`;
 * - `pairable-values`: Krippendorff's Σ o_cc / n over pairable values (weights units by their
 *   number of values);
 * - `all-agree`: share of units (with ≥ 2 values) where every value is the same.
 */
export type PercentAgreementDefinition = 'pairwise' | 'pairable-values' | 'all-agree';

/** A percent agreement (a proportion in [0, 1]) and the definition it follows. */
export interface PercentAgreement extends Coefficient {
  definition: PercentAgreementDefinition;
}

/**
 * Percent agreement as a proportion, by the named definition (default `pairwise`).
 *
 * @example
 * computePercentAgreement([['a', 'a', 'a'], ['a', 'b', 'b']]).value // → (1 + 1/3) / 2 = 0.667
 * computePercentAgreement([['a', 'a', 'a'], ['a', 'b', 'b']], 'all-agree').value // → 0.5
 */
export function computePercentAgreement(
  data: ReliabilityData | PreparedData,
  definition: PercentAgreementDefinition = 'pairwise',
): PercentAgreement {
  const prepared = asPrepared(data);
  let units = 0;
  let sum = 0;
  let values = 0;
  const { unitStart, unitCounts, unitTotals } = prepared;
  for (let u = 0; u < prepared.units; u++) {
    const total = unitTotals[u]!;
    if (total < 2) continue;
    units++;
    const from = unitStart[u]!;
    const to = unitStart[u + 1]!;
    let agreeingPairs = 0;
    for (let i = from; i < to; i++) agreeingPairs += unitCounts[i]! * (unitCounts[i]! - 1);
    if (definition === 'pairwise') sum += agreeingPairs / (total * (total - 1));
    else if (definition === 'pairable-values') {
      sum += agreeingPairs / (total - 1);
      values += total;
    } else if (to - from === 1) sum += 1;
  }
  if (units === 0) {
    return { ...undefinedBecause('No unit has values from two or more coders.'), definition };
  }
  return { value: definition === 'pairable-values' ? sum / values : sum / units, definition };
}

/**
 * Gwet's pairwise observed agreement (`pairwise` definition) as a plain number, or NaN.
 */
function pairwiseAgreement(prepared: PreparedData): number {
  return computePercentAgreement(prepared, 'pairwise').value ?? Number.NaN;
}

function asPrepared(data: ReliabilityData | PreparedData): PreparedData {
  return 'unitTotals' in data ? data : prepareReliabilityData(data);
}

/**
 * The contingency table of two coders over the units both rated, over all categories of the data.
 *
 * @example twoCoderTable(prepareReliabilityData([['a', 'b'], ['a', 'a']]), 0, 1) // → [[1, 1], [0, 0]]
 */
export function twoCoderTable(prepared: PreparedData, coderA: number, coderB: number): number[][] {
  const q = prepared.categories.length;
  const table = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  const { cells, coders } = prepared;
  for (let base = 0; base < cells.length; base += coders) {
    const a = cells[base + coderA]!;
    const b = cells[base + coderB]!;
    if (a >= 0 && b >= 0) table[a]![b]!++;
  }
  return table;
}

function requireTwoCoders(prepared: PreparedData, name: string): Coefficient | null {
  return prepared.coders === 2
    ? null
    : undefinedBecause(`${name} compares exactly two coders; these data have ${prepared.coders}.`);
}

function contingencyFor(prepared: PreparedData, coderA = 0, coderB = 1) {
  return computeContingencyAgreement(twoCoderTable(prepared, coderA, coderB), {
    categories: Math.max(prepared.categories.length, 1),
  });
}

/**
 * Cohen's κ of two coders (units both rated); Pe from each coder's own marginals.
 * With more coders, pass which two (`coderA`, `coderB`, 0-based).
 *
 * @example computeCohenKappa([['A', 'A'], ['B', 'B'], ['A', 'B'], ['B', 'B']]).value // → 0.5
 */
export function computeCohenKappa(data: ReliabilityData | PreparedData, coderA?: number, coderB?: number): Coefficient {
  const prepared = asPrepared(data);
  if (coderA === undefined || coderB === undefined) {
    const wrong = requireTwoCoders(prepared, "Cohen's κ");
    if (wrong) return wrong;
  }
  return contingencyFor(prepared, coderA ?? 0, coderB ?? 1).cohenKappa;
}

/**
 * Scott's π of two coders (units both rated); Pe from the pooled marginals.
 *
 * @example computeScottPi([['A', 'A'], ['B', 'B'], ['A', 'B'], ['B', 'B']]).value // → 0.4667
 */
export function computeScottPi(data: ReliabilityData | PreparedData): Coefficient {
  const prepared = asPrepared(data);
  return requireTwoCoders(prepared, "Scott's π") ?? contingencyFor(prepared).scottPi;
}

/**
 * Brennan–Prediger κ (Bennett's S, free-marginal κ) for any number of coders:
 * (Po − 1/q)/(1 − 1/q), Po the `pairwise` percent agreement, q the number of possible
 * categories (default: the distinct values in the data).
 *
 * @example computeBrennanPrediger([['A', 'A'], ['A', 'A'], ['A', 'A'], ['B', 'A']], { categories: 2 }).value // → 0.5
 */
export function computeBrennanPrediger(
  data: ReliabilityData | PreparedData,
  options: { categories?: number } = {},
): Coefficient {
  const prepared = asPrepared(data);
  const q = options.categories ?? prepared.categories.length;
  if (q < 2) return undefinedBecause('Brennan–Prediger needs at least two possible categories; the data use one.');
  const po = pairwiseAgreement(prepared);
  if (Number.isNaN(po)) return undefinedBecause('No unit has values from two or more coders.');
  return chanceCorrect(po, 1 / q);
}

/** Fleiss' κ with the pieces Fleiss (1971) reports. */
export interface FleissKappa extends Coefficient {
  /** P̄: mean share of agreeing rater pairs per unit; null when undefined. */
  observed: number | null;
  /** Pe = Σ p_j². */
  chance: number | null;
  /** κ_j per category (Fleiss 1971, eq. 13), keyed by the category as text. */
  categories: Record<string, Coefficient>;
  /** κ divided by its standard error under the null hypothesis (Fleiss, Nee & Landis 1979). */
  z: number | null;
}

/**
 * Fleiss' κ for m raters per unit (every rater rates every unit: no missing values), with
 * per-category κ and z. With missing values it is `null`; see {@link computeGeneralizedFleissKappa}
 * and Krippendorff's α.
 *
 * @example
 * // 3 coders × 3 units: P̄ = 7/9, Pe = 41/81 → κ = 22/40
 * computeFleissKappa([['A', 'A', 'A'], ['B', 'B', 'B'], ['A', 'B', 'A']]).value // → 0.55
 */
export function computeFleissKappa(data: ReliabilityData | PreparedData): FleissKappa {
  const prepared = asPrepared(data);
  const m = prepared.coders;
  const N = prepared.units;
  const empty = (reason: string): FleissKappa => ({
    ...undefinedBecause(reason), observed: null, chance: null, categories: {}, z: null,
  });
  if (m < 2) return empty("Fleiss' κ needs at least two raters.");
  if (N === 0) return empty('There are no units.');
  let missing = 0;
  for (let u = 0; u < N; u++) if (prepared.unitTotals[u] !== m) missing++;
  if (missing > 0) {
    return empty(`Fleiss' κ needs every rater to rate every unit; ${missing} unit(s) have missing values (see Krippendorff's α).`);
  }
  const q = prepared.categories.length;
  const columnTotals = new Array<number>(q).fill(0);
  // Σ_i n_ij (m − n_ij) per category: the disagreement each category takes part in.
  const disagreement = new Array<number>(q).fill(0);
  let pSum = 0;
  const { unitStart, unitCategories, unitCounts } = prepared;
  for (let u = 0; u < N; u++) {
    let squares = 0;
    for (let i = unitStart[u]!; i < unitStart[u + 1]!; i++) {
      const n = unitCounts[i]!;
      const category = unitCategories[i]!;
      squares += n * n;
      columnTotals[category]! += n;
      disagreement[category]! += n * (m - n);
    }
    pSum += (squares - m) / (m * (m - 1));
  }
  const pBar = pSum / N;
  const p = columnTotals.map((t) => t / (N * m));
  const pe = p.reduce((s, pj) => s + pj * pj, 0);
  const categories: Record<string, Coefficient> = {};
  let pq = 0;
  let pqqp = 0;
  for (let j = 0; j < q; j++) {
    const pj = p[j]!;
    const qj = 1 - pj;
    pq += pj * qj;
    pqqp += pj * qj * (qj - pj);
    categories[String(prepared.categories[j])] = pj * qj > 0
      ? defined(1 - disagreement[j]! / (N * m * (m - 1) * pj * qj))
      : undefinedBecause('Every rating falls in this category, or none does.');
  }
  const kappa = chanceCorrect(pBar, pe);
  let z: number | null = null;
  if (kappa.value !== null && pq > 0) {
    const variance = (2 / (pq * pq * N * m * (m - 1))) * (pq * pq - pqqp);
    z = variance > 0 ? kappa.value / Math.sqrt(variance) : null;
  }
  return { ...kappa, observed: pBar, chance: pe, categories, z };
}

/**
 * Gwet's generalisation of Fleiss' κ to missing values (irrCAC `fleiss.kappa.raw`):
 * Po = `pairwise` agreement over units with ≥ 2 values; Pe = Σ π_k², π_k = mean over rated
 * units of r_ik / r_i. Equals Fleiss' κ when nothing is missing.
 *
 * @example computeGeneralizedFleissKappa([['A', 'A', null], ['B', 'B', 'B'], ['A', 'B', 'A']]).value
 */
export function computeGeneralizedFleissKappa(data: ReliabilityData | PreparedData): Coefficient {
  const prepared = asPrepared(data);
  const pi = classificationShares(prepared);
  if (!pi) return undefinedBecause('No unit has values from two or more coders.');
  const pe = pi.reduce((s, p) => s + p * p, 0);
  return chanceCorrect(pairwiseAgreement(prepared), pe);
}

/**
 * Gwet's AC1 (irrCAC `gwet.ac1.raw`): Po = `pairwise` agreement, Pe = Σ π_k(1 − π_k)/(q − 1),
 * q the number of possible categories (default: the distinct values in the data). Stays
 * stable where κ collapses under skewed prevalence.
 *
 * @example computeGwetAc1([['A', 'A'], ['A', 'A'], ['A', 'A'], ['B', 'A']]).value // → 0.68
 */
export function computeGwetAc1(data: ReliabilityData | PreparedData, options: { categories?: number } = {}): Coefficient {
  const prepared = asPrepared(data);
  const q = options.categories ?? prepared.categories.length;
  if (q < 2) return undefinedBecause("Gwet's AC1 needs at least two possible categories; the data use one.");
  const pi = classificationShares(prepared);
  if (!pi) return undefinedBecause('No unit has values from two or more coders.');
  const pe = pi.reduce((s, p) => s + p * (1 - p), 0) / (q - 1);
  return chanceCorrect(pairwiseAgreement(prepared), pe);
}

/** π_k = mean over units with at least one value of r_ik / r_i; null when no unit is pairable. */
function classificationShares(prepared: PreparedData): number[] | null {
  if (!prepared.unitTotals.some((t) => t >= 2)) return null;
  const pi = new Array<number>(prepared.categories.length).fill(0);
  let rated = 0;
  const { unitStart, unitCategories, unitCounts, unitTotals } = prepared;
  for (let u = 0; u < prepared.units; u++) {
    const total = unitTotals[u]!;
    if (total === 0) continue;
    rated++;
    for (let i = unitStart[u]!; i < unitStart[u + 1]!; i++) pi[unitCategories[i]!]! += unitCounts[i]! / total;
  }
  return pi.map((s) => s / rated);
}

/**
 * Conger's κ (Fleiss' κ with each rater's own marginals; irr `kappam.fleiss(exact = TRUE)`,
 * irrCAC `conger.kappa.raw`): Pe = Σ_k (p̄_k² − s²_k / r), p_gk the share of rater g's ratings
 * in category k, s²_k their variance over raters.
 *
 * @example computeCongerKappa([['A', 'A'], ['B', 'B'], ['A', 'B'], ['B', 'B']]).value // → 0.5 (Cohen's κ for two raters)
 */
export function computeCongerKappa(data: ReliabilityData | PreparedData): Coefficient {
  const prepared = asPrepared(data);
  const r = prepared.coders;
  const q = prepared.categories.length;
  if (r < 2) return undefinedBecause("Conger's κ needs at least two raters.");
  const perRater = Array.from({ length: r }, () => new Array<number>(q).fill(0));
  const rated = new Array<number>(r).fill(0);
  const { cells } = prepared;
  for (let base = 0; base < cells.length; base += r) {
    for (let g = 0; g < r; g++) {
      const c = cells[base + g]!;
      if (c < 0) continue;
      perRater[g]![c]!++;
      rated[g]!++;
    }
  }
  if (rated.some((n) => n === 0)) return undefinedBecause("Conger's κ needs every rater to rate at least one unit.");
  let pe = 0;
  for (let k = 0; k < q; k++) {
    let sum = 0;
    let squares = 0;
    for (let g = 0; g < r; g++) {
      const p = perRater[g]![k]! / rated[g]!;
      sum += p;
      squares += p * p;
    }
    const mean = sum / r;
    const variance = (squares - r * mean * mean) / (r - 1);
    pe += mean * mean - variance / r;
  }
  const po = pairwiseAgreement(prepared);
  if (Number.isNaN(po)) return undefinedBecause('No unit has values from two or more coders.');
  return chanceCorrect(po, pe);
}

/**
 * Light's κ: the mean of Cohen's κ over every pair of coders (irr `kappam.light`).
 * Undefined when any pair's κ is.
 *
 * @example computeLightKappa([['A', 'A', 'A'], ['B', 'B', 'B'], ['A', 'B', 'A'], ['B', 'B', 'A']])
 */
export function computeLightKappa(data: ReliabilityData | PreparedData): Coefficient {
  const prepared = asPrepared(data);
  const r = prepared.coders;
  if (r < 2) return undefinedBecause("Light's κ needs at least two coders.");
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < r; a++) {
    for (let b = a + 1; b < r; b++) {
      const kappa = computeCohenKappa(prepared, a, b);
      if (kappa.value === null) {
        return undefinedBecause(`Cohen's κ of coders ${a + 1} and ${b + 1} is undefined: ${kappa.reason ?? ''}`.trim());
      }
      sum += kappa.value;
      pairs++;
    }
  }
  return defined(sum / pairs);
}
