/**
 * Agreement on binary judgements ("did this coder apply the code to this unit?") summarised by
 * counts, whatever the unit is (characters, segment places, documents): how many units exactly
 * k of the m coders coded, and how many each coder coded. Counts add up, so documents and codes
 * pool by summing tallies, never by averaging coefficients.
 *
 * Also the NVivo coding-comparison figures, which are these coefficients on characters.
 */
import { chanceCorrect, undefinedBecause, type Coefficient } from './coefficient.ts';
import type { PercentAgreement } from './reliabilityData.ts';

/** Binary judgements of m coders over a set of units. */
export interface BinaryTally {
  coders: number;
  /** `[k]`, k = 0…m: units exactly k coders coded. */
  histogram: Float64Array;
  /** `[coder]`: units that coder coded. */
  positives: Float64Array;
}

/**
 * An empty tally for m coders.
 *
 * @example emptyBinaryTally(2).histogram // → Float64Array [0, 0, 0]
 */
export function emptyBinaryTally(coders: number): BinaryTally {
  return { coders, histogram: new Float64Array(coders + 1), positives: new Float64Array(coders) };
}

/**
 * Adds `from` into `into` (pooling by summing counts).
 *
 * @example addBinaryTally(pooled, documentTally)
 */
export function addBinaryTally(into: BinaryTally, from: BinaryTally): void {
  for (let k = 0; k < into.histogram.length; k++) into.histogram[k]! += from.histogram[k]!;
  for (let c = 0; c < into.positives.length; c++) into.positives[c]! += from.positives[c]!;
}

/** Percent agreement and the chance-corrected coefficients of a binary tally. */
export interface BinaryAgreement {
  /** How many units were judged. */
  units: number;
  /** `pairwise` definition: mean share of agreeing coder pairs per unit (for two coders: (both + neither)/units). */
  percentAgreement: PercentAgreement;
  /** Cohen's κ (two coders only). */
  cohenKappa: Coefficient;
  /** Fleiss' κ (any number of coders; equals Scott's π for two). */
  fleissKappa: Coefficient;
}

const NO_CODING = 'No coder applied the code to these units, so there is no variation and the coefficient is undefined.';
const ALL_CODED = 'Every coder coded every unit, so there is no variation and the coefficient is undefined.';

/**
 * Percent agreement, Cohen's κ (two coders) and Fleiss' κ of a binary tally.
 *
 * @example
 * // 1000 characters: 50 both, 150 only A, 800 neither (NVivo's help example)
 * const t = { coders: 2, histogram: Float64Array.of(800, 150, 50), positives: Float64Array.of(200, 50) };
 * computeBinaryAgreement(t).percentAgreement.value // → 0.85
 * computeBinaryAgreement(t).cohenKappa.value // → 80/230 = 0.3478
 */
export function computeBinaryAgreement(tally: BinaryTally): BinaryAgreement {
  const m = tally.coders;
  const h = tally.histogram;
  let N = 0;
  let coded = 0;
  let agreeing = 0;
  for (let k = 0; k <= m; k++) {
    N += h[k]!;
    coded += k * h[k]!;
    agreeing += h[k]! * (k * (k - 1) + (m - k) * (m - k - 1));
  }
  if (N === 0) {
    const none = undefinedBecause('There are no units to compare.');
    return { units: 0, percentAgreement: { ...none, definition: 'pairwise' }, cohenKappa: none, fleissKappa: none };
  }
  const po = agreeing / (m * (m - 1) * N);
  const noVariation = coded === 0 ? NO_CODING : coded === m * N ? ALL_CODED : undefined;
  const p = coded / (m * N);
  const fleissKappa = chanceCorrect(po, p * p + (1 - p) * (1 - p), noVariation);
  let cohenKappa: Coefficient;
  if (m !== 2) {
    cohenKappa = undefinedBecause(`Cohen's κ compares exactly two coders; there are ${m} (see Fleiss' κ).`);
  } else {
    const pa = tally.positives[0]! / N;
    const pb = tally.positives[1]! / N;
    cohenKappa = chanceCorrect(po, pa * pb + (1 - pa) * (1 - pb), noVariation);
  }
  return { units: N, percentAgreement: { value: po, definition: 'pairwise' }, cohenKappa, fleissKappa };
}

/** NVivo's coding-comparison figures for one code × source. */
export interface NvivoComparison {
  /** (both + neither) / total. */
  percentAgreement: Coefficient;
  /** κ = (TA − ΣEF)/(TU − ΣEF), EF1 = A·B/TU, EF2 = ¬A·¬B/TU: Cohen's κ on the coded/uncoded table. */
  kappa: Coefficient;
}

/**
 * NVivo's percentage agreement and κ for one code in one source, from character counts.
 * Where NVivo prints κ = 1 because neither user coded anything, this returns `null`.
 *
 * @example
 * computeNvivoComparison({ total: 1000, both: 50, aOnly: 150, bOnly: 0 })
 * // → { percentAgreement: { value: 0.85 }, kappa: { value: 0.3478… } }
 */
export function computeNvivoComparison(counts: { total: number; both: number; aOnly: number; bOnly: number }): NvivoComparison {
  const { total, both, aOnly, bOnly } = counts;
  const neither = total - both - aOnly - bOnly;
  if (!(neither >= 0) || both < 0 || aOnly < 0 || bOnly < 0) {
    throw new RangeError('Character counts must be non-negative and add up to at most the total.');
  }
  const result = computeBinaryAgreement({
    coders: 2,
    histogram: Float64Array.of(neither, aOnly + bOnly, both),
    positives: Float64Array.of(both + aOnly, both + bOnly),
  });
  return { percentAgreement: result.percentAgreement, kappa: result.cohenKappa };
}
