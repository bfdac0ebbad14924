/**
 * Memos: written on the project, a document, a code, a coded segment or an uncoded passage.
 *
 * Creating, deleting and re-attaching a memo are steps of the project's undo history. Typing in
 * a memo is not: the editor has its own undo, and `saveMemoContent` only stores what was typed
 * (with the modified time), so the project's undo never takes a researcher's sentences away.
 */
import type { CoderId, Memo, MemoId, MemoTarget, ProjectId } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from './database.ts';
import { recordAction } from './history.ts';
import { newId, now } from './ids.ts';

/** Every memo of a project. */
export async function listProjectMemos(db: MarginaliaDatabase, projectId: ProjectId): Promise<Memo[]> {
  return db.memos.where('projectId').equals(projectId).toArray();
}

/**
 * The memos whose target has this id: a document's or passage's document id, a code id or a
 * segment id (the project's own memos have none: use `listProjectMemos`).
 */
export async function listMemosOn(db: MarginaliaDatabase, targetIds: readonly string[]): Promise<Memo[]> {
  if (targetIds.length === 0) return [];
  return db.memos.where('target.id').anyOf([...targetIds]).toArray();
}

export async function readMemo(db: MarginaliaDatabase, id: MemoId): Promise<Memo | undefined> {
  return db.memos.get(id);
}

/** What a new memo starts with; everything may be left out. */
export interface MemoDraft {
  title?: string;
  /** Lexical editor state as JSON ('' = plain text only). */
  content?: string;
  plainText?: string;
}

/** Writes a new memo on `target` as one undoable step ("Add memo"). */
export async function createMemo(db: MarginaliaDatabase, projectId: ProjectId, target: MemoTarget, coderId: CoderId | null, draft: MemoDraft = {}): Promise<Memo> {
  const at = now();
  const memo: Memo = {
    id: newId<MemoId>(),
    projectId,
    target,
    title: draft.title ?? '',
    content: draft.content ?? '',
    plainText: draft.plainText ?? '',
    coderId,
    createdAt: at,
    modifiedAt: at,
  };
  await recordAction(db, projectId, memo.title ? `Add memo “${memo.title}”` : 'Add memo', (recorder) => recorder.put('memos', memo));
  return memo;
}

/** Stores what was typed (title, rich content, plain text): not an undo step. */
export async function saveMemoContent(db: MarginaliaDatabase, id: MemoId, patch: MemoDraft): Promise<void> {
  await db.memos.update(id, { ...patch, modifiedAt: now() });
}

/** Attaches a memo to something else, as one undoable step. */
export async function reattachMemo(db: MarginaliaDatabase, id: MemoId, target: MemoTarget): Promise<void> {
  const memo = await db.memos.get(id);
  if (!memo) throw new Error('That memo no longer exists.');
  await recordAction(db, memo.projectId, `Re-attach memo${memo.title ? ` “${memo.title}”` : ''}`, (recorder) => recorder.put('memos', { ...memo, target, modifiedAt: now() }));
}

/** Deletes a memo, as one undoable step. */
export async function deleteMemo(db: MarginaliaDatabase, id: MemoId): Promise<void> {
  const memo = await db.memos.get(id);
  if (!memo) return;
  await recordAction(db, memo.projectId, `Delete memo${memo.title ? ` “${memo.title}”` : ''}`, (recorder) => recorder.delete('memos', id));
}
