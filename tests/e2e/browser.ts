/**
 * Debian's Chromium driven by playwright-core: never a downloaded browser. Each test gets a
 * fresh browser context, so IndexedDB starts empty (first run) unless the test reloads.
 */
import { chromium, type Browser, type BrowserContext, type FileChooser, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import { DEMO_CODINGS } from '../../shared/demo/demoCodings.ts';
import { STARTER_DOCUMENTS } from '../../shared/demo/starterCodebook.ts';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = new URL('../../test-results/', import.meta.url).pathname;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export async function newPage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  // tsx/esbuild wraps named functions in page.evaluate callbacks with `__name(...)` (keepNames);
  // the page has no such helper, so give it the identity.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  return { context, page };
}

/** How many of the demo's example codings lie in the document the demo opens with. */
export const DEMO_CODINGS_IN_FIRST_DOCUMENT = DEMO_CODINGS.filter((c) => c.document === STARTER_DOCUMENTS[0]!.file).length;

/**
 * The file choosers a page opens, caught by one listener kept for the page's whole life.
 *
 * Why not `page.waitForEvent('filechooser')` per chooser: Playwright intercepts choosers only
 * while a 'filechooser' listener exists, and it turns interception on (and off again when the
 * listener goes) without waiting for Chromium to apply it. A key press that opens a chooser at
 * once (Enter on a menu item, Ctrl+O) can reach the page first; the chooser then opens natively,
 * headless Chromium never answers it, and every later chooser queues behind it unseen.
 */
export async function catchFileChoosers(page: Page): Promise<{ next(timeout?: number): Promise<FileChooser> }> {
  const caught: FileChooser[] = [];
  const waiting: ((chooser: FileChooser) => void)[] = [];
  page.on('filechooser', (chooser) => {
    const waiter = waiting.shift();
    if (waiter) waiter(chooser);
    else caught.push(chooser);
  });
  // A round trip through the page after subscribing, so interception is on before the test acts.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  return {
    next(timeout = 10_000) {
      const ready = caught.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(settle), 1);
          reject(new Error(`no file chooser opened within ${timeout} ms`));
        }, timeout);
        const settle = (chooser: FileChooser) => {
          clearTimeout(timer);
          resolve(chooser);
        };
        waiting.push(settle);
      });
    },
  };
}

/**
 * Opens the app on a fresh profile as a new researcher does: names the coder, starts, and waits
 * until the demo project's first document is on screen with the example coders' codings painted.
 */
export async function completeFirstRun(page: Page, baseUrl: string, name = 'Ana Ruiz'): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Start coding' }).click();
  await page.waitForSelector('[data-testid="document-text"] p');
  await page.waitForSelector(`[data-testid="document-text"][data-painted-segments="${DEMO_CODINGS_IN_FIRST_DOCUMENT}"]`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Selects `phrase` in the open document by dragging the mouse across it, as a researcher does. */
export async function dragSelect(page: Page, phrase: string): Promise<void> {
  // A panel settling right after a load can move the text under the mouse mid-drag; drag again
  // until the browser's selection is exactly the phrase, as a researcher would.
  let selected: string | undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    await dragOnce(page, phrase);
    selected = await page.evaluate(() => document.getSelection()?.toString());
    if (selected === phrase) return;
  }
  throw new Error(`Dragging over “${phrase}” selected “${selected ?? ''}”.`);
}

async function dragOnce(page: Page, phrase: string): Promise<void> {
  // Measure until the layout is still.
  let box = await measurePhrase(page, phrase);
  for (let i = 0; i < 10; i++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const again = await measurePhrase(page, phrase);
    if (JSON.stringify(again) === JSON.stringify(box)) break;
    box = again;
  }
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

function measurePhrase(page: Page, phrase: string) {
  return page.evaluate((text) => {
    const root = document.querySelector('[data-testid="document-text"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const rects = range.getClientRects();
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    throw new Error(`“${text}” is not in the open document.`);
  }, phrase);
}

/** How many ranges are painted in CSS.highlights for codes (not the focus or pending marks). */
export async function paintedRangeCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith('marginalia-code-')) count += highlight.size;
    });
    return count;
  });
}

/** The text of every registered coding Range (what the browser paints), in no particular order. */
export async function paintedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith('marginalia-code-')) highlight.forEach((range) => texts.push((range as Range).toString()));
    });
    return texts;
  });
}

/**
 * The stored codings of the current coder (the researcher), leaving out the demo's example
 * coders' codings, which every demo project starts with.
 */
export async function storedSegmentsOfCurrentCoder(page: Page): Promise<{ documentId: string; codeId: string; start: number; end: number }[]> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const coderId = (await db.settings.get('currentCoderId'))?.value as string;
    return (await db.segments.where('coderId').equals(coderId).toArray()).map(({ documentId, codeId, start, end }) => ({ documentId, codeId, start, end }));
  });
}

/**
 * Pastes the demo's news report again as a new document and opens it: a copy nobody has coded,
 * for tests that count every painted range, stripe or coding of the open document from none
 * (the demo's own copy carries the example coders' codings).
 */
export async function openUncodedNewsReport(page: Page): Promise<string> {
  const name = 'News report (uncoded copy)';
  const text = readFileSync(new URL('../../renderer/demo/corpus/2012-06-heat-protest-news-report.txt', import.meta.url), 'utf8');
  await page.locator('.document-list').getByRole('button', { name: 'Paste…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text as a new document' });
  await dialog.getByLabel('Name (optional: the first line is used)').fill(name);
  await dialog.getByLabel('Text').fill(text);
  await dialog.getByRole('button', { name: 'Create document' }).click();
  await page.locator('.document-item', { hasText: name }).click();
  await page.locator('.document-item[aria-current="true"]', { hasText: name }).waitFor();
  await page.waitForSelector('[data-testid="document-text"] p');
  // The demo's copy has the same text: the copy is on screen once nothing is painted.
  await page.waitForFunction(() => {
    let count = 0;
    CSS.highlights.forEach((highlight, key) => {
      if (key.startsWith('marginalia-code-')) count += highlight.size;
    });
    return count === 0;
  });
  return name;
}
