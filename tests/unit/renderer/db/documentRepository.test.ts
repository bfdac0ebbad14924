import { addMemo, code, FIRST_TEXT, openTestDatabase, seedWorkspace, SECOND_TEXT, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CodeSetId, DocumentId } from '../../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { addDocuments, deleteDocument, listDocuments, readDocumentText, renameDocument } from '../../../../renderer/db/documentRepository.ts';
import { redoLastUndone, undoLastAction } from '../../../../renderer/db/history.ts';
import { removeSegment } from '../../../../renderer/db/segmentRepository.ts';

let db: MarginaliaDatabase;
let ws: Workspace;

beforeEach(async () => {
  db = openTestDatabase();
  ws = await seedWorkspace(db);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('addDocuments', () => {
  it('appends documents after the existing ones, numbered in the order given', async () => {
    const ids = await addDocuments(db, ws.projectId, [
      { name: 'Interview 3', text: 'three', origin: 'txt' },
      { name: 'Field notes', text: 'four', origin: 'md' },
    ]);
    const documents = await listDocuments(db, ws.projectId);
    expect(documents.map((d) => [d.name, d.order])).toEqual([
      ['Interview 1', 0],
      ['Interview 2', 1],
      ['Interview 3', 2],
      ['Field notes', 3],
    ]);
    expect(documents.slice(2).map((d) => d.id)).toEqual(ids);
    expect(documents[3]).toMatchObject({ projectId: ws.projectId, origin: 'md', variables: {} });
  });

  it('starts at order 0 in a project without documents', async () => {
    const other = await seedWorkspace(db, 'Other study');
    await db.documents.where('projectId').equals(other.projectId).delete();
    await addDocuments(db, other.projectId, [{ name: 'Only', text: 'x', origin: 'paste' }]);
    expect((await listDocuments(db, other.projectId)).map((d) => d.order)).toEqual([0]);
  });

  it('stores the text with LF line endings even when given CRLF or CR', async () => {
    const [id] = await addDocuments(db, ws.projectId, [{ name: 'Windows', text: 'Q: Hi\r\nA: Hello\rQ: Bye', origin: 'paste' }]);
    expect(await readDocumentText(db, id!)).toBe('Q: Hi\nA: Hello\nQ: Bye');
  });

  it('keeps the document list free of text', async () => {
    const [row] = await listDocuments(db, ws.projectId);
    expect(row).not.toHaveProperty('text');
    expect(await readDocumentText(db, ws.documentId)).toBe(FIRST_TEXT);
  });

  it('marks the project as modified', async () => {
    await db.projects.update(ws.projectId, { modifiedAt: '2000-01-01T00:00:00.000Z' });
    await addDocuments(db, ws.projectId, [{ name: 'New', text: 'x', origin: 'txt' }]);
    expect((await db.projects.get(ws.projectId))?.modifiedAt).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('writes no document at all when one of the batch cannot be written', async () => {
    // Two documents given the same id: the second insert fails inside the transaction.
    vi.spyOn(crypto, 'randomUUID').mockReturnValue('00000000-0000-4000-8000-000000000001');
    await db.projects.update(ws.projectId, { modifiedAt: '2000-01-01T00:00:00.000Z' });
    await expect(
      addDocuments(db, ws.projectId, [
        { name: 'First', text: 'one', origin: 'txt' },
        { name: 'Second', text: 'two', origin: 'txt' },
      ]),
    ).rejects.toThrow();
    expect((await listDocuments(db, ws.projectId)).map((d) => d.name)).toEqual(['Interview 1', 'Interview 2']);
    expect(await db.documentTexts.count()).toBe(2);
    expect((await db.projects.get(ws.projectId))?.modifiedAt).toBe('2000-01-01T00:00:00.000Z');
  });
});

describe('listDocuments and readDocumentText', () => {
  it('lists only the project’s documents, in order', async () => {
    await seedWorkspace(db, 'Other study');
    expect((await listDocuments(db, ws.projectId)).map((d) => d.id)).toEqual([ws.documentId, ws.secondDocumentId]);
  });

  it('reads a document’s text, and nothing for an unknown document', async () => {
    expect(await readDocumentText(db, ws.secondDocumentId)).toBe(SECOND_TEXT);
    expect(await readDocumentText(db, 'missing' as DocumentId)).toBeUndefined();
  });
});

describe('renameDocument', () => {
  it('renames with a trimmed name', async () => {
    await renameDocument(db, ws.documentId, '  Ana, 12 May  ');
    expect((await db.documents.get(ws.documentId))?.name).toBe('Ana, 12 May');
  });

  it('refuses a blank name', async () => {
    await expect(renameDocument(db, ws.documentId, ' ')).rejects.toThrow('A document needs a name.');
    expect((await db.documents.get(ws.documentId))?.name).toBe('Interview 1');
  });
});

describe('deleteDocument', () => {
  it('deletes the document, its text, its codings and the memos on it, and nothing of other documents', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.fear.id, ws.bea, 3, 9);
    const kept = await code(db, ws, ws.trust.id, ws.ana, 0, 5, ws.secondDocumentId);
    await addMemo(db, ws.projectId, { kind: 'document', id: ws.documentId }, 'On the deleted one');
    const keptMemo = await addMemo(db, ws.projectId, { kind: 'document', id: ws.secondDocumentId }, 'On the kept one');

    await deleteDocument(db, ws.documentId);
    expect((await listDocuments(db, ws.projectId)).map((d) => d.id)).toEqual([ws.secondDocumentId]);
    expect(await readDocumentText(db, ws.documentId)).toBeUndefined();
    expect(await readDocumentText(db, ws.secondDocumentId)).toBe(SECOND_TEXT);
    expect(await db.segments.toArray()).toEqual([kept]);
    expect(await db.memos.toArray()).toEqual([keptMemo]);
  });

  it('takes the document out of the sets that list it', async () => {
    await db.sets.add({ id: 'set' as CodeSetId, projectId: ws.projectId, name: 'Interviews', description: '', codeIds: [ws.trust.id], documentIds: [ws.documentId, ws.secondDocumentId] });
    await deleteDocument(db, ws.documentId);
    expect(await db.sets.get('set' as CodeSetId)).toMatchObject({ codeIds: [ws.trust.id], documentIds: [ws.secondDocumentId] });
  });

  it('leaves no memo pointing at one of its deleted codings', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await addMemo(db, ws.projectId, { kind: 'segment', id: segment.id }, 'On a coding of the deleted document');
    await deleteDocument(db, ws.documentId);
    for (const memo of await db.memos.toArray()) {
      if (memo.target.kind === 'segment') expect(await db.segments.get(memo.target.id), memo.title).toBeDefined();
    }
  });

  it('keeps its codings gone when a coding of it is redone afterwards', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await undoLastAction(db, ws.projectId);
    await deleteDocument(db, ws.documentId);
    await redoLastUndone(db, ws.projectId);
    expect(await db.segments.where('documentId').equals(ws.documentId).count()).toBe(0);
  });

  it('keeps its codings gone when the removal of one of them is undone afterwards', async () => {
    const removed = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await removeSegment(db, removed.id);
    await deleteDocument(db, ws.documentId);
    await undoLastAction(db, ws.projectId);
    expect(await db.segments.where('documentId').equals(ws.documentId).count()).toBe(0);
  });
});
