#!/usr/bin/env node
// `npm run bench [-- --json FILE] [-- --only NAME]`: runs every tests/bench/*.bench.ts with tsx,
// one process each (so one bench's heap never skews another's), and prints a summary table of
// the figures they report. Benchmarks print numbers; they never pass or fail on a clock.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const benchDir = 'tests/bench';
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();

const figures = [];
for (const file of files) {
  console.log(`\n== ${file}`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(benchDir, file)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith('BENCH ')) figures.push({ file, ...JSON.parse(line.slice(6)) });
        else console.log(line);
      }
    });
    child.on('close', resolve);
  });
  if (code !== 0) console.log(`!! ${file} exited with ${code}`);
}

console.log('\nfigure'.padEnd(64) + 'median'.padStart(14) + '  target');
for (const f of figures) {
  const value = `${Number(f.median.toFixed(2))} ${f.unit}`;
  console.log(f.name.padEnd(63) + value.padStart(14) + `  ${f.target}`);
}
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify(figures.map(({ name, median, unit, target }) => ({ name, median, unit, target })), null, 2));
  console.log(`\nwrote ${figures.length} figures to ${jsonFile}`);
}
