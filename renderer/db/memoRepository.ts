/**
 * Memos: written on the project, a document, a code, a coded segment or an uncoded passage.
 *
 * Creating, deleting and re-attaching a memo are steps of the project's undo history. Typing in
 * a memo is not: the editor has its own undo, and `saveMemoContent` only stores what was typed
 * (with the modified time), so the project's undo never takes a researcher's sentences away.
 */
import type { CodeId, CoderId, DocumentId, Memo, MemoId, MemoTarget, ProjectId, SegmentId } from '../../shared/model/index.ts';
import { descendantIds } from '../../shared/coding/codeTree.ts';
import { truncateText } from '../../shared/text/truncate.ts';
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

/** The `limit` most recently modified memos of a project, newest first (a long list's first screen). */
export async function listNewestMemos(db: MarginaliaDatabase, projectId: ProjectId, limit: number): Promise<Memo[]> {
  return db.memos.where('[projectId+modifiedAt]').between([projectId, ''], [projectId, '\uffff']).reverse().limit(limit).toArray();
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

/**
 * What becomes of the memos on something being deleted: `'delete'` deletes them with it,
 * `'keep'` turns them into project memos (see `planMemoFate`).
 */
export type MemoFate = 'keep' | 'delete';

/** A thing whose deletion takes memos with it. */
export type DeletedThing = { kind: 'code'; id: CodeId } | { kind: 'document'; id: DocumentId } | { kind: 'segment'; id: SegmentId };

/**
 * The memos deleting `what` would take with it, each with a phrase saying what it was on:
 * - a code: memos on the code and its sub-codes, and on every coding of them;
 * - a document: memos on the document, on passages of it and on its codings;
 * - a segment (coding): the memos on it.
 */
async function memosOnDeleted(db: MarginaliaDatabase, what: DeletedThing): Promise<{ memo: Memo; was: string }[]> {
  if (what.kind === 'segment') {
    const segment = await db.segments.get(what.id);
    const memos = (await db.memos.where('target.id').equals(what.id).toArray()).filter((m) => m.target.kind === 'segment');
    if (memos.length === 0) return [];
    const was = segment ? await codingPhrase(db, segment.codeId, segment.documentId) : 'was on a coding';
    return memos.map((memo) => ({ memo, was }));
  }
  if (what.kind === 'code') {
    const code = await db.codes.get(what.id);
    if (!code) return [];
    const codes = await db.codes.where('projectId').equals(code.projectId).toArray();
    const ids = [...descendantIds(codes, what.id)];
    const segments = await db.segments.where('codeId').anyOf(ids).toArray();
    const segmentById = new Map(segments.map((s) => [s.id as string, s]));
    const codeNames = new Map(codes.map((c) => [c.id as string, c.name]));
    const memos = await db.memos.where('target.id').anyOf([...ids, ...segmentById.keys()]).toArray();
    const result: { memo: Memo; was: string }[] = [];
    for (const memo of memos) {
      if (memo.target.kind === 'code') result.push({ memo, was: `was on code “${codeNames.get(memo.target.id) ?? 'code'}”` });
      else if (memo.target.kind === 'segment') {
        const segment = segmentById.get(memo.target.id)!;
        result.push({ memo, was: await codingPhrase(db, segment.codeId, segment.documentId) });
      }
    }
    return result;
  }
  const document = await db.documents.get(what.id);
  const name = document?.name ?? 'document';
  const segments = await db.segments.where('documentId').equals(what.id).toArray();
  const segmentById = new Map(segments.map((s) => [s.id as string, s]));
  const memos = await db.memos.where('target.id').anyOf([what.id, ...segmentById.keys()]).toArray();
  const result: { memo: Memo; was: string }[] = [];
  for (const memo of memos) {
    if (memo.target.kind === 'document') result.push({ memo, was: `was on document “${name}”` });
    else if (memo.target.kind === 'passage') result.push({ memo, was: `was on a passage of “${name}”` });
    else if (memo.target.kind === 'segment') result.push({ memo, was: await codingPhrase(db, segmentById.get(memo.target.id)!.codeId, what.id) });
  }
  return result;
}

async function codingPhrase(db: MarginaliaDatabase, codeId: CodeId, documentId: DocumentId): Promise<string> {
  const [code, document] = await Promise.all([db.codes.get(codeId), db.documents.get(documentId)]);
  return `was on a coding of “${code?.name ?? 'code'}” in “${document?.name ?? 'document'}”`;
}

/** How many memos deleting `what` would delete or keep as project memos (for the dialog that asks). */
export async function countMemosAffectedByDeleting(db: MarginaliaDatabase, what: DeletedThing): Promise<number> {
  return (await memosOnDeleted(db, what)).length;
}

/**
 * What to write for the memos on `what` before deleting it: with `'delete'`, the ids to delete;
 * with `'keep'`, the memos rewritten as project memos whose title says what they were on
 * (“Why distrust (was on code “Distrust”)”, or just “Was on code “Distrust”” when untitled), so a
 * kept memo never loses its context. Text, author and dates are untouched; call inside the
 * deleting transaction.
 */
export async function planMemoFate(db: MarginaliaDatabase, what: DeletedThing, fate: MemoFate): Promise<{ deletedIds: MemoId[]; kept: Memo[] }> {
  const affected = await memosOnDeleted(db, what);
  if (fate === 'delete') return { deletedIds: affected.map((a) => a.memo.id), kept: [] };
  return {
    deletedIds: [],
    kept: affected.map(({ memo, was }) => ({ ...memo, target: { kind: 'project' }, title: keptTitle(memo.title, was) })),
  };
}

function keptTitle(title: string, was: string): string {
  const trimmed = title.trim();
  return trimmed ? `${trimmed} (${was})` : was.charAt(0).toUpperCase() + was.slice(1);
}

/** What a memo is attached to, in words for the memo pane, with the passage it is on (if any). */
export interface MemoTargetDescription {
  /** “On the project”, “On document “X””, “On code “Y””, “On a coding of “Y” in “X””, “On a passage of “X””. */
  label: string;
  /** The passage a coding or passage memo is on, shortened to 200 characters; null otherwise. */
  quote: string | null;
  /** The document and range to open for a coding or passage memo. */
  passage: { documentId: DocumentId; start: number; end: number } | null;
}

export async function describeMemoTarget(db: MarginaliaDatabase, target: MemoTarget): Promise<MemoTargetDescription> {
  switch (target.kind) {
    case 'project':
      return { label: 'On the project', quote: null, passage: null };
    case 'document':
      return { label: `On document “${(await db.documents.get(target.id))?.name ?? 'a deleted document'}”`, quote: null, passage: null };
    case 'code':
      return { label: `On code “${(await db.codes.get(target.id))?.name ?? 'a deleted code'}”`, quote: null, passage: null };
    case 'segment': {
      const segment = await db.segments.get(target.id);
      if (!segment) return { label: 'On a coding that no longer exists', quote: null, passage: null };
      const [code, document, text] = await Promise.all([db.codes.get(segment.codeId), db.documents.get(segment.documentId), db.documentTexts.get(segment.documentId)]);
      return {
        label: `On a coding of “${code?.name ?? 'code'}” in “${document?.name ?? 'document'}”`,
        quote: text ? truncateText(text.text.slice(segment.start, segment.end), 200) : null,
        passage: { documentId: segment.documentId, start: segment.start, end: segment.end },
      };
    }
    case 'passage': {
      const [document, text] = await Promise.all([db.documents.get(target.id), db.documentTexts.get(target.id)]);
      return {
        label: `On a passage of “${document?.name ?? 'a deleted document'}”`,
        quote: text ? truncateText(text.text.slice(target.start, target.end), 200) : null,
        passage: { documentId: target.id, start: target.start, end: target.end },
      };
    }
  }
}

/**
 * Stores typing as the page goes away (pagehide, beforeunload): the write is queued on the
 * IndexedDB connection synchronously and committed at once, so it needs no later task (which an
 * unloading page never runs) the way an awaited Dexie update does. `memo` is the row as the pane
 * last read it; the patch goes over it. Returns false when the database is not open.
 */
export function saveMemoContentAsPageCloses(db: MarginaliaDatabase, memo: Memo, patch: MemoDraft): boolean {
  if (!db.isOpen()) return false;
  const connection = db.backendDB();
  const transaction = connection.transaction('memos', 'readwrite');
  transaction.objectStore('memos').put({ ...memo, ...patch, modifiedAt: now() } satisfies Memo);
  transaction.commit();
  return true;
}
