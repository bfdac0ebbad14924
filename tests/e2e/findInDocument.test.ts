/**
 * Find in document in Debian's Chromium on the web build: Ctrl+F (or Edit → Find in document…)
 * opens the find bar over a pasted document with emoji and accented words; typing a word shows
 * the count and paints every hit with the search highlight, each painted Range covering exactly
 * the matched characters at the offsets indexOf finds in the stored text; a bad regular
 * expression is refused with a sentence; F3 / Shift+F3, Enter / Shift+Enter and the buttons move
 * the current hit; a keyword-in-context row scrolls to its hit; Escape closes and clears.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { completeFirstRun, launchChromium, newPage, screenshot } from './browser.ts';

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

const DOCUMENT_NAME = 'Café interview';
const DOCUMENT_TEXT = [
  DOCUMENT_NAME,
  'The café 🙂 opened early; the café owner said “café” 👩‍👩‍👧 three times.',
  'Señora Núñez 🇪🇸 ordered a café crème at the Café du Nord.',
  'Nobody else mentioned the cafe without an accent.',
].join('\n');

/** Every start of `word` in the text, as the test computes it (case-insensitive). */
function offsetsOf(text: string, word: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(word.toLowerCase()); at !== -1; at = lower.indexOf(word.toLowerCase(), at + 1)) found.push({ start: at, end: at + word.length });
  return found;
}

async function pasteAndOpen() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
  await page.locator('.document-list').getByRole('button', { name: 'Paste…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text as a new document' });
  await dialog.getByLabel('Text').fill(DOCUMENT_TEXT);
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await page.locator('.document-list .document-item', { hasText: DOCUMENT_NAME }).click();
  await expect.poll(() => page.locator('.document-title').textContent()).toBe(DOCUMENT_NAME);
  await page.locator('.document-scroller').click({ position: { x: 5, y: 5 } });
}

const findBar = () => page.getByRole('search', { name: 'Find in document' });
const query = () => page.getByRole('searchbox', { name: 'Find', exact: true });
const count = () => page.getByTestId('find-count').textContent();

/** The stored text of the open document, read from the database. */
function storedText(): Promise<string> {
  return page.evaluate(async (name) => {
    type Table<T> = { toArray(): Promise<T[]> };
    const db = (window as unknown as { marginaliaDb: { documents: Table<{ name: string; id: string }>; documentTexts: Table<{ documentId: string; text: string }> } }).marginaliaDb;
    const doc = (await db.documents.toArray()).find((d) => d.name === name)!;
    return (await db.documentTexts.toArray()).find((t) => t.documentId === doc.id)!.text;
  }, DOCUMENT_NAME);
}

/**
 * The ranges of a highlight as text and as offsets in the document: each Range's start and end
 * measured as the number of characters of the document's text before them.
 */
function paintedRanges(name: string): Promise<{ text: string; start: number; end: number }[]> {
  return page.evaluate((highlightName) => {
    const highlight = CSS.highlights.get(highlightName);
    if (!highlight) return [];
    const root = document.querySelector('[data-testid="document-text"]')!;
    // The document's text as the offsets count it: paragraphs joined with one line break each.
    const paragraphs = Array.from(root.querySelectorAll('p'));
    const offsetOf = (node: Node, offset: number): number => {
      let total = 0;
      for (const [index, paragraph] of paragraphs.entries()) {
        if (paragraph.contains(node)) {
          const before = document.createRange();
          before.setStart(paragraph, 0);
          before.setEnd(node, offset);
          return total + before.toString().length;
        }
        total += (paragraph.textContent ?? '').length + (index < paragraphs.length ? 1 : 0);
      }
      return -1;
    };
    const ranges: { text: string; start: number; end: number }[] = [];
    highlight.forEach((range) => {
      const r = range as Range;
      ranges.push({ text: r.toString(), start: offsetOf(r.startContainer, r.startOffset), end: offsetOf(r.endContainer, r.endOffset) });
    });
    return ranges.sort((a, b) => a.start - b.start);
  }, name);
}

const SEARCH = 'marginalia-search-hits';
const CURRENT = 'marginalia-search-current';

describe('find in document', () => {
  it('paints exactly the hits indexOf finds, emoji and accents included, and Escape clears them', async () => {
    await pasteAndOpen();
    const text = await storedText();
    expect(text).toBe(DOCUMENT_TEXT);
    await page.keyboard.press('Control+f');
    await expect.poll(() => findBar().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Find');
    await page.keyboard.type('café');
    const expected = offsetsOf(text, 'café');
    expect(expected.length).toBe(6);
    await expect.poll(count).toBe(`1 of ${expected.length}`);
    await expect.poll(() => paintedRanges(SEARCH)).toEqual(expected.map((hit) => ({ text: text.slice(hit.start, hit.end), ...hit })));
    await expect.poll(() => paintedRanges(CURRENT)).toEqual([{ text: text.slice(expected[0]!.start, expected[0]!.end), ...expected[0]! }]);

    // An emoji (two UTF-16 code units) and a flag (four): painted exactly.
    await query().fill('🇪🇸');
    const flag = text.indexOf('🇪🇸');
    await expect.poll(() => paintedRanges(SEARCH)).toEqual([{ text: '🇪🇸', start: flag, end: flag + 4 }]);
    await query().fill('Núñez');
    const nunez = text.indexOf('Núñez');
    await expect.poll(() => paintedRanges(SEARCH)).toEqual([{ text: 'Núñez', start: nunez, end: nunez + 5 }]);
    // Match case and whole words.
    await query().fill('café');
    await page.getByLabel('Match case').check();
    await expect.poll(count).toBe('1 of 4');
    await page.getByLabel('Whole words').check();
    await query().fill('caf');
    await expect.poll(count).toBe('No matches');
    await page.getByLabel('Match case').uncheck();
    await page.getByLabel('Whole words').uncheck();
    await query().fill('café');
    await expect.poll(count).toBe('1 of 6');

    await page.getByRole('button', { name: 'Next match (F3)' }).click();
    await page.getByText('Matches in context').click();
    await expect.poll(() => page.getByRole('list', { name: 'Matches in context' }).getByRole('button').count()).toBe(6);
    await screenshot(page, 'find-in-document');

    await query().press('Escape');
    await expect.poll(() => findBar().count()).toBe(0);
    await expect.poll(() => paintedRanges(SEARCH)).toEqual([]);
    expect(await paintedRanges(CURRENT)).toEqual([]);
  });

  it('refuses a bad regular expression with a sentence, and finds with a good one', async () => {
    await pasteAndOpen();
    await page.keyboard.press('Control+f');
    await page.getByLabel('Search mode').selectOption('regex');
    await query().fill('caf(é');
    const error = findBar().getByRole('alert');
    await expect.poll(() => error.textContent()).toMatch(/^That regular expression cannot be read: .+\.$/);
    expect(await paintedRanges(SEARCH)).toEqual([]);
    await query().fill('caf[eé]');
    await expect.poll(count).toBe('1 of 7');
    expect(await error.count()).toBe(0);
    await page.getByLabel('Search mode').selectOption('phrase');
    await query().fill('crème café');
    await expect.poll(count).toBe('No matches');
    // Runs of spaces in the phrase match one space in the text.
    await query().fill('café   crème');
    await expect.poll(count).toBe('1 of 1');
  });

  /** Steps with `next` and `previous` and checks the current hit each time. */
  async function expectStepping(next: () => Promise<void>, previous: () => Promise<void>) {
    await pasteAndOpen();
    const text = await storedText();
    const hits = offsetsOf(text, 'café');
    await page.keyboard.press('Control+f');
    await page.keyboard.type('café');
    const n = hits.length;
    await expect.poll(count).toBe(`1 of ${n}`);
    const currentIs = (index: number) => expect.poll(() => paintedRanges(CURRENT)).toEqual([{ text: text.slice(hits[index]!.start, hits[index]!.end), ...hits[index]! }]);
    await next();
    await expect.poll(count).toBe(`2 of ${n}`);
    await currentIs(1);
    await next();
    await currentIs(2);
    await previous();
    await previous();
    await previous();
    // Around from the first to the last.
    await expect.poll(count).toBe(`${n} of ${n}`);
    await currentIs(n - 1);
    await next();
    await currentIs(0);
  }

  it('steps with F3 and Shift+F3, from the document too', async () => {
    await expectStepping(
      async () => {
        await page.keyboard.press('F3');
      },
      async () => {
        await page.keyboard.press('Shift+F3');
      },
    );
    // From the document, with the focus out of the bar.
    await page.locator('.document-scroller').focus();
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('document-scroller');
    await page.keyboard.press('F3');
    await expect.poll(count).toBe('2 of 6');
  });

  it('steps with Enter and Shift+Enter in the query field', async () => {
    await expectStepping(
      () => query().press('Enter'),
      () => query().press('Shift+Enter'),
    );
  });

  it('steps with the buttons and with the keyword-in-context rows', async () => {
    await expectStepping(
      () => page.getByRole('button', { name: 'Next match (F3)' }).click(),
      () => page.getByRole('button', { name: 'Previous match (Shift+F3)' }).click(),
    );
    await page.getByText('Matches in context').click();
    const rows = page.getByRole('list', { name: 'Matches in context' }).getByRole('button');
    await expect.poll(() => rows.nth(3).textContent()).toContain('café');
    await rows.nth(3).click();
    await expect.poll(count).toBe('4 of 6');
    expect(await rows.nth(3).getAttribute('aria-current')).toBe('true');
  });

  it('opens from Edit → Find in document…', async () => {
    await pasteAndOpen();
    await page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name: 'Edit', exact: true }).click();
    await page.getByRole('menu', { name: 'Edit' }).getByRole('menuitem', { name: /Find in document/ }).click();
    await expect.poll(() => findBar().isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Find');
    await page.keyboard.type('Nord');
    await expect.poll(count).toBe('1 of 1');
    await page.getByRole('button', { name: 'Close find' }).click();
    await expect.poll(() => findBar().count()).toBe(0);
    expect(await paintedRanges(SEARCH)).toEqual([]);
  });
});
