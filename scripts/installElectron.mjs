#!/usr/bin/env node
// Downloads Electron's binary without ever failing `npm install`.
//
// Electron's own postinstall (node_modules/electron/install.js) downloads the binary and,
// when the download host cannot be reached, exits 1 — which aborts the whole `npm install`,
// so `npm start` never gets to its browser fallback. package.json therefore denies electron's
// install script (`allowScripts`) and the project's own `postinstall` runs this script, which
// runs the same install.js in a child process, with a time limit, and turns a failure into one
// line and exit 0. `npm start` then serves the browser build (scripts/start.mjs).
//
// `npm run install-electron` runs it again (`--strict`: a failed download exits 1 there,
// since the user asked for exactly that download).
//
// Honours ELECTRON_SKIP_BINARY_DOWNLOAD like electron's install.js does (any non-empty value).
// Environment used only by the tests (tests/unit/scripts/installElectron.test.ts):
// MARGINALIA_ELECTRON_INSTALL_SCRIPT (a stand-in for electron's install.js) and
// MARGINALIA_ELECTRON_INSTALL_TIMEOUT_MS.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
// The binary is about 100 MB; allow a slow connection, but not a firewall that drops packets
// and leaves the download hanging for ever.
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const FALLBACK = '`npm start` will serve Marginalia in your browser instead.';
const RETRY = 'Run `npm run install-electron` later to retry.';

const isStrict = process.argv.includes('--strict');

function findInstallScript() {
  const override = process.env.MARGINALIA_ELECTRON_INSTALL_SCRIPT;
  if (override) return override;
  try {
    return require.resolve('electron/install.js');
  } catch {
    return null;
  }
}

function timeLimitMs() {
  const raw = process.env.MARGINALIA_ELECTRON_INSTALL_TIMEOUT_MS;
  const value = raw ? Number(raw) : DEFAULT_TIMEOUT_MS;
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

/** The first line of the child's error output that says what went wrong, for the one line. */
function reasonFrom(errorOutput) {
  const line = errorOutput
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('at '));
  if (!line) return '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function finish(failure) {
  if (failure === null) {
    console.log('Electron is installed; `npm start` opens the desktop app.');
    process.exit(0);
  }
  // One line: what failed and why, what happens instead, and how to retry.
  const advice = isStrict ? FALLBACK : `${FALLBACK} ${RETRY}`;
  console.log(`Electron's binary could not be downloaded (offline?); ${advice} (The download failed with: ${failure})`);
  process.exit(isStrict ? 1 : 0);
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(`ELECTRON_SKIP_BINARY_DOWNLOAD is set, so Electron's binary was not downloaded; ${FALLBACK}`);
  process.exit(0);
}

const installScript = findInstallScript();
if (!installScript || !existsSync(installScript)) {
  // `npm install --omit=dev` leaves electron (a dev dependency) out entirely.
  console.log(`Electron's npm package is not installed (dev dependencies omitted?); ${FALLBACK}`);
  process.exit(isStrict ? 1 : 0);
}

const limitMs = timeLimitMs();
const child = spawn(process.execPath, [installScript], {
  cwd: dirname(installScript),
  // Progress (if any) to the terminal; errors are kept for the one line, not dumped as a stack.
  stdio: ['ignore', 'inherit', 'pipe'],
  env: process.env,
});
let errorOutput = '';
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk) => {
  if (errorOutput.length < 64 * 1024) errorOutput += chunk;
});

let isTimedOut = false;
const timer = setTimeout(() => {
  isTimedOut = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
}, limitMs);

child.on('error', (error) => {
  clearTimeout(timer);
  finish(error.message);
});
child.on('close', (code, signal) => {
  clearTimeout(timer);
  if (isTimedOut) finish(`no answer within ${Math.round(limitMs / 1000)} s`);
  else if (code === 0) finish(null);
  else finish(reasonFrom(errorOutput) || `install script exited with ${code ?? signal}`);
});
