/**
 * Krippendorff's unitized α family (Krippendorff, Mathet, Bouvry & Widlöcher 2016; Krippendorff
 * 2019 §12.6; ATLAS.ti's α-binary and cu-α) for coders who each mark valued units on a
 * continuum of length L (characters), leaving gaps.
 *
 * - uα: values and gaps (a gap is its own value); e_ck = l··(l_c· l_·k − [c=k] S_c)/(l··² − S),
 *   S_c = Σ squared unit lengths (gap characters count singly), uα = 1 − (l·· − Σ l_cc)/(l·· − Σ e_cc).
 * - |uα (α-binary): the same after collapsing values to {gap, valued}; units keep their own lengths.
 * - cuα: only valued × valued intersections; x_g = 1/(m−1) Σ_{j≠i} |g ∩ valued units of j|,
 *   ce_ck = (cl_c· cl_·k − [c=k] Σ x_g²)/(cl·· − Σ x_g²/cl··), cuα = 1 − (cl·· − Σ cl_cc)/(cl·· − Σ ce_cc);
 *   per value (k)uα = 1 − (ce_k·/cl_k·)(cl_k· − cl_kk)/(ce_k· − ce_kk).
 *
 * Everything is computed from one sweep over the sorted unit boundaries ({@link tallyContinuum}):
 * no per-character arrays, cost O(U log U) for U units whatever L is, and independent of the
 * number of coder pairs (pair sums come from how many coders are active, not from pairing them).
 * The tallies are additive, so continua (documents, codes) pool by summing them.
 * Adjacent units with the same value stay separate units: merging them changes the S terms.
 */
import { defined, oneMinusRatio, undefinedBecause, type Coefficient } from './coefficient.ts';

/** Units on one continuum, as parallel arrays (half-open `[start, end)`, integer positions). */
export interface ContinuumUnits {
  /** L: positions run over `[0, length)`. */
  length: number;
  /** m ≥ 2. */
  coders: number;
  /** How many distinct values (codes) units may carry; values are `0 … values−1`. */
  values: number;
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
  unitCoders: ArrayLike<number>;
  unitValues: ArrayLike<number>;
  /** How many units (the arrays may be longer). */
  count: number;
}

/** What one sweep over a continuum yields; every field is additive across continua. */
export interface ContinuumTally {
  length: number;
  coders: number;
  values: number;
  /** `[value × (coders+1) + k]`: positions where exactly k coders have a unit of that value. */
  valueHistogram: Float64Array;
  /** `[w]`: positions where exactly w coders have at least one unit (of any value). */
  coveredHistogram: Float64Array;
  /** `[value × coders + coder]`: total length of that coder's units of that value. */
  coverage: Float64Array;
  /** `[value × coders + coder]`: how many units. */
  unitCounts: Float64Array;
  /** `[value]`: S_c = Σ squared unit lengths over every coder. */
  squares: Float64Array;
  /** `[value]`: cl_c· = Σ x_g over units g of that value. */
  crossSum: Float64Array;
  /** `[value]`: Σ x_g² over units g of that value. */
  crossSquares: Float64Array;
}

/**
 * Sweeps the sorted boundaries of all units once and tallies what every coefficient of the
 * family needs. Units of one coder may overlap when they carry different values (codes applied
 * to the same passage); units of one coder and one value must not (merge them first).
 *
 * @example
 * // two coders, L = 10: coder 0 marks [0, 4), coder 1 marks [2, 6), both value 0
 * const t = tallyContinuum({ length: 10, coders: 2, values: 1, starts: [0, 2], ends: [4, 6],
 *   unitCoders: [0, 1], unitValues: [0, 0], count: 2 });
 * Array.from(t.valueHistogram) // → [4, 4, 2]: 4 positions nobody, 4 one coder, 2 both
 */
export function tallyContinuum(units: ContinuumUnits): ContinuumTally {
  const { length, coders: m, values, starts, ends, unitCoders, unitValues, count } = units;
  if (m < 2) throw new RangeError('Unitized agreement needs at least two coders.');
  const width = m + 1;
  const valueHistogram = new Float64Array(values * width);
  const coveredHistogram = new Float64Array(width);
  const coverage = new Float64Array(values * m);
  const unitCounts = new Float64Array(values * m);
  const squares = new Float64Array(values);
  const crossSum = new Float64Array(values);
  const crossSquares = new Float64Array(values);

  // Events encoded as position × 2U + (2u + isStart) so one numeric sort orders them.
  const span = 2 * count;
  if ((length + 1) * span > Number.MAX_SAFE_INTEGER) {
    throw new RangeError('The continuum is too long for this many units to be swept exactly.');
  }
  const keys = new Float64Array(span);
  for (let u = 0; u < count; u++) {
    const start = starts[u]!;
    const end = ends[u]!;
    const value = unitValues[u]!;
    const coder = unitCoders[u]!;
    const len = end - start;
    squares[value]! += len * len;
    coverage[value * m + coder]! += len;
    unitCounts[value * m + coder]! += 1;
    keys[2 * u] = start * span + 2 * u + 1;
    keys[2 * u + 1] = end * span + 2 * u;
  }
  keys.sort();

  // Running state. Integrals are kept lazily: each is brought up to date only when the
  // quantity it integrates changes, so the sweep costs O(1) per event.
  const perValue = new Int32Array(values); // how many coders have this value here
  const valueSince = new Float64Array(values);
  const perCoder = new Int32Array(m); // how many units this coder has here
  const coderIntegral = new Float64Array(m); // ∫ perCoder
  const coderSince = new Float64Array(m);
  const startTotal = new Float64Array(count);
  const startCoder = new Float64Array(count);
  let total = 0; // Σ perCoder
  let covered = 0; // coders with at least one unit here
  let totalIntegral = 0; // ∫ total
  let since = 0;

  for (let i = 0; i < span; i++) {
    const key = keys[i]!;
    const event = key % span;
    const position = (key - event) / span;
    const u = event >> 1;
    const value = unitValues[u]!;
    const coder = unitCoders[u]!;
    if (position > since) {
      totalIntegral += total * (position - since);
      coveredHistogram[covered]! += position - since;
      since = position;
    }
    valueHistogram[value * width + perValue[value]!]! += position - valueSince[value]!;
    valueSince[value] = position;
    coderIntegral[coder]! += perCoder[coder]! * (position - coderSince[coder]!);
    coderSince[coder] = position;
    if (event & 1) {
      startTotal[u] = totalIntegral;
      startCoder[u] = coderIntegral[coder]!;
      perValue[value]!++;
      if (perCoder[coder]!++ === 0) covered++;
      total++;
    } else {
      // x_g: the other coders' valued units over g, averaged over the m − 1 other coders.
      const x = (totalIntegral - startTotal[u]! - (coderIntegral[coder]! - startCoder[u]!)) / (m - 1);
      crossSum[value]! += x;
      crossSquares[value]! += x * x;
      perValue[value]!--;
      if (--perCoder[coder]! === 0) covered--;
      total--;
    }
  }
  coveredHistogram[0]! += length - since;
  for (let v = 0; v < values; v++) valueHistogram[v * width]! += length - valueSince[v]!;
  return { length, coders: m, values, valueHistogram, coveredHistogram, coverage, unitCounts, squares, crossSum, crossSquares };
}

/**
 * Adds `from` into `into` (same coders and values): pooling continua by summing coincidences.
 *
 * @example addTally(documentTotal, tallyOfNextDocument)
 */
export function addTally(into: ContinuumTally, from: ContinuumTally): void {
  into.length += from.length;
  for (const key of ['valueHistogram', 'coveredHistogram', 'coverage', 'unitCounts', 'squares', 'crossSum', 'crossSquares'] as const) {
    const target = into[key];
    const source = from[key];
    for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
  }
}

/** An empty tally to pool into. */
export function emptyTally(coders: number, values: number): ContinuumTally {
  return {
    length: 0, coders, values,
    valueHistogram: new Float64Array(values * (coders + 1)),
    coveredHistogram: new Float64Array(coders + 1),
    coverage: new Float64Array(values * coders),
    unitCounts: new Float64Array(values * coders),
    squares: new Float64Array(values),
    crossSum: new Float64Array(values),
    crossSquares: new Float64Array(values),
  };
}

/** Σ_k h[k]·k(k−1)/(m−1): the coincidences of coders who are both in the state counted by h. */
function selfCoincidence(histogram: ArrayLike<number>, offset: number, m: number): number {
  let sum = 0;
  for (let k = 2; k <= m; k++) sum += (histogram[offset + k]! * k * (k - 1)) / (m - 1);
  return sum;
}

/**
 * |uα (α-binary) from a histogram of how many coders mark each position (`histogram[k]`,
 * k = 0…m; Σ = L) and the sum of squared valued-unit lengths. Pools by summing both.
 *
 * @example
 * // L = 10, both coders mark [0, 5) exactly: perfect agreement
 * computeBinaryUnitizedAlpha(2, [5, 0, 5], 50).value // → 1
 */
export function computeBinaryUnitizedAlpha(coders: number, histogram: ArrayLike<number>, valuedSquares: number, offset = 0): Coefficient {
  const m = coders;
  let L = 0;
  let valued = 0;
  let gapSelf = 0;
  for (let k = 0; k <= m; k++) {
    const h = histogram[offset + k]!;
    L += h;
    valued += k * h;
    gapSelf += (h * (m - k) * (m - k - 1)) / (m - 1);
  }
  const all = m * L;
  if (all === 0) return undefinedBecause('The continuum is empty.');
  const valuedSelf = selfCoincidence(histogram, offset, m);
  const gap = all - valued;
  const S = valuedSquares + gap;
  const expectedSelf = (all * (valued * valued - valuedSquares + gap * gap - gap)) / (all * all - S);
  return oneMinusRatio(
    all - valuedSelf - gapSelf,
    all - expectedSelf,
    'No variation: every coder leaves the whole continuum uncoded, or codes all of it, so α-binary is undefined.',
  );
}

/** Per-value sums for cuα: cl_cc, cl_c· = Σ x_g and Σ x_g². */
export interface CuSums {
  self: ArrayLike<number>;
  cross: ArrayLike<number>;
  crossSquares: ArrayLike<number>;
}

/** cuα of a whole domain and (k)uα of each value. */
export interface CuAlpha {
  cuAlpha: Coefficient;
  /** Per value index: (k)uα. */
  byValue: Coefficient[];
  /** Per value index: cl_k· / l_k·, the share of the value's length that meets other coders' valued units (NaN without units). */
  coverage: number[];
}

/**
 * cuα and (k)uα from per-value sums; `lengths[k]` = l_k· (total length of value k over all
 * coders) gives the coverage figures.
 *
 * @example computeCuAlpha({ self: [21, 8], cross: [21, 8], crossSquares: [147, 32] }, [21, 18]).cuAlpha.value // → 1
 */
export function computeCuAlpha(sums: CuSums, lengths: ArrayLike<number>): CuAlpha {
  const q = sums.cross.length;
  let cl = 0;
  let X = 0;
  let self = 0;
  for (let c = 0; c < q; c++) {
    cl += sums.cross[c]!;
    X += sums.crossSquares[c]!;
    self += sums.self[c]!;
  }
  const coverage = Array.from({ length: q }, (_, c) => (lengths[c]! > 0 ? sums.cross[c]! / lengths[c]! : Number.NaN));
  const denominator = cl - X / cl;
  if (!(cl > 0) || !(denominator > 1e-12)) {
    const reason = cl > 0
      ? 'Only one pair of valued units meets, so cu-α has no expected coincidences.'
      : "No two coders' valued units overlap, so cu-α is undefined.";
    return { cuAlpha: undefinedBecause(reason), byValue: Array.from({ length: q }, () => undefinedBecause(reason)), coverage };
  }
  let expectedSelf = 0;
  for (let c = 0; c < q; c++) expectedSelf += (sums.cross[c]! ** 2 - sums.crossSquares[c]!) / denominator;
  const cuAlpha = oneMinusRatio(
    cl - self,
    cl - expectedSelf,
    'Every overlap of valued units carries the same value, so cu-α (which compares values) is undefined.',
  );
  const byValue: Coefficient[] = [];
  for (let k = 0; k < q; k++) {
    const row = sums.cross[k]!;
    if (!(row > 0)) {
      byValue.push(undefinedBecause("No unit with this value overlaps another coder's valued unit."));
      continue;
    }
    const expectedRow = (row * cl - sums.crossSquares[k]!) / denominator;
    const expectedDiagonal = (row * row - sums.crossSquares[k]!) / denominator;
    const spread = expectedRow - expectedDiagonal;
    if (!(Math.abs(spread) > 1e-12)) {
      byValue.push(undefinedBecause('Every overlap of valued units carries this value, so its (k)uα is undefined.'));
      continue;
    }
    byValue.push(defined(1 - ((expectedRow / row) * (row - sums.self[k]!)) / spread));
  }
  return { cuAlpha, byValue, coverage };
}

/**
 * uα over values and gaps, from a tally whose coders never overlap themselves (a partition of
 * the continuum into valued units and gaps per coder).
 *
 * @example computeValuedUnitizedAlpha(tallyContinuum(units)).value
 */
export function computeValuedUnitizedAlpha(tally: ContinuumTally): Coefficient {
  const m = tally.coders;
  const width = m + 1;
  const all = m * tally.length;
  if (all === 0) return undefinedBecause('The continuum is empty.');
  let observedSelf = 0;
  let valuedTotal = 0;
  let expectedNumerator = 0;
  let S = 0;
  for (let v = 0; v < tally.values; v++) {
    observedSelf += selfCoincidence(tally.valueHistogram, v * width, m);
    let V = 0;
    for (let c = 0; c < m; c++) V += tally.coverage[v * m + c]!;
    valuedTotal += V;
    expectedNumerator += V * V - tally.squares[v]!;
    S += tally.squares[v]!;
  }
  for (let w = 0; w < m; w++) observedSelf += (tally.coveredHistogram[w]! * (m - w) * (m - w - 1)) / (m - 1);
  const gap = all - valuedTotal;
  expectedNumerator += gap * gap - gap;
  S += gap;
  const expectedSelf = (all * expectedNumerator) / (all * all - S);
  return oneMinusRatio(all - observedSelf, all - expectedSelf, 'No variation on the continuum, so uα is undefined.');
}

/** One unit of a unitized reliability data set: `[start, end)` carrying `value`. */
export interface ValuedUnit {
  start: number;
  end: number;
  value: string;
}

/** A unitized reliability data set: a continuum `[0, length)` and each coder's units on it. */
export interface UnitizedData {
  length: number;
  /** Coder name → units (no two units of one coder overlap). */
  coders: Readonly<Record<string, ReadonlyArray<ValuedUnit>>>;
}

/** The unitized family for one data set. */
export interface UnitizedAlpha {
  uAlpha: Coefficient;
  binaryUAlpha: Coefficient;
  cuAlpha: Coefficient;
  /** Value → (k)uα and its coverage (share of the value's length meeting other coders' valued units). */
  byValue: Record<string, { uAlpha: Coefficient; coverage: number | null }>;
  /** cl·· / l··: valued × valued coincidences as a share of all pairable positions (m·L). */
  cuCoverage: number | null;
}

/**
 * uα, |uα, cuα and (k)uα for coders who unitize one continuum. Throws a `RangeError` (one
 * sentence) for units outside `[0, length)`, non-integer positions, empty units, or overlapping
 * units of one coder.
 *
 * @example
 * computeUnitizedAlpha({ length: 10, coders: {
 *   ann: [{ start: 0, end: 5, value: 'x' }],
 *   bob: [{ start: 0, end: 5, value: 'x' }],
 * } }).uAlpha.value // → 1
 */
export function computeUnitizedAlpha(data: UnitizedData): UnitizedAlpha {
  const names = Object.keys(data.coders);
  if (names.length < 2) throw new RangeError('Unitized agreement needs at least two coders.');
  const L = data.length;
  if (!Number.isInteger(L) || L <= 0) throw new RangeError('The continuum length must be a positive whole number.');
  const valueIndex = new Map<string, number>();
  const starts: number[] = [];
  const ends: number[] = [];
  const unitCoders: number[] = [];
  const unitValues: string[] = [];
  names.forEach((name, coder) => {
    const units = [...data.coders[name]!].sort((a, b) => a.start - b.start);
    units.forEach((unit, i) => {
      const { start, end, value } = unit;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > L || start >= end) {
        throw new RangeError(`Coder "${name}" has a unit [${start}, ${end}) that is not a whole-number range with 0 ≤ start < end ≤ ${L}.`);
      }
      const previous = units[i - 1];
      if (previous && previous.end > start) {
        throw new RangeError(`Coder "${name}" has overlapping units [${previous.start}, ${previous.end}) and [${start}, ${end}).`);
      }
      if (!valueIndex.has(value)) valueIndex.set(value, valueIndex.size);
      starts.push(start);
      ends.push(end);
      unitCoders.push(coder);
      unitValues.push(value);
    });
  });
  const values = [...valueIndex.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const sortedIndex = new Map(values.map((v, i) => [v, i]));
  const tally = tallyContinuum({
    length: L, coders: names.length, values: values.length, starts, ends, unitCoders,
    unitValues: unitValues.map((v) => sortedIndex.get(v)!), count: starts.length,
  });
  return summarizeTally(tally, values);
}

function summarizeTally(tally: ContinuumTally, values: string[]): UnitizedAlpha {
  const m = tally.coders;
  const width = m + 1;
  let valuedSquares = 0;
  const self: number[] = [];
  const lengths: number[] = [];
  for (let v = 0; v < values.length; v++) {
    valuedSquares += tally.squares[v]!;
    self.push(selfCoincidence(tally.valueHistogram, v * width, m));
    let V = 0;
    for (let c = 0; c < m; c++) V += tally.coverage[v * m + c]!;
    lengths.push(V);
  }
  const cu = computeCuAlpha({ self, cross: tally.crossSum, crossSquares: tally.crossSquares }, lengths);
  const byValue: UnitizedAlpha['byValue'] = {};
  values.forEach((value, v) => {
    const coverage = cu.coverage[v]!;
    byValue[value] = { uAlpha: cu.byValue[v]!, coverage: Number.isNaN(coverage) ? null : coverage };
  });
  const pairable = m * tally.length;
  const cross = Array.from(tally.crossSum).reduce((a, b) => a + b, 0);
  return {
    uAlpha: computeValuedUnitizedAlpha(tally),
    binaryUAlpha: computeBinaryUnitizedAlpha(m, tally.coveredHistogram, valuedSquares),
    cuAlpha: cu.cuAlpha,
    byValue,
    cuCoverage: pairable > 0 ? cross / pairable : null,
  };
}

/** cl_cc of value v in a tally (exported for the codings report). */
export function valueSelfCoincidence(tally: ContinuumTally, value: number): number {
  return selfCoincidence(tally.valueHistogram, value * (tally.coders + 1), tally.coders);
}
