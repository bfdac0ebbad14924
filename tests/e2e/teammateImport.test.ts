/**
 * Importing a teammate's coding into the open project (File → Import a teammate’s coding…), in
 * Debian's Chromium on the web build. The teammate's .qdpx is written in this test with the
 * project's REFI-QDA writer from the demo's own texts, under other document names and code ids,
 * with one coder named like ours and one new code; the test checks the dialog's matching, the
 * namesake question, what is stored, that nothing else changed, and that one undo takes it away.
 * A file that is not a project is refused with one sentence.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import type { Code, CodeId, CoderId, DocumentId, ProjectBundle, ProjectId, SegmentId } from '../../shared/model/index.ts';
import { writeQdpx } from '../../shared/refi/index.ts';
import { completeFirstRun, launchChromium, newPage, screenshot } from './browser.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface DemoState {
  documents: { id: string; name: string; text: string }[];
  codes: Code[];
  /** Ids of every stored segment: the demo's example coders' codings before any import. */
  segments: string[];
}

function readDemo(page: Page): Promise<DemoState> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const project = (await db.projects.toArray())[0]!;
    const rows = await db.documents.where('projectId').equals(project.id).sortBy('order');
    const documents = await Promise.all(rows.map(async (d) => ({ id: d.id, name: d.name, text: (await db.documentTexts.get(d.id))!.text })));
    return { documents, codes: await db.codes.where('projectId').equals(project.id).toArray(), segments: (await db.segments.toCollection().primaryKeys()).sort() };
  });
}

const NOW = '2026-03-01T10:00:00.000Z';

/** The teammate's project: our texts under file names, "Child protection" under a new GUID, a new "Rescue narrative" code. */
function teammateQdpx(demo: DemoState): Uint8Array {
  const p = 'b0000000-0000-4000-8000-000000000001' as ProjectId;
  const framing = demo.codes.find((c) => c.name === 'Framing')!;
  const child = demo.codes.find((c) => c.name === 'Child protection')!;
  const theirFraming: Code = { ...framing, id: 'b0000000-0000-4000-8000-0000000000f1' as CodeId, projectId: p };
  const theirChild: Code = { ...child, id: 'b0000000-0000-4000-8000-0000000000c1' as CodeId, projectId: p, parentId: theirFraming.id };
  const rescue: Code = { ...child, id: 'b0000000-0000-4000-8000-0000000000c2' as CodeId, projectId: p, parentId: theirFraming.id, name: 'Rescue narrative', quickKey: null };
  const ben = 'b0000000-0000-4000-8000-0000000000b1' as CoderId;
  const ana = 'b0000000-0000-4000-8000-0000000000a1' as CoderId;
  const documents = demo.documents.map((d, i) => ({
    id: `b0000000-0000-4000-8000-00000000000${i + 2}` as DocumentId, projectId: p, name: `transcript-${i + 1}.txt`, text: d.text, origin: 'txt' as const, order: i, createdAt: NOW, variables: {},
  }));
  const seg = (n: number, documentIndex: number, codeId: CodeId, coderId: CoderId, start: number, end: number) => ({
    id: `b0000000-0000-4000-8000-0000000005${String(n).padStart(2, '0')}` as SegmentId, projectId: p, documentId: documents[documentIndex]!.id, codeId, coderId, start, end, createdAt: NOW,
  });
  const bundle: ProjectBundle = {
    project: { id: p, name: 'Ben’s coding', description: '', createdAt: NOW, modifiedAt: NOW },
    coders: [{ id: ben, name: 'Ben Okafor', color: '#8a4b2f' }, { id: ana, name: 'Ana Ruiz', color: '#2f5d8a' }],
    codes: [theirFraming, theirChild, rescue],
    documents,
    segments: [seg(1, 0, theirChild.id, ben, 0, 100), seg(2, 1, rescue.id, ben, 10, 40), seg(3, 0, theirChild.id, ana, 5, 60)],
    memos: [],
    sets: [],
  };
  return writeQdpx(bundle);
}

async function fileMenu(page: Page, item: string) {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: item }).click();
}

async function chooseFile(page: Page, name: string, bytes: Uint8Array) {
  const chooser = page.waitForEvent('filechooser');
  await fileMenu(page, 'Import a teammate’s coding…');
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

describe('Import a teammate’s coding', () => {
  it('matches documents by text and codes by path, asks about a namesake, stores their codings in one undoable step', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    const before = await readDemo(page);
    await chooseFile(page, 'ben.qdpx', teammateQdpx(before));

    const dialog = page.getByRole('dialog', { name: 'Import coding from “ben.qdpx”' });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain('3 codings will be added');
    expect(await dialog.textContent()).toContain('3 documents matched by identical text.');
    expect(await dialog.textContent()).toContain('New codes added: Rescue narrative.');
    await screenshot(page, 'teammate-import-dialog');
    // "Ana Ruiz" in the file is not merged with our Ana unless the researcher says so.
    await dialog.getByRole('group', { name: 'Is “Ana Ruiz” the same person as your “Ana Ruiz”?' }).getByLabel(/Yes, the same person/).check();
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByText('Imported 3 codings and 1 new code from “ben.qdpx”; new coders: Ben Okafor.').count()).toBe(1);

    // The codings the import added: every segment not stored before it.
    const stored = await page.evaluate(async (known) => {
      const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
      const coders = await db.coders.toArray();
      const codes = await db.codes.toArray();
      const documents = await db.documents.toArray();
      return (await db.segments.filter((s) => !known.includes(s.id)).toArray()).map((s) => ({
        coder: coders.find((c) => c.id === s.coderId)!.name,
        code: codes.find((c) => c.id === s.codeId)!.name,
        document: documents.find((d) => d.id === s.documentId)!.name,
        start: s.start,
        end: s.end,
      }));
    }, before.segments);
    expect(stored).toEqual(
      expect.arrayContaining([
        { coder: 'Ben Okafor', code: 'Child protection', document: before.documents[0]!.name, start: 0, end: 100 },
        { coder: 'Ben Okafor', code: 'Rescue narrative', document: before.documents[1]!.name, start: 10, end: 40 },
        { coder: 'Ana Ruiz', code: 'Child protection', document: before.documents[0]!.name, start: 5, end: 60 },
      ]),
    );
    expect(stored).toHaveLength(3);
    const after = await readDemo(page);
    expect(after.documents).toEqual(before.documents);
    expect(after.codes.filter((c) => before.codes.some((b) => b.id === c.id))).toEqual(before.codes);

    // One undo takes the whole import away.
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await readDemo(page)).segments).toEqual(before.segments);
    expect((await readDemo(page)).codes).toEqual(before.codes);
    await context.close();
  });

  it('refuses a file that is not a project with one sentence, changing nothing', async () => {
    const { context, page } = await newPage(browser);
    await completeFirstRun(page, baseUrl);
    const before = await readDemo(page);
    await chooseFile(page, 'notes.qdpx', new TextEncoder().encode('These are interview notes, not a project.'));
    const alert = page.getByRole('alertdialog', { name: 'Could not import coding from “notes.qdpx”' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Nothing was changed.');
    expect((await readDemo(page)).segments).toEqual(before.segments);
    await context.close();
  });
});
