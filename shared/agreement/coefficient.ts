/**
 * The one result shape every agreement figure shares: a number, or `null` together with the
 * reason it is undefined. Undefined stays undefined: when coders show no variation (chance
 * agreement Pe = 1, expected disagreement De = 0) or there is nothing to compare, the figure is
 * `null` with a sentence saying why, never a made-up 0 or 1.
 */

/** An agreement figure: `value` is a number, or `null` and `reason` says why it is undefined. */
export interface Coefficient {
  value: number | null;
  /** Present exactly when `value` is `null`: one sentence for the reader of a report. */
  reason?: string;
}

/** Chance agreement this close to 1 is treated as exactly 1 (floating-point noise, not data). */
const NO_VARIATION_EPSILON = 1e-12;

/**
 * A defined figure.
 *
 * @example defined(0.75) // → { value: 0.75 }
 */
export function defined(value: number): Coefficient {
  return { value };
}

/**
 * An undefined figure and why.
 *
 * @example undefinedBecause('no variation') // → { value: null, reason: 'no variation' }
 */
export function undefinedBecause(reason: string): Coefficient {
  return { value: null, reason };
}

/**
 * The chance-corrected form `(Po − Pe) / (1 − Pe)` shared by Cohen's κ, Scott's π,
 * Brennan–Prediger, Fleiss' κ and Gwet's AC1; undefined when `Pe` is 1.
 *
 * @example chanceCorrect(0.75, 0.5) // → { value: 0.5 }
 * @example chanceCorrect(1, 1).value // → null (no variation)
 */
export function chanceCorrect(observed: number, chance: number, reasonIfUndefined?: string): Coefficient {
  if (!(1 - chance > NO_VARIATION_EPSILON)) {
    return undefinedBecause(
      reasonIfUndefined ?? 'Chance agreement is 1 (every rating falls in one category), so the coefficient is undefined.',
    );
  }
  return defined((observed - chance) / (1 - chance));
}

/**
 * `1 − observed/expected` for disagreement-based coefficients (Krippendorff's α family);
 * undefined when the expected disagreement is 0.
 *
 * @example oneMinusRatio(0.4, 0.442) // → { value: 0.0950… }
 */
export function oneMinusRatio(observed: number, expected: number, reasonIfUndefined?: string): Coefficient {
  if (!(Math.abs(expected) > NO_VARIATION_EPSILON)) {
    return undefinedBecause(
      reasonIfUndefined ?? 'Expected disagreement is 0 (no variation in the data), so the coefficient is undefined.',
    );
  }
  return defined(1 - observed / expected);
}
