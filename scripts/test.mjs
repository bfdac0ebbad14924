#!/usr/bin/env node
// `npm test`: every check a change must pass, in order — typecheck (strict, both TypeScript
// projects), lint (including the layer boundaries), unit tests, end-to-end tests in Chromium —
// then one closing line `N passed, N failed` summing all of them. Typecheck and lint count as
// one check each; vitest's tests count one each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv.slice(2);
const wants = (name) => only.length === 0 || only.includes(name);
let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(name, command, args) {
  if (!wants(name)) return;
  if (step(name, command, args)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

function vitest(project) {
  if (!wants(project)) return;
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-vitest-'));
  const report = join(dir, 'report.json');
  const ok = step(`${project} tests`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    // A suite that fails to load has no failed test but is a failure all the same.
    const brokenSuites = json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed')).length;
    failed += brokenSuites;
    if (json.numFailedTests > 0 || brokenSuites > 0) failures.push(`${project} tests`);
    console.log(`${project}: ${json.numPassedTests} passed, ${json.numFailedTests} failed${brokenSuites ? `, ${brokenSuites} suites failed to run` : ''}`);
  } catch {
    failed++;
    failures.push(`${project} tests (no report)`);
  }
  if (!ok && !failures.some((f) => f.startsWith(project))) {
    failed++;
    failures.push(`${project} tests (exit code)`);
  }
  rmSync(dir, { recursive: true, force: true });
}

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']);
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']);
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json']);
check('lint', 'npx', ['eslint', '.']);
vitest('unit');
vitest('e2e');

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
