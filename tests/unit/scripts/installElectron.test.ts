// scripts/installElectron.mjs, spawned for real with a stand-in for electron's install.js that
// succeeds, fails, hangs or is missing: `npm install` must never fail because of it, and the
// user must get one line saying what happened.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'installElectron.mjs');
const folder = mkdtempSync(join(tmpdir(), 'marginalia-install-electron-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const OFFLINE_LINE =
  "Electron's binary could not be downloaded (offline?); `npm start` will serve Marginalia in your browser instead. Run `npm run install-electron` later to retry. (The download failed with: RequestError: getaddrinfo ENOTFOUND github.com)";

/** Writes a stand-in install.js; it records that it ran (pid, cwd, one npm config) in `marker`. */
function stub(name: string, body: string) {
  const path = join(folder, `${name}.cjs`);
  const marker = join(folder, `${name}.ran.json`);
  writeFileSync(
    path,
    `require('fs').writeFileSync(${JSON.stringify(marker)}, JSON.stringify({ pid: process.pid, cwd: process.cwd(), mirror: process.env.npm_config_electron_mirror ?? null }));\n${body}\n`,
  );
  return { path, marker };
}

function run(installScript: string, { args = [] as string[], env = {} as Record<string, string> } = {}) {
  const childEnv: Record<string, string | undefined> = { ...process.env, MARGINALIA_ELECTRON_INSTALL_SCRIPT: installScript, ...env };
  if (!('ELECTRON_SKIP_BINARY_DOWNLOAD' in env)) delete childEnv.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return new Promise<{ status: number | null; stdout: string; stderr: string; seconds: number }>((resolve) => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [SCRIPT, ...args], { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr, seconds: (Date.now() - startedAt) / 1000 }));
  });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('installElectron.mjs (the postinstall that downloads Electron)', () => {
  it("runs electron's install script in its own folder, with npm's config, and says Electron is installed", async () => {
    const { path, marker } = stub('succeeds', 'process.exit(0);');
    const result = await run(path, { env: { npm_config_electron_mirror: 'https://mirror.example/electron/' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Electron is installed; `npm start` opens the desktop app.\n');
    expect(result.stderr).toBe('');
    const ran = JSON.parse(readFileSync(marker, 'utf8'));
    expect(ran.cwd).toBe(folder);
    expect(ran.mirror).toBe('https://mirror.example/electron/');
  });

  it('turns a failed download into one line and exit 0, so npm install goes on', async () => {
    const { path } = stub(
      'fails',
      "console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (/x/got/index.js:970:111)\\n    at emitErrorEvent (node:_http_client:101:11)'); process.exit(1);",
    );
    const result = await run(path);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${OFFLINE_LINE}\n`);
    expect(result.stderr).toBe('');
  });

  it('names the exit code when the failing script says nothing', async () => {
    const { path } = stub('fails-silently', 'process.exit(3);');
    const result = await run(path);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "Electron's binary could not be downloaded (offline?); `npm start` will serve Marginalia in your browser instead. Run `npm run install-electron` later to retry. (The download failed with: install script exited with 3)\n",
    );
  });

  it('`npm run install-electron` (--strict) exits 1 on a failed download and does not suggest itself', async () => {
    const { path } = stub('fails-strict', "console.error('RequestError: getaddrinfo ENOTFOUND github.com'); process.exit(1);");
    const result = await run(path, { args: ['--strict'] });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      "Electron's binary could not be downloaded (offline?); `npm start` will serve Marginalia in your browser instead. (The download failed with: RequestError: getaddrinfo ENOTFOUND github.com)\n",
    );
  });

  it('stops a download that hangs at the time limit, kills it, and still exits 0', async () => {
    const { path, marker } = stub('hangs', 'setInterval(() => {}, 1000);');
    const result = await run(path, { env: { MARGINALIA_ELECTRON_INSTALL_TIMEOUT_MS: '2000' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "Electron's binary could not be downloaded (offline?); `npm start` will serve Marginalia in your browser instead. Run `npm run install-electron` later to retry. (The download failed with: no answer within 2 s)\n",
    );
    expect(result.seconds).toBeGreaterThanOrEqual(2);
    expect(result.seconds).toBeLessThan(15);
    const { pid } = JSON.parse(readFileSync(marker, 'utf8'));
    expect(isAlive(pid)).toBe(false);
  });

  it('honours ELECTRON_SKIP_BINARY_DOWNLOAD without running the install script', async () => {
    const { path, marker } = stub('skipped', 'process.exit(0);');
    const result = await run(path, { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "ELECTRON_SKIP_BINARY_DOWNLOAD is set, so Electron's binary was not downloaded; `npm start` will serve Marginalia in your browser instead.\n",
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('says so when electron is not installed at all (npm install --omit=dev)', async () => {
    const result = await run(join(folder, 'no-such-install.js'));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "Electron's npm package is not installed (dev dependencies omitted?); `npm start` will serve Marginalia in your browser instead.\n",
    );
  });

  it("is what npm runs after install, in place of electron's own install script", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.scripts.postinstall).toBe('node scripts/installElectron.mjs');
    expect(manifest.scripts['install-electron']).toBe('node scripts/installElectron.mjs --strict');
    // false: npm 11.16+ skips the script and does not warn about it; absent would run it.
    expect(manifest.allowScripts.electron).toBe(false);
  });
});
