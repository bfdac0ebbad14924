/**
 * A small seeded pseudo-random generator (mulberry32) so that bootstrap intervals and generated
 * benchmark data are reproducible: the same seed always gives the same sequence, on every host.
 */

/**
 * Returns a generator of floats in `[0, 1)` determined entirely by `seed` (any integer).
 *
 * @example
 * const random = createRandom(42);
 * random(); // the same number on every run with seed 42
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
