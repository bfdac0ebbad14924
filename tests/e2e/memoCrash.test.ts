/**
 * Nothing typed in a memo is lost when the browser dies: Debian's Chromium runs on a persistent
 * profile, the researcher types, the pane says "Saved", and the browser process is killed with
 * SIGKILL (no unload, no flush). Relaunched on the same profile, every word acknowledged before
 * a kill is in the memo — over several kills in a row. And a reload straight after typing, with
 * no wait at all, keeps every word (the flush on beforeunload/pagehide stores it).
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, completeFirstRun, screenshot } from './browser.ts';
import { memoText, openMemoFromManager, storedMemos, waitForSaved, writeProjectMemo } from './memoPages.ts';

const baseUrl = inject('baseUrl');
const profiles: string[] = [];

function newProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'memo-crash-'));
  profiles.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

interface Running {
  process: ChildProcess;
  browser: Browser;
  page: Page;
}

/** Starts Chromium itself on the profile (so the test holds its pid) and attaches over CDP. */
async function launchOnProfile(profile: string): Promise<Running> {
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--window-size=1440,900', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not say where DevTools listens: ${seen}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0]!;
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 900 });
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  return { process: child, browser, page };
}

/** Kills the browser process hard: no unload event, no chance to flush anything. */
async function killHard(running: Running): Promise<void> {
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  process.kill(running.process.pid!, 'SIGKILL');
  await exited;
}

function words(round: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `round${round}word${i + 1}`);
}

describe('killing the browser after typing', () => {
  it('keeps every word the pane acknowledged as saved, over several kills', async () => {
    const profile = newProfile();
    const acknowledged: string[] = [];
    for (let round = 1; round <= 3; round++) {
      const running = await launchOnProfile(profile);
      const { page } = running;
      if (round === 1) {
        await completeFirstRun(page, baseUrl);
        await writeProjectMemo(page);
        await page.getByLabel('Memo title').fill('Crash memo');
      } else {
        await page.goto(baseUrl);
        await page.waitForSelector('[data-testid="document-text"] p');
        // Before anything else: what survived the last kill.
        const stored = (await storedMemos(page)).find((m) => m.title === 'Crash memo');
        const missing = acknowledged.filter((word) => !stored?.plainText.includes(word));
        expect(missing, `round ${round}: words lost`).toEqual([]);
        await openMemoFromManager(page, 'Crash memo');
        await expect.poll(() => memoText(page).textContent()).toContain(acknowledged.at(-1));
      }
      await memoText(page).click();
      await page.keyboard.press('Control+End');
      const batch = words(round, 12);
      await page.keyboard.type(` ${batch.slice(0, 8).join(' ')}`);
      await waitForSaved(page);
      acknowledged.push(...batch.slice(0, 8));
      if (round === 1) await screenshot(page, 'memo-crash-before-kill');
      // Mid-sentence: these last words are typed but the kill comes before any acknowledgement.
      await page.keyboard.type(` ${batch.slice(8).join(' ')}`);
      await killHard(running);
    }
    const running = await launchOnProfile(profile);
    await running.page.goto(baseUrl);
    await running.page.waitForSelector('[data-testid="document-text"] p');
    const stored = (await storedMemos(running.page)).find((m) => m.title === 'Crash memo')!;
    expect(acknowledged.filter((word) => !stored.plainText.includes(word))).toEqual([]);
    expect(acknowledged).toHaveLength(24);
    await running.browser.close();
    await killHard(running);
  });
});

describe('reloading right after typing', () => {
  it('keeps every word typed just before the reload', async () => {
    const running = await launchOnProfile(newProfile());
    const { page } = running;
    await completeFirstRun(page, baseUrl);
    for (let round = 1; round <= 3; round++) {
      await writeProjectMemo(page);
      await page.getByLabel('Memo title').fill(`Reload memo ${round}`);
      await memoText(page).click();
      const typed = words(round, 6);
      await page.keyboard.type(typed.join(' '));
      // No wait for "Saved": reload at once.
      await page.reload();
      await page.waitForSelector('[data-testid="document-text"] p');
      const stored = (await storedMemos(page)).find((m) => m.title === `Reload memo ${round}`);
      expect(stored?.plainText, `round ${round}`).toBe(typed.join(' '));
    }
    await running.browser.close();
    await killHard(running);
  });
});
