/**
 * A memo on anything, written from where it is, in Debian's Chromium on the web build: the
 * project (File menu, project menu), a document (its row's context menu by mouse and by
 * keyboard), a code (its details, its context menu), a coded segment (the inspector) and an
 * uncoded passage (Ctrl+M, Edit → Add memo to selection, the right-click's "Add memo instead").
 * Each route checks what is stored (what the memo is attached to) and that the memo pane opens
 * beside the document. Then: memos shown where they belong (row and margin marks with counts,
 * the preview on hover and focus, the passage's own paint, "Memos (2)" lists), and the memo
 * manager as a view that Escape leaves.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { completeFirstRun, dragSelect, launchChromium, newPage, paintedRangeCount, screenshot } from './browser.ts';
import { clickPhrase, codeIdNamed, documentIdNamed, expectMemoCount, expectMemoPaneOpen, offsetOfPhrase, phraseBox, putMemo, storedSegments } from './memoHelpers.ts';

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

// A passage the demo's example coders left uncoded: the memos here are on it, not on their codings.
const PHRASE = 'rush into the conference center';
const NEWS = 'Occupy Oakland';

async function firstRun() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
  await expect.poll(() => page.getByRole('treeitem', { name: /Child protection/ }).first().locator('.code-key').textContent()).toBe('1');
}

const menuTitle = (name: string) => page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name, exact: true });
const documentRow = (namePart: string) => page.locator('.document-list .document-item', { hasText: namePart }).first();
const codeRow = (name: string) => page.getByRole('treeitem', { name, exact: true });

/** The memo pane sits to the right of the document's text, not over it. */
async function expectPaneBesideText() {
  await expectMemoPaneOpen(page);
  const text = (await page.getByTestId('document-text').boundingBox())!;
  const pane = (await page.locator('.memo-pane-column').boundingBox())!;
  expect(pane.x).toBeGreaterThanOrEqual(text.x + text.width);
}

describe('a memo on the project', () => {
  it('is written from File → Write project memo…', async () => {
    await firstRun();
    await menuTitle('File').click();
    await page.getByRole('menuitem', { name: /Write project memo/ }).click();
    const [memo] = await expectMemoCount(page, 1);
    expect(memo!.target).toEqual({ kind: 'project' });
    await expectPaneBesideText();
  });

  it('is written from the project menu', async () => {
    await firstRun();
    await page.locator('.project-button').click();
    await page.getByRole('menu', { name: 'Projects' }).getByRole('menuitem', { name: 'Write project memo…' }).click();
    const [memo] = await expectMemoCount(page, 1);
    expect(memo!.target).toEqual({ kind: 'project' });
    await expectMemoPaneOpen(page);
    // The project now carries a mark beside its name.
    await expect.poll(() => page.locator('.project-switcher .memo-mark').count()).toBe(1);
  });
});

describe('a memo on a document', () => {
  it('is written from the row’s context menu (right-click → Add memo)', async () => {
    await firstRun();
    const row = documentRow('protest statement');
    const name = (await row.locator('.document-name').textContent())!;
    await row.click({ button: 'right' });
    await page.getByRole('menu', { name: `Actions for ${name}` }).getByRole('menuitem', { name: 'Add memo' }).click();
    const [memo] = await expectMemoCount(page, 1);
    expect(memo!.target).toEqual({ kind: 'document', id: await documentIdNamed(page, name) });
    await expectMemoPaneOpen(page);
    // The row shows a memo mark.
    await expect.poll(() => page.locator('.document-row', { hasText: name }).locator('.memo-mark').count()).toBe(1);
  });

  it('is written with the keyboard alone (Ctrl+1, Shift+F10, A for Add memo, Enter)', async () => {
    await firstRun();
    await page.locator('.statusbar').click();
    await page.keyboard.press('Control+1');
    const name = await page.evaluate(() => document.activeElement?.querySelector('.document-name')?.textContent ?? '');
    expect(name).not.toBe('');
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: `Actions for ${name}` });
    await expect.poll(() => menu.isVisible()).toBe(true);
    await page.keyboard.press('a');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add memo');
    await page.keyboard.press('Enter');
    const [memo] = await expectMemoCount(page, 1);
    expect(memo!.target).toEqual({ kind: 'document', id: await documentIdNamed(page, name) });
    await expectMemoPaneOpen(page);
  });
});

describe('a memo on a code', () => {
  it('is written from the code’s details (Add memo), and a second one makes “Memos (2)” there', async () => {
    await firstRun();
    // Selecting the row (not its name) shows the details without coding anything.
    await codeRow('Child protection').locator('.code-row-swatch').click();
    const details = page.locator('.code-details');
    await details.getByRole('button', { name: 'Add memo' }).click();
    let memos = await expectMemoCount(page, 1);
    const codeId = await codeIdNamed(page, 'Child protection');
    expect(memos[0]!.target).toEqual({ kind: 'code', id: codeId });
    await expectMemoPaneOpen(page);
    await page.getByLabel('Memo title').fill('First thoughts on protection');

    // "Add memo" always writes a new one.
    await details.getByRole('button', { name: 'Add memo' }).click();
    memos = await expectMemoCount(page, 2);
    expect(memos.every((m) => m.target.kind === 'code' && m.target.id === codeId)).toBe(true);
    await expect.poll(() => details.getByText('Memos (2)').isVisible()).toBe(true);
    // The code row's mark counts them.
    await expect.poll(() => codeRow('Child protection').locator('.memo-mark-count').textContent()).toBe('2');
    // Each listed memo opens.
    await details.getByRole('button', { name: 'First thoughts on protection' }).click();
    await expect.poll(() => page.getByLabel('Memo title').inputValue()).toBe('First thoughts on protection');
    await screenshot(page, 'memo-code-details');
  });

  it('is written from the code’s context menu (Add memo…)', async () => {
    await firstRun();
    await codeRow('Child protection').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Actions for Child protection' }).getByRole('menuitem', { name: 'Add memo…' }).click();
    const [memo] = await expectMemoCount(page, 1);
    expect(memo!.target).toEqual({ kind: 'code', id: await codeIdNamed(page, 'Child protection') });
    await expectMemoPaneOpen(page);
  });
});

describe('a memo on a coded segment', () => {
  it('is written from the inspector (Add memo), listed there and marked in the margin', async () => {
    await firstRun();
    const demoPainted = await paintedRangeCount(page);
    await dragSelect(page, PHRASE);
    await page.keyboard.press('1');
    await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted + 1);
    await expect.poll(async () => (await storedSegments(page)).length).toBe(1);
    const [segment] = await storedSegments(page);
    await page.locator('.statusbar').click();
    await clickPhrase(page, PHRASE);
    const inspector = page.getByRole('dialog', { name: 'Codings at this spot' });
    await inspector.getByRole('button', { name: 'Add memo' }).click();
    const [memo] = await expectMemoCount(page, 1);
    expect(memo!.target).toEqual({ kind: 'segment', id: segment!.id });
    await expectPaneBesideText();
    await page.getByLabel('Memo title').fill('Who rushed in?');
    // The margin mark sits on the segment's first line.
    const mark = page.getByRole('group', { name: 'Memo marks' }).getByRole('button', { name: /Memo “Who rushed in\?”/ });
    await expect.poll(() => mark.count()).toBe(1);
    const line = await phraseBox(page, PHRASE);
    const box = (await mark.boundingBox())!;
    const middle = box.y + box.height / 2;
    expect(middle).toBeGreaterThan(line.top);
    expect(middle).toBeLessThan(line.bottom);
    // The inspector lists it.
    await clickPhrase(page, PHRASE);
    await expect.poll(() => inspector.getByText('Memos (1)').isVisible()).toBe(true);
    expect(await inspector.getByRole('button', { name: 'Who rushed in?' }).count()).toBe(1);
  });
});

describe('a memo on an uncoded passage (a comment)', () => {
  async function expectPassageMemo() {
    const [memo] = await expectMemoCount(page, 1);
    const where = await offsetOfPhrase(page, PHRASE);
    expect(memo!.target).toEqual({ kind: 'passage', id: where.documentId, start: where.start, end: where.end });
    // Nothing was coded: a comment is a memo, not a coding.
    expect(await storedSegments(page)).toEqual([]);
    await expectPaneBesideText();
  }

  it('is written by selecting text and pressing Ctrl+M', async () => {
    await firstRun();
    await dragSelect(page, PHRASE);
    await page.keyboard.press('Control+m');
    await expectPassageMemo();
    // The passage gets its own paint (a dotted underline) and a margin mark.
    await expect.poll(() => page.evaluate(() => CSS.highlights.get('marginalia-memo-passage')?.size ?? 0)).toBe(1);
    await expect.poll(() => page.getByRole('group', { name: 'Memo marks' }).locator('.memo-mark').count()).toBe(1);
  });

  it('is written from Edit → Add memo to selection', async () => {
    await firstRun();
    await dragSelect(page, PHRASE);
    await menuTitle('Edit').click();
    await page.getByRole('menuitem', { name: /Add memo to selection/ }).click();
    await expectPassageMemo();
  });

  it('is written from the right-click on the selection (Add memo instead)', async () => {
    await firstRun();
    await dragSelect(page, PHRASE);
    const box = await page.evaluate(() => {
      const rect = document.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.click(box.x, box.y, { button: 'right' });
    await page.getByRole('dialog', { name: 'Apply a code to the selection' }).getByRole('button', { name: 'Add memo instead' }).click();
    await expectPassageMemo();
  });

  it('says what to do when nothing is selected', async () => {
    await firstRun();
    await page.locator('.statusbar').click();
    await page.keyboard.press('Control+m');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Select a passage in the document first' }).count()).toBe(1);
    await expectMemoCount(page, 0);
  });
});

describe('memos shown where they belong', () => {
  it('previews a margin mark on hover and on focus, stacks memos on one line, and opens the one clicked', async () => {
    await firstRun();
    const where = await offsetOfPhrase(page, PHRASE);
    await putMemo(page, { target: { kind: 'passage', id: where.documentId as never, start: where.start, end: where.end }, title: 'Rushed by whom?', plainText: 'The report never says who tried to rush in.\n\nAsk the organisers.' });
    await putMemo(page, { target: { kind: 'passage', id: where.documentId as never, start: where.start + 5, end: where.end }, title: 'Only an attempt', plainText: 'The report says they attempted it, not that they got in.' });
    const marks = page.getByRole('group', { name: 'Memo marks' }).locator('.memo-mark');
    await expect.poll(() => marks.count()).toBe(1);
    const mark = marks.first();
    expect(await mark.getAttribute('aria-label')).toBe('2 memos on this passage');
    expect(await mark.locator('.memo-mark-count').textContent()).toBe('2');
    await mark.hover();
    const preview = page.getByRole('tooltip');
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await preview.textContent()).toContain('The report never says who tried to rush in.');
    expect(await preview.textContent()).toContain('The report says they attempted it, not that they got in.');
    await screenshot(page, 'memo-margin-preview');
    await page.mouse.move(5, 5);
    await expect.poll(() => preview.count()).toBe(0);
    // Focus shows it too.
    await mark.focus();
    await expect.poll(() => preview.isVisible()).toBe(true);
    // A click on a mark with several memos lets one be chosen; that one opens beside the text.
    await mark.click();
    const chooser = page.getByRole('dialog', { name: 'Memos here' });
    await chooser.getByRole('button', { name: 'Only an attempt' }).click();
    await expectPaneBesideText();
    await expect.poll(() => page.getByLabel('Memo title').inputValue()).toBe('Only an attempt');
    await screenshot(page, 'memo-pane-open');
  });

  it('opens a single memo straight from its document-row mark', async () => {
    await firstRun();
    const id = await documentIdNamed(page, NEWS);
    await putMemo(page, { target: { kind: 'document', id: id as never }, title: 'Source', plainText: 'Local news, June 2012.' });
    const mark = page.locator('.document-row .memo-mark');
    await expect.poll(() => mark.count()).toBe(1);
    expect(await mark.getAttribute('aria-label')).toMatch(/^Memo “Source” on “.*Occupy Oakland/);
    await mark.click();
    await expect.poll(() => page.getByLabel('Memo title').inputValue()).toBe('Source');
  });
});

describe('the memo manager', () => {
  it('opens from View → Memos in place of the document, opens a memo beside it, and Escape returns', async () => {
    await firstRun();
    await putMemo(page, { target: { kind: 'project' }, title: 'Research question', plainText: 'How is trafficking framed?' });
    await menuTitle('View').click();
    await page.getByRole('menuitem', { name: /^Memos/ }).click();
    const manager = page.getByRole('region', { name: 'Memos' });
    await expect.poll(() => manager.isVisible()).toBe(true);
    expect(await page.getByTestId('document-text').count()).toBe(0);
    // A click makes the row current; a double click (or Enter) opens it.
    await manager.getByText('Research question', { exact: true }).first().dblclick();
    await expectMemoPaneOpen(page);
    await page.locator('.statusbar').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => manager.count()).toBe(0);
    await expect.poll(() => page.getByTestId('document-text').isVisible()).toBe(true);
  });

  it('opens with Alt+Shift+M in the browser (Chromium keeps Ctrl+Shift+M for its profile menu)', async () => {
    await firstRun();
    await page.locator('.statusbar').click();
    await page.keyboard.press('Alt+Shift+M');
    await expect.poll(() => page.getByRole('region', { name: 'Memos' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('region', { name: 'Memos' }).count()).toBe(0);
  });
});
