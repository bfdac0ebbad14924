/**
 * Memos against the real schema on fake-indexeddb: undo and redo never take typing away, memos
 * follow their coding through merges, recodes and resizes, and deleting what carries memos
 * either deletes them or keeps them as project memos, in the same step.
 */
import { code, FIRST_TEXT, openTestDatabase, seedWorkspace, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Memo, MemoTarget } from '../../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { createCode, deleteCode, mergeCodes } from '../../../../renderer/db/codeRepository.ts';
import { deleteDocument } from '../../../../renderer/db/documentRepository.ts';
import { redoLastUndone, undoLastAction } from '../../../../renderer/db/history.ts';
import { countMemosAffectedByDeleting, createMemo, deleteMemo, describeMemoTarget, readMemo, reattachMemo, saveMemoContent } from '../../../../renderer/db/memoRepository.ts';
import { changeSegmentCode, removeSegment, resizeSegment } from '../../../../renderer/db/segmentRepository.ts';

let db: MarginaliaDatabase;
let ws: Workspace;

beforeEach(async () => {
  db = openTestDatabase();
  ws = await seedWorkspace(db);
});

afterEach(async () => {
  await db.delete();
});

function write(target: MemoTarget, title = '') {
  return createMemo(db, ws.projectId, target, ws.ana.id, { title, plainText: title });
}

const TYPED = { title: 'Trust after May', content: '{"root":{"children":[],"type":"root","version":1}}', plainText: 'Trust broke down after the rule change.' };

async function typed(memo: Memo): Promise<Pick<Memo, 'title' | 'content' | 'plainText'>> {
  const row = await readMemo(db, memo.id);
  return { title: row!.title, content: row!.content, plainText: row!.plainText };
}

describe('undo and redo of memo steps keep what was typed', () => {
  it('undoing a re-attach moves the memo back but keeps the words typed after it', async () => {
    const memo = await write({ kind: 'document', id: ws.documentId });
    await reattachMemo(db, memo.id, { kind: 'code', id: ws.trust.id });
    await saveMemoContent(db, memo.id, TYPED);
    expect(await undoLastAction(db, ws.projectId)).toBe('Re-attach memo');
    expect((await readMemo(db, memo.id))!.target).toEqual({ kind: 'document', id: ws.documentId });
    expect(await typed(memo)).toEqual(TYPED);
    await saveMemoContent(db, memo.id, { plainText: 'Second thoughts.' });
    expect(await redoLastUndone(db, ws.projectId)).toBe('Re-attach memo');
    expect((await readMemo(db, memo.id))!.target).toEqual({ kind: 'code', id: ws.trust.id });
    expect(await typed(memo)).toEqual({ ...TYPED, plainText: 'Second thoughts.' });
  });

  it('undoing "Add memo" then redoing it brings the memo back with everything typed in it', async () => {
    const memo = await write({ kind: 'project' });
    await saveMemoContent(db, memo.id, TYPED);
    expect(await undoLastAction(db, ws.projectId)).toBe('Add memo');
    expect(await readMemo(db, memo.id)).toBeUndefined();
    expect(await redoLastUndone(db, ws.projectId)).toBe('Add memo');
    expect(await typed(memo)).toEqual(TYPED);
  });

  it('undoing a delete brings the memo back with the words it had when deleted', async () => {
    const memo = await write({ kind: 'project' });
    await saveMemoContent(db, memo.id, TYPED);
    await deleteMemo(db, memo.id);
    expect(await undoLastAction(db, ws.projectId)).toBe('Delete memo “Trust after May”');
    expect(await typed(memo)).toEqual(TYPED);
  });

  it('undoing a merge of codes restores the memo’s code but not its old words', async () => {
    const memo = await write({ kind: 'code', id: ws.fear.id });
    await mergeCodes(db, ws.fear.id, ws.trust.id);
    expect((await readMemo(db, memo.id))!.target).toEqual({ kind: 'code', id: ws.trust.id });
    await saveMemoContent(db, memo.id, TYPED);
    await undoLastAction(db, ws.projectId);
    expect((await readMemo(db, memo.id))!.target).toEqual({ kind: 'code', id: ws.fear.id });
    expect(await typed(memo)).toEqual(TYPED);
  });
});

describe('memos follow their coding', () => {
  it('a memo on a coding absorbed by a new overlapping coding moves to the merged coding', async () => {
    const first = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    const second = await code(db, ws, ws.trust.id, ws.ana, 20, 30);
    const onSecond = await write({ kind: 'segment', id: second.id }, 'On the second');
    const merged = await code(db, ws, ws.trust.id, ws.ana, 4, 21);
    expect(merged.id).toBe(first.id);
    expect((await readMemo(db, onSecond.id))!.target).toEqual({ kind: 'segment', id: merged.id });
  });

  it('a memo stays on its coding when the coding is recoded onto a code with nothing there', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 7, 10);
    const memo = await write({ kind: 'segment', id: segment.id });
    await changeSegmentCode(db, segment.id, ws.fear.id);
    const target = (await readMemo(db, memo.id))!.target;
    expect(target).toEqual({ kind: 'segment', id: segment.id });
    expect((await db.segments.get(segment.id))!.codeId).toBe(ws.fear.id);
  });

  it('a memo moves with its coding when recoding merges it into the other code’s coding', async () => {
    const fearSegment = await code(db, ws, ws.fear.id, ws.ana, 5, 12);
    const trustSegment = await code(db, ws, ws.trust.id, ws.ana, 7, 20);
    const memo = await write({ kind: 'segment', id: trustSegment.id });
    await changeSegmentCode(db, trustSegment.id, ws.fear.id);
    const target = (await readMemo(db, memo.id))!.target as { kind: 'segment'; id: string };
    const segment = await db.segments.get(target.id as never);
    expect(segment).toMatchObject({ id: fearSegment.id, codeId: ws.fear.id, start: 5, end: 20 });
  });

  it('a memo moves to the coding that a resize swallows into', async () => {
    const kept = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    const swallowed = await code(db, ws, ws.trust.id, ws.ana, 20, 30);
    const memo = await write({ kind: 'segment', id: swallowed.id });
    await resizeSegment(db, kept.id, 0, 25);
    expect(await db.segments.get(swallowed.id)).toBeUndefined();
    expect((await readMemo(db, memo.id))!.target).toEqual({ kind: 'segment', id: kept.id });
    expect((await db.segments.get(kept.id))).toMatchObject({ start: 0, end: 30 });
  });
});

describe('deleting what carries memos', () => {
  it('counts the memos deleting a code, its sub-codes and their codings would affect', async () => {
    const child = await createCode(db, ws.projectId, { name: 'Trust in police', parentId: ws.trust.id });
    const segment = await code(db, ws, child.id, ws.ana, 0, 6);
    await write({ kind: 'code', id: ws.trust.id });
    await write({ kind: 'code', id: child.id });
    await write({ kind: 'segment', id: segment.id });
    await write({ kind: 'code', id: ws.fear.id });
    await write({ kind: 'project' });
    expect(await countMemosAffectedByDeleting(db, { kind: 'code', id: ws.trust.id })).toBe(3);
    expect(await countMemosAffectedByDeleting(db, { kind: 'code', id: child.id })).toBe(2);
    expect(await countMemosAffectedByDeleting(db, { kind: 'segment', id: segment.id })).toBe(1);
    expect(await countMemosAffectedByDeleting(db, { kind: 'document', id: ws.documentId })).toBe(1);
    expect(await countMemosAffectedByDeleting(db, { kind: 'document', id: ws.secondDocumentId })).toBe(0);
  });

  it('deleteCode keeps the memos as project memos that say what they were on, in one undoable step', async () => {
    const child = await createCode(db, ws.projectId, { name: 'Trust in police', parentId: ws.trust.id });
    const segment = await code(db, ws, child.id, ws.ana, 0, 6);
    const onCode = await write({ kind: 'code', id: ws.trust.id }, 'Why trust');
    const onChild = await write({ kind: 'code', id: child.id });
    const onSegment = await write({ kind: 'segment', id: segment.id }, 'Ana');
    await deleteCode(db, ws.trust.id, 'keep');
    expect(await db.codes.get(child.id)).toBeUndefined();
    const kept = await Promise.all([onCode, onChild, onSegment].map((m) => readMemo(db, m.id)));
    expect(kept.map((m) => m!.target)).toEqual([{ kind: 'project' }, { kind: 'project' }, { kind: 'project' }]);
    expect(kept.map((m) => m!.title)).toEqual(['Why trust (was on code “Trust”)', 'Was on code “Trust in police”', 'Ana (was on a coding of “Trust in police” in “Interview 1”)']);
    expect(kept.map((m) => m!.plainText)).toEqual(['Why trust', '', 'Ana']);
    await undoLastAction(db, ws.projectId);
    expect((await readMemo(db, onCode.id))!.target).toEqual({ kind: 'code', id: ws.trust.id });
    expect((await readMemo(db, onSegment.id))!.target).toEqual({ kind: 'segment', id: segment.id });
    expect(await db.segments.get(segment.id)).toBeDefined();
  });

  it('deleteCode deletes the memos by default, and undo brings them back', async () => {
    const memo = await write({ kind: 'code', id: ws.trust.id }, 'Why trust');
    const other = await write({ kind: 'code', id: ws.fear.id }, 'Why fear');
    await deleteCode(db, ws.trust.id);
    expect((await db.memos.toArray()).map((m) => m.id)).toEqual([other.id]);
    await undoLastAction(db, ws.projectId);
    expect((await readMemo(db, memo.id))!.title).toBe('Why trust');
  });

  it('removeSegment with "keep" turns its memos into project memos; with "delete" they go', async () => {
    const a = await code(db, ws, ws.trust.id, ws.ana, 0, 6);
    const b = await code(db, ws, ws.fear.id, ws.ana, 10, 20);
    const onA = await write({ kind: 'segment', id: a.id }, 'Kept');
    const onB = await write({ kind: 'segment', id: b.id }, 'Gone');
    await removeSegment(db, a.id, 'keep');
    await removeSegment(db, b.id, 'delete');
    expect(await readMemo(db, onA.id)).toMatchObject({ target: { kind: 'project' }, title: 'Kept (was on a coding of “Trust” in “Interview 1”)' });
    expect(await readMemo(db, onB.id)).toBeUndefined();
    await undoLastAction(db, ws.projectId);
    expect(await readMemo(db, onB.id)).toMatchObject({ target: { kind: 'segment', id: b.id } });
  });

  it('deleteDocument with "keep" keeps document, passage and coding memos as project memos', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 6);
    const onDocument = await write({ kind: 'document', id: ws.documentId }, 'Doc');
    const onPassage = await write({ kind: 'passage', id: ws.documentId, start: 7, end: 10 });
    const onSegment = await write({ kind: 'segment', id: segment.id }, 'Seg');
    const elsewhere = await write({ kind: 'document', id: ws.secondDocumentId }, 'Other');
    await deleteDocument(db, ws.documentId, 'keep');
    const rows = await Promise.all([onDocument, onPassage, onSegment, elsewhere].map((m) => readMemo(db, m.id)));
    expect(rows.map((m) => [m!.target, m!.title])).toEqual([
      [{ kind: 'project' }, 'Doc (was on document “Interview 1”)'],
      [{ kind: 'project' }, 'Was on a passage of “Interview 1”'],
      [{ kind: 'project' }, 'Seg (was on a coding of “Trust” in “Interview 1”)'],
      [{ kind: 'document', id: ws.secondDocumentId }, 'Other'],
    ]);
  });

  it('deleteDocument deletes passage memos too by default, leaving no memo on a missing document', async () => {
    await write({ kind: 'passage', id: ws.documentId, start: 7, end: 10 });
    const elsewhere = await write({ kind: 'passage', id: ws.secondDocumentId, start: 0, end: 6 });
    await deleteDocument(db, ws.documentId);
    expect((await db.memos.toArray()).map((m) => m.id)).toEqual([elsewhere.id]);
  });
});

describe('describeMemoTarget', () => {
  it('says in words what each kind of memo is on, with the passage quoted', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 7, 10);
    expect(await describeMemoTarget(db, { kind: 'project' })).toEqual({ label: 'On the project', quote: null, passage: null });
    expect((await describeMemoTarget(db, { kind: 'document', id: ws.documentId })).label).toBe('On document “Interview 1”');
    expect((await describeMemoTarget(db, { kind: 'code', id: ws.fear.id })).label).toBe('On code “Fear”');
    expect(await describeMemoTarget(db, { kind: 'segment', id: segment.id })).toEqual({
      label: 'On a coding of “Trust” in “Interview 1”',
      quote: FIRST_TEXT.slice(7, 10),
      passage: { documentId: ws.documentId, start: 7, end: 10 },
    });
    expect(await describeMemoTarget(db, { kind: 'passage', id: ws.documentId, start: 0, end: 6 })).toEqual({
      label: 'On a passage of “Interview 1”',
      quote: 'We met',
      passage: { documentId: ws.documentId, start: 0, end: 6 },
    });
  });
});
