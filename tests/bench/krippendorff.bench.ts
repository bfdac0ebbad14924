/**
 * Krippendorff's α growth benchmark: `computeKrippendorffAlpha` (nominal) on generated
 * reliability data (seeded, so every run sees the same table) at 1k, 10k, 100k and 1M units,
 * for 2 coders with no missing values and for 5 coders with about 10 % missing values, and the
 * bootstrap interval (1,000 samples) at each size. Each figure is the median of several runs after
 * a warm-up run, and the ratio per 10× step shows whether the cost grows linearly (≈ 10×).
 *
 * Reference figures quoted in issue 10 (measured elsewhere; the Python `krippendorff` package and
 * R's irrCAC cannot be installed on this machine, so these are not a measured comparison):
 * 100k units × 2 coders, nominal: 77 ms for the numpy-based `krippendorff` package.
 */
import { bootstrapKrippendorffAlpha, computeKrippendorffAlpha } from '../../shared/agreement/krippendorff.ts';
import { createRandom } from '../../shared/agreement/prng.ts';
import type { Rating } from '../../shared/agreement/reliabilityData.ts';
import { median, reportFigure, timeRuns } from './report.ts';

const CATEGORIES = 5;
const SIZES = [1_000, 10_000, 100_000, 1_000_000];

/**
 * Coders who mostly agree: each unit has a "true" category (skewed towards the first ones); each
 * coder gives it with probability 0.8, else a random category, or nothing with `missing`.
 */
function generate(units: number, coders: number, missing: number, seed: number): Rating[][] {
  const random = createRandom(seed);
  const data: Rating[][] = [];
  for (let u = 0; u < units; u++) {
    const truth = Math.floor(random() * random() * CATEGORIES);
    const row: Rating[] = [];
    for (let c = 0; c < coders; c++) {
      if (random() < missing) row.push(null);
      else row.push(random() < 0.8 ? truth : Math.floor(random() * CATEGORIES));
    }
    data.push(row);
  }
  return data;
}

function warmUpsFor(units: number): number {
  return Math.max(1, Math.ceil(100_000 / units));
}

function runsFor(units: number): number {
  return units >= 1_000_000 ? 5 : units >= 100_000 ? 9 : 15;
}

// `npm run bench` starts Node with --expose-gc: collect before timing so the garbage of the
// data generation is not charged to the first runs.
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * Median wall-clock ms of `runs` runs after `warmUps` calls. The process CPU time is printed too: on a
 * shared machine, wall time also counts the time other processes held the cores.
 */
async function measure(label: string, fn: () => unknown, runs: number, warmUps: number): Promise<number> {
  // Warm-up until the optimising compiler has taken the loops (about 100k units' worth of calls).
  for (let i = 0; i < warmUps; i++) fn();
  collectGarbage?.();
  const cpu: number[] = [];
  const wall = await timeRuns(runs, () => {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  });
  const value = median(wall);
  console.log(`${label}: median ${value.toFixed(2)} ms (CPU ${median(cpu).toFixed(2)} ms) over ${runs} runs`);
  return value;
}

async function growth(name: string, coders: number, missing: number, seed: number): Promise<void> {
  let previous: number | null = null;
  const ratios: string[] = [];
  for (const units of SIZES) {
    const data = generate(units, coders, missing, seed);
    const label = `α nominal, ${coders} coders${missing ? `, ${missing * 100} % missing` : ''}, ${units.toLocaleString('en')} units`;
    const value = await measure(label, () => computeKrippendorffAlpha(data, 'nominal'), runsFor(units), warmUpsFor(units));
    const step = previous === null ? '' : `; ${(value / previous).toFixed(1)}× the previous size`;
    reportFigure({
      name: `krippendorff α ${name}, ${units.toLocaleString('en')} units`,
      median: value,
      unit: 'ms',
      target: previous === null ? 'linear growth' : `≈ 10× per 10× units${step}`,
    });
    if (previous !== null) ratios.push(`${(value / previous).toFixed(1)}×`);
    previous = value;
  }
  console.log(`  ratios per 10× units (${name}): ${ratios.join(', ')}`);
}

await growth('nominal, 2 coders', 2, 0, 1);
await growth('nominal, 5 coders, 10% missing', 5, 0.1, 2);

console.log('bootstrap interval (1,000 samples), 2 coders:');
for (const units of [1_000, 100_000, 1_000_000]) {
  const data = generate(units, 2, 0, 3);
  const value = await measure(`  bootstrap, ${units.toLocaleString('en')} units`, () => bootstrapKrippendorffAlpha(data, 'nominal', { samples: 1000, seed: 1 }), runsFor(units), warmUpsFor(units));
  reportFigure({ name: `krippendorff α bootstrap CI, 2 coders, ${units.toLocaleString('en')} units`, median: value, unit: 'ms', target: 'not dominated by the samples' });
}
console.log('issue 10 reference (not measured here): 100k units × 2 coders nominal, Python `krippendorff` 77 ms.');
