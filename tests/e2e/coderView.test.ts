/**
 * The coder view in Debian's Chromium on the web build: two coders (Ana, then Ben added with the
 * coder chip) each code one passage of a freshly pasted document, so every count here is about
 * those two codings whatever the demo project holds. The filter (all coders, only mine, only
 * others) by the control above the document and by the View menu; colour by coder (the stripe
 * takes the coder's colour); blind coding (the other coder's paint, stripes, counts and the memo
 * marks on their codings go, it survives a reload, Compare coders still compares both).
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import { completeFirstRun, dragSelect, launchChromium, newPage, paintedRangeCount, screenshot } from './browser.ts';

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

const DOCUMENT_NAME = 'Coder view interview';
const ANA_PASSAGE = 'Ana coded this first passage';
const BEN_PASSAGE = 'Ben coded that second passage';
const DOCUMENT_TEXT = `${DOCUMENT_NAME}\n\nIn the morning ${ANA_PASSAGE} of the interview.\n\nLater on ${BEN_PASSAGE} of the same interview.\n\nNobody coded this closing line.`;

/** The text of every registered coding Range (what the browser paints), sorted. */
function paintedTexts(): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith('marginalia-code-')) highlight.forEach((range) => texts.push((range as Range).toString()));
    });
    return texts.sort();
  });
}

/** The coder named on each margin stripe (its label is "Code — Coder"), sorted. */
async function stripeCoders(): Promise<string[]> {
  const labels = await page.locator('.margin-stripe').evaluateAll((stripes) => stripes.map((s) => s.getAttribute('aria-label') ?? ''));
  return labels.map((label) => label.split(' — ')[1]!.replace(/ \(in .*$/, '')).sort();
}

const coderViewBar = () => page.getByRole('toolbar', { name: 'Coder view' });
const filterChoice = (name: string) => coderViewBar().getByRole('radio', { name });
const blindBadge = () => page.getByTestId('blind-badge');
/** The coding count the document list shows beside the test document. */
const documentCount = async () => Number(await page.locator('.document-list .document-item', { hasText: DOCUMENT_NAME }).locator('.count-badge').textContent());

async function viewMenuItem(name: string) {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
  return page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name });
}

async function openDocument() {
  await page.locator('.document-list .document-item', { hasText: DOCUMENT_NAME }).click();
  await expect.poll(() => page.locator('.document-title').textContent()).toBe(DOCUMENT_NAME);
}

/** Codes `phrase` with key 1 (the first code of the demo codebook) and waits for its paint. */
async function codeWithKey1(phrase: string) {
  const before = await paintedRangeCount(page);
  await dragSelect(page, phrase);
  await page.keyboard.press('1');
  await expect.poll(() => paintedRangeCount(page)).toBe(before + 1);
  await page.locator('.statusbar').click();
}

/**
 * Ana pastes a document and codes her passage; she adds Ben with the coder chip (who then codes)
 * and Ben codes his. Ben is the current coder afterwards.
 */
async function twoCodersCodeOneDocumentEach() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl, 'Ana Ruiz');
  await expect.poll(() => page.locator('[role="tree"] .code-key').first().textContent()).toBe('1');
  await page.locator('.document-list').getByRole('button', { name: 'Paste…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text as a new document' });
  await dialog.getByLabel('Text').fill(DOCUMENT_TEXT);
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await openDocument();
  await codeWithKey1(ANA_PASSAGE);

  await page.locator('.coder-chip').click();
  await page.getByLabel("New coder's name").fill('Ben Okafor');
  await page.getByRole('dialog', { name: 'Coders' }).getByRole('button', { name: 'Add' }).click();
  await expect.poll(() => page.locator('.coder-chip').textContent()).toContain('Ben Okafor');
  await expect.poll(() => page.locator('.document-title').textContent()).toBe(DOCUMENT_NAME);
  await codeWithKey1(BEN_PASSAGE);
  await expect.poll(paintedTexts).toEqual([ANA_PASSAGE, BEN_PASSAGE]);
  await expect.poll(stripeCoders).toEqual(['Ana Ruiz', 'Ben Okafor']);
}

/** Each filter, chosen by `choose`, shows exactly whose codings it says (Ben is the current coder). */
async function expectEachFilterWorks(choose: (filter: 'All coders' | 'Only mine' | 'Only others') => Promise<void>) {
  await choose('Only mine');
  await expect.poll(paintedTexts).toEqual([BEN_PASSAGE]);
  await expect.poll(stripeCoders).toEqual(['Ben Okafor']);
  expect(await filterChoice('Only mine').getAttribute('aria-checked')).toBe('true');

  await choose('Only others');
  await expect.poll(paintedTexts).toEqual([ANA_PASSAGE]);
  await expect.poll(stripeCoders).toEqual(['Ana Ruiz']);
  expect(await filterChoice('Only others').getAttribute('aria-checked')).toBe('true');
  // Ben's own codings are hidden now: the status line says so, so a new coding does not seem lost.
  expect(await page.locator('.statusbar').textContent()).toContain('yours are hidden');

  await choose('All coders');
  await expect.poll(paintedTexts).toEqual([ANA_PASSAGE, BEN_PASSAGE]);
  await expect.poll(stripeCoders).toEqual(['Ana Ruiz', 'Ben Okafor']);
  expect(await filterChoice('All coders').getAttribute('aria-checked')).toBe('true');
}

/** Clicks the middle of `phrase` in the document (the spot inspector opens on a coding). */
async function clickOn(phrase: string) {
  const box = await page.evaluate((text) => {
    const root = document.querySelector('[data-testid="document-text"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 2);
      range.setEnd(node, at + 3);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    throw new Error(`“${text}” is not in the open document.`);
  }, phrase);
  await page.mouse.click(box.x, box.y);
}

/** The stored colour of a coder and of the code both codings use. */
function storedColors(): Promise<{ ana: string; ben: string; code: string }> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const coders = await db.coders.toArray();
    const segment = (await db.segments.toArray()).find((s) => s.coderId === coders.find((c) => c.name === 'Ben Okafor')!.id)!;
    return {
      ana: coders.find((c) => c.name === 'Ana Ruiz')!.color,
      ben: coders.find((c) => c.name === 'Ben Okafor')!.color,
      code: (await db.codes.get(segment.codeId))!.color,
    };
  });
}

/** `#rrggbb` as the browser computes it: `rgb(r, g, b)`. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** The computed colour of the stripe of `coder`'s coding. */
function stripeColorOf(coder: string): Promise<string> {
  return page.locator(`.margin-stripe[aria-label*="${coder}"]`).first().evaluate((stripe) => getComputedStyle(stripe).borderLeftColor);
}

/** The background the painter's rule gives the highlight painting `phrase` (`rgb(r g b / alpha)`). */
function paintColorOf(phrase: string): Promise<string | undefined> {
  return page.evaluate((text) => {
    let name: string | undefined;
    CSS.highlights.forEach((highlight, key) => {
      if (key.startsWith('marginalia-code-')) highlight.forEach((range) => void ((range as Range).toString() === text && (name = key)));
    });
    const rules = document.querySelector('style[data-marginalia="highlights"]')?.textContent ?? '';
    const rule = rules.split('\n').find((line) => name !== undefined && line.includes(`::highlight(${name})`));
    return rule ? /background-color: (rgb\([^)]*\))/.exec(rule)?.[1] : undefined;
  }, phrase);
}

/** `#rrggbb` as the painter writes it, translucent. */
function paintOf(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / 0.32)`;
}

describe('the coder filter', () => {
  it('shows all coders, only mine or only others by the control above the document, in paint, stripes, the inspector and the caret’s announcement', async () => {
    await twoCodersCodeOneDocumentEach();
    await expectEachFilterWorks((filter) => filterChoice(filter).click());

    // The caret's announcement: stepping into Ana's passage word by word says her coding with all
    // coders shown, and nothing with only Ben's own.
    const caretSays = page.getByTestId('caret-coding');
    await clickOn('morning Ana');
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Control+ArrowRight');
    await expect.poll(() => caretSays.textContent()).toBe('Coded: Child protection (Ana Ruiz)');
    await filterChoice('Only mine').click();
    await expect.poll(paintedTexts).toEqual([BEN_PASSAGE]);
    await clickOn('morning Ana');
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Control+ArrowRight');
    await page.waitForTimeout(600);
    expect(await caretSays.textContent()).toBe('Not coded');
    await filterChoice('All coders').click();

    // The inspector lists only the codings shown: Ana's passage is no coding at all under "Only mine".
    await filterChoice('Only mine').click();
    await expect.poll(paintedTexts).toEqual([BEN_PASSAGE]);
    await clickOn(ANA_PASSAGE);
    await page.waitForTimeout(200);
    expect(await page.getByRole('dialog', { name: 'Codings at this spot' }).count()).toBe(0);
    await clickOn(BEN_PASSAGE);
    const inspector = page.getByRole('dialog', { name: 'Codings at this spot' });
    await expect.poll(() => inspector.isVisible()).toBe(true);
    expect(await inspector.locator('.spot-inspector-item').count()).toBe(1);
    expect(await inspector.textContent()).toContain('Ben Okafor');
    await page.keyboard.press('Escape');
    await screenshot(page, 'coder-view-only-mine');

    // By keyboard: one Tab stop for the filter, the arrows choose.
    await filterChoice('Only mine').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => filterChoice('Only others').getAttribute('aria-checked')).toBe('true');
    await expect.poll(paintedTexts).toEqual([ANA_PASSAGE]);
    expect(await filterChoice('Only others').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => filterChoice('All coders').getAttribute('aria-checked')).toBe('true');
    await expect.poll(paintedTexts).toEqual([ANA_PASSAGE, BEN_PASSAGE]);
  });

  it('shows all coders, only mine or only others by the View menu, with a check mark on the one in force', async () => {
    await twoCodersCodeOneDocumentEach();
    const menuLabel = { 'All coders': 'Show all coders’ codings', 'Only mine': 'Show only my codings', 'Only others': 'Show only other coders’ codings' } as const;
    await expectEachFilterWorks(async (filter) => (await viewMenuItem(menuLabel[filter])).click());

    await (await viewMenuItem('Show only other coders’ codings')).click();
    await expect.poll(paintedTexts).toEqual([ANA_PASSAGE]);
    const checked = await viewMenuItem('Show only other coders’ codings');
    expect(await checked.locator('.menu-check').count()).toBe(1);
    expect(await page.getByRole('menu', { name: 'View' }).locator('.menu-check').count()).toBe(1);
    await screenshot(page, 'coder-view-menu');
    await page.keyboard.press('Escape');
  });

  it('remembers the filter of the project after a reload', async () => {
    await twoCodersCodeOneDocumentEach();
    await filterChoice('Only others').click();
    await expect.poll(paintedTexts).toEqual([ANA_PASSAGE]);
    await page.reload();
    await page.waitForSelector('[data-testid="document-text"] p');
    await openDocument();
    await expect.poll(paintedTexts).toEqual([ANA_PASSAGE]);
    expect(await filterChoice('Only others').getAttribute('aria-checked')).toBe('true');
  });
});

describe('colour by coder', () => {
  it('colours each stripe and the paint in its coder’s colour instead of the code’s, and shows whose colour is whose', async () => {
    await twoCodersCodeOneDocumentEach();
    const colors = await storedColors();
    expect(colors.ana).not.toBe(colors.ben);
    await expect.poll(() => stripeColorOf('Ben Okafor')).toBe(rgb(colors.code));
    await expect.poll(() => stripeColorOf('Ana Ruiz')).toBe(rgb(colors.code));
    await expect.poll(() => paintColorOf(BEN_PASSAGE)).toBe(paintOf(colors.code));

    await coderViewBar().getByRole('button', { name: 'Colour by coder' }).click();
    await expect.poll(() => stripeColorOf('Ben Okafor')).toBe(rgb(colors.ben));
    await expect.poll(() => stripeColorOf('Ana Ruiz')).toBe(rgb(colors.ana));
    // The paint too: each passage in its coder's colour.
    await expect.poll(() => paintColorOf(BEN_PASSAGE)).toBe(paintOf(colors.ben));
    await expect.poll(() => paintColorOf(ANA_PASSAGE)).toBe(paintOf(colors.ana));
    // The paint is still there, one Range per coding, and the stripe label still names the code.
    await expect.poll(paintedTexts).toEqual([ANA_PASSAGE, BEN_PASSAGE]);
    expect(await page.locator('.margin-stripe-label').first().textContent()).toBe('Child protection');
    const legend = page.getByRole('list', { name: 'Colours by coder' });
    expect(await legend.textContent()).toContain('Ana Ruiz');
    expect(await legend.textContent()).toContain('Ben Okafor');
    await screenshot(page, 'coder-view-colour-by-coder');

    // And back by the View menu.
    await (await viewMenuItem('Colour codings by code')).click();
    await expect.poll(() => stripeColorOf('Ben Okafor')).toBe(rgb(colors.code));
    await expect.poll(() => paintColorOf(BEN_PASSAGE)).toBe(paintOf(colors.code));
    expect(await legend.count()).toBe(0);
  });
});

describe('blind coding', () => {
  it('hides the other coder’s paint, stripes, counts and memo marks, survives a reload, and Compare coders still lists both coders', async () => {
    await twoCodersCodeOneDocumentEach();
    await expect.poll(documentCount).toBe(2);
    // A memo on Ana's coding: its mark in the margin belongs to her coding, so blind coding hides it.
    await clickOn(ANA_PASSAGE);
    await page.getByRole('dialog', { name: 'Codings at this spot' }).getByRole('button', { name: 'Add memo' }).click();
    await page.getByLabel('Memo title').fill('Why Ana coded this');
    await page.getByRole('button', { name: 'Close memo' }).click();
    const memoMarks = page.locator('.memo-marks .memo-mark');
    await expect.poll(() => memoMarks.count()).toBe(1);

    await (await viewMenuItem('Turn blind coding on')).click();
    await expect.poll(paintedTexts).toEqual([BEN_PASSAGE]);
    await expect.poll(stripeCoders).toEqual(['Ben Okafor']);
    // No trace of Ana's work: the document list counts Ben's codings only, her coding's memo mark is gone.
    await expect.poll(documentCount).toBe(1);
    await expect.poll(() => memoMarks.count()).toBe(0);
    expect(await blindBadge().isVisible()).toBe(true);
    // The filter is forced to "Only mine" and says so; the other choices wait for blind coding to end.
    expect(await filterChoice('Only mine').getAttribute('aria-checked')).toBe('true');
    expect(await filterChoice('All coders').isDisabled()).toBe(true);
    expect(await filterChoice('Only others').isDisabled()).toBe(true);
    // The View menu cannot show the others either.
    await (await viewMenuItem('Show all coders’ codings')).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Blind coding is on' }).count()).toBeGreaterThan(0);
    expect(await paintedTexts()).toEqual([BEN_PASSAGE]);
    await screenshot(page, 'coder-view-blind');

    // A coding made blind is painted and counted like any other.
    const anotherPhrase = 'Nobody coded this closing line';
    await codeWithKey1(anotherPhrase);
    await expect.poll(paintedTexts).toEqual([BEN_PASSAGE, anotherPhrase].sort());
    await expect.poll(documentCount).toBe(2);

    await page.reload();
    await page.waitForSelector('[data-testid="document-text"] p');
    await expect.poll(() => blindBadge().isVisible()).toBe(true);
    await openDocument();
    await expect.poll(paintedTexts).toEqual([BEN_PASSAGE, anotherPhrase].sort());
    await expect.poll(stripeCoders).toEqual(['Ben Okafor', 'Ben Okafor']);

    // Compare coders compares everyone, blind or not.
    await (await viewMenuItem('Compare coders…')).click();
    // Both are offered and compared (ticked explicitly: other coders may sort before them).
    for (const name of ['Ana Ruiz', 'Ben Okafor']) await page.locator('.compare-controls').getByRole('checkbox', { name }).check();
    const table = page.getByRole('table', { name: 'Agreement by code' });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toContain('Ana Ruiz segments');
    expect(headers).toContain('Ben Okafor segments');
    await page.locator('.compare-view').getByRole('button', { name: 'Close' }).click();

    // Turned off with the control: Ana's coding is back.
    await openDocument();
    await coderViewBar().getByRole('button', { name: 'Blind coding' }).click();
    await expect.poll(paintedTexts).toEqual([ANA_PASSAGE, BEN_PASSAGE, anotherPhrase].sort());
    expect(await blindBadge().count()).toBe(0);
    await expect.poll(documentCount).toBe(3);
    await expect.poll(() => memoMarks.count()).toBe(1);
  });
});
