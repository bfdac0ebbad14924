/**
 * The workbench shell in Debian's Chromium on the web build: every shortcut the in-window menus
 * show does what its item does; every menu item works by mouse and by keyboard alone (F10,
 * arrows, Enter); the side panels resize by dragging or with the keyboard and keep their width
 * across a reload; notices stack at most three, information fades, errors stay; a stripe label
 * gives its code's full name on hover. The memo items: Write project memo (a memo on the project,
 * in the pane), Add memo to selection (with nothing selected it says so), Memos (the manager,
 * left with Escape) and Export memo report (the command reaches the workbench; the exchange
 * answers it). Edit → Find in document… (and Ctrl+F) opens the find bar, left with Escape.
 * The coder view's items (whose codings, colour by coder, blind coding) change what
 * the control above the document shows, which then puts the view back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { catchFileChoosers, dragSelect, launchChromium, newPage, paintedRangeCount, screenshot, completeFirstRun } from './browser.ts';

let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
let fileChoosers: Awaited<ReturnType<typeof catchFileChoosers>>;
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

async function firstRun() {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
  fileChoosers = await catchFileChoosers(page);
  await expect.poll(() => page.locator('[role="tree"] [role="treeitem"]').count()).toBeGreaterThan(0);
}

const menubar = () => page.getByRole('menubar', { name: 'Main menu' });
const menuTitle = (name: string) => menubar().getByRole('menuitem', { name, exact: true });
const openMenu = (name: string) => page.getByRole('menu', { name });
const MENU_NAMES = ['File', 'Edit', 'View', 'Help'];

/** Each menu's items as the researcher sees them: label and the shortcut shown, if any. */
async function readMenus(): Promise<{ menu: string; label: string; keys: string | null }[]> {
  const items: { menu: string; label: string; keys: string | null }[] = [];
  for (const menu of MENU_NAMES) {
    await menuTitle(menu).click();
    for (const item of await openMenu(menu).getByRole('menuitem').all()) {
      items.push({ menu, label: (await item.locator('span').first().textContent()) ?? '', keys: (await item.locator('kbd').count()) ? await item.locator('kbd').textContent() : null });
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => openMenu(menu).count()).toBe(0);
  }
  return items;
}

const coderViewBar = () => page.getByRole('toolbar', { name: 'Coder view' });
const coderFilterChoice = (name: string) => coderViewBar().getByRole('radio', { name });
const activeIn = (selector: string) => page.evaluate((s) => document.activeElement?.closest(s) != null, selector);
const stripeColumnCount = () => page.locator('.margin-stripes').count();

async function closeDialog(name: string | RegExp) {
  const dialog = page.getByRole('dialog', { name });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

/**
 * Runs `trigger` (a shortcut, a click or a key press in the menu) and checks what the item
 * labelled `label` must do. Undo and Redo are checked against a coding made beforehand.
 */
async function expectEffect(label: string, trigger: () => Promise<void>) {
  if (/^(Import documents|Import codebook|Import project|Import a teammate)/.test(label)) {
    await trigger();
    await (await fileChoosers.next().catch((error: unknown) => Promise.reject(new Error(`${label}: ${String(error)}`)))).setFiles([]);
  } else if (label.startsWith('Export project')) {
    const download = page.waitForEvent('download', { timeout: 20_000 });
    await trigger();
    expect((await download).suggestedFilename()).toMatch(/\.qdpx$/);
  } else if (label.startsWith('New project')) {
    await trigger();
    await closeDialog('New project');
  } else if (label.startsWith('Paste text as document')) {
    await trigger();
    await closeDialog('Paste text as a new document');
  } else if (label.startsWith('Export codebook')) {
    await trigger();
    await closeDialog('Export codebook');
  } else if (label.startsWith('Apply code to selection')) {
    await trigger();
    await closeDialog('Apply a code to the selection');
  } else if (label.startsWith('Undo')) {
    expect(await paintedRangeCount(page)).toBe(paintedBeforeCoding + 1);
    await trigger();
    await expect.poll(() => paintedRangeCount(page)).toBe(paintedBeforeCoding);
  } else if (label.startsWith('Redo')) {
    await trigger();
    await expect.poll(() => paintedRangeCount(page)).toBe(paintedBeforeCoding + 1);
  } else if (/coding stripes/.test(label)) {
    const before = await stripeColumnCount();
    await trigger();
    await expect.poll(() => stripeColumnCount()).toBe(before === 0 ? 1 : 0);
  } else if (label === 'Go to documents') {
    expect(await activeIn('.document-list')).toBe(false);
    await trigger();
    await expect.poll(() => activeIn('.document-list .document-item')).toBe(true);
  } else if (label === 'Go to codebook') {
    expect(await activeIn('[role="tree"]')).toBe(false);
    await trigger();
    await expect.poll(() => activeIn('[role="tree"]')).toBe(true);
  } else if (label === 'Keyboard shortcuts') {
    await trigger();
    await closeDialog('Keyboard shortcuts');
  } else if (label.startsWith('Compare coders')) {
    await trigger();
    await expect.poll(() => page.getByRole('heading', { name: 'Compare coders' }).isVisible()).toBe(true);
    await page.locator('.compare-view').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('document-text').isVisible()).toBe(true);
  } else if (label.startsWith('Write project memo')) {
    const before = await memoCount('project');
    await trigger();
    await expect.poll(() => memoCount('project')).toBe(before + 1);
    await expect.poll(() => page.getByLabel('Memo title').isVisible()).toBe(true);
    // Writing a memo is an undo step: take it back, so Edit → Undo next undoes the coding again.
    await page.locator('.statusbar').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => memoCount('project')).toBe(before);
  } else if (label.startsWith('Add memo to selection')) {
    // Nothing is selected when the menus are walked (the coding made first let go of its
    // passage): the researcher is told to select a passage first, and no memo is written.
    const before = await memoCount();
    await trigger();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Select a passage in the document first' }).count()).toBeGreaterThan(0);
    expect(await memoCount()).toBe(before);
  } else if (label === 'Memos') {
    await trigger();
    await expect.poll(() => page.getByRole('region', { name: 'Memos' }).isVisible()).toBe(true);
    await page.locator('.statusbar').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('region', { name: 'Memos' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('document-text').isVisible()).toBe(true);
  } else if (label.startsWith('Export memo report')) {
    // Answered by the exchange's commands: the command must reach the workbench; whatever it
    // opens (a download, a dialog) is accepted or closed so the walk goes on.
    const dispatched = page.evaluate(
      () => new Promise<string>((resolve) => window.addEventListener('marginalia:menu-command', (event) => resolve((event as CustomEvent<{ command: string }>).detail.command), { once: true })),
    );
    const download = page.waitForEvent('download', { timeout: 3_000 }).catch(() => null);
    await trigger();
    expect(await dispatched).toBe('file:export-memos');
    await download;
    if (await page.locator('dialog[open]').count()) {
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    }
  } else if (label === 'Show all coders’ codings') {
    // The walk starts with all coders shown: the menu says so, and nothing is hidden.
    const before = await paintedRangeCount(page);
    await trigger();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Showing every coder’s codings' }).count()).toBeGreaterThan(0);
    expect(await coderFilterChoice('All coders').getAttribute('aria-checked')).toBe('true');
    expect(await paintedRangeCount(page)).toBe(before);
  } else if (label === 'Show only my codings') {
    // Only the coding made before the walk is this coder's.
    await trigger();
    await expect.poll(() => coderFilterChoice('Only mine').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => paintedRangeCount(page)).toBe(1);
    await coderFilterChoice('All coders').click();
    await expect.poll(() => coderFilterChoice('All coders').getAttribute('aria-checked')).toBe('true');
  } else if (label === 'Show only other coders’ codings') {
    const before = await paintedRangeCount(page);
    await trigger();
    await expect.poll(() => paintedRangeCount(page)).toBe(before - 1);
    expect(await coderFilterChoice('Only others').getAttribute('aria-checked')).toBe('true');
    await coderFilterChoice('All coders').click();
    await expect.poll(() => paintedRangeCount(page)).toBe(before);
  } else if (label.startsWith('Colour codings by')) {
    const colourByCoder = coderViewBar().getByRole('button', { name: 'Colour by coder' });
    const before = await colourByCoder.getAttribute('aria-pressed');
    await trigger();
    await expect.poll(() => colourByCoder.getAttribute('aria-pressed')).toBe(before === 'true' ? 'false' : 'true');
    await colourByCoder.click();
    await expect.poll(() => colourByCoder.getAttribute('aria-pressed')).toBe(before);
  } else if (label.startsWith('Turn blind coding')) {
    expect(await page.getByTestId('blind-badge').count()).toBe(0);
    await trigger();
    await expect.poll(() => page.getByTestId('blind-badge').isVisible()).toBe(true);
    expect(await coderFilterChoice('Only mine').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => paintedRangeCount(page)).toBe(1);
    await coderViewBar().getByRole('button', { name: 'Blind coding' }).click();
    await expect.poll(() => page.getByTestId('blind-badge').count()).toBe(0);
  } else if (label.startsWith('Find in document')) {
    // The find bar opens over the document with its query field focused; Escape closes it.
    await trigger();
    const bar = page.getByRole('search', { name: 'Find in document' });
    await expect.poll(() => bar.isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Find');
    await page.keyboard.press('Escape');
    await expect.poll(() => bar.count()).toBe(0);
  } else if (label === 'About Marginalia') {
    await trigger();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Marginalia 0.1.0 (web)' }).count()).toBeGreaterThan(0);
  } else {
    throw new Error(`No check for the menu item “${label}”: add one.`);
  }
}

/** How many memos are stored (of one kind of target, or all). */
function memoCount(kind?: string): Promise<number> {
  return page.evaluate(async (k) => {
    const db = (window as unknown as { marginaliaDb: { memos: { toArray(): Promise<{ target: { kind: string } }[]> } } }).marginaliaDb;
    return (await db.memos.toArray()).filter((m) => !k || m.target.kind === k).length;
  }, kind);
}

/** The painted ranges before codeAPassage: the demo's example coders' codings of the open document. */
let paintedBeforeCoding = 0;

/** Codes one passage with key 1, so Undo and Redo have something to do. */
async function codeAPassage() {
  paintedBeforeCoding = await paintedRangeCount(page);
  await dragSelect(page, 'Eggs were thrown');
  await page.keyboard.press('1');
  await expect.poll(() => paintedRangeCount(page)).toBe(paintedBeforeCoding + 1);
  await page.locator('.statusbar').click();
}

/** Playwright's names for the keys the menus show. */
function playwrightKeys(shown: string): string {
  return shown.replace('Ctrl', 'Control').replace('\\', 'Backslash').replace('/', 'Slash');
}

describe('menu shortcuts in the browser build', () => {
  it('shows no combination Chromium keeps for itself, and offers Alt+Shift+N for a new project', async () => {
    await firstRun();
    const shown = (await readMenus()).map((item) => item.keys).filter((keys) => keys !== null);
    for (const reserved of ['Ctrl+N', 'Ctrl+Shift+N', 'Ctrl+T', 'Ctrl+Shift+T', 'Ctrl+W', 'Ctrl+Shift+W', 'Ctrl+Shift+M']) expect(shown).not.toContain(reserved);
    expect(shown).toContain('Alt+Shift+N');
    await menuTitle('File').click();
    await screenshot(page, 'shell-file-menu');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    await screenshot(page, 'shell-shortcuts-dialog');
  });

  it('does what each item does for every shortcut the menus show (other than coding and undo)', async () => {
    await firstRun();
    await codeAPassage();
    const codingKeys = ['Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+K'];
    const withKeys = (await readMenus()).filter((item) => item.keys !== null && !codingKeys.includes(item.keys));
    // The desktop menus' shortcuts, in the browser (Alt+Shift+N stands in for Ctrl+Shift+N).
    // Alt+Shift+M stands in for Ctrl+Shift+M (View → Memos), which Chromium keeps for its profile menu.
    expect(withKeys.map((item) => item.keys).sort()).toEqual(['Alt+Shift+M', 'Alt+Shift+N', 'Ctrl+/', 'Ctrl+1', 'Ctrl+2', 'Ctrl+F', 'Ctrl+M', 'Ctrl+O', 'Ctrl+Shift+E', 'Ctrl+\\'].sort());
    for (const { label, keys } of withKeys) {
      await expectEffect(label, () => page.keyboard.press(playwrightKeys(keys!)));
      // The margin shortcut twice: it hides, then shows again.
      if (label.includes('coding stripes')) await expectEffect(label, () => page.keyboard.press(playwrightKeys(keys!)));
    }
  });
});

describe('the in-window menus', () => {
  it('runs every item clicked with the mouse', async () => {
    await firstRun();
    await codeAPassage();
    for (const menu of MENU_NAMES) {
      await menuTitle(menu).click();
      const count = await openMenu(menu).getByRole('menuitem').count();
      await page.keyboard.press('Escape');
      for (let index = 0; index < count; index++) {
        await menuTitle(menu).click();
        const item = openMenu(menu).getByRole('menuitem').nth(index);
        const label = (await item.locator('span').first().textContent()) ?? '';
        expect(await item.isDisabled(), `${menu} → ${label}`).toBe(false);
        await expectEffect(label, () => item.click());
      }
    }
  });

  it('runs every item with the keyboard alone: F10 or Alt to reach the bar, arrows, Enter', async () => {
    await firstRun();
    await codeAPassage();
    for (const [menuIndex, menu] of MENU_NAMES.entries()) {
      await menuTitle(menu).click();
      const count = await openMenu(menu).getByRole('menuitem').count();
      await page.keyboard.press('Escape');
      for (let itemIndex = 0; itemIndex < count; itemIndex++) {
        await page.locator('.statusbar').click();
        // Alt alone for the Edit menu, F10 for the others: both reach the bar.
        await page.keyboard.press(menu === 'Edit' ? 'Alt' : 'F10');
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('File');
        for (let i = 0; i < menuIndex; i++) await page.keyboard.press('ArrowRight');
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(menu);
        await page.keyboard.press('Enter');
        await expect.poll(() => openMenu(menu).isVisible()).toBe(true);
        const item = openMenu(menu).getByRole('menuitem').nth(itemIndex);
        const label = (await item.locator('span').first().textContent()) ?? '';
        expect(await item.isDisabled(), `${menu} → ${label}`).toBe(false);
        // The first enabled item has the focus; walk down to this one.
        for (let i = 0; i < count && !(await item.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
        expect(await item.evaluate((el) => el === document.activeElement), `${menu} → ${label} has the focus`).toBe(true);
        await expectEffect(label, () => page.keyboard.press('Enter'));
      }
    }
  });
});

const separator = (name: string) => page.getByRole('separator', { name });
const valueOf = async (name: string) => Number(await separator(name).getAttribute('aria-valuenow'));
const widthOf = async (selector: string) => Math.round((await page.locator(selector).boundingBox())!.width);

async function reload() {
  await page.reload();
  await page.waitForSelector('[data-testid="document-text"] p');
}

describe('resizable side panels', () => {
  it('widens the codebook panel by dragging its divider and keeps the width after a reload', async () => {
    await firstRun();
    const before = await valueOf('Resize the codebook panel');
    expect(before).toBe(await widthOf('.codebook-side'));
    const box = (await separator('Resize the codebook panel').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2 - 250, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => valueOf('Resize the codebook panel')).toBe(before + 250);
    expect(await widthOf('.codebook-side')).toBe(before + 250);
    await screenshot(page, 'shell-codebook-wide');

    await reload();
    await expect.poll(() => valueOf('Resize the codebook panel')).toBe(before + 250);
    await expect.poll(() => widthOf('.codebook-side')).toBe(before + 250);
  });

  it('resizes the documents panel with the arrow keys on its focused divider and keeps it after a reload', async () => {
    await firstRun();
    const before = await valueOf('Resize the documents panel');
    await separator('Resize the documents panel').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => valueOf('Resize the documents panel')).toBe(before + 32);
    expect(await widthOf('.sidebar')).toBe(before + 32);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(() => valueOf('Resize the documents panel')).toBe(before + 32 - 64);
    await page.keyboard.press('Home');
    await expect.poll(() => valueOf('Resize the documents panel')).toBe(Number(await separator('Resize the documents panel').getAttribute('aria-valuemin')));
    await page.keyboard.press('ArrowRight');
    const kept = await valueOf('Resize the documents panel');

    await reload();
    await expect.poll(() => valueOf('Resize the documents panel')).toBe(kept);
    await expect.poll(() => widthOf('.sidebar')).toBe(kept);
  });
});

const notices = () => page.locator('.notices .notice');

/** Help → About: one information notice. */
async function about() {
  await menuTitle('Help').click();
  await openMenu('Help').getByRole('menuitem', { name: /About Marginalia/ }).click();
}

describe('notices', () => {
  it('shows at most three, and information fades by itself', async () => {
    await firstRun();
    for (let i = 0; i < 4; i++) await about();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Marginalia 0.1.0' }).count()).toBe(3);
    expect(await notices().count()).toBe(3);
    await page.mouse.move(5, 5);
    await expect.poll(() => notices().count(), { timeout: 10_000 }).toBe(0);
  });

  it('keeps information while the pointer is on it, then lets it fade', async () => {
    await firstRun();
    await about();
    await notices().first().hover();
    await page.waitForTimeout(6500);
    expect(await notices().count()).toBe(1);
    await page.mouse.move(5, 5);
    await expect.poll(() => notices().count(), { timeout: 10_000 }).toBe(0);
  });

  it('keeps an error until it is dismissed, and over newer information', async () => {
    await firstRun();
    await page.locator('.statusbar').click();
    // Code in vivo with nothing selected: an error.
    await page.keyboard.press('Control+Shift+K');
    const error = page.getByRole('alert').filter({ hasText: 'Select the words' });
    await expect.poll(() => error.count()).toBe(1);
    for (let i = 0; i < 3; i++) await about();
    await page.mouse.move(5, 5);
    await expect.poll(() => notices().count()).toBe(3);
    expect(await error.count()).toBe(1);
    await page.waitForTimeout(6500);
    await expect.poll(() => notices().count()).toBe(1);
    expect(await error.count()).toBe(1);
    await error.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notices().count()).toBe(0);
  });
});

describe('margin stripes', () => {
  it('give the full name of a code whose label is cut on hover', async () => {
    await firstRun();
    const phrase = 'rush into the conference center and disrupt the meeting';
    const before = await paintedRangeCount(page);
    await dragSelect(page, phrase);
    await page.keyboard.press('Control+Shift+K');
    await expect.poll(() => paintedRangeCount(page)).toBe(before + 1);
    // The new code's stripe, among the example coders' stripes of the demo document.
    const stripe = page.locator('.margin-stripe', { has: page.locator('.margin-stripe-label', { hasText: /^rush into/ }) });
    await expect.poll(() => stripe.count()).toBe(1);
    const storedInVivoName = () =>
      page.evaluate(async () => {
        const db = (window as unknown as { marginaliaDb: { codes: { toArray(): Promise<{ name: string }[]> } } }).marginaliaDb;
        return (await db.codes.toArray()).map((c) => c.name).find((name) => name.startsWith('rush'));
      });
    await expect.poll(storedInVivoName).toBeTruthy();
    const codeName = await storedInVivoName();
    const label = stripe.locator('.margin-stripe-label');
    // The stripe is one line high: the label is cut...
    expect(await label.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await stripe.hover();
    // ...and the tooltip names the code in full.
    expect(await stripe.getAttribute('title')).toContain(codeName!);
  });
});
