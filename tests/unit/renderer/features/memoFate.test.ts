import { addMemo, code, openTestDatabase, seedWorkspace, type Workspace } from '../db/testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { createCode } from '../../../../renderer/db/codeRepository.ts';
import { countMemosAffectedByDeleting, deleteCode, deleteDocument, removeSegment } from '../../../../renderer/features/memos/memoFate.ts';

let db: MarginaliaDatabase;
let ws: Workspace;

beforeEach(async () => {
  db = openTestDatabase();
  ws = await seedWorkspace(db);
});
afterEach(async () => {
  await db.delete();
});

/** Each memo's text (its title when written here; a kept memo's title also says what it was on) with the kind of thing it is attached to now. */
async function targets(): Promise<Record<string, string>> {
  return Object.fromEntries((await db.memos.toArray()).map((m) => [m.plainText, m.target.kind]));
}

/** A coding of Trust in each document, a sub-code of Trust, and memos on all of them. */
async function seedMemos() {
  const first = await code(db, ws, ws.trust.id, ws.ana, 0, 6);
  const second = await code(db, ws, ws.trust.id, ws.ana, 0, 6, ws.secondDocumentId);
  const sub = await createCode(db, ws.projectId, { name: 'Distrust', parentId: ws.trust.id });
  const subCoding = await code(db, ws, sub.id, ws.ana, 10, 20);
  await addMemo(db, ws.projectId, { kind: 'document', id: ws.documentId }, 'document');
  await addMemo(db, ws.projectId, { kind: 'passage', id: ws.documentId, start: 30, end: 40 }, 'passage');
  await addMemo(db, ws.projectId, { kind: 'segment', id: first.id }, 'first coding');
  await addMemo(db, ws.projectId, { kind: 'segment', id: second.id }, 'second coding');
  await addMemo(db, ws.projectId, { kind: 'segment', id: subCoding.id }, 'sub-code coding');
  await addMemo(db, ws.projectId, { kind: 'code', id: ws.trust.id }, 'trust');
  await addMemo(db, ws.projectId, { kind: 'code', id: sub.id }, 'distrust');
  await addMemo(db, ws.projectId, { kind: 'code', id: ws.fear.id }, 'fear');
  await addMemo(db, ws.projectId, { kind: 'project' }, 'project');
  return { first, second, sub, subCoding };
}

describe('countMemosAffectedByDeleting', () => {
  it('counts a document’s own, its passages’ and its codings’ memos', async () => {
    await seedMemos();
    expect(await countMemosAffectedByDeleting(db, { kind: 'document', id: ws.documentId })).toBe(4);
    expect(await countMemosAffectedByDeleting(db, { kind: 'document', id: ws.secondDocumentId })).toBe(1);
  });

  it('counts a code’s memos with its sub-codes’ and all their codings’', async () => {
    await seedMemos();
    expect(await countMemosAffectedByDeleting(db, { kind: 'code', id: ws.trust.id })).toBe(5);
    expect(await countMemosAffectedByDeleting(db, { kind: 'code', id: ws.fear.id })).toBe(1);
  });

  it('counts a coding’s memos, and nothing for a coding without', async () => {
    const { first } = await seedMemos();
    expect(await countMemosAffectedByDeleting(db, { kind: 'segment', id: first.id })).toBe(1);
    const bare = await code(db, ws, ws.fear.id, ws.ana, 40, 50);
    expect(await countMemosAffectedByDeleting(db, { kind: 'segment', id: bare.id })).toBe(0);
  });
});

describe('deleting with the memos kept', () => {
  it('re-attaches a deleted document’s memos, passages’ and codings’ to the project', async () => {
    await seedMemos();
    await deleteDocument(db, ws.documentId, 'keep');
    expect(await db.documents.get(ws.documentId)).toBeUndefined();
    expect(await targets()).toMatchObject({ document: 'project', passage: 'project', 'first coding': 'project', 'sub-code coding': 'project', 'second coding': 'segment', trust: 'code' });
    expect(await db.memos.count()).toBe(9);
  });

  it('re-attaches a deleted code’s memos, its sub-codes’ and their codings’ to the project', async () => {
    await seedMemos();
    await deleteCode(db, ws.trust.id, 'keep');
    expect(await db.codes.get(ws.trust.id)).toBeUndefined();
    expect(await targets()).toMatchObject({ trust: 'project', distrust: 'project', 'first coding': 'project', 'second coding': 'project', 'sub-code coding': 'project', fear: 'code', passage: 'passage' });
    expect(await db.memos.count()).toBe(9);
  });

  it('re-attaches a removed coding’s memos to the project', async () => {
    const { first } = await seedMemos();
    await removeSegment(db, first.id, 'keep');
    expect(await db.segments.get(first.id)).toBeUndefined();
    expect((await targets())['first coding']).toBe('project');
    expect(await db.memos.count()).toBe(9);
  });
});

describe('deleting with the memos too (the default)', () => {
  it('deletes a document’s memos, passages’ included, and leaves the rest', async () => {
    await seedMemos();
    await deleteDocument(db, ws.documentId);
    expect(Object.keys(await targets()).sort()).toEqual(['distrust', 'fear', 'project', 'second coding', 'trust']);
  });

  it('deletes a code’s memos with its sub-codes’ and codings’', async () => {
    await seedMemos();
    await deleteCode(db, ws.trust.id, 'delete');
    expect(Object.keys(await targets()).sort()).toEqual(['document', 'fear', 'passage', 'project']);
  });

  it('deletes a removed coding’s memos', async () => {
    const { first } = await seedMemos();
    await removeSegment(db, first.id, 'delete');
    expect(Object.keys(await targets())).not.toContain('first coding');
    expect(await db.memos.count()).toBe(8);
  });
});
