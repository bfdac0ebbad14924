/**
 * Nothing vanishes: deleting a document, a code or a coding that carries memos asks whether to
 * keep them as project memos or delete them too (or cancel), in Debian's Chromium on the web
 * build. Each kind of thing is deleted once with each choice; the stored memos are checked
 * afterwards (kept ones are attached to the project, deleted ones are gone, others untouched).
 * Without memos, deleting asks as it always did.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { completeFirstRun, dragSelect, launchChromium, newPage, paintedRangeCount, screenshot } from './browser.ts';
import { clickPhrase, codeIdNamed, documentIdNamed, expectMemoCount, offsetOfPhrase, putMemo, storedMemos, storedSegments } from './memoHelpers.ts';

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

// Passages the demo's example coders left uncoded, so the only coding here is the test's.
const PHRASE = 'rush into the conference center';
const OTHER_PHRASE = 'sign carrying and chanting';
const CODE = 'Child protection';

async function firstRun() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
  await expect.poll(() => page.getByRole('treeitem', { name: /Child protection/ }).first().locator('.code-key').textContent()).toBe('1');
}

/** Codes PHRASE with key 1 (Child protection) and returns the coding's id. */
async function codePhrase(): Promise<string> {
  const demoPainted = await paintedRangeCount(page);
  await dragSelect(page, PHRASE);
  await page.keyboard.press('1');
  await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted + 1);
  await expect.poll(async () => (await storedSegments(page)).length).toBe(1);
  await page.locator('.statusbar').click();
  return (await storedSegments(page))[0]!.id;
}

/**
 * The open news report with memos on it, on a passage, on a coding of Child protection and on
 * that code, plus one project memo that no deletion touches. Returns their ids by name.
 */
async function memosEverywhere() {
  const segmentId = await codePhrase();
  const documentId = await documentIdNamed(page, 'Occupy Oakland protest');
  const codeId = await codeIdNamed(page, CODE);
  const passage = await offsetOfPhrase(page, OTHER_PHRASE);
  const ids = {
    onDocument: await putMemo(page, { target: { kind: 'document', id: documentId as never }, title: 'On the report', plainText: 'a' }),
    onPassage: await putMemo(page, { target: { kind: 'passage', id: documentId as never, start: passage.start, end: passage.end }, title: 'On the signs', plainText: 'b' }),
    onSegment: await putMemo(page, { target: { kind: 'segment', id: segmentId as never }, title: 'On the rush', plainText: 'c' }),
    onCode: await putMemo(page, { target: { kind: 'code', id: codeId as never }, title: 'On the code', plainText: 'd' }),
    onProject: await putMemo(page, { target: { kind: 'project' }, title: 'On the project', plainText: 'e' }),
  };
  await expectMemoCount(page, 5);
  return { ids, segmentId, documentId, codeId };
}

const memoQuestion = () => page.getByRole('alertdialog');

/** The memos by title (a kept memo's title also says what it was on: that part is left off) with what each is attached to now. */
async function targetsByTitle(): Promise<Record<string, string>> {
  return Object.fromEntries((await storedMemos(page)).map((m) => [m.title.replace(/ \(was on .*\)$/, ''), m.target.kind]));
}

async function deleteNewsReport() {
  await page.locator('.document-list .document-item', { hasText: 'Occupy Oakland protest' }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
}

async function deleteCode() {
  await page.getByRole('treeitem', { name: CODE, exact: true }).click({ button: 'right' });
  await page.getByRole('menu', { name: `Actions for ${CODE}` }).getByRole('menuitem', { name: 'Delete…' }).click();
}

async function removeCoding() {
  await clickPhrase(page, PHRASE);
  await page.getByRole('dialog', { name: 'Codings at this spot' }).getByRole('button', { name: 'Remove' }).click();
}

async function answer(choice: 'Keep memos' | 'Delete memos too' | 'Cancel', expectedCount: number) {
  await expect.poll(() => memoQuestion().isVisible()).toBe(true);
  expect(await memoQuestion().textContent()).toContain(`${expectedCount} memo${expectedCount === 1 ? ' is' : 's are'} written on it`);
  await memoQuestion().getByRole('button', { name: choice }).click();
  await expect.poll(() => memoQuestion().count()).toBe(0);
}

describe('deleting a document that carries memos', () => {
  it('keeps its memos, its passages’ and its codings’ as project memos', async () => {
    await firstRun();
    const { documentId } = await memosEverywhere();
    await deleteNewsReport();
    await screenshot(page, 'memo-delete-question');
    await answer('Keep memos', 3);
    await expect.poll(async () => (await page.evaluate(async (id) => (window as never as { marginaliaDb: { documents: { get(id: string): Promise<unknown> } } }).marginaliaDb.documents.get(id), documentId)) ?? null).toBe(null);
    expect((await storedMemos(page)).find((m) => m.title.startsWith('On the report'))!.title).toMatch(/^On the report \(was on document “.+”\)$/);
    expect(await targetsByTitle()).toEqual({ 'On the report': 'project', 'On the signs': 'project', 'On the rush': 'project', 'On the code': 'code', 'On the project': 'project' });
  });

  it('deletes them too when asked, and leaves other memos alone', async () => {
    await firstRun();
    await memosEverywhere();
    await deleteNewsReport();
    await answer('Delete memos too', 3);
    await expectMemoCount(page, 2);
    expect(await targetsByTitle()).toEqual({ 'On the code': 'code', 'On the project': 'project' });
  });

  it('deletes nothing on Cancel', async () => {
    await firstRun();
    await memosEverywhere();
    await deleteNewsReport();
    await answer('Cancel', 3);
    expect(await page.locator('.document-list .document-item', { hasText: 'Occupy Oakland protest' }).count()).toBe(1);
    expect((await storedMemos(page)).length).toBe(5);
  });
});

describe('deleting a code that carries memos', () => {
  it('keeps the code’s and its codings’ memos as project memos', async () => {
    await firstRun();
    await memosEverywhere();
    await deleteCode();
    await answer('Keep memos', 2);
    await expect.poll(() => page.getByRole('treeitem', { name: CODE, exact: true }).count()).toBe(0);
    expect(await targetsByTitle()).toEqual({ 'On the report': 'document', 'On the signs': 'passage', 'On the rush': 'project', 'On the code': 'project', 'On the project': 'project' });
  });

  it('deletes them too when asked', async () => {
    await firstRun();
    await memosEverywhere();
    await deleteCode();
    await answer('Delete memos too', 2);
    await expect.poll(() => page.getByRole('treeitem', { name: CODE, exact: true }).count()).toBe(0);
    await expectMemoCount(page, 3);
    expect(await targetsByTitle()).toEqual({ 'On the report': 'document', 'On the signs': 'passage', 'On the project': 'project' });
  });
});

describe('removing a coding that carries memos', () => {
  it('keeps its memos as project memos', async () => {
    await firstRun();
    await memosEverywhere();
    await removeCoding();
    await answer('Keep memos', 1);
    await expect.poll(() => storedSegments(page)).toEqual([]);
    expect(await targetsByTitle()).toEqual({ 'On the report': 'document', 'On the signs': 'passage', 'On the rush': 'project', 'On the code': 'code', 'On the project': 'project' });
  });

  it('deletes them too when asked', async () => {
    await firstRun();
    await memosEverywhere();
    await removeCoding();
    await answer('Delete memos too', 1);
    await expect.poll(() => storedSegments(page)).toEqual([]);
    await expectMemoCount(page, 4);
    expect(Object.keys(await targetsByTitle())).not.toContain('On the rush');
  });

  it('keeps the coding on Cancel', async () => {
    await firstRun();
    await memosEverywhere();
    await removeCoding();
    await answer('Cancel', 1);
    expect((await storedSegments(page)).length).toBe(1);
    expect((await storedMemos(page)).length).toBe(5);
  });
});

describe('deleting things without memos', () => {
  it('removes a coding at once and asks about a document as before, with no memo question', async () => {
    await firstRun();
    await codePhrase();
    await removeCoding();
    await expect.poll(() => storedSegments(page)).toEqual([]);
    await deleteNewsReport();
    const confirm = page.getByRole('alertdialog', { name: /^Delete “News report/ });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.getByRole('button', { name: 'Keep memos' }).count()).toBe(0);
    await confirm.getByRole('button', { name: 'Delete document' }).click();
    await expect.poll(() => page.locator('.document-list .document-item', { hasText: 'Occupy Oakland protest' }).count()).toBe(0);
  });
});
