/**
 * The memo report and code memos in the codebooks, in Debian's Chromium on the web build: memos
 * are written into the project's database (the real schema, through `window.marginaliaDb`) on
 * the project, a document, a code, a coded segment (coded by mouse and key here) and an uncoded
 * passage; the researcher exports File → Export memo report… as Word and as Markdown, and the
 * codebook as Word and Markdown, by mouse; the test reads the downloaded files.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { completeFirstRun, dragSelect, launchChromium, newPage, paintedRangeCount, screenshot } from './browser.ts';
import { storedSegments } from './memoHelpers.ts';

const samplePath = (name: string) => fileURLToPath(new URL(`../../../shared/refi-qda/samples/${name}`, import.meta.url));
const CODED = 'Members of the Occupy Oakland group went beyond sign carrying and chanting';
// Neither the researcher nor the demo's example coders coded this sentence.
const UNCODED = 'The messages on the sign baffled event organizers and spectators alike';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let dir: string;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-memo-report-'));
});
afterEach(async () => {
  await context?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the test learnt about the project while writing its memos. */
interface Written {
  documentName: string;
  codeName: string;
}

/** Codes CODED with quick key 1, then writes five memos (one with formatting) straight into the database. */
async function writeMemos(): Promise<Written> {
  const demoPainted = await paintedRangeCount(page);
  await dragSelect(page, CODED);
  await expect.poll(() => page.locator('.statusbar').textContent()).toContain('selected');
  await page.keyboard.press('1');
  await expect.poll(() => paintedRangeCount(page)).toBe(demoPainted + 1);
  // The highlight is painted before the coding's write commits; the memos below need its row.
  await expect.poll(async () => (await storedSegments(page)).length).toBe(1);
  return page.evaluate(
    async ({ uncoded }) => {
      type Row = Record<string, unknown> & { id: string };
      type Table = { toArray(): Promise<Row[]>; get(id: string): Promise<Row | undefined>; bulkAdd(rows: unknown[]): Promise<unknown> };
      const db = (window as unknown as { marginaliaDb: Record<string, Table> }).marginaliaDb;
      // The researcher's coding of CODED, not one of the demo's example coders'.
      const currentCoderId = (await db.settings!.get('currentCoderId'))!['value'];
      const segment = (await db.segments!.toArray()).find((s) => s['coderId'] === currentCoderId)!;
      const documents = (await db.documents!.toArray()).filter((d) => d['projectId'] === segment['projectId']);
      const document = documents.find((d) => d.id === segment['documentId'])!;
      const text = String((await db.documentTexts!.get(document.id))!['text']);
      const code = (await db.codes!.get(String(segment['codeId'])))!;
      const projectId = segment['projectId'];
      const coderId = segment['coderId'];
      const start = text.indexOf(uncoded);
      const t = (s: string, format = 0) => ({ type: 'text', version: 1, text: s, format, detail: 0, mode: 'normal', style: '' });
      const rich = { root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [t('The protest was '), t('loud', 1), t(' on purpose.')] }, { type: 'list', version: 1, listType: 'bullet', tag: 'ul', start: 1, children: [{ type: 'listitem', version: 1, value: 1, children: [t('eggs')] }, { type: 'listitem', version: 1, value: 2, children: [t('fog horns')] }] }] } };
      let n = 0;
      const memo = (target: unknown, title: string, plainText: string, content = '') => ({ id: crypto.randomUUID(), projectId, target, title, content, plainText, coderId, createdAt: `2026-11-2${++n}T10:00:00.000Z`, modifiedAt: `2026-11-2${n}T10:05:00.000Z` });
      await db.memos!.bulkAdd([
        memo({ kind: 'project' }, 'Research journal', 'Started reading the debate.'),
        memo({ kind: 'document', id: document.id }, 'About this report', 'A news story, not an op-ed.'),
        memo({ kind: 'code', id: code.id }, 'When to use this code', 'Only for explicit framing.'),
        memo({ kind: 'segment', id: segment.id }, 'Escalation', 'The protest was loud on purpose.\n\neggs\nfog horns', JSON.stringify(rich)),
        memo({ kind: 'passage', id: document.id, start, end: start + uncoded.length }, 'Noise as tactic', 'Compare with the 2011 marches.'),
      ]);
      return { documentName: String(document['name']), codeName: String(code['name']) };
    },
    { uncoded: UNCODED },
  );
}

/** Opens a File menu item by mouse, picks `format` in the dialog named `dialogName`, and reads the download. */
async function exportFrom(item: string, dialogName: string, format: RegExp, shot?: string): Promise<Uint8Array> {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: item }).click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await dialog.getByRole('radio', { name: format }).click();
  if (shot) await screenshot(page, shot);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const file = await download;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

/** The visible text of a .docx: the runs of word/document.xml, joined. */
function docxText(bytes: Uint8Array): string {
  const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

describe('File → Export memo report…', () => {
  it('saves a Word report and a Markdown report holding every memo, its passage and its document', async () => {
    ({ context, page } = await newPage(browser));
    await completeFirstRun(page, baseUrl);
    const { documentName, codeName } = await writeMemos();

    const docx = docxText(await exportFrom('Export memo report…', 'Export memo report', /Word document/, 'memo-report-dialog'));
    for (const needle of ['Research journal', 'Started reading the debate.', 'About this report', documentName, 'Escalation', 'loud', 'fog horns', `“${CODED}”`, `On a passage coded`, codeName, 'Noise as tactic', `“${UNCODED}”`, 'On an uncoded passage', 'When to use this code', 'Only for explicit framing.']) expect(docx).toContain(needle);
    expect(docx.indexOf('Research journal')).toBeLessThan(docx.indexOf('About this report'));
    expect(docx.indexOf('Escalation')).toBeLessThan(docx.indexOf('Noise as tactic'));

    const md = new TextDecoder().decode(await exportFrom('Export memo report…', 'Export memo report', /Markdown/));
    expect(md).toContain('## Project\n\n### Research journal');
    expect(md).toContain(`### ${documentName}`);
    expect(md).toContain(`#### Escalation\n\n*Ana Ruiz · created 2026-11-24 10:00 · modified 2026-11-24 10:05*\n\n> “${CODED}”`);
    expect(md).toContain('The protest was **loud** on purpose.\n\n- eggs\n- fog horns');
    expect(md).toContain(`#### Noise as tactic`);
    expect(md).toContain(`> “${UNCODED}”\n\nOn an uncoded passage.\n\nCompare with the 2011 marches.`);
  });

  it('says there are no memos when the project has none', async () => {
    ({ context, page } = await newPage(browser));
    await completeFirstRun(page, baseUrl);
    const md = new TextDecoder().decode(await exportFrom('Export memo report…', 'Export memo report', /Markdown/));
    expect(md).toContain('This project has no memos yet.');
  });
});

describe('code memos in the exported codebook', () => {
  it('are printed under their code in the Word and the Markdown codebook', async () => {
    ({ context, page } = await newPage(browser));
    await completeFirstRun(page, baseUrl);
    const { codeName } = await writeMemos();
    const docx = docxText(await exportFrom('Export codebook…', 'Export codebook', /Word document/));
    const at = docx.indexOf('When to use this code');
    expect(at).toBeGreaterThan(docx.lastIndexOf(codeName, at));
    expect(docx.slice(at)).toContain('Only for explicit framing.');
    const md = new TextDecoder().decode(await exportFrom('Export codebook…', 'Export codebook', /Markdown/));
    expect(md).toMatch(new RegExp(`#+ [\\d.]+ ${codeName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*\\*\\*Memos\\*\\* \\(1\\):\\n\\n\\*\\*\\*When to use this code\\*\\*\\* — Ana Ruiz, 2026-11-23\\n\\nOnly for explicit framing\\.`));
  });
});

describe('memos of an imported project', () => {
  it('are counted by what they attach to before the import, and are all in the memo report after it', async () => {
    const ANNEX = 'atlasti_8.4_SPEC_ANNEX_A2_skyloom_TestProject.qdpx';
    ({ context, page } = await newPage(browser));
    await completeFirstRun(page, baseUrl);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
    await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Import project…' }).click();
    await (await chooser).setFiles(samplePath(ANNEX));
    const dialog = page.getByRole('dialog', { name: `Import project “${ANNEX}”?` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Two notes and two comments of documents missing from the file on the project; seven ATLAS.ti code comments.
    expect(await dialog.textContent()).toContain('Memos: 4 on the project, 7 on codes.');
    await screenshot(page, 'memo-import-dialog');
    await dialog.getByRole('button', { name: 'Import as new project' }).click();
    await expect.poll(() => page.locator('.project-button').textContent()).toContain('ATLAS.ti standard project');
    const md = new TextDecoder().decode(await exportFrom('Export memo report…', 'Export memo report', /Markdown/));
    expect(md).toContain('11 memos.');
    expect(md).toContain('### Research Plan');
    expect(md).toContain('### Coke::full-fat Coke\n\n#### Comment on “Coke::full-fat Coke”');
  });
});
