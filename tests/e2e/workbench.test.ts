/**
 * The researcher's journey through the workbench, in Debian's Chromium on the web build:
 * first run, the demo project, coding a passage with the mouse and a number key, the paint
 * (CSS.highlights), the count in the codebook, reload, undo, and editing the codebook.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import { dragSelect, launchChromium, newPage, openUncodedNewsReport, paintedRangeCount, paintedTexts, screenshot, storedSegmentsOfCurrentCoder, completeFirstRun } from './browser.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function firstRun(page: Page, name = 'Ana Ruiz') {
  await completeFirstRun(page, baseUrl, name);
}

function treeItem(page: Page, name: string) {
  return page.getByRole('treeitem', { name: new RegExp(name) }).first();
}

/** The number badge of a code in the codebook tree. */
async function codingCount(page: Page, name: string): Promise<number> {
  const text = await treeItem(page, name).locator('.count-badge').first().textContent();
  return Number(text?.trim() || 0);
}

describe('first run', () => {
  it('asks the researcher’s name, then opens the demo project with its three documents and codebook', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    await expect.poll(() => page.locator('.document-item').count()).toBe(3);
    await expect.poll(() => page.locator('.coder-chip').textContent()).toContain('Ana Ruiz');
    await expect.poll(() => page.locator('.project-button').textContent()).toContain('Demo');
    for (const name of ['Framing', 'Actor', 'Harm claim', 'Child protection', 'Law enforcement and prosecutors']) {
      await expect.poll(() => treeItem(page, name).count()).toBeGreaterThan(0);
    }
    const paragraphs = await page.locator('[data-testid="document-text"] p').count();
    expect(paragraphs).toBeGreaterThan(5);
    await context.close();
  });
});

describe('coding a passage', () => {
  it('paints a coding applied with a number key, counts it, keeps it across a reload, and undoes it', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    // The demo document carries the example coders' codings; the researcher's add to them.
    const demoPainted = await paintedTexts(page);
    expect(demoPainted.length).toBeGreaterThan(0);
    const demoBadge = Number(await page.locator('.document-item[aria-current="true"] .count-badge').textContent());

    // Key 1 is the first codable code in tree order: Framing › Child protection.
    await expect.poll(() => treeItem(page, 'Child protection').locator('.code-key').textContent()).toBe('1');
    const demoChildProtection = await codingCount(page, 'Child protection');
    const phrase = 'Eggs were thrown';
    await dragSelect(page, phrase);
    await expect.poll(() => page.locator('.statusbar').textContent()).toContain('selected');
    await page.keyboard.press('1');

    await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted.length + 1);
    // The one new painted range is exactly the phrase.
    expect((await paintedTexts(page)).sort()).toEqual([...demoPainted, phrase].sort());
    // The highlight is painted on the key press; the write lands a moment later.
    await expect.poll(async () => (await storedSegmentsOfCurrentCoder(page)).length).toBe(1);
    const stored = await storedSegmentsOfCurrentCoder(page);
    expect(stored[0]!.end - stored[0]!.start).toBe(phrase.length);
    await expect.poll(() => page.locator('.document-item[aria-current="true"] .count-badge').textContent()).toBe(String(demoBadge + 1));
    await expect.poll(() => codingCount(page, 'Child protection')).toBe(demoChildProtection + 1);
    await screenshot(page, 'workbench-coded');

    await page.reload();
    await page.waitForSelector('[data-testid="document-text"] p');
    await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted.length + 1);

    await page.locator('.document-scroller').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted.length);
    await expect.poll(() => page.locator('.document-item[aria-current="true"] .count-badge').textContent()).toBe(String(demoBadge));
    await expect.poll(() => codingCount(page, 'Child protection')).toBe(demoChildProtection);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted.length + 1);
    await context.close();
  });

  it('merges a second coding of the same code over overlapping text into one segment', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    const demoPainted = await paintedRangeCount(page);
    await dragSelect(page, 'rush into the conference center');
    await page.keyboard.press('2');
    await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted + 1);
    await dragSelect(page, 'conference center and disrupt the meeting');
    await page.keyboard.press('2');
    await expect.poll(async () => (await storedSegmentsOfCurrentCoder(page)).map((s) => s.end - s.start)).toEqual(['rush into the conference center and disrupt the meeting'.length]);
    await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted + 1);
    await context.close();
  });
});

describe('hiding highlights', () => {
  it('hides a code’s highlights and still shows a code created in vivo afterwards', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    // A copy nobody coded: hiding a code hides the example coders' codings of it too.
    await openUncodedNewsReport(page);
    await dragSelect(page, 'rush into the conference center');
    await page.keyboard.press('2');
    await expect.poll(() => paintedRangeCount(page)).toBe(1);
    const secondCode = page.getByRole('treeitem').filter({ has: page.locator('.code-key', { hasText: /^2$/ }) }).first();
    await secondCode.locator('.code-row-eye').click();
    await expect.poll(() => paintedRangeCount(page)).toBe(0);
    await dragSelect(page, 'Eggs were thrown and fog horns blared');
    await page.keyboard.press('Control+Shift+K');
    await expect.poll(() => treeItem(page, 'Eggs were thrown').count()).toBeGreaterThan(0);
    await expect.poll(() => paintedRangeCount(page)).toBe(1);
    await page.getByRole('button', { name: 'Show all highlights' }).click();
    await expect.poll(() => paintedRangeCount(page)).toBe(2);
    await context.close();
  });
});

describe('editing the codebook', () => {
  it('creates a code, recolours it and makes it a sub-code, all undoable', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    await page.getByRole('button', { name: 'New code', exact: true }).click();
    const nameInput = page.locator('[role="tree"] input[type="text"]').first();
    await nameInput.fill('Resistance');
    await nameInput.press('Enter');
    await expect.poll(() => treeItem(page, 'Resistance').count()).toBe(1);

    await treeItem(page, 'Resistance').click();
    await page.getByLabel('Colour', { exact: true }).first().fill('#123456');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { marginaliaDb: { codes: { toArray(): Promise<{ name: string; color: string }[]> } } }).marginaliaDb.codes.toArray().then((codes) => codes.find((c) => c.name === 'Resistance')?.color)))
      .toBe('#123456');

    // Reparent with the keyboard: Alt+→ makes it a sub-code of the code above it (Harm claim).
    await treeItem(page, 'Resistance').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const codes = await (window as unknown as { marginaliaDb: { codes: { toArray(): Promise<{ id: string; name: string; parentId: string | null }[]> } } }).marginaliaDb.codes.toArray();
          const code = codes.find((c) => c.name === 'Resistance')!;
          return codes.find((c) => c.id === code.parentId)?.name ?? null;
        }),
      )
      .toBe('Harm claim');
    await screenshot(page, 'workbench-codebook');
    await context.close();
  });
});

describe('overlapping codings', () => {
  it('keeps overlapping codings of different codes visible, with one labelled margin column per code', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    // A copy nobody coded, so every painted range and stripe is one of these four.
    await openUncodedNewsReport(page);
    await dragSelect(page, 'Members of the Occupy Oakland group went beyond sign carrying and chanting');
    await page.keyboard.press('4');
    await dragSelect(page, 'Occupy Oakland group');
    await page.keyboard.press('5');
    await dragSelect(page, 'Eggs were thrown and fog horns blared');
    await page.keyboard.press('9');
    await dragSelect(page, 'law enforcement agencies, political leaders and child safety advocates');
    await page.keyboard.press('1');
    await expect.poll(() => paintedRangeCount(page)).toBe(4);
    // Two overlapping codes need two stripe columns; each stripe is labelled with its code.
    await expect.poll(() => page.locator('.margin-stripe').count()).toBe(4);
    const lefts = await page.locator('.margin-stripe').evaluateAll((stripes) => new Set(stripes.map((s) => (s as HTMLElement).style.left)).size);
    expect(lefts).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.margin-stripe-label').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/\w/)]));
    // Hovering the overlap lists both codes and the coder.
    await page.locator('.document-scroller').click({ position: { x: 5, y: 5 } });
    const box = await page.evaluate(() => {
      const root = document.querySelector('[data-testid="document-text"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('Oakland group');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + 2);
        range.setEnd(node, at + 3);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      throw new Error('phrase not found');
    });
    await page.mouse.move(box.x, box.y);
    await expect.poll(() => page.locator('.spot-tooltip-row').count()).toBe(2);
    expect(await page.locator('.spot-tooltip').textContent()).toContain('Ana Ruiz');
    await screenshot(page, 'workbench-overlap');
    await context.close();
  });
});

describe('long documents', () => {
  it('paints the codings near the screen and, as the researcher scrolls, the ones further down', async () => {
    const { context, page } = await newPage(browser);
    await firstRun(page);
    const PARAGRAPHS = 3000;
    // A long document coded in every tenth paragraph, written through the app's own database.
    await page.evaluate(async (paragraphs) => {
      const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
      const projectId = (await db.settings.get('currentProjectId'))!.value as string;
      const coder = (await db.coders.get((await db.settings.get('currentCoderId'))!.value as never))!;
      const code = (await db.codes.where('projectId').equals(projectId).filter((c) => c.isCodable).first())!;
      const lines = Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i}: the council debated the policing budget while residents described the harm of delays in some detail.`);
      const text = lines.join('\n');
      const documentId = crypto.randomUUID();
      const at = new Date().toISOString();
      const segments: object[] = [];
      let start = 0;
      for (let i = 0; i < paragraphs; i++) {
        if (i % 10 === 0) segments.push({ id: crypto.randomUUID(), projectId, documentId, codeId: code.id, coderId: coder.id, start, end: start + `Paragraph ${i}`.length, createdAt: at });
        start += lines[i]!.length + 1;
      }
      await db.transaction('rw', [db.documents, db.documentTexts, db.segments], async () => {
        await db.documents.add({ id: documentId, projectId, name: 'Long council minutes', origin: 'txt', order: 99, createdAt: at, variables: {} } as never);
        await db.documentTexts.add({ documentId, text } as never);
        await db.segments.bulkAdd(segments as never);
      });
    }, PARAGRAPHS);
    await page.locator('.document-item', { hasText: 'Long council minutes' }).click();
    await page.waitForSelector(`[data-testid="document-text"][data-painted-segments="${PARAGRAPHS / 10}"]`);

    const atTop = await paintedTexts(page);
    expect(atTop).toContain('Paragraph 0');
    expect(atTop).not.toContain(`Paragraph ${PARAGRAPHS - 10}`);
    // Only the codings around the screen are registered: that keeps a new coding cheap to show.
    expect(atTop.length).toBeLessThan(PARAGRAPHS / 10);

    await page.locator('.document-scroller').evaluate((scroller) => (scroller.scrollTop = scroller.scrollHeight));
    await expect.poll(() => paintedTexts(page)).toContain(`Paragraph ${PARAGRAPHS - 10}`);
    expect(await paintedTexts(page)).not.toContain('Paragraph 0');
    await screenshot(page, 'workbench-long-document-end');
    await context.close();
  });
});
