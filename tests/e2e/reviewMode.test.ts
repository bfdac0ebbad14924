/**
 * Review mode (issue "Inter-coder comparison inside the app", part 4), in Debian's Chromium on
 * the web build: two coders of this file's own (distinctive names, so the demo project's coders
 * and codings do not count) code a pasted document in three hand-made ways — a place only one of
 * them coded, a place whose boundaries differ, a place coded with different codes — and one
 * agreement. A heat-map cell opens the document in review mode: the banner names the code and
 * the coders, each coder has a stripe column of their own, the three places are marked by kind,
 * and next/previous (buttons and keys) move between them; Exit and Escape leave review mode.
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

const DOCUMENT_NAME = 'Harbour strike field notes';
const PARAGRAPHS = [
  'The dockers walked out at dawn because the new rota cut their rest days to one a fortnight.',
  'Managers called the stoppage illegal and threatened dismissals within the week.',
  'Families brought food to the picket line and the union opened a hardship fund for the strikers.',
  'By Friday both sides had agreed to talks under an independent chair, and the gates reopened.',
];
const TEXT = PARAGRAPHS.join('\n');
const QUINN = 'Quinn Ashdown';
const TOVE = 'Tove Lindqvist';
const GRIEVANCE = 'Rota grievance';
const SOLIDARITY = 'Picket solidarity';

/** `[start, end)` of `phrase` in the pasted text. */
function at(phrase: string): [number, number] {
  const start = TEXT.indexOf(phrase);
  if (start < 0) throw new Error(`"${phrase}" is not in the text`);
  return [start, start + phrase.length];
}

/** Pastes the document through the app, as a researcher does; resolves when it is open. */
async function pasteDocument(page: Page) {
  await page.getByRole('button', { name: 'Paste…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text as a new document' });
  await dialog.getByLabel('Name (optional: the first line is used)').fill(DOCUMENT_NAME);
  await dialog.getByLabel('Text').fill(TEXT);
  await dialog.getByRole('button', { name: 'Create document' }).click();
  // The new document is listed; it is opened from the list (creating it does not always open it).
  await page.locator('.document-list .document-item', { hasText: DOCUMENT_NAME }).click();
  await page.getByRole('heading', { name: DOCUMENT_NAME }).waitFor();
}

/**
 * Quinn and Tove, two codes, and their codings, written into the real database as a teammate
 * import would. "Rota grievance": only Quinn on "walked out at dawn"; boundaries differ on the
 * rota clause; agreement on "threatened dismissals". At "picket line" Quinn applied the
 * grievance, Tove "Picket solidarity" (different codes).
 */
function seedCodings(page: Page) {
  const places = {
    onlyQuinn: at('The dockers walked out at dawn'),
    quinnRota: at('the new rota cut their rest days to one a fortnight'),
    toveRota: at('the new rota cut their rest days'),
    agreed: at('threatened dismissals within the week'),
    picket: at('brought food to the picket line'),
  };
  return page.evaluate(
    async ({ places, DOCUMENT_NAME, QUINN, TOVE, GRIEVANCE, SOLIDARITY }) => {
      const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
      const project = (await db.projects.toArray())[0]!;
      const document = (await db.documents.where('projectId').equals(project.id).toArray()).find((d) => d.name === DOCUMENT_NAME)!;
      const coder = (name: string, color: string) => ({ id: crypto.randomUUID(), name, color });
      const quinn = coder(QUINN, '#1b7f6b');
      const tove = coder(TOVE, '#8a3f9e');
      await db.coders.bulkAdd([quinn, tove] as never[]);
      const code = (name: string, color: string, order: number) => ({
        id: crypto.randomUUID(), projectId: project.id, parentId: null, name, color, description: '', definition: '', inclusion: '', exclusion: '', examples: '', isCodable: true, order,
      });
      const grievance = code(GRIEVANCE, '#d9822b', 900);
      const solidarity = code(SOLIDARITY, '#3b7dd8', 901);
      await db.codes.bulkAdd([grievance, solidarity] as never[]);
      const segment = (coderId: string, codeId: string, [start, end]: [number, number]) => ({
        id: crypto.randomUUID(), projectId: project.id, documentId: document.id, codeId, coderId, start, end, createdAt: new Date().toISOString(),
      });
      await db.segments.bulkAdd([
        segment(quinn.id, grievance.id, places.onlyQuinn),
        segment(quinn.id, grievance.id, places.quinnRota),
        segment(tove.id, grievance.id, places.toveRota),
        segment(quinn.id, grievance.id, places.agreed),
        segment(tove.id, grievance.id, places.agreed),
        segment(quinn.id, grievance.id, places.picket),
        segment(tove.id, solidarity.id, places.picket),
      ] as never[]);
    },
    { places, DOCUMENT_NAME, QUINN, TOVE, GRIEVANCE, SOLIDARITY },
  );
}

/** Opens Compare coders with only Quinn and Tove checked. */
async function openCompareWith(page: Page) {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
  await page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name: 'Compare coders…' }).click();
  const view = page.locator('.compare-view');
  await view.getByRole('heading', { name: 'Compare coders' }).waitFor();
  const coders = view.getByRole('group', { name: 'Coders' });
  for (const box of await coders.getByRole('checkbox').all()) if (await box.isChecked()) await box.uncheck();
  await coders.getByRole('checkbox', { name: QUINN }).check();
  await coders.getByRole('checkbox', { name: TOVE }).check();
}

/** Opens Compare coders for Quinn and Tove and clicks the grievance cell of the pasted document. */
async function openReviewFromHeatMap(page: Page) {
  await openCompareWith(page);
  await page.getByRole('button', { name: new RegExp(`^${GRIEVANCE} in ${DOCUMENT_NAME}:`) }).click();
  await page.getByRole('region', { name: 'Review mode' }).waitFor();
}

/** Opens the review of the seeded document, from a fresh project. */
async function startReview(page: Page) {
  await completeFirstRun(page, baseUrl);
  await pasteDocument(page);
  await seedCodings(page);
  await openReviewFromHeatMap(page);
}

const banner = (page: Page) => page.getByRole('region', { name: 'Review mode' });
const position = (page: Page) => banner(page).getByRole('status').textContent();
const currentMark = (page: Page) => page.locator('.place-mark.is-current').getAttribute('aria-label');

describe('Review mode', () => {
  it('opens from a heat-map cell with a banner, a stripe column per coder and the disagreements marked by kind', async () => {
    const { context, page } = await newPage(browser);
    await startReview(page);
    const text = await banner(page).textContent();
    expect(text).toContain(`Reviewing${GRIEVANCE}`);
    expect(text).toMatch(new RegExp(`${QUINN}\\s*vs\\s*${TOVE}`));
    expect(text).toContain('3 disagreements here');

    // One stripe column per compared coder, headed by the coder, with that coder's codings only.
    const quinnColumn = page.getByRole('group', { name: `${QUINN}’s codings` });
    const toveColumn = page.getByRole('group', { name: `${TOVE}’s codings` });
    await expect.poll(() => quinnColumn.locator('.margin-stripe').count()).toBe(4);
    await expect.poll(() => toveColumn.locator('.margin-stripe').count()).toBe(3);
    expect(await quinnColumn.locator('.review-column-head').textContent()).toBe(QUINN);
    expect(await toveColumn.getByRole('button', { name: `${SOLIDARITY} — ${TOVE}` }).count()).toBe(1);
    expect(await page.locator('.margin-stripes').count()).toBe(2);

    // The three places, in document order, each marked by its kind in the margin and in the text.
    const marks = page.getByRole('group', { name: 'Disagreements' }).locator('.place-mark');
    await expect.poll(() => marks.count()).toBe(3);
    expect(await marks.evaluateAll((all) => all.map((m) => m.getAttribute('data-kind')))).toEqual(['only-some', 'boundaries', 'different-codes']);
    const painted = await page.evaluate(() =>
      ['only-some', 'boundaries', 'different-codes'].map((kind) => CSS.highlights.get(`marginalia-place-${kind}`)?.size ?? 0),
    );
    expect(painted).toEqual([1, 1, 1]);
    // The legend names the kinds with their counts; the first place is the current one.
    expect(await banner(page).getByRole('list', { name: 'Kinds of disagreement' }).textContent()).toMatch(/Only some coded it 1.*Different codes 1.*Boundaries differ 1/);
    expect(await position(page)).toBe('1 of 3Only some coded it');
    await screenshot(page, 'review-mode');
    await context.close();
  });

  it('moves between the disagreements with the banner’s buttons', async () => {
    const { context, page } = await newPage(browser);
    await startReview(page);
    const next = banner(page).getByRole('button', { name: 'Next disagreement' });
    const previous = banner(page).getByRole('button', { name: 'Previous disagreement' });
    await expect.poll(() => currentMark(page)).toBe('Only some coded it: disagreement 1 of 3');
    await next.click();
    await expect.poll(() => currentMark(page)).toBe('Boundaries differ: disagreement 2 of 3');
    expect(await position(page)).toBe('2 of 3Boundaries differ');
    await next.click();
    await expect.poll(() => currentMark(page)).toBe('Different codes: disagreement 3 of 3');
    // The text marks the current place too.
    const current = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('marginalia-place-current') ?? [])][0] as Range | undefined;
      return range?.toString();
    });
    expect(current).toBe('brought food to the picket line');
    await previous.click();
    await expect.poll(() => currentMark(page)).toBe('Boundaries differ: disagreement 2 of 3');
    await next.click();
    await next.click();
    // Past the last it wraps round to the first.
    await expect.poll(() => currentMark(page)).toBe('Only some coded it: disagreement 1 of 3');
    await context.close();
  });

  it('moves between the disagreements with J and K (and N and P)', async () => {
    const { context, page } = await newPage(browser);
    await startReview(page);
    await page.getByRole('region', { name: 'Document' }).or(page.locator('.document-scroller')).first().focus();
    await expect.poll(() => currentMark(page)).toBe('Only some coded it: disagreement 1 of 3');
    await page.keyboard.press('j');
    await expect.poll(() => currentMark(page)).toBe('Boundaries differ: disagreement 2 of 3');
    await page.keyboard.press('j');
    await expect.poll(() => currentMark(page)).toBe('Different codes: disagreement 3 of 3');
    await page.keyboard.press('k');
    await expect.poll(() => currentMark(page)).toBe('Boundaries differ: disagreement 2 of 3');
    await page.keyboard.press('n');
    await expect.poll(() => currentMark(page)).toBe('Different codes: disagreement 3 of 3');
    await page.keyboard.press('p');
    await expect.poll(() => currentMark(page)).toBe('Boundaries differ: disagreement 2 of 3');
    await context.close();
  });

  it('opens from the review list’s "Open in the document" (O) at that place, reviewing the compared codes', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    await pasteDocument(page);
    await seedCodings(page);
    await openCompareWith(page);
    await page.getByRole('button', { name: 'Review disagreements…' }).click();
    const list = page.getByRole('listbox', { name: 'Disagreements' });
    await expect.poll(() => list.getByRole('option').count()).toBe(3);
    await list.focus();
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await banner(page).waitFor();
    expect(await banner(page).textContent()).toContain('ReviewingAll codes');
    expect(await banner(page).textContent()).toContain('3 disagreements here');
    await expect.poll(() => currentMark(page)).toBe('Boundaries differ: disagreement 2 of 3');
    await context.close();
  });

  it('leaves review mode by the Exit button, back to the normal view', async () => {
    const { context, page } = await newPage(browser);
    await startReview(page);
    await banner(page).getByRole('button', { name: /Exit review/ }).click();
    await expect.poll(() => banner(page).count()).toBe(0);
    expect(await page.locator('.review-margin').count()).toBe(0);
    expect(await page.locator('.document-view[data-review]').count()).toBe(0);
    // The normal margin is back, with every coding of the document (seven, by two coders).
    await expect.poll(() => page.locator('.margin-stripes .margin-stripe').count()).toBe(7);
    expect(await page.evaluate(() => CSS.highlights.get('marginalia-place-boundaries')?.size ?? 0)).toBe(0);
    await context.close();
  });

  it('leaves review mode by Escape', async () => {
    const { context, page } = await newPage(browser);
    await startReview(page);
    await page.locator('.document-scroller').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => banner(page).count()).toBe(0);
    await expect.poll(() => page.locator('.margin-stripes .margin-stripe').count()).toBe(7);
    await context.close();
  });
});
