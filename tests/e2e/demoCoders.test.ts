/**
 * The demo project's two example coders, in Debian's Chromium on the web build: on first run,
 * with nothing set up, the workbench shows their codings, the coder list names them, View →
 * Compare coders compares the two of them, and Review disagreements lists places of every kind.
 *
 * The pooled percent agreement is checked against a figure computed here from the demo data and
 * the shipped texts by a plain character count (one boolean per character, code and coder),
 * not by the agreement engine.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import { DEMO_CODERS, DEMO_CODINGS } from '../../shared/demo/demoCodings.ts';
import { STARTER_CODEBOOK, STARTER_DOCUMENTS } from '../../shared/demo/starterCodebook.ts';
import { completeFirstRun, launchChromium, newPage, paintedRangeCount, screenshot } from './browser.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const textOf = (file: string): string => readFileSync(new URL(`../../renderer/demo/corpus/${file}`, import.meta.url), 'utf8');

/**
 * Percent agreement of the two demo coders over every character of the three documents, for
 * each codable code of the starter codebook: (characters both or neither coded with the code)
 * / (characters × codes). Every demo document is coded by both, so none is left out.
 */
function handPooledAgreement(): number {
  const codablePaths = STARTER_CODEBOOK.flatMap((category) => category.children.filter((c) => c.isCodable).map((c) => `${category.name} › ${c.name}`));
  let characters = 0;
  let disagreeing = 0;
  for (const { file } of STARTER_DOCUMENTS) {
    const text = textOf(file);
    characters += text.length;
    for (const path of codablePaths) {
      const marks = DEMO_CODERS.map(() => new Uint8Array(text.length));
      DEMO_CODINGS.forEach((coding) => {
        if (coding.document !== file || coding.code !== path) return;
        let at = -1;
        for (let n = 0; n < (coding.occurrence ?? 1); n++) at = text.indexOf(coding.quote, at + 1);
        expect(at, coding.quote).toBeGreaterThanOrEqual(0);
        const marked = marks[DEMO_CODERS.findIndex((c) => c.id === coding.coderId)]!;
        marked.fill(1, at, at + coding.quote.length);
      });
      for (let i = 0; i < text.length; i++) if (marks[0]![i] !== marks[1]![i]) disagreeing++;
    }
  }
  return 1 - disagreeing / (characters * codablePaths.length);
}

describe('The demo’s two example coders', () => {
  it('are coded on the workbench, listed as coders, and the researcher codes as themself', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    // The first document carries both example coders' codings from the start.
    await expect.poll(() => paintedRangeCount(page)).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.coder-chip').textContent()).toContain('Ana Ruiz');
    await screenshot(page, 'demo-coders-workbench');
    await page.locator('.coder-chip').click();
    const names = await page.getByRole('dialog', { name: 'Coders' }).getByRole('listitem').allTextContents();
    expect(names.map((n) => n.replace('✓', '').trim())).toEqual(['Ana Ruiz', ...DEMO_CODERS.map((c) => c.name)]);
    const stored = await page.evaluate(async () => {
      const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
      const ana = (await db.coders.toArray()).find((c) => c.name === 'Ana Ruiz')!;
      return { anaCodings: await db.segments.where('coderId').equals(ana.id).count(), all: await db.segments.count() };
    });
    expect(stored).toEqual({ anaCodings: 0, all: DEMO_CODINGS.length });
    await context.close();
  });

  it('compare out of the box: the table gives the pooled agreement computed by hand, and the review lists every kind of disagreement', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
    await page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name: 'Compare coders…' }).click();
    await page.getByRole('heading', { name: 'Compare coders' }).waitFor();

    const coderBoxes = page.getByRole('group', { name: 'Coders' });
    expect(await coderBoxes.getByRole('checkbox', { name: 'Ana Ruiz' }).isChecked()).toBe(false);
    for (const coder of DEMO_CODERS) expect(await coderBoxes.getByRole('checkbox', { name: coder.name }).isChecked()).toBe(true);

    const table = page.getByRole('table', { name: 'Agreement by code' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Code', ...DEMO_CODERS.map((c) => `${c.name} segments`), 'Units', 'Agreement', 'Cohen’s κ', 'Fleiss’ κ', 'α-binary', 'cuα']);
    const pooledRow = table.getByRole('row', { name: /^All codes \(pooled\)/ });
    const pooled = await pooledRow.getByRole('cell').allTextContents();
    const perCoder = DEMO_CODERS.map((c) => String(DEMO_CODINGS.filter((d) => d.coderId === c.id).length));
    const expected = handPooledAgreement();
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(1);
    // cells: each coder's segments, units, agreement, κ, Fleiss' κ, α-binary, cuα
    expect(pooled.slice(0, 2)).toEqual(perCoder);
    expect(pooled[3]).toBe(expected.toFixed(3));
    for (const figure of pooled.slice(4)) {
      expect(figure).toMatch(/^0\.\d{3}$/);
      expect(figure).not.toBe('0.000');
    }
    await expect.poll(() => page.locator('.compare-method').textContent()).toContain(`Coders: ${DEMO_CODERS.map((c) => c.name).join(', ')}.`);
    await expect.poll(() => page.locator('.compare-note').textContent()).toContain('example');
    await screenshot(page, 'demo-coders-compare');
    await pooledRow.scrollIntoViewIfNeeded();
    await screenshot(page, 'demo-coders-compare-pooled');

    await page.getByRole('button', { name: 'Review disagreements…' }).click();
    const list = page.getByRole('listbox', { name: 'Disagreements' });
    await list.getByRole('option').first().waitFor();
    const shown = (await list.getByRole('option').allTextContents()).join('\n');
    for (const kind of ['Only some coded it', 'Different codes', 'Boundaries differ']) expect(shown).toContain(kind);
    await expect.poll(() => page.locator('.review-progress').textContent()).toMatch(/^0 of \d+ resolved$/);
    await screenshot(page, 'demo-coders-review');
    await context.close();
  });

  it('come with every new demo project too, as the same two coders', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    await page.locator('.project-button').click();
    await page.getByRole('menu', { name: 'Projects' }).getByRole('menuitem', { name: 'New demo project' }).click();
    const stored = () =>
      page.evaluate(async () => {
        const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
        const projects = await db.projects.toArray();
        const coders = await db.coders.toArray();
        const perProject = await Promise.all(projects.map(async (p) => {
          const segments = await db.segments.where('projectId').equals(p.id).toArray();
          return { segments: segments.length, coders: [...new Set(segments.map((s) => coders.find((c) => c.id === s.coderId)!.name))].sort() };
        }));
        return { projects: projects.length, coders: coders.map((c) => c.name).sort(), perProject };
      });
    await expect.poll(async () => (await stored()).projects).toBe(2);
    const perProject = { segments: DEMO_CODINGS.length, coders: DEMO_CODERS.map((c) => c.name) };
    expect(await stored()).toEqual({ projects: 2, coders: ['Ana Ruiz', ...DEMO_CODERS.map((c) => c.name)], perProject: [perProject, perProject] });
    // The researcher is still the one coding.
    await expect.poll(() => page.locator('.coder-chip').textContent()).toContain('Ana Ruiz');
    await context.close();
  });
});
