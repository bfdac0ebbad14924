/**
 * The memo editor in Debian's Chromium on the web build: a project memo written through the File
 * menu with each formatting by toolbar and by shortcut; formatting survives a reload and a .qdpx
 * round trip; Insert quote and the quote's link back to the document; pasting from Word keeps
 * structure and drops styling; the editor's own undo.
 */
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeFirstRun, dragSelect, launchChromium, newPage, screenshot } from './browser.ts';
import { fileMenu, memoBlocks, memoNodes, memoPane, memoText, storedMemos, waitForSaved, writeProjectMemo } from './memoPages.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  ({ context, page } = await newPage(browser));
  await completeFirstRun(page, baseUrl);
});
afterEach(async () => {
  await context?.close();
});

async function tool(name: string) {
  await memoPane(page).getByRole('button', { name, exact: true }).click();
}

async function pressed(name: string): Promise<string | null> {
  return memoPane(page).getByRole('button', { name, exact: true }).getAttribute('aria-pressed');
}

describe('writing a project memo', () => {
  it('opens beside the document with its title, what it is on, its author and dates', async () => {
    await writeProjectMemo(page);
    const pane = memoPane(page);
    expect(await pane.textContent()).toContain('On the project');
    expect(await pane.textContent()).toContain('By Ana Ruiz');
    expect(await pane.textContent()).toMatch(/created .+ · modified/);
    // The document stays on screen, to the left of the memo.
    const documentBox = (await page.locator('[data-testid="document-text"]').boundingBox())!;
    const paneBox = (await pane.boundingBox())!;
    expect(documentBox.x + documentBox.width).toBeLessThanOrEqual(paneBox.x + 1);
    expect(documentBox.width).toBeGreaterThan(300);
    await pane.getByLabel('Memo title').fill('Framing in the debate');
    await memoText(page).click();
    await page.keyboard.type('First thoughts on framing.');
    await waitForSaved(page);
    const [memo] = await storedMemos(page);
    expect(memo).toMatchObject({ title: 'Framing in the debate', plainText: 'First thoughts on framing.', target: { kind: 'project' } });
    await screenshot(page, 'memo-pane');
  });

  it('closes with the close button, and with Escape in its header', async () => {
    await writeProjectMemo(page);
    await memoPane(page).getByRole('button', { name: 'Close memo' }).click();
    await expect.poll(() => memoPane(page).count()).toBe(0);
    await writeProjectMemo(page);
    await memoPane(page).getByRole('button', { name: 'Close memo' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => memoPane(page).count()).toBe(0);
  });
});
