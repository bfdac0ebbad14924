import { code, openTestDatabase, seedWorkspace, uniqueDatabaseName, FIRST_TEXT, SECOND_TEXT, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { compareInScope } from '../../../../shared/agreement/scope.ts';
import type { Segment, SegmentId } from '../../../../shared/model/index.ts';
import { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { readCodersInProject } from '../../../../renderer/db/comparisonRepository.ts';
import { readProjectBundle } from '../../../../renderer/db/exchangeRepository.ts';
import { redoLastUndone, undoLastAction } from '../../../../renderer/db/history.ts';
import { deleteDocument } from '../../../../renderer/db/documentRepository.ts';
import { removeSegment, resizeSegment } from '../../../../renderer/db/segmentRepository.ts';
import { packSegments } from '../../../../renderer/db/segmentPacks.ts';

let db: MarginaliaDatabase;
let ws: Workspace;

beforeEach(async () => {
  db = openTestDatabase();
  ws = await seedWorkspace(db);
});

afterEach(async () => {
  await db.delete();
});

type Coding = Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>;
const key = (s: Coding) => `${s.documentId} ${s.codeId} ${s.coderId} ${s.start} ${s.end}`;
const codings = (segments: readonly Coding[]) => segments.map(key).sort();

/** The comparison read and the full bundle hold the same codings, documents and lengths. */
async function expectSameAsBundle() {
  const bundle = await readProjectBundle(db, ws.projectId);
  const input = await readCodersInProject(db, ws.projectId);
  expect(codings(input.segments)).toEqual(codings(bundle.segments));
  expect(input.documents).toEqual(bundle.documents.map((d) => ({ id: d.id, name: d.name, textLength: d.text.length })));
  expect(input.codes).toEqual(bundle.codes);
  for (const coder of bundle.coders) expect(input.coders).toContainEqual(coder);
  return { bundle, input };
}

describe('readCodersInProject', () => {
  it('gives the comparison the same figures as the whole project bundle', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 20);
    await code(db, ws, ws.trust.id, ws.bea, 2, 22);
    await code(db, ws, ws.fear.id, ws.bea, 30, 50);
    await code(db, ws, ws.fear.id, ws.ana, 5, 25, ws.secondDocumentId);
    const { bundle, input } = await expectSameAsBundle();
    for (const unit of ['characters', 'segments', 'documents'] as const) {
      const scope = { coders: [ws.ana.id, ws.bea.id], unit, withCells: true };
      expect(compareInScope(input, scope)).toEqual(compareInScope(bundle, scope));
    }
  });

  it('builds the missing packs once and keeps them until a write touches their document', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 20);
    expect(await db.segmentPacks.count()).toBe(0);
    await readCodersInProject(db, ws.projectId);
    const first = await db.segmentPacks.get(ws.documentId);
    expect(first).toMatchObject({ documentId: ws.documentId, projectId: ws.projectId, textLength: FIRST_TEXT.length, coderIds: [ws.ana.id], codeIds: [ws.trust.id] });
    expect(await db.segmentPacks.get(ws.secondDocumentId)).toMatchObject({ textLength: SECOND_TEXT.length, coderIds: [] });

    await code(db, ws, ws.fear.id, ws.bea, 30, 50);
    expect(await db.segmentPacks.get(ws.documentId)).toBeUndefined();
    expect(await db.segmentPacks.get(ws.secondDocumentId)).toBeDefined();
    await expectSameAsBundle();
  });

  it('follows every kind of write: resize, removal, undo, redo, direct writes, clearing, document deletion', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 20);
    await code(db, ws, ws.trust.id, ws.bea, 4, 24);
    await expectSameAsBundle();
    await resizeSegment(db, segment.id, 2, 30);
    await expectSameAsBundle();
    await removeSegment(db, segment.id);
    await expectSameAsBundle();
    await undoLastAction(db, ws.projectId);
    await expectSameAsBundle();
    await redoLastUndone(db, ws.projectId);
    await expectSameAsBundle();
    const direct: Segment = { id: crypto.randomUUID() as SegmentId, projectId: ws.projectId, documentId: ws.secondDocumentId, codeId: ws.fear.id, coderId: ws.bea.id, start: 1, end: 9, createdAt: '2026-01-01T00:00:00.000Z' };
    await db.segments.bulkAdd([direct]);
    await expectSameAsBundle();
    await db.segments.update(direct.id, { end: 12 });
    await expectSameAsBundle();
    await db.segments.clear();
    expect((await expectSameAsBundle()).input.segments).toEqual([]);
    await code(db, ws, ws.trust.id, ws.ana, 0, 20, ws.secondDocumentId);
    await expectSameAsBundle();
    await deleteDocument(db, ws.secondDocumentId);
    expect(await db.segmentPacks.get(ws.secondDocumentId)).toBeUndefined();
    await expectSameAsBundle();
  });

  it('names a coder who coded here but has no coder row "Unknown coder"', async () => {
    const ghost = { id: crypto.randomUUID(), name: 'Ghost', color: '#000000' } as never;
    await code(db, ws, ws.trust.id, ghost, 0, 20);
    const input = await readCodersInProject(db, ws.projectId);
    expect(input.coders).toContainEqual({ id: (ghost as { id: string }).id, name: 'Unknown coder', color: '#888888' });
  });
});

describe('packSegments', () => {
  it('keeps every coding, with dictionaries of its coders and codes', () => {
    const pack = packSegments(ws.documentId, ws.projectId, 60, [
      { codeId: ws.trust.id, coderId: ws.ana.id, start: 0, end: 5 },
      { codeId: ws.fear.id, coderId: ws.ana.id, start: 3, end: 9 },
      { codeId: ws.trust.id, coderId: ws.bea.id, start: 7, end: 8 },
    ]);
    expect(pack.coderIds).toEqual([ws.ana.id, ws.bea.id]);
    expect(pack.codeIds).toEqual([ws.trust.id, ws.fear.id]);
    expect([...pack.coders]).toEqual([0, 0, 1]);
    expect([...pack.codes]).toEqual([0, 1, 0]);
    expect([...pack.starts]).toEqual([0, 3, 7]);
    expect([...pack.ends]).toEqual([5, 9, 8]);
  });
});

describe('schema version 5 (segment packs)', () => {
  it('opens a version 4 database with its rows, and compares them as before', async () => {
    const name = uniqueDatabaseName();
    // Version 4 as shipped (database.ts), with the rows a project of two coders holds.
    const old = new Dexie(name);
    old.version(4).stores({
      projects: 'id, name',
      coders: 'id, name',
      documents: 'id, projectId, [projectId+order]',
      documentTexts: 'documentId',
      codes: 'id, projectId, parentId',
      segments: 'id, projectId, documentId, codeId, coderId, [documentId+codeId+coderId]',
      memos: 'id, projectId, target.id, [projectId+target.kind], [projectId+modifiedAt]',
      sets: 'id, projectId',
      history: '++seq, projectId, [projectId+undone]',
      settings: 'key',
      decisions: 'id, projectId, [projectId+consensusCoderId]',
    });
    const at = '2026-01-01T00:00:00.000Z';
    await old.table('projects').bulkAdd(await db.projects.toArray());
    await old.table('coders').bulkAdd(await db.coders.toArray());
    await old.table('documents').bulkAdd(await db.documents.toArray());
    await old.table('documentTexts').bulkAdd(await db.documentTexts.toArray());
    await old.table('codes').bulkAdd(await db.codes.toArray());
    await old.table('settings').bulkAdd(await db.settings.toArray());
    const rows: Segment[] = [
      { id: 's1' as SegmentId, projectId: ws.projectId, documentId: ws.documentId, codeId: ws.trust.id, coderId: ws.ana.id, start: 0, end: 20, createdAt: at },
      { id: 's2' as SegmentId, projectId: ws.projectId, documentId: ws.documentId, codeId: ws.trust.id, coderId: ws.bea.id, start: 3, end: 21, createdAt: at },
      { id: 's3' as SegmentId, projectId: ws.projectId, documentId: ws.secondDocumentId, codeId: ws.fear.id, coderId: ws.bea.id, start: 10, end: 40, createdAt: at },
    ];
    await old.table('segments').bulkAdd(rows);
    expect(old.verno).toBe(4);
    old.close();

    const upgraded = new MarginaliaDatabase(name);
    try {
      await upgraded.open();
      expect(upgraded.verno).toBe(5);
      expect(await upgraded.segments.count()).toBe(3);
      expect(await upgraded.segmentPacks.count()).toBe(0);
      const bundle = await readProjectBundle(upgraded, ws.projectId);
      const input = await readCodersInProject(upgraded, ws.projectId);
      expect(codings(input.segments)).toEqual(codings(rows));
      expect(await upgraded.segmentPacks.count()).toBe(2);
      const scope = { coders: ['Ana', 'Bea'], unit: 'characters' as const, withCells: true };
      expect(compareInScope(input, scope)).toEqual(compareInScope(bundle, scope));
    } finally {
      await upgraded.delete();
    }
  });
});
