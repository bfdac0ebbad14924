import { addMemo, code, FIRST_TEXT, openTestDatabase, seedWorkspace, spans, undoableRows, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CodeId, DocumentId, SegmentId } from '../../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { createCode, listCodes } from '../../../../renderer/db/codeRepository.ts';
import { CODE_PALETTE } from '../../../../shared/common/colors.ts';
import { readHistoryState, redoLastUndone, undoLastAction } from '../../../../renderer/db/history.ts';
import { applyCode, applyNewCode, applyNewNamedCode, changeSegmentCode, inVivoName, listSegmentsOfDocument, listSegmentsOfProject, removeSegment, resizeSegment } from '../../../../renderer/db/segmentRepository.ts';
import { readSetting } from '../../../../renderer/db/settingsRepository.ts';
import { createProject } from '../../../../renderer/db/projectRepository.ts';
import { addDocuments } from '../../../../renderer/db/documentRepository.ts';

let db: MarginaliaDatabase;
let ws: Workspace;

beforeEach(async () => {
  db = openTestDatabase();
  ws = await seedWorkspace(db);
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

/** Segments of one code and coder in the first document. */
async function segmentsOf(codeId: CodeId, coderId = ws.ana.id, documentId: DocumentId = ws.documentId) {
  return (await listSegmentsOfDocument(db, documentId)).filter((s) => s.codeId === codeId && s.coderId === coderId);
}

describe('applyCode', () => {
  it('creates one segment for the current coder with the selected range', async () => {
    const currentCoderId = await readSetting(db, 'currentCoderId');
    expect(currentCoderId).toBe(ws.ana.id);
    const segment = await applyCode(db, { projectId: ws.projectId, documentId: ws.documentId, codeId: ws.trust.id, coderId: ws.ana.id, start: 7, end: 10 });
    expect(segment).toMatchObject({ projectId: ws.projectId, documentId: ws.documentId, codeId: ws.trust.id, coderId: ws.ana.id, start: 7, end: 10 });
    expect(FIRST_TEXT.slice(segment.start, segment.end)).toBe('Ana');
    expect(Number.isNaN(Date.parse(segment.createdAt))).toBe(false);
    expect(await listSegmentsOfProject(db, ws.projectId)).toEqual([segment]);
  });

  it('merges an overlapping range of the same code by the same coder into the existing segment', async () => {
    const first = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    const merged = await code(db, ws, ws.trust.id, ws.ana, 5, 20);
    expect(merged.id).toBe(first.id);
    expect(merged.createdAt).toBe(first.createdAt);
    expect(spans(await segmentsOf(ws.trust.id))).toEqual([[0, 20]]);
  });

  it('merges a range that only touches an existing one', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.ana, 5, 9);
    expect(spans(await segmentsOf(ws.trust.id))).toEqual([[0, 9]]);
  });

  it('leaves one segment, unchanged, when the range is already coded', async () => {
    const first = await code(db, ws, ws.trust.id, ws.ana, 0, 20);
    await code(db, ws, ws.trust.id, ws.ana, 3, 8);
    expect(await segmentsOf(ws.trust.id)).toEqual([first]);
  });

  it('records no undo step when the range was already coded', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 20);
    await code(db, ws, ws.fear.id, ws.ana, 0, 5);
    await undoLastAction(db, ws.projectId);
    await code(db, ws, ws.trust.id, ws.ana, 3, 8);
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Apply “Trust”', redoLabel: 'Apply “Fear”' });
  });

  it('joins two segments into one when a new range bridges them, keeping the older id', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
    const older = await code(db, ws, ws.trust.id, ws.ana, 20, 30);
    vi.setSystemTime(new Date('2026-03-01T10:05:00.000Z'));
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    vi.setSystemTime(new Date('2026-03-01T10:10:00.000Z'));
    const merged = await code(db, ws, ws.trust.id, ws.ana, 4, 21);
    expect(merged).toMatchObject({ id: older.id, start: 0, end: 30, createdAt: '2026-03-01T10:00:00.000Z' });
    expect(await segmentsOf(ws.trust.id)).toEqual([merged]);
  });

  it('leaves no memo pointing at a segment the merge absorbed', async () => {
    const left = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    const right = await code(db, ws, ws.trust.id, ws.ana, 20, 30);
    await addMemo(db, ws.projectId, { kind: 'segment', id: left.id }, 'On the left');
    await addMemo(db, ws.projectId, { kind: 'segment', id: right.id }, 'On the right');
    await code(db, ws, ws.trust.id, ws.ana, 4, 21);
    for (const memo of await db.memos.toArray()) {
      if (memo.target.kind === 'segment') expect(await db.segments.get(memo.target.id), memo.title).toBeDefined();
    }
  });

  it('keeps a segment one character away separate', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.ana, 6, 9);
    expect(spans(await segmentsOf(ws.trust.id))).toEqual([[0, 5], [6, 9]]);
  });

  it('keeps another coder’s overlapping coding of the same code separate', async () => {
    await code(db, ws, ws.trust.id, ws.bea, 0, 10);
    await code(db, ws, ws.trust.id, ws.ana, 5, 20);
    expect(spans(await segmentsOf(ws.trust.id, ws.bea.id))).toEqual([[0, 10]]);
    expect(spans(await segmentsOf(ws.trust.id, ws.ana.id))).toEqual([[5, 20]]);
  });

  it('keeps an overlapping coding of another code separate', async () => {
    await code(db, ws, ws.fear.id, ws.ana, 0, 10);
    await code(db, ws, ws.trust.id, ws.ana, 5, 20);
    expect(spans(await segmentsOf(ws.fear.id))).toEqual([[0, 10]]);
    expect(spans(await segmentsOf(ws.trust.id))).toEqual([[5, 20]]);
  });

  it('does not merge with the same range coded in another document', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 10, ws.secondDocumentId);
    await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    expect(await listSegmentsOfProject(db, ws.projectId)).toHaveLength(2);
  });

  it('accepts a range that ends at the last character', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, FIRST_TEXT.length - 4, FIRST_TEXT.length);
    expect(FIRST_TEXT.slice(segment.start, segment.end)).toBe('May.');
  });

  it('refuses a category and writes nothing', async () => {
    const category = await createCode(db, ws.projectId, { name: 'Emotions', isCodable: false });
    const history = await readHistoryState(db, ws.projectId);
    await expect(code(db, ws, category.id, ws.ana, 0, 5)).rejects.toThrow('“Emotions” is a category');
    expect(await listSegmentsOfProject(db, ws.projectId)).toEqual([]);
    expect(await readHistoryState(db, ws.projectId)).toEqual(history);
  });

  it.each([
    ['empty', 4, 4],
    ['reversed', 9, 2],
    ['before the start', -1, 3],
    ['past the end', 50, FIRST_TEXT.length + 1],
    ['not in whole code units', 1.5, 4],
  ])('refuses a selection that is %s, and writes nothing', async (_kind, start, end) => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 3);
    const before = await undoableRows(db);
    const history = await readHistoryState(db, ws.projectId);
    await expect(code(db, ws, ws.trust.id, ws.ana, start, end)).rejects.toThrow('Select some text in the document first.');
    expect(await undoableRows(db)).toEqual(before);
    expect(await readHistoryState(db, ws.projectId)).toEqual(history);
  });

  it('refuses a code or a document that does not exist', async () => {
    await expect(code(db, ws, 'missing' as CodeId, ws.ana, 0, 3)).rejects.toThrow('That code no longer exists.');
    await expect(code(db, ws, ws.trust.id, ws.ana, 0, 3, 'missing' as DocumentId)).rejects.toThrow('Select some text');
    expect(await db.segments.count()).toBe(0);
  });

  it('refuses a code or a document of another project, and writes nothing', async () => {
    const other = await createProject(db, 'Other study');
    const foreign = await createCode(db, other.id, { name: 'Foreign' });
    await expect(code(db, ws, foreign.id, ws.ana, 0, 3)).rejects.toThrow('That code or document belongs to another project.');
    const [otherDocumentId] = await addDocuments(db, other.id, [{ name: 'Elsewhere', text: 'Another project’s text.', origin: 'txt' }]);
    await expect(code(db, ws, ws.trust.id, ws.ana, 0, 3, otherDocumentId)).rejects.toThrow('That code or document belongs to another project.');
    expect(await db.segments.count()).toBe(0);
  });
});

describe('resizeSegment', () => {
  it('changes the bounds and keeps the id, code, coder and creation time', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 7, 10);
    await resizeSegment(db, segment.id, 3, 24);
    expect(await db.segments.get(segment.id)).toEqual({ ...segment, start: 3, end: 24 });
    expect(await db.segments.count()).toBe(1);
  });

  it('can shrink a segment', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 24);
    await resizeSegment(db, segment.id, 7, 10);
    expect(spans(await segmentsOf(ws.trust.id))).toEqual([[7, 10]]);
  });

  it('absorbs a same-code, same-coder segment it grows over, keeping its own id', async () => {
    const resized = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.ana, 10, 15);
    await resizeSegment(db, resized.id, 0, 12);
    expect(await segmentsOf(ws.trust.id)).toEqual([{ ...resized, start: 0, end: 15 }]);
  });

  it('leaves other coders’ and other codes’ segments alone', async () => {
    const resized = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.bea, 6, 15);
    await code(db, ws, ws.fear.id, ws.ana, 6, 15);
    await resizeSegment(db, resized.id, 0, 20);
    expect(spans(await listSegmentsOfDocument(db, ws.documentId))).toEqual([[0, 20], [6, 15], [6, 15]]);
  });

  it.each([
    ['empty', 4, 4],
    ['past the end', 0, FIRST_TEXT.length + 1],
    ['before the start', -2, 3],
  ])('refuses a range that is %s, and changes nothing', async (_kind, start, end) => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 7, 10);
    await expect(resizeSegment(db, segment.id, start, end)).rejects.toThrow('A coding must cover at least one character of its document.');
    expect(await db.segments.toArray()).toEqual([segment]);
  });

  it('refuses a segment that does not exist', async () => {
    await expect(resizeSegment(db, 'missing' as SegmentId, 0, 3)).rejects.toThrow('That coding no longer exists.');
  });

  it('is undone in one step, bringing back the absorbed segment', async () => {
    const resized = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    const neighbour = await code(db, ws, ws.trust.id, ws.ana, 10, 15);
    await resizeSegment(db, resized.id, 0, 12);
    expect(await undoLastAction(db, ws.projectId)).toBe('Adjust “Trust” coding');
    expect(await segmentsOf(ws.trust.id)).toEqual(expect.arrayContaining([resized, neighbour]));
    expect(await db.segments.count()).toBe(2);
  });
});

describe('changeSegmentCode', () => {
  it('moves a coding to another code, keeping its range, coder and creation time', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 7, 10);
    await changeSegmentCode(db, segment.id, ws.fear.id);
    const [moved, ...others] = await listSegmentsOfProject(db, ws.projectId);
    expect(others).toEqual([]);
    expect(moved).toMatchObject({ codeId: ws.fear.id, coderId: ws.ana.id, documentId: ws.documentId, start: 7, end: 10, createdAt: segment.createdAt });
  });

  it('merges into the target code’s overlapping segment by the same coder', async () => {
    const target = await code(db, ws, ws.fear.id, ws.ana, 8, 20);
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    await changeSegmentCode(db, segment.id, ws.fear.id);
    expect(await segmentsOf(ws.trust.id)).toEqual([]);
    expect(await segmentsOf(ws.fear.id)).toEqual([{ ...target, start: 0, end: 20 }]);
  });

  it('does not merge with another coder’s segment of the target code', async () => {
    await code(db, ws, ws.fear.id, ws.bea, 8, 20);
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    await changeSegmentCode(db, segment.id, ws.fear.id);
    expect(spans(await segmentsOf(ws.fear.id, ws.ana.id))).toEqual([[0, 10]]);
    expect(spans(await segmentsOf(ws.fear.id, ws.bea.id))).toEqual([[8, 20]]);
  });

  it('refuses a category and changes nothing', async () => {
    const category = await createCode(db, ws.projectId, { name: 'Emotions', isCodable: false });
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    await expect(changeSegmentCode(db, segment.id, category.id)).rejects.toThrow('“Emotions” is a category');
    expect(await db.segments.toArray()).toEqual([segment]);
  });

  it('refuses a coding or code that does not exist', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    await expect(changeSegmentCode(db, 'missing' as SegmentId, ws.fear.id)).rejects.toThrow('no longer exists');
    await expect(changeSegmentCode(db, segment.id, 'missing' as CodeId)).rejects.toThrow('no longer exists');
  });

  it('is undone in one step, restoring both the moved coding and the one it merged with', async () => {
    await code(db, ws, ws.fear.id, ws.ana, 8, 20);
    const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    const before = await undoableRows(db);
    await changeSegmentCode(db, segment.id, ws.fear.id);
    expect(await undoLastAction(db, ws.projectId)).toBe('Recode as “Fear”');
    expect(await undoableRows(db)).toEqual(before);
  });

  it('keeps a memo written on the coding attached to it', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 7, 10);
    const memo = await addMemo(db, ws.projectId, { kind: 'segment', id: segment.id });
    await changeSegmentCode(db, segment.id, ws.fear.id);
    const stored = await db.memos.get(memo.id);
    expect(stored?.target.kind).toBe('segment');
    const target = stored?.target.kind === 'segment' ? await db.segments.get(stored.target.id) : undefined;
    expect(target?.codeId).toBe(ws.fear.id);
  });
});

describe('removeSegment', () => {
  it('deletes the coding and the memos written on it, and nothing else', async () => {
    const removed = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    const kept = await code(db, ws, ws.fear.id, ws.ana, 0, 10);
    await addMemo(db, ws.projectId, { kind: 'segment', id: removed.id }, 'On the removed one');
    const keptMemo = await addMemo(db, ws.projectId, { kind: 'segment', id: kept.id }, 'On the kept one');
    await removeSegment(db, removed.id);
    expect(await db.segments.toArray()).toEqual([kept]);
    expect(await db.memos.toArray()).toEqual([keptMemo]);
  });

  it('is undone with its memo', async () => {
    const removed = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    await addMemo(db, ws.projectId, { kind: 'segment', id: removed.id });
    const before = await undoableRows(db);
    await removeSegment(db, removed.id);
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Remove “Trust” coding', redoLabel: null });
    await undoLastAction(db, ws.projectId);
    expect(await undoableRows(db)).toEqual(before);
  });

  it('does nothing, and records nothing, for a segment that does not exist', async () => {
    const history = await readHistoryState(db, ws.projectId);
    await removeSegment(db, 'missing' as SegmentId);
    expect(await readHistoryState(db, ws.projectId)).toEqual(history);
  });
});

describe('inVivoName', () => {
  it('joins the selected words into one trimmed line', () => {
    expect(inVivoName('  the rules\n\tchanged  ')).toBe('the rules changed');
  });

  it('keeps a name of 60 characters whole', () => {
    expect(inVivoName('w'.repeat(60))).toBe('w'.repeat(60));
  });

  it('shortens a longer name to at most 60 characters ending in an ellipsis, without a space before it', () => {
    const name = inVivoName(`${'a'.repeat(58)} bcd`);
    expect(name).toBe(`${'a'.repeat(58)}…`);
    expect(inVivoName('z'.repeat(80))).toHaveLength(60);
  });

  it('returns an empty name for white space only', () => {
    expect(inVivoName(' \n ')).toBe('');
  });
});

describe('applyNewCode', () => {
  const request = () => ({ projectId: ws.projectId, documentId: ws.documentId, coderId: ws.ana.id, start: 26, end: 34 });

  it('creates a top-level code named after the words and codes them with it', async () => {
    const segment = await applyNewCode(db, request(), FIRST_TEXT.slice(26, 34));
    const created = (await listCodes(db, ws.projectId)).find((c) => c.id === segment.codeId);
    expect(created).toMatchObject({ name: 'She said', parentId: null, order: 2, isCodable: true, color: CODE_PALETTE[2], examples: 'She said' });
    expect(segment).toMatchObject({ documentId: ws.documentId, coderId: ws.ana.id, start: 26, end: 34 });
    expect(await db.segments.toArray()).toEqual([segment]);
  });

  it('is one undoable action: undo removes both the code and the coding, redo brings both back', async () => {
    const before = await undoableRows(db);
    await applyNewCode(db, request(), 'She said');
    const after = await undoableRows(db);
    expect(await undoLastAction(db, ws.projectId)).toBe('Code in vivo “She said”');
    expect(await undoableRows(db)).toEqual(before);
    await redoLastUndone(db, ws.projectId);
    expect(await undoableRows(db)).toEqual(after);
  });

  it('refuses blank words or an invalid range, and writes nothing', async () => {
    const before = await undoableRows(db);
    await expect(applyNewCode(db, request(), '   ')).rejects.toThrow('Select some words to name the new code after.');
    await expect(applyNewCode(db, { ...request(), end: 26 }, 'She said')).rejects.toThrow('Select some text in the document first.');
    await expect(applyNewCode(db, { ...request(), end: FIRST_TEXT.length + 1 }, 'She said')).rejects.toThrow('Select some text in the document first.');
    expect(await undoableRows(db)).toEqual(before);
  });
});

describe('applyNewNamedCode', () => {
  const request = () => ({ projectId: ws.projectId, documentId: ws.documentId, coderId: ws.ana.id, start: 26, end: 34 });

  it('creates a top-level code with the typed name and colour and codes the range with it', async () => {
    const segment = await applyNewNamedCode(db, request(), '  Reported speech ', '#123456');
    const created = (await listCodes(db, ws.projectId)).find((c) => c.id === segment.codeId);
    expect(created).toMatchObject({ name: 'Reported speech', parentId: null, order: 2, isCodable: true, color: '#123456', examples: '', description: '' });
    expect(segment).toMatchObject({ documentId: ws.documentId, coderId: ws.ana.id, start: 26, end: 34 });
    expect(await db.segments.toArray()).toEqual([segment]);
  });

  it('is one undoable action: undo removes both the code and the coding', async () => {
    const before = await undoableRows(db);
    await applyNewNamedCode(db, request(), 'Reported speech');
    expect(await undoLastAction(db, ws.projectId)).toBe('Create and apply “Reported speech”');
    expect(await undoableRows(db)).toEqual(before);
  });

  it('refuses a blank name or an invalid range, and writes nothing', async () => {
    const before = await undoableRows(db);
    await expect(applyNewNamedCode(db, request(), '   ')).rejects.toThrow('A code needs a name.');
    await expect(applyNewNamedCode(db, { ...request(), end: 26 }, 'Reported speech')).rejects.toThrow('Select some text in the document first.');
    expect(await undoableRows(db)).toEqual(before);
  });
});
