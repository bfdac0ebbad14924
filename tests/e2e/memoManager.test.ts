/**
 * The memo manager in Debian's Chromium on the web build: memos written through the app's own
 * routes (File → Write project memo…, Ctrl+M on a selected passage, typing in the memo pane) and
 * rows of the other kinds written into the real schema; the manager opened by mouse (View →
 * Memos), by its shortcut (Alt+Shift+M in the browser) and by the keyboard alone (F10, arrows,
 * Enter). Then, as a researcher does: read the table, filter by kind, author and code, search
 * with the hits marked, sort by a column, open a memo, re-attach one (and undo it with Ctrl+Z),
 * delete one (it asks first; the notice's Undo brings it back).
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import type { Memo, MemoTarget } from '../../shared/model/index.ts';
import { completeFirstRun, dragSelect, launchChromium, newPage, screenshot } from './browser.ts';

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

const PHRASE = 'Eggs were thrown';
const HEADERS = ['Title', 'Attached to', 'Author', 'Created', 'Modified'];

async function firstRun() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
  await expect.poll(() => page.locator('[role="tree"] [role="treeitem"]').count()).toBeGreaterThan(0);
}

const manager = () => page.getByRole('region', { name: 'Memos', exact: true });
const grid = () => manager().getByRole('grid', { name: 'Memo list' });
const menuTitle = (name: string) => page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name, exact: true });
const openMenu = (name: string) => page.getByRole('menu', { name });

/** The table as the screen shows it: one array of cell texts per row (header row excluded). */
function tableRows(): Promise<string[][]> {
  return grid().evaluate((element) =>
    [...element.querySelectorAll('.memo-grid-body [role="row"]')]
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .map((row) => [...row.querySelectorAll('[role="gridcell"]')].slice(0, 3).map((cell) => (cell.querySelector('.memo-title') ?? cell).textContent!.trim())),
  );
}

const titles = async () => (await tableRows()).map((row) => row[0]);

/** Types `text` into the open memo pane's title and text fields (the editor saves by itself). */
async function writeInPane(title: string, text: string) {
  const pane = page.getByRole('textbox', { name: 'Memo title' });
  await pane.click();
  await page.keyboard.type(title);
  await page.getByRole('textbox', { name: 'Memo text' }).click();
  await page.keyboard.type(text);
}

/** Every stored memo, as the database holds it. */
function storedMemos(): Promise<Memo[]> {
  return page.evaluate(() => (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb.memos.toArray());
}

/**
 * Writes memo rows of the kinds the app has no route for yet (document, code, coded segment)
 * straight into the real schema, with a second coder as the author of one, and a coded segment
 * for the segment memo. Returns nothing: tests read what the screen shows.
 */
async function seedOtherKinds() {
  await page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const projectId = (await db.settings.get('currentProjectId'))!.value as string;
    const me = (await db.coders.get((await db.settings.get('currentCoderId'))!.value as never))!;
    const ben = { id: crypto.randomUUID(), name: 'Ben Okafor', color: '#3cb44b' };
    const documents = await db.documents.where('projectId').equals(projectId).sortBy('order');
    const codes = await db.codes.where('projectId').equals(projectId).toArray();
    const childProtection = codes.find((c) => c.name === 'Child protection')!;
    const policing = codes.find((c) => c.name === 'Policing and repression')!;
    const segment = { id: crypto.randomUUID(), projectId, documentId: documents[0]!.id, codeId: policing.id, coderId: ben.id, start: 0, end: 12, createdAt: '2026-03-01T10:00:00.000Z' };
    const memo = (title: string, plainText: string, target: unknown, coderId: string, at: string) => ({
      id: crypto.randomUUID(), projectId, target, title, content: '', plainText, coderId, createdAt: at, modifiedAt: at,
    });
    await db.transaction('rw', [db.coders, db.segments, db.memos], async () => {
      await db.coders.add(ben as never);
      await db.segments.add(segment as never);
      await db.memos.bulkAdd([
        memo('Source notes', 'Local newspaper; the reporter was at the café opposite.', { kind: 'document', id: documents[1]!.id }, me.id, '2026-03-02T10:00:00.000Z'),
        memo('When to apply', 'Use for protection of minors, not for adults.', { kind: 'code', id: childProtection.id }, ben.id, '2026-03-03T10:00:00.000Z'),
        memo('Police framing', 'The reporter frames the protest through policing.', { kind: 'segment', id: segment.id }, ben.id, '2026-03-04T10:00:00.000Z'),
      ] as never);
    });
  });
}

/** Writes the project memo and the passage memo through the app, as a researcher does. */
async function writeMemosThroughTheApp() {
  await menuTitle('File').click();
  await openMenu('File').getByRole('menuitem', { name: /Write project memo/ }).click();
  await writeInPane('Research questions', 'How is policing framed against protection?');
  await expect.poll(async () => (await storedMemos()).find((m) => m.target.kind === 'project')?.plainText).toBe('How is policing framed against protection?');

  await page.locator('[data-testid="document-text"]').first().click();
  await dragSelect(page, PHRASE);
  await page.keyboard.press('Control+m');
  await expect.poll(async () => (await storedMemos()).some((m) => m.target.kind === 'passage')).toBe(true);
  await writeInPane('Eggs and fog horns', 'Protest tactics described in detail — café talk?');
  await expect.poll(async () => (await storedMemos()).find((m) => m.target.kind === 'passage')?.title).toBe('Eggs and fog horns');
}

async function openByViewMenu() {
  await menuTitle('View').click();
  await openMenu('View').getByRole('menuitem', { name: /^Memos/ }).click();
  await expect.poll(() => manager().isVisible()).toBe(true);
}

/** The five memos of every kind, and the manager open. */
async function setUp() {
  await firstRun();
  await writeMemosThroughTheApp();
  await seedOtherKinds();
  await openByViewMenu();
  await expect.poll(async () => (await tableRows()).length).toBe(5);
}

const NEWS = 'News report: Occupy Oakland protest at the H.E.A.T. conference (2012)';
const STATEMENT = 'Protest statement: Occupy Patriarchy, with reader responses (2012)';

describe('opening the memo manager', () => {
  it('opens from View → Memos by mouse and shows every memo with what it is attached to, its author and dates', async () => {
    await setUp();
    expect(await manager().getByRole('columnheader').allTextContents()).toEqual(HEADERS);
    const rows = await tableRows();
    // Newest change first: the two memos typed just now, then the seeded ones by date.
    expect(rows.slice(2)).toEqual([
      ['Police framing', `Coding of Policing and repression in ${NEWS}`, 'Ben Okafor'],
      ['When to apply', 'Code: Framing › Child protection', 'Ben Okafor'],
      ['Source notes', `Document: ${STATEMENT}`, 'Ana Ruiz'],
    ]);
    expect(rows.slice(0, 2).sort()).toEqual([
      ['Eggs and fog horns', `Passage in ${NEWS}`, 'Ana Ruiz'],
      ['Research questions', 'Project', 'Ana Ruiz'],
    ]);
    // Each row shows the start of its text, and its dates.
    const row = manager().getByRole('row', { name: /Source notes/ });
    expect(await row.locator('.memo-snippet').textContent()).toBe('Local newspaper; the reporter was at the café opposite.');
    expect(await row.locator('time').first().getAttribute('datetime')).toBe('2026-03-02T10:00:00.000Z');
    expect(await manager().getByRole('status').textContent()).toBe('5 memos');
  });

  it('opens with its shortcut, Alt+Shift+M in the browser', async () => {
    await firstRun();
    await seedOtherKinds();
    await page.locator('.statusbar').click();
    await page.keyboard.press('Alt+Shift+M');
    await expect.poll(() => manager().isVisible()).toBe(true);
    await expect.poll(async () => (await titles()).length).toBe(3);
  });

  it('opens with the keyboard alone: F10, arrows to View, Enter, down to Memos, Enter', async () => {
    await firstRun();
    await seedOtherKinds();
    await page.locator('.statusbar').click();
    await page.keyboard.press('F10');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('File');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('View');
    await page.keyboard.press('Enter');
    const item = openMenu('View').getByRole('menuitem', { name: /^Memos/ });
    for (let i = 0; i < 10 && !(await item.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
    expect(await item.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => manager().isVisible()).toBe(true);
    await expect.poll(async () => (await titles()).length).toBe(3);
  });
});

describe('finding memos', () => {
  it('filters by kind, by author and by code (the code, its codings and, when asked, its sub-codes)', async () => {
    await setUp();
    const kind = manager().getByLabel('Kind');
    const author = manager().getByLabel('Author');
    const code = manager().getByLabel('Code', { exact: true });

    await kind.selectOption({ label: 'Passage' });
    await expect.poll(titles).toEqual(['Eggs and fog horns']);
    await kind.selectOption({ label: 'Coding' });
    await expect.poll(titles).toEqual(['Police framing']);
    await kind.selectOption({ label: 'All kinds' });

    await author.selectOption({ label: 'Ben Okafor' });
    await expect.poll(titles).toEqual(['Police framing', 'When to apply']);
    expect(await manager().getByRole('status').textContent()).toBe('2 of 5 memos');
    await author.selectOption({ label: 'All authors' });

    await code.selectOption({ label: 'Policing and repression' });
    await expect.poll(titles).toEqual(['Police framing']);
    // A category: no memos of its own; with sub-codes, the memos on Child protection and on a
    // coding of Policing and repression (both under Framing).
    await code.selectOption({ label: 'Framing' });
    await expect.poll(titles).toEqual(['Police framing', 'When to apply']);
    await manager().getByLabel('With sub-codes').uncheck();
    await expect.poll(() => manager().getByText('No memo matches these filters.').isVisible()).toBe(true);
    await manager().getByRole('button', { name: 'Show every memo' }).click();
    await expect.poll(async () => (await titles()).length).toBe(5);
  });

  it('searches titles and text by every word, ignoring case and accents, and marks the hits', async () => {
    await setUp();
    const search = manager().getByRole('searchbox', { name: 'Search memos' });
    await search.fill('CAFE');
    await expect.poll(async () => (await titles()).sort()).toEqual(['Eggs and fog horns', 'Source notes']);
    expect((await manager().locator('mark').allTextContents()).sort()).toEqual(['café', 'café']);

    // Only what matched is marked: the start of “policing”.
    await search.fill('polic framed');
    await expect.poll(titles).toEqual(['Research questions']);
    expect(await manager().locator('mark').allTextContents()).toEqual(['polic', 'framed']);

    await search.fill('police');
    await expect.poll(titles).toEqual(['Police framing']);
    expect(await manager().getByRole('row', { name: /Police framing/ }).locator('.memo-title mark').allTextContents()).toEqual(['Police']);
    await screenshot(page, 'memo-manager-search');
  });

  it('sorts by a column header, and says so with aria-sort', async () => {
    await setUp();
    const titleHeader = manager().getByRole('columnheader', { name: 'Title' });
    expect(await manager().getByRole('columnheader', { name: 'Modified' }).getAttribute('aria-sort')).toBe('descending');
    await titleHeader.getByRole('button').click();
    await expect.poll(() => titleHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(titles).toEqual(['Eggs and fog horns', 'Police framing', 'Research questions', 'Source notes', 'When to apply']);
    await titleHeader.getByRole('button').click();
    await expect.poll(() => titleHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(titles).toEqual(['When to apply', 'Source notes', 'Research questions', 'Police framing', 'Eggs and fog horns']);
    expect(await manager().getByRole('columnheader', { name: 'Modified' }).getAttribute('aria-sort')).toBe('none');

    const created = manager().getByRole('columnheader', { name: 'Created' });
    await created.getByRole('button').click();
    await expect.poll(() => created.getAttribute('aria-sort')).toBe('descending');
    await created.getByRole('button').click();
    await expect.poll(titles).toEqual(['Source notes', 'When to apply', 'Police framing', 'Research questions', 'Eggs and fog horns']);
  });
});

describe('acting on a memo', () => {
  it('moves with the arrow keys and opens the current memo with Enter, and with the Open button', async () => {
    await setUp();
    await manager().getByRole('columnheader', { name: 'Title' }).getByRole('button').click();
    await expect.poll(titles).toEqual(['Eggs and fog horns', 'Police framing', 'Research questions', 'Source notes', 'When to apply']);
    await grid().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => manager().locator('[role="row"][aria-selected="true"] .memo-title').textContent()).toBe('Source notes');
    expect(await grid().getAttribute('aria-activedescendant')).toBe(await manager().locator('[role="row"][aria-selected="true"]').getAttribute('id'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('textbox', { name: 'Memo title' }).inputValue()).toBe('Source notes');

    await grid().focus();
    await page.keyboard.press('ArrowUp');
    await manager().getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Memo title' }).inputValue()).toBe('Research questions');
  });

  it('re-attaches a memo to a code, and Ctrl+Z attaches it where it was', async () => {
    await setUp();
    await manager().getByRole('row', { name: /Source notes/ }).click();
    await manager().getByRole('button', { name: 'Re-attach…' }).click();
    const dialog = page.getByRole('dialog', { name: /Re-attach “Source notes”/ });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByText(`Now attached to: Document: ${STATEMENT}`).isVisible()).toBe(true);
    // Unchanged, it cannot be re-attached.
    expect(await dialog.getByRole('button', { name: 'Re-attach' }).isDisabled()).toBe(true);
    await dialog.getByLabel('A code').check();
    await dialog.getByLabel('Code', { exact: true }).selectOption({ label: '\u2003Sensationalism' });
    await dialog.getByRole('button', { name: 'Re-attach' }).click();
    const row = manager().getByRole('row', { name: /Source notes/ });
    await expect.poll(() => row.locator('[role="gridcell"]').nth(1).textContent()).toBe('Code: Framing › Sensationalism');
    const target = async () => (await storedMemos()).find((m) => m.title === 'Source notes')!.target;
    expect((await target()).kind).toBe('code');

    await page.keyboard.press('Control+z');
    await expect.poll(() => row.locator('[role="gridcell"]').nth(1).textContent()).toBe(`Document: ${STATEMENT}`);
    expect((await target()) satisfies MemoTarget).toMatchObject({ kind: 'document' });
  });

  it('asks before deleting with the Delete key, deletes, and the notice’s Undo brings the memo back', async () => {
    await setUp();
    await manager().getByRole('row', { name: /When to apply/ }).click();
    await page.keyboard.press('Delete');
    const confirm = page.getByRole('alertdialog', { name: 'Delete “When to apply”?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await titles()).toContain('When to apply');
    expect((await storedMemos()).length).toBe(5);

    await manager().getByRole('button', { name: 'Delete…' }).click();
    await confirm.getByRole('button', { name: 'Delete memo' }).click();
    await expect.poll(titles).not.toContain('When to apply');
    expect((await storedMemos()).map((m) => m.title)).not.toContain('When to apply');
    const notice = page.getByText('Deleted memo “When to apply”.');
    await expect.poll(() => notice.isVisible()).toBe(true);
    await page.locator('.notice').filter({ hasText: 'Deleted memo “When to apply”.' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(titles).toContain('When to apply');
    expect((await storedMemos()).length).toBe(5);
  });
});

describe('many memos', () => {
  it('lists a thousand memos, paints only the rows on screen, and scrolls to the last with End', async () => {
    await firstRun();
    await page.evaluate(async () => {
      const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
      const projectId = (await db.settings.get('currentProjectId'))!.value as string;
      const me = (await db.coders.get((await db.settings.get('currentCoderId'))!.value as never))!;
      const documents = await db.documents.where('projectId').equals(projectId).toArray();
      const topics = ['policing', 'child protection', 'sex work as labour', 'community', 'the café meeting', 'news framing', 'ballot campaigns'];
      await db.memos.bulkAdd(
        Array.from({ length: 1000 }, (_, i) => {
          const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
          const topic = topics[i % topics.length]!;
          return {
            id: crypto.randomUUID(), projectId, title: `Memo ${String(i + 1).padStart(4, '0')} on ${topic}`, content: '', coderId: me.id, createdAt: at, modifiedAt: at,
            target: i % 3 === 0 ? { kind: 'project' } : { kind: 'document', id: documents[i % documents.length]!.id },
            plainText: `Thinking about ${topic} in the interviews. Participants described ${topic} in many ways; some linked it to trust, others to fear. Follow up in round ${i % 5}.`,
          };
        }) as never,
      );
    });
    await openByViewMenu();
    await expect.poll(() => manager().getByRole('status').textContent()).toBe('1000 memos');
    expect(Number(await grid().getAttribute('aria-rowcount'))).toBe(1001);
    expect(await manager().locator('.memo-grid-body [role="row"]').count()).toBeLessThan(60);
    await screenshot(page, 'memo-manager-many');
    await grid().focus();
    await page.keyboard.press('End');
    await expect.poll(() => manager().locator('[role="row"][aria-selected="true"] .memo-title').textContent()).toBe('Memo 0001 on policing');
    expect(await manager().locator('[role="row"][aria-selected="true"]').isVisible()).toBe(true);
    await manager().getByRole('searchbox', { name: 'Search memos' }).fill('café trust');
    await expect.poll(() => manager().getByRole('status').textContent()).toBe('143 of 1000 memos');
    await screenshot(page, 'memo-manager-many-search');
  });
});
