/** Documents and their immutable texts. Imports are one transaction: all files or none. */
import type { DocumentId, ProjectId } from '../../shared/model/index.ts';
import { normaliseLineEndings, type ImportedText } from '../../shared/importers/plainText.ts';
import type { DocumentRow, MarginaliaDatabase } from './database.ts';
import { newId, now } from './ids.ts';
import { planMemoFate, type MemoFate } from './memoRepository.ts';

export async function listDocuments(db: MarginaliaDatabase, projectId: ProjectId): Promise<DocumentRow[]> {
  return db.documents.where('[projectId+order]').between([projectId, -Infinity], [projectId, Infinity]).toArray();
}

export async function readDocumentText(db: MarginaliaDatabase, documentId: DocumentId): Promise<string | undefined> {
  return (await db.documentTexts.get(documentId))?.text;
}

/** Adds documents at the end of the list, in one transaction. Returns their ids in order. */
export async function addDocuments(db: MarginaliaDatabase, projectId: ProjectId, documents: readonly ImportedText[]): Promise<DocumentId[]> {
  return db.transaction('rw', db.documents, db.documentTexts, db.projects, async () => {
    const last = await db.documents.where('[projectId+order]').between([projectId, -Infinity], [projectId, Infinity]).last();
    let order = (last?.order ?? -1) + 1;
    const ids: DocumentId[] = [];
    const createdAt = now();
    for (const document of documents) {
      const id = newId<DocumentId>();
      ids.push(id);
      await db.documents.add({ id, projectId, name: document.name, origin: document.origin, order: order++, createdAt, variables: {} });
      // LF is an invariant of stored text; normalise again in case a caller skipped the importer.
      await db.documentTexts.add({ documentId: id, text: normaliseLineEndings(document.text) });
    }
    await db.projects.update(projectId, { modifiedAt: createdAt });
    return ids;
  });
}

export async function renameDocument(db: MarginaliaDatabase, id: DocumentId, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A document needs a name.');
  await db.documents.update(id, { name: trimmed });
}

/**
 * Deletes a document with its text and its segments, and takes it out of sets. The memos on it,
 * on passages of it and on its codings go too (`'delete'`) or become project memos saying what
 * they were on (`'keep'`, see `planMemoFate`), in the same transaction.
 * Not undoable (the researcher confirms first); undo history that mentions its codings skips them.
 */
export async function deleteDocument(db: MarginaliaDatabase, id: DocumentId, memoFate: MemoFate = 'delete'): Promise<void> {
  await db.transaction('rw', [db.documents, db.documentTexts, db.segments, db.memos, db.sets, db.codes], async () => {
    const memos = await planMemoFate(db, { kind: 'document', id }, memoFate);
    await db.memos.bulkPut(memos.kept);
    await db.memos.bulkDelete(memos.deletedIds);
    const segmentIds = await db.segments.where('documentId').equals(id).primaryKeys();
    await db.segments.bulkDelete(segmentIds);
    await db.sets.filter((set) => set.documentIds.includes(id)).modify((set) => {
      set.documentIds = set.documentIds.filter((documentId) => documentId !== id);
    });
    await db.documentTexts.delete(id);
    await db.documents.delete(id);
  });
}
