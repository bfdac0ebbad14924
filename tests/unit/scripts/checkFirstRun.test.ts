// scripts/checkFirstRun.mjs reads the command it checks from README "Quick start"; the check
// itself (a fresh clone, npm install, the app served) runs in .ci/run, not here: it takes minutes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('checkFirstRun.mjs', () => {
  it("checks the README's first command, as a new user types it", () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'checkFirstRun.mjs'), '--print-command'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('npm install && npm start\n');
  });

  it('refuses an unknown option in one line', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'checkFirstRun.mjs'), '--port', '1'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('Unknown option --port. Usage: node scripts/checkFirstRun.mjs [--timeout-seconds N] [--print-command]\n');
  });
});
