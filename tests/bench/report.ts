/**
 * How a benchmark reports a figure. Each bench script prints human-readable lines and, for every
 * figure, one machine-readable line `BENCH {"name","median","unit","target"}` that
 * scripts/bench.mjs collects into the summary table and the optional --json file.
 */
export interface BenchFigure {
  name: string;
  median: number;
  unit: string;
  /** The target as text, e.g. "< 500 ms". */
  target: string;
}

export function reportFigure(figure: BenchFigure): void {
  console.log(`BENCH ${JSON.stringify(figure)}`);
}

/** The median of a non-empty list of samples. */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `runs` times and returns the wall-clock durations in milliseconds. */
export async function timeRuns(runs: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}
