/**
 * How many coded passages the printable codebooks quote, in Debian's Chromium on the web build:
 * a researcher codes four passages with one code in the demo project, exports the codebook as
 * Markdown with the default of three quotes per code and again with all, and reads the files.
 * The code is one the demo's example coders never applied (Actor › Law enforcement and
 * prosecutors, quick key 8), so its passages are the four coded here.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dragSelect, launchChromium, newPage, paintedRangeCount, screenshot, storedSegmentsOfCurrentCoder, completeFirstRun } from './browser.ts';

/** Four passages of the first demo document that do not overlap, in reading order. */
const PASSAGES = [
  'law enforcement agencies, political leaders and child safety advocates',
  'Members of the Occupy Oakland group went beyond sign carrying and chanting',
  'rush into the conference center',
  'Eggs were thrown and fog horns blared',
];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let dir: string;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-quotes-'));
});
afterEach(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function firstRun() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
}

const CODE = 'Law enforcement and prosecutors';

/** Codes each passage with quick key 8 (Actor › Law enforcement and prosecutors) and waits for every write. */
async function codeFourPassages() {
  await expect.poll(() => page.getByRole('treeitem', { name: new RegExp(CODE) }).first().locator('.code-key').textContent()).toBe('8');
  const demoPainted = await paintedRangeCount(page);
  for (const [i, phrase] of PASSAGES.entries()) {
    await dragSelect(page, phrase);
    await expect.poll(() => page.locator('.statusbar').textContent()).toContain('selected');
    await page.keyboard.press('8');
    await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted + i + 1);
    await expect.poll(async () => (await storedSegmentsOfCurrentCoder(page)).length).toBe(i + 1);
  }
}

/**
 * Whether a Word codebook's text quotes `phrase` among the coded passages of `code`: the code's
 * name, then its "Coded passages (…)" line with no other code's in between, then the phrase
 * before any further "Coded passages" line.
 */
function quotesUnderCode(text: string, code: string, countLine: string, phrase: string): boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const notAnotherList = '(?:(?!Coded passages)[\\s\\S])*';
  return new RegExp(`${escape(code)}${notAnotherList}${escape(countLine)}${notAnotherList}${escape(phrase)}`).test(text);
}

/** File menu → Export codebook…, pick `format`, choose `quotes` if given, and read the download. */
async function exportCodebook(format: RegExp, quotes?: string): Promise<Uint8Array> {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Export codebook…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export codebook' });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await dialog.getByRole('radio', { name: format }).check();
  const select = dialog.getByLabel('Coded passages quoted per code');
  await expect.poll(() => select.isVisible()).toBe(true);
  if (quotes === undefined) expect(await select.inputValue()).toBe('3');
  else await select.selectOption({ label: quotes });
  await screenshot(page, `export-quotes-${quotes ?? 'default'}`);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const file = await download;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

/** The Markdown section of one code: from its heading to the next heading. */
function section(markdown: string, code: string): string {
  const start = markdown.search(new RegExp(`^#+ [\\d.]+ ${code}$`, 'm'));
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = markdown.slice(start);
  const bodyStart = rest.indexOf('\n') + 1;
  const next = rest.slice(bodyStart).search(/^#+ /m);
  return next < 0 ? rest : rest.slice(0, bodyStart + next);
}

describe('passages quoted in the exported codebook', () => {
  it('says "3 of 4" by default and quotes all four when asked', async () => {
    await firstRun();
    await codeFourPassages();

    const byDefault = section(new TextDecoder().decode(await exportCodebook(/Markdown/)), CODE);
    expect(byDefault).toContain('**Coded passages** (3 of 4 passages quoted):');
    expect(PASSAGES.filter((p) => byDefault.includes(`> ${p}`))).toHaveLength(3);

    const all = section(new TextDecoder().decode(await exportCodebook(/Markdown/, 'All')), CODE);
    expect(all).toContain('**Coded passages** (4 of 4 passages quoted):');
    for (const phrase of PASSAGES) expect(all).toContain(`> ${phrase}`);
  });

  it('offers the choice for Word too, and not for the formats that quote nothing', async () => {
    await firstRun();
    await codeFourPassages();
    const none = new TextDecoder().decode(unzipSync(await exportCodebook(/Word document/, 'None'))['word/document.xml']).replace(/<[^>]+>/g, '');
    expect(none).toContain(CODE);
    expect(none).not.toContain('Coded passages');
    const docx = new TextDecoder().decode(unzipSync(await exportCodebook(/Word document/, '10'))['word/document.xml']).replace(/<[^>]+>/g, '');
    for (const phrase of PASSAGES) expect(quotesUnderCode(docx, CODE, 'Coded passages (4 of 4 passages quoted)', phrase), phrase).toBe(true);

    await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
    await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Export codebook…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export codebook' });
    await dialog.getByRole('radio', { name: /REFI-QDA codebook/ }).check();
    await expect.poll(() => dialog.getByLabel('Coded passages quoted per code').count()).toBe(0);
  });
});
