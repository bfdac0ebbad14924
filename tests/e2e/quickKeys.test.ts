/**
 * Quick-code keys pinned to codes, as a researcher meets them: the demo codebook's keys 1–9,
 * giving a code another key from its context menu and from its details, keys that stay put
 * when codes are reordered or added, the number key applying the code it now belongs to, and
 * the keys surviving a reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import { dragSelect, launchChromium, newPage, screenshot, completeFirstRun } from './browser.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo codebook's keys as it ships: its first nine codes, in tree order. */
const DEMO_KEYS: Record<string, string> = {
  'Child protection': '1',
  'Sex work as labour': '2',
  'Anti-capitalist critique': '3',
  'Policing and repression': '4',
  'Moral or religious agenda': '5',
  'Community responsibility': '6',
  Sensationalism: '7',
  'Law enforcement and prosecutors': '8',
  'Politicians and ballot campaigns': '9',
};

async function firstRun(page: Page) {
  await completeFirstRun(page, baseUrl);
  await expect.poll(() => page.locator('[role="tree"] .code-key').count()).toBe(9);
}

function treeItem(page: Page, name: string) {
  return page.getByRole('treeitem', { name, exact: true });
}

/** Code name → the key shown on its row, for every row that shows one. */
function shownKeys(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const keys: Record<string, string> = {};
    for (const row of document.querySelectorAll('[role="tree"] [role="treeitem"][data-code-id]')) {
      const key = row.querySelector('.code-key')?.textContent;
      if (key) keys[row.getAttribute('aria-label')!] = key;
    }
    return keys;
  });
}

/** Code name → quick key, as stored. */
function storedKeys(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const projectId = (await db.settings.get('currentProjectId'))!.value as string;
    const codes = await db.codes.where('projectId').equals(projectId).toArray();
    return Object.fromEntries(codes.filter((c) => typeof c.quickKey === 'number').map((c) => [c.name, c.quickKey as number]));
  });
}

/** Names of the codes of the current coder's stored codings (not the demo's example coders'). */
function codedWith(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const coderId = (await db.settings.get('currentCoderId'))!.value as string;
    const segments = await db.segments.where('coderId').equals(coderId).toArray();
    const codes = await db.codes.bulkGet(segments.map((s) => s.codeId));
    return codes.map((c) => c?.name ?? 'missing');
  });
}

const asNumbers = (keys: Record<string, string>) => Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, Number(key)]));

describe('quick keys', () => {
  it('the demo codebook shows keys 1–9 on its first nine codes, and stores them', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    expect(await shownKeys(page)).toEqual(DEMO_KEYS);
    expect(await storedKeys(page)).toEqual(asNumbers(DEMO_KEYS));
    await context.close();
  });

  it('moves a key from the context menu in one undoable step, and the number then applies the code it moved to', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    await treeItem(page, 'Sensationalism').click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: /Quick key/ });
    await expect.poll(() => item.count()).toBe(1);
    await screenshot(page, 'quick-keys-menu');
    await item.click();
    const dialog = page.getByRole('dialog', { name: 'Quick key of “Sensationalism”' });
    await expect.poll(() => dialog.count()).toBe(1);
    await screenshot(page, 'quick-keys-dialog');
    await dialog.getByRole('button', { name: 'Key 2, now “Sex work as labour”' }).click();

    const moved = { ...DEMO_KEYS, Sensationalism: '2' };
    delete (moved as Record<string, string | undefined>)['Sex work as labour'];
    await expect.poll(() => shownKeys(page)).toEqual(moved);
    expect(await storedKeys(page)).toEqual(asNumbers(moved));

    // One step: undo gives both codes their keys back, redo moves it again.
    await page.locator('.document-scroller').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => shownKeys(page)).toEqual(DEMO_KEYS);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => shownKeys(page)).toEqual(moved);

    await dragSelect(page, 'Eggs were thrown');
    await expect.poll(() => page.locator('.statusbar').textContent()).toContain('selected');
    await page.keyboard.press('2');
    await expect.poll(() => codedWith(page)).toEqual(['Sensationalism']);
    await context.close();
  });

  it('moves a key from the details panel; keys stay put when codes are reordered or added, and after a reload', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    // Selecting a row (without text selected) opens its details.
    await treeItem(page, 'Nonprofits and service providers').click();
    const select = page.getByLabel('Quick key', { exact: true });
    await expect.poll(() => select.inputValue()).toBe('');
    expect(await select.locator('option').allTextContents()).toContain('5 (now “Moral or religious agenda”)');
    await select.selectOption('5');
    const moved: Record<string, string> = { ...DEMO_KEYS, 'Nonprofits and service providers': '5' };
    delete moved['Moral or religious agenda'];
    await expect.poll(() => shownKeys(page)).toEqual(moved);
    await expect.poll(() => select.inputValue()).toBe('5');
    await screenshot(page, 'quick-keys-details');

    // Reorder: Child protection moves below Sex work as labour; nobody's key changes.
    await treeItem(page, 'Child protection').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect
      .poll(() => page.evaluate(() => [...document.querySelectorAll('[role="tree"] [role="treeitem"]')].slice(0, 3).map((row) => row.getAttribute('aria-label'))))
      .toEqual(['Framing', 'Sex work as labour', 'Child protection']);
    expect(await shownKeys(page)).toEqual(moved);
    // Drag: Sensationalism dropped on the top edge of Sex work as labour goes before it.
    await treeItem(page, 'Sensationalism').dragTo(treeItem(page, 'Sex work as labour'), { targetPosition: { x: 40, y: 2 } });
    await expect
      .poll(() => page.evaluate(() => [...document.querySelectorAll('[role="tree"] [role="treeitem"]')].slice(0, 4).map((row) => row.getAttribute('aria-label'))))
      .toEqual(['Framing', 'Sensationalism', 'Sex work as labour', 'Child protection']);
    expect(await shownKeys(page)).toEqual(moved);
    // Rename (F2): the key stays with the code.
    await treeItem(page, 'Sensationalism').focus();
    await page.keyboard.press('F2');
    await page.getByLabel('New name for Sensationalism').fill('Sensational coverage');
    await page.keyboard.press('Enter');
    moved['Sensational coverage'] = moved['Sensationalism']!;
    delete moved['Sensationalism'];
    await expect.poll(() => shownKeys(page)).toEqual(moved);

    // Free key 3, then a new code takes it (the lowest free key); the others stay.
    await treeItem(page, 'Anti-capitalist critique').click();
    await page.getByLabel('Quick key', { exact: true }).selectOption('');
    const freed = { ...moved };
    delete freed['Anti-capitalist critique'];
    await expect.poll(() => shownKeys(page)).toEqual(freed);
    await page.getByRole('button', { name: 'New code', exact: true }).click();
    const nameInput = page.locator('[role="tree"] input[type="text"]').first();
    await nameInput.fill('Resistance');
    await nameInput.press('Enter');
    const grown = { ...freed, Resistance: '3' };
    await expect.poll(() => shownKeys(page)).toEqual(grown);

    // The number applies the code it now belongs to.
    await dragSelect(page, 'rush into the conference center');
    await expect.poll(() => page.locator('.statusbar').textContent()).toContain('selected');
    await page.keyboard.press('5');
    await expect.poll(() => codedWith(page)).toEqual(['Nonprofits and service providers']);
    await screenshot(page, 'quick-keys-codebook');

    await page.reload();
    await page.waitForSelector('[data-testid="document-text"] p');
    await expect.poll(() => shownKeys(page)).toEqual(grown);
    expect(await storedKeys(page)).toEqual(asNumbers(grown));
    await context.close();
  });
});
