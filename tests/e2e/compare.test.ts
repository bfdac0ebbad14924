/**
 * Compare coders (View → Compare coders…), in Debian's Chromium on the web build: two coders'
 * codings on the demo project, the table's figures checked against values derived by hand in
 * this file, the method statement, the CSV export at full precision, and a heat-map cell that
 * opens its document.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import { completeFirstRun, launchChromium, newPage, screenshot } from './browser.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Seeded {
  length: number;
  documentName: string;
  codeName: string;
}

/**
 * A second coder, Ben, and one coding each with "Child protection" on the first document:
 * Ana [0, 100), Ben [50, 150). Written straight into the real database, as an import would.
 */
function seedTwoCoders(page: Page): Promise<Seeded> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const project = (await db.projects.toArray())[0]!;
    const ana = (await db.coders.toArray()).find((c) => c.name === 'Ana Ruiz')!;
    const document = (await db.documents.where('projectId').equals(project.id).sortBy('order'))[0]!;
    const text = (await db.documentTexts.get(document.id))!.text;
    const code = (await db.codes.where('projectId').equals(project.id).toArray()).find((c) => c.name === 'Child protection')!;
    const ben = { id: crypto.randomUUID(), name: 'Ben Okafor', color: '#8a4b2f' };
    await db.coders.add(ben as never);
    const segment = (coderId: string, start: number, end: number) => ({
      id: crypto.randomUUID(), projectId: project.id, documentId: document.id, codeId: code.id, coderId, start, end, createdAt: new Date().toISOString(),
    });
    await db.segments.bulkAdd([segment(ana.id, 0, 100), segment(ben.id, 50, 150)] as never[]);
    return { length: text.length, documentName: document.name, codeName: code.name };
  });
}

/** Cohen's κ for two coders on L characters, each coding 100 of them, 50 in common (derived by hand). */
function handKappa(L: number): { agreement: number; kappa: number } {
  const agreement = (L - 100) / L; // 50 both + (L − 150) neither
  const p = 100 / L; // each coder's share of coded characters
  const chance = p * p + (1 - p) * (1 - p);
  return { agreement, kappa: (agreement - chance) / (1 - chance) };
}

async function openCompare(page: Page) {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
  await page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name: 'Compare coders…' }).click();
  await page.getByRole('heading', { name: 'Compare coders' }).waitFor();
}

describe('Compare coders', () => {
  it('shows per-code figures equal to a hand computation, leaves uncoded documents out and says so', async () => {
    const { context, page } = await newPage(browser);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await completeFirstRun(page, baseUrl);
    const seeded = await seedTwoCoders(page);
    await openCompare(page);
    const table = page.getByRole('table', { name: 'Agreement by code' });
    await table.waitFor();
    const row = table.getByRole('row', { name: new RegExp(`^Framing › ${seeded.codeName}|${seeded.codeName}`) }).first();
    const cells = await row.getByRole('cell').allTextContents();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Code', 'Ana Ruiz segments', 'Ben Okafor segments', 'Units', 'Agreement', 'Cohen’s κ', 'Fleiss’ κ', 'α-binary', 'cuα']);
    const expected = handKappa(seeded.length);
    // cells: Ana segments, Ben segments, units, agreement, κ, …
    expect(cells.slice(0, 3)).toEqual(['1', '1', String(seeded.length)]);
    expect(cells[3]).toBe(expected.agreement.toFixed(3));
    expect(cells[4]).toBe(expected.kappa.toFixed(3));
    await expect.poll(() => page.locator('.compare-method').textContent()).toContain('2 documents none of the compared coders coded are left out');
    await screenshot(page, 'compare-table');
    // The figures were computed off the main thread.
    expect(workers.some((url) => url.includes('comparison.worker'))).toBe(true);

    // NVivo's all-characters figure is one switch away: the other two documents' characters count too.
    await page.getByLabel('Count documents nobody coded (NVivo’s all-characters figure)').check();
    await expect.poll(() => page.locator('.compare-method').textContent()).toContain('all characters, as NVivo counts them');
    const total = await page.evaluate(async () => {
      const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
      return (await db.documentTexts.toArray()).reduce((n, t) => n + t.text.length, 0);
    });
    await expect.poll(async () => (await row.getByRole('cell').allTextContents())[3]).toBe(handKappa(total).agreement.toFixed(3));
    await context.close();
  });

  it('exports the table as CSV at full precision with the method statement', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    const seeded = await seedTwoCoders(page);
    await openCompare(page);
    await page.getByRole('table', { name: 'Agreement by code' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV…' }).click()]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    const column = lines[0]!.split(',').indexOf('Cohen’s κ');
    const line = lines.find((l) => l.includes(seeded.codeName))!;
    const kappa = Number(line.split(',')[column]);
    expect(kappa).toBeCloseTo(handKappa(seeded.length).kappa, 12);
    expect(csv).toContain('Method: Coders: Ana Ruiz, Ben Okafor.');
    await context.close();
  });

  it('opens a heat-map cell’s document', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    const seeded = await seedTwoCoders(page);
    // Open another document first, so the cell has somewhere to go back to.
    await page.locator('.document-list .document-item').nth(1).click();
    await openCompare(page);
    await page.getByRole('button', { name: new RegExp(`${seeded.codeName} in ${seeded.documentName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`) }).click();
    await expect.poll(() => page.locator('.document-list .document-item[aria-current="true"]').textContent()).toContain(seeded.documentName);
    await expect.poll(() => page.getByRole('heading', { name: 'Compare coders' }).count()).toBe(0);
    await context.close();
  });
});

/**
 * Ana and Ben on the first document with "Child protection": [0,100) vs [50,150) (boundaries
 * differ), [300,340) Ana only, and [500,540) both (an agreement).
 */
function seedDisagreements(page: Page) {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const project = (await db.projects.toArray())[0]!;
    const ana = (await db.coders.toArray()).find((c) => c.name === 'Ana Ruiz')!;
    const document = (await db.documents.where('projectId').equals(project.id).sortBy('order'))[0]!;
    const code = (await db.codes.where('projectId').equals(project.id).toArray()).find((c) => c.name === 'Child protection')!;
    const ben = { id: crypto.randomUUID(), name: 'Ben Okafor', color: '#8a4b2f' };
    await db.coders.add(ben as never);
    const segment = (coderId: string, start: number, end: number) => ({
      id: crypto.randomUUID(), projectId: project.id, documentId: document.id, codeId: code.id, coderId, start, end, createdAt: new Date().toISOString(),
    });
    await db.segments.bulkAdd([segment(ana.id, 0, 100), segment(ben.id, 50, 150), segment(ana.id, 300, 340), segment(ana.id, 500, 540), segment(ben.id, 500, 540)] as never[]);
  });
}

function consensusCodings(page: Page) {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const consensus = (await db.coders.toArray()).find((c) => c.name === 'Consensus');
    if (!consensus) return [];
    return (await db.segments.toArray()).filter((s) => s.coderId === consensus.id).map((s) => [s.start, s.end]).sort((a, b) => a[0]! - b[0]!);
  });
}

describe('The comparison report', () => {
  it('exports a Word report with the method, the table and the disagreements quoted', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    await seedDisagreements(page);
    await openCompare(page);
    await page.getByRole('table', { name: 'Agreement by code' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export report (Word)…' }).click()]);
    const { readFileSync } = await import('node:fs');
    const { strFromU8, unzipSync } = await import('fflate');
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await download.path())!)))['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('Inter-coder agreement: Demo');
    expect(text).toContain('Coders: Ana Ruiz, Ben Okafor.');
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(text).toContain(`Marginalia ${version}`);
    expect(text).toContain('Disagreements (2)');
    expect(text).toContain('1. Boundaries differ:');
    expect(text).toContain('Ana Ruiz: Child protection (0–100)');
    expect(text).toContain('Ben Okafor: nothing coded');
    expect(text).toContain('Cohen, J. (1960)');

    const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export report (Markdown)…' }).click()]);
    const md = readFileSync((await markdown.path())!, 'utf8');
    expect(md).toContain('## Disagreements (2)');
    expect(md).toMatch(/\| All codes \(pooled\)|\*\*All codes \(pooled\)\*\*/);
    await context.close();
  });
});

describe('Review disagreements', () => {
  it('lists disagreements by kind, settles them by mouse and by key as consensus codings, undoes one, accepts agreements', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    await seedDisagreements(page);
    await openCompare(page);
    await page.getByRole('button', { name: 'Review disagreements…' }).click();
    const progress = page.locator('.review-progress');
    await expect.poll(() => progress.textContent()).toBe('0 of 2 resolved');
    const list = page.getByRole('listbox', { name: 'Disagreements' });
    expect(await list.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Boundaries differ'), expect.stringContaining('Only some coded it')]);
    const detail = page.getByRole('article', { name: 'Disagreement' });
    expect(await detail.getByRole('row', { name: /Ana Ruiz/ }).textContent()).toContain('0–100');
    expect(await detail.getByRole('row', { name: /Ben Okafor/ }).textContent()).toContain('50–150');
    await screenshot(page, 'compare-review');

    // The mouse: keep the intersection of the first.
    await detail.getByRole('button', { name: /^Intersection/ }).click();
    await expect.poll(() => progress.textContent()).toBe('1 of 2 resolved');
    expect(await consensusCodings(page)).toEqual([[50, 100]]);

    // The keyboard alone: the list moved on to the second; "1" keeps Ana's version.
    await list.focus();
    await page.keyboard.press('1');
    await expect.poll(() => progress.textContent()).toBe('2 of 2 resolved');
    expect(await consensusCodings(page)).toEqual([[50, 100], [300, 340]]);

    // Undo takes the last resolution back.
    await page.keyboard.press('Control+z');
    await expect.poll(() => progress.textContent()).toBe('1 of 2 resolved');
    expect(await consensusCodings(page)).toEqual([[50, 100]]);

    await page.getByRole('button', { name: 'Accept 1 agreement' }).click();
    await expect.poll(() => consensusCodings(page)).toEqual([[50, 100], [500, 540]]);
    await context.close();
  });
});
