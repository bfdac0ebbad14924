/**
 * What happens to the memos on a document, code or coding when it is deleted: kept (re-attached
 * to the project, so nothing a researcher wrote vanishes) or deleted with it.
 *
 * INTERIM ADAPTER. It speaks the contract of the memo repository functions
 * `deleteCode(db, id, memoFate)`, `deleteDocument(db, id, memoFate)`,
 * `removeSegment(db, id, memoFate)` and `countMemosAffectedByDeleting(db, {kind, id})`
 * (renderer/db, being added alongside), with memoFate 'keep' | 'delete' (default 'delete').
 * Until they land it counts with `listMemosOn` and, before calling today's delete functions,
 * re-attaches (`reattachMemo`) or deletes (`deleteMemo`) each memo itself. At merge, each body
 * here becomes a one-line call to the repository function of the same name.
 */
import { descendantIds } from '../../../shared/coding/codeTree.ts';
import type { CodeId, DocumentId, Memo, SegmentId } from '../../../shared/model/index.ts';
import { deleteCode as deleteCodeToday, listCodes } from '../../db/codeRepository.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { deleteDocument as deleteDocumentToday } from '../../db/documentRepository.ts';
import { deleteMemo, listMemosOn, reattachMemo } from '../../db/memoRepository.ts';
import { listSegmentsOfDocument, listSegmentsOfProject, removeSegment as removeSegmentToday } from '../../db/segmentRepository.ts';

/** Keep the memos as project memos, or delete them too. */
export type MemoFate = 'keep' | 'delete';

/** The thing being deleted. */
export type DeletedThing = { kind: 'code'; id: CodeId } | { kind: 'document'; id: DocumentId } | { kind: 'segment'; id: SegmentId };

/** The memos that deleting `thing` would take with it (its own, its passages', its codings'). */
async function memosAffectedByDeleting(db: MarginaliaDatabase, thing: DeletedThing): Promise<Memo[]> {
  switch (thing.kind) {
    case 'segment':
      return listMemosOn(db, [thing.id]);
    case 'document': {
      const segments = await listSegmentsOfDocument(db, thing.id);
      // The document id also covers the memos on its uncoded passages.
      return listMemosOn(db, [thing.id, ...segments.map((s) => s.id)]);
    }
    case 'code': {
      // Interim: the repository function reads the code itself; here the project comes from the row.
      const code = await db.codes.get(thing.id);
      if (!code) return [];
      const codeIds = descendantIds(await listCodes(db, code.projectId), thing.id);
      const segments = (await listSegmentsOfProject(db, code.projectId)).filter((s) => codeIds.has(s.codeId));
      return listMemosOn(db, [...codeIds, ...segments.map((s) => s.id)]);
    }
  }
}

/** How many memos deleting `thing` would affect (0 = no need to ask). */
export async function countMemosAffectedByDeleting(db: MarginaliaDatabase, thing: DeletedThing): Promise<number> {
  return (await memosAffectedByDeleting(db, thing)).length;
}

async function settleMemos(db: MarginaliaDatabase, thing: DeletedThing, memoFate: MemoFate): Promise<void> {
  for (const memo of await memosAffectedByDeleting(db, thing)) {
    if (memoFate === 'keep') await reattachMemo(db, memo.id, { kind: 'project' });
    else await deleteMemo(db, memo.id);
  }
}

export async function deleteDocument(db: MarginaliaDatabase, id: DocumentId, memoFate: MemoFate = 'delete'): Promise<void> {
  await settleMemos(db, { kind: 'document', id }, memoFate);
  await deleteDocumentToday(db, id);
}

export async function deleteCode(db: MarginaliaDatabase, id: CodeId, memoFate: MemoFate = 'delete'): Promise<void> {
  await settleMemos(db, { kind: 'code', id }, memoFate);
  await deleteCodeToday(db, id);
}

export async function removeSegment(db: MarginaliaDatabase, id: SegmentId, memoFate: MemoFate = 'delete'): Promise<void> {
  await settleMemos(db, { kind: 'segment', id }, memoFate);
  await removeSegmentToday(db, id);
}
