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
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import { completeFirstRun, dragSelect, launchChromium, newPage, screenshot } from './browser.ts';
import { fileMenu, memoBlocks, memoNodes, memoPane, memoText, openMemoFromManager, storedMemos, waitForSaved, writeProjectMemo } from './memoPages.ts';

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

const EXPECTED_BLOCKS: [string, string][] = [
  ['h1', 'Main heading'],
  ['paragraph', 'Plain with bold words and italic words'],
  ['list-bullet', 'first point|second point'],
  ['list-number', 'step one'],
  ['quote', 'a quoted line'],
  ['h2', 'Sub heading'],
  ['h3', 'Minor heading'],
  ['paragraph', 'see the site'],
];

/** The memo's blocks without empty paragraphs (the one the caret leaves at the end). */
function blocksOf(content: string): [string, string][] {
  return memoBlocks(content).filter(([type, text]) => !(type === 'paragraph' && text === ''));
}

/** Every formatting checked in the stored JSON: blocks, bold and italic runs, the link. */
function expectFormatted(content: string) {
  expect(blocksOf(content)).toEqual(EXPECTED_BLOCKS);
  const texts = memoNodes(content).filter((n) => n.type === 'text');
  expect(texts.find((n) => n['text'] === 'bold words')?.['format']).toBe(1);
  expect(texts.find((n) => n['text'] === 'italic words')?.['format']).toBe(2);
  const link = memoNodes(content).find((n) => n.type === 'link');
  expect(link?.['url']).toBe('https://example.org/');
  expect(link?.children?.map((c) => c['text'])).toEqual(['the site']);
}

/** The same formatting as the researcher sees it. */
async function expectFormattedOnScreen() {
  const editor = memoText(page);
  expect(await editor.locator('h1').textContent()).toBe('Main heading');
  expect(await editor.locator('h2').textContent()).toBe('Sub heading');
  expect(await editor.locator('h3').textContent()).toBe('Minor heading');
  expect(await editor.locator('strong, b, .memo-bold').first().textContent()).toBe('bold words');
  expect(await editor.locator('em, i, .memo-italic').first().textContent()).toBe('italic words');
  expect(await editor.locator('ul li').allTextContents()).toEqual(['first point', 'second point']);
  expect(await editor.locator('ol li').allTextContents()).toEqual(['step one']);
  expect(await editor.locator('blockquote').textContent()).toBe('a quoted line');
  expect(await editor.locator('a').getAttribute('href')).toBe('https://example.org/');
}

/** Writes EXPECTED_BLOCKS; `format(kind)` applies one formatting by the route under test. */
async function writeFormattedMemo(format: (kind: 'h1' | 'h2' | 'h3' | 'bold' | 'italic' | 'bullet' | 'number' | 'quote' | 'link') => Promise<void>) {
  const type = (text: string) => page.keyboard.type(text);
  await memoText(page).click();
  await format('h1');
  await type('Main heading');
  await page.keyboard.press('Enter');
  await type('Plain with ');
  await format('bold');
  await type('bold words');
  await format('bold');
  await type(' and ');
  await format('italic');
  await type('italic words');
  await format('italic');
  await page.keyboard.press('Enter');
  await format('bullet');
  await type('first point');
  await page.keyboard.press('Enter');
  await type('second point');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await format('number');
  await type('step one');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await format('quote');
  await type('a quoted line');
  await page.keyboard.press('Enter');
  await format('h2');
  await type('Sub heading');
  await page.keyboard.press('Enter');
  await format('h3');
  await type('Minor heading');
  await page.keyboard.press('Enter');
  await type('see the site');
  for (let i = 0; i < 'the site'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  // The editor reads the selection on the browser's selectionchange, which comes a task after
  // the key: a shortcut pressed at once could link the selection of a few keys before (seen as
  // " site" or "e"), which no researcher's hands are quick enough to meet.
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('the site');
  await format('link');
  await memoPane(page).getByLabel('Link address').fill('example.org/');
  await page.keyboard.press('Enter');
}

const TOOLBAR_NAMES = { h1: 'Heading 1', h2: 'Heading 2', h3: 'Heading 3', bold: 'Bold', italic: 'Italic', bullet: 'Bulleted list', number: 'Numbered list', quote: 'Block quote', link: 'Link' } as const;
const SHORTCUTS = {
  h1: 'Control+Alt+Digit1',
  h2: 'Control+Alt+Digit2',
  h3: 'Control+Alt+Digit3',
  bold: 'Control+b',
  italic: 'Control+i',
  bullet: 'Control+Shift+Digit8',
  number: 'Control+Shift+Digit7',
  quote: 'Control+Shift+Digit9',
  link: 'Control+k',
} as const;

describe('formatting', () => {
  it('by the toolbar: every formatting is stored, pressed buttons show it, and it survives a reload', async () => {
    await writeProjectMemo(page);
    await memoPane(page).getByLabel('Memo title').fill('Toolbar memo');
    await writeFormattedMemo((kind) => tool(TOOLBAR_NAMES[kind]));
    await waitForSaved(page);
    expectFormatted((await storedMemos(page))[0]!.content);
    await expectFormattedOnScreen();
    // The caret is in the paragraph with the link: Link is pressed, headings are not.
    expect(await pressed('Link')).toBe('true');
    expect(await pressed('Heading 1')).toBe('false');
    await memoText(page).locator('h1').click();
    await expect.poll(() => pressed('Heading 1')).toBe('true');
    await screenshot(page, 'memo-editor-formatting');

    await page.reload();
    await page.waitForSelector('[data-testid="document-text"] p');
    expectFormatted((await storedMemos(page))[0]!.content);
    await openMemoFromManager(page, 'Toolbar memo');
    await expectFormattedOnScreen();
  });

  it('by the keyboard shortcuts alone: the same formatting is stored', async () => {
    await writeProjectMemo(page);
    await writeFormattedMemo((kind) => page.keyboard.press(SHORTCUTS[kind]));
    await waitForSaved(page);
    expectFormatted((await storedMemos(page))[0]!.content);
    await expectFormattedOnScreen();
    // Ctrl+K in the memo made a link: the workbench's code picker did not open.
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('survives a .qdpx export and import as a new project', async () => {
    await writeProjectMemo(page);
    await memoPane(page).getByLabel('Memo title').fill('Round trip memo');
    await writeFormattedMemo((kind) => tool(TOOLBAR_NAMES[kind]));
    await waitForSaved(page);
    const original = (await storedMemos(page))[0]!;

    const dir = mkdtempSync(join(tmpdir(), 'memo-qdpx-'));
    const download = page.waitForEvent('download');
    await fileMenu(page, 'Export project…');
    const file = await download;
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);

    const chooser = page.waitForEvent('filechooser');
    await fileMenu(page, 'Import project…');
    await (await chooser).setFiles(path);
    await page.getByRole('dialog').getByRole('button', { name: 'Import as new project' }).click();
    await expect.poll(async () => (await storedMemos(page)).length).toBe(2);
    const imported = (await storedMemos(page)).find((m) => m.projectId !== original.projectId)!;
    expect(imported.title).toBe('Round trip memo');
    expectFormatted(imported.content);
    expect(imported.plainText).toBe(original.plainText);
    await expect.poll(() => page.locator('.project-button').textContent()).not.toBe(null);
    await openMemoFromManager(page, 'Round trip memo');
    await expectFormattedOnScreen();
  });
});

describe('Insert quote', () => {
  const PHRASE = 'Liberals and conservatives do not often come together';

  it('quotes the passage selected in the document; clicking the quote opens the document there', async () => {
    const documentName = (await page.locator('.document-item[aria-current="true"]').textContent())!;
    await writeProjectMemo(page);
    await memoText(page).click();
    await page.keyboard.type('Note the framing:');
    await page.keyboard.press('Enter');
    await dragSelect(page, PHRASE);
    await tool('Insert quote');
    await page.keyboard.type('Written after the quote.');
    await waitForSaved(page);

    const memo = (await storedMemos(page))[0]!;
    const quote = memoNodes(memo.content).find((n) => n.type === 'passage-quote')!;
    const text = await page.evaluate(async (id) => {
      const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
      return (await db.documentTexts.get(id as never))!.text;
    }, quote['documentId']);
    const start = text.indexOf(PHRASE);
    expect(quote).toMatchObject({ type: 'passage-quote', version: 1, start, end: start + PHRASE.length, format: '', indent: 0 });
    expect(Object.keys(quote).sort()).toEqual(['children', 'direction', 'documentId', 'documentName', 'end', 'format', 'indent', 'start', 'type', 'version']);
    expect(documentName).toContain(String(quote['documentName']).slice(0, 20));
    expect(quote.children?.map((c) => c['text'])).toEqual([PHRASE]);
    // Exactly these blocks: the empty line Enter left is where the quote went.
    expect(memoBlocks(memo.content)).toEqual([
      ['paragraph', 'Note the framing:'],
      ['passage-quote', PHRASE],
      ['paragraph', 'Written after the quote.'],
    ]);
    const shown = memoText(page).locator('blockquote.memo-passage-quote');
    expect(await shown.textContent()).toBe(PHRASE);
    expect(await shown.evaluate((el) => getComputedStyle(el, '::after').content)).toContain(`— ${String(quote['documentName'])}`);
    await screenshot(page, 'memo-insert-quote');

    // Open another document, then click the quote: its document opens again.
    await page.locator('.document-item').nth(1).click();
    await expect.poll(() => page.locator('[data-testid="document-text"]').textContent()).not.toContain(PHRASE);
    await shown.click();
    await expect.poll(() => page.locator('[data-testid="document-text"]').textContent()).toContain(PHRASE);
    expect(await page.locator('.document-item[aria-current="true"]').textContent()).toBe(documentName);
  });

  it('by its shortcut Ctrl+\' too, and says what to do when nothing is selected in the document', async () => {
    await writeProjectMemo(page);
    await memoText(page).click();
    await page.keyboard.press("Control+'");
    await expect.poll(() => page.getByText('Select a passage in the document first, then choose Insert quote.').count()).toBeGreaterThan(0);
    await dragSelect(page, PHRASE);
    await memoText(page).click();
    await page.keyboard.press("Control+'");
    await waitForSaved(page);
    await expect.poll(async () => blocksOf((await storedMemos(page))[0]!.content)).toContainEqual(['passage-quote', PHRASE]);
  });
});

const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8"><style>p.MsoNormal{font-family:Calibri;font-size:11pt}</style></head><body lang="EN-GB" style="tab-interval:36pt">
<!--StartFragment-->
<h1 style="margin-top:12pt;font-family:'Calibri Light';color:#2F5496;font-size:16pt"><span style="font-family:'Calibri Light';mso-fareast-font-family:'Times New Roman'">Field notes</span></h1>
<p class="MsoNormal" style="margin-bottom:8pt;line-height:107%;text-align:justify"><span style="font-size:11pt;font-family:Calibri;color:red">Plain words with </span><b><span style="font-size:14pt;color:#333333;background:yellow">bold</span></b><span style="font-family:Calibri"> and </span><i><span style="font-family:Georgia;font-size:9pt">italic</span></i><span>.</span></p>
<ul style="margin-top:0cm" type="disc"><li class="MsoListParagraph" style="color:blue;font-size:12pt"><span style="font-family:Arial">first item</span></li><li class="MsoListParagraph"><span style="background:yellow;color:green">second item</span></li></ul>
<ol><li style="font-family:Verdana">step one</li></ol>
<blockquote style="border-left:solid 2px #ccc;font-family:Garamond">a quoted line</blockquote>
<p class="MsoNormal" style="text-align:center"><a href="https://example.org/report" style="color:#0563C1;font-family:Calibri"><span style="color:#0563C1">the report</span></a></p>
<!--EndFragment--></body></html>`;

describe('pasting from Word', () => {
  it('keeps headings, paragraphs, lists, quotes, links, bold and italic, and drops every style', async () => {
    await writeProjectMemo(page);
    await memoText(page).click();
    await memoText(page).evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Field notes\nPlain words with bold and italic.');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_HTML);
    await waitForSaved(page);
    const memo = (await storedMemos(page))[0]!;
    expect(blocksOf(memo.content)).toEqual([
      ['h1', 'Field notes'],
      ['paragraph', 'Plain words with bold and italic.'],
      ['list-bullet', 'first item|second item'],
      ['list-number', 'step one'],
      ['quote', 'a quoted line'],
      ['paragraph', 'the report'],
    ]);
    const nodes = memoNodes(memo.content);
    const texts = nodes.filter((n) => n.type === 'text');
    expect(texts.find((n) => n['text'] === 'bold')?.['format']).toBe(1);
    expect(texts.find((n) => n['text'] === 'italic')?.['format']).toBe(2);
    expect(nodes.find((n) => n.type === 'link')?.['url']).toBe('https://example.org/report');
    // No styling survives: no inline CSS on text, no block alignment or text style.
    for (const node of nodes) {
      expect(node['style'] ?? '', `${node.type} style`).toBe('');
      expect(node['textStyle'] ?? '', `${node.type} textStyle`).toBe('');
      if (node.type !== 'text' && node.type !== 'root') expect(node['format'] ?? '', `${node.type} format`).toBe('');
    }
    expect(await memoText(page).locator('[style]').count()).toBe(0);
    expect(memo.plainText).toContain('Plain words with bold and italic.');
  });
});

describe('the editor’s own undo', () => {
  it('Ctrl+Z and Ctrl+Shift+Z undo and redo inside the memo, and leave the project’s history alone', async () => {
    await writeProjectMemo(page);
    await memoText(page).click();
    await page.keyboard.type('Keep this sentence.');
    await page.keyboard.press('Control+Alt+Digit1');
    await expect.poll(() => memoText(page).locator('h1').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => memoText(page).locator('h1').count()).toBe(0);
    expect(await memoText(page).textContent()).toBe('Keep this sentence.');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => memoText(page).locator('h1').count()).toBe(1);
    await waitForSaved(page);
    // The memo still exists: Ctrl+Z in the memo did not undo "Add memo".
    expect(blocksOf((await storedMemos(page))[0]!.content)).toEqual([['h1', 'Keep this sentence.']]);
  });
});
