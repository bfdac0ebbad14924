#!/usr/bin/env node
// CI check that the README's first command works on a fresh machine that cannot download
// Electron's binary: clones the repository into a temporary folder, runs the command from
// README "Quick start" there exactly as written (read from the README, so the two cannot
// drift), with ELECTRON_SKIP_BINARY_DOWNLOAD unset and CI=true (so no browser is opened), and
// waits until the printed URL answers with the app's page. Then it stops the command's whole
// process group and removes the clone. Prints one line saying whether it worked; on failure
// also the end of the command's output.
//
// Usage: node scripts/checkFirstRun.mjs [--timeout-seconds N] [--print-command]
// (--print-command prints the command it would run and exits.)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const APP_MARKER = '<title>Marginalia';
const URL_LINE = /Marginalia is running at (http:\/\/\S+)/;
const OUTPUT_TAIL_LINES = 80;

function parseArguments(argv) {
  const options = { timeoutSeconds: 240, isPrintOnly: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--print-command') options.isPrintOnly = true;
    else if (argument === '--timeout-seconds') options.timeoutSeconds = Number(argv[(index += 1)]);
    else {
      console.error(`Unknown option ${argument}. Usage: node scripts/checkFirstRun.mjs [--timeout-seconds N] [--print-command]`);
      process.exit(2);
    }
  }
  if (!Number.isFinite(options.timeoutSeconds) || options.timeoutSeconds <= 0) {
    console.error('--timeout-seconds needs a positive number.');
    process.exit(2);
  }
  return options;
}

/** The first ```sh block of README "## Quick start": the command a new user types first. */
function firstCommandOf(readme) {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start'));
  const block = section?.match(/```sh\n([\s\S]*?)```/);
  const command = block?.[1].trim();
  if (!command || command.includes('\n')) {
    throw new Error('README.md "Quick start" has no one-line ```sh block to check.');
  }
  return command;
}

/** A shell as a new user has it: no Electron opt-out, and nothing left over from a parent npm. */
function freshEnvironment() {
  const env = { ...process.env, CI: 'true' };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  if (env.npm_lifecycle_event) {
    for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
    delete env.INIT_CWD;
  }
  return env;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function pageAt(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.ok ? await response.text() : '';
  } catch {
    return '';
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const command = firstCommandOf(readFileSync(join(projectRoot, 'README.md'), 'utf8'));
  if (options.isPrintOnly) {
    console.log(command);
    return 0;
  }

  const folder = mkdtempSync(join(tmpdir(), 'marginalia-first-run-'));
  const clone = join(folder, 'marginalia');
  let child;
  let output = '';
  let exit = null;
  let verdict = '';
  const startedAt = Date.now();
  const seconds = () => Math.round((Date.now() - startedAt) / 1000);

  const isGroupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const cleanUp = async () => {
    if (child) {
      // The command's own process group: sh, npm, start.mjs and the server it runs. Wait for
      // all of them, not just sh, so nothing still writes into the clone as it is removed.
      signalGroup('SIGTERM');
      for (let waited = 0; isGroupAlive() && waited < 10_000; waited += 200) await sleep(200);
      if (isGroupAlive()) signalGroup('SIGKILL');
      for (let waited = 0; isGroupAlive() && waited < 5000; waited += 200) await sleep(200);
    }
    rmSync(folder, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      void cleanUp().then(() => process.exit(1));
    });
  }

  try {
    console.log(`First-run check: \`${command}\` in a fresh clone (${clone}), without ELECTRON_SKIP_BINARY_DOWNLOAD…`);
    execFileSync('git', ['clone', '--quiet', projectRoot, clone], { stdio: ['ignore', 'ignore', 'inherit'] });
    child = spawn('sh', ['-c', command], { cwd: clone, env: freshEnvironment(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk) => {
      output += chunk;
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    child.on('exit', (code, signal) => {
      exit = { code, signal };
    });

    const deadline = startedAt + options.timeoutSeconds * 1000;
    let failure = null;
    while (true) {
      const url = output.match(URL_LINE)?.[1];
      if (url && (await pageAt(url)).includes(APP_MARKER)) {
        verdict = `First-run check passed: \`${command}\` served Marginalia at ${url} after ${seconds()} s.`;
        return 0;
      }
      if (exit !== null) {
        failure = `\`${command}\` stopped (exit ${exit.code ?? exit.signal}) after ${seconds()} s without serving Marginalia.`;
        break;
      }
      if (Date.now() > deadline) {
        const where = url ? `${url} did not answer with Marginalia's page` : 'no "Marginalia is running at" line appeared';
        const why = output.includes('Electron is installed') ? ' (Electron was downloaded, so `npm start` opened the desktop app; this check covers only machines where the download fails)' : '';
        failure = `\`${command}\` did not serve Marginalia within ${options.timeoutSeconds} s: ${where}${why}.`;
        break;
      }
      await sleep(1000);
    }
    console.log(`Output of \`${command}\` (last ${OUTPUT_TAIL_LINES} lines):`);
    console.log(output.trimEnd().split('\n').slice(-OUTPUT_TAIL_LINES).map((line) => `  | ${line}`).join('\n'));
    verdict = `First-run check FAILED: ${failure}`;
    return 1;
  } finally {
    await cleanUp();
    // Last, so the one line that says how it went is the last thing in the log.
    if (verdict) console.log(verdict);
  }
}

main().then(
  (status) => process.exit(status),
  (error) => {
    console.log(`First-run check FAILED: ${error?.message ?? String(error)}`);
    process.exit(1);
  },
);
