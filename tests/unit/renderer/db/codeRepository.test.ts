import { addMemo, code, openTestDatabase, seedWorkspace, spans, undoableRows, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Code, CodeId, CoderId, CodeSetId, DocumentId } from '../../../../shared/model/index.ts';
import { createProject } from '../../../../renderer/db/projectRepository.ts';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { CODE_PALETTE } from '../../../../shared/common/colors.ts';
import { countSegments, createCode, deleteCode, describeCodeDeletion, listCodes, mergeCodes, moveCode, updateCode } from '../../../../renderer/db/codeRepository.ts';
import { readHistoryState, redoLastUndone, undoLastAction } from '../../../../renderer/db/history.ts';

let db: MarginaliaDatabase;
let ws: Workspace;

beforeEach(async () => {
  db = openTestDatabase();
  ws = await seedWorkspace(db);
});

afterEach(async () => {
  await db.delete();
});

/** [name, parent name, order] of every code of the workspace, sorted by parent then order. */
async function outline(): Promise<[string, string | null, number][]> {
  const codes = await listCodes(db, ws.projectId);
  const nameOf = (id: CodeId | null) => (id === null ? null : (codes.find((c) => c.id === id)?.name ?? `missing ${id}`));
  return codes
    .map((c): [string, string | null, number] => [c.name, nameOf(c.parentId), c.order])
    .sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? '') || a[2] - b[2]);
}

async function segmentsOf(codeId: CodeId, coderId: CoderId, documentId: DocumentId) {
  return db.segments.where('[documentId+codeId+coderId]').equals([documentId, codeId, coderId]).toArray();
}

describe('createCode', () => {
  it('creates a codable top-level code with a trimmed name, empty texts, the next palette colour and the lowest free quick key', async () => {
    const created = await createCode(db, ws.projectId, { name: '  Hope  ' });
    expect(created).toEqual({
      id: created.id,
      projectId: ws.projectId,
      parentId: null,
      name: 'Hope',
      color: CODE_PALETTE[2]!,
      description: '',
      definition: '',
      inclusion: '',
      exclusion: '',
      examples: '',
      isCodable: true,
      order: 2,
      quickKey: 3,
    } satisfies Code);
    expect(await db.codes.get(created.id)).toEqual(created);
    expect(ws.trust.color).toBe(CODE_PALETTE[0]);
    expect(ws.fear.color).toBe(CODE_PALETTE[1]);
  });

  it('numbers a sub-code among its own siblings', async () => {
    const first = await createCode(db, ws.projectId, { name: 'Earned', parentId: ws.trust.id });
    const second = await createCode(db, ws.projectId, { name: 'Lost', parentId: ws.trust.id });
    expect([first.order, second.order]).toEqual([0, 1]);
    expect(second.parentId).toBe(ws.trust.id);
  });

  it('keeps the fields it is given', async () => {
    const created = await createCode(db, ws.projectId, { name: 'Emotions', color: '#123456', isCodable: false, definition: 'Feelings named by the speaker.' });
    expect(created).toMatchObject({ color: '#123456', isCodable: false, definition: 'Feelings named by the speaker.' });
  });

  it('refuses a blank name and writes nothing', async () => {
    await expect(createCode(db, ws.projectId, { name: '   ' })).rejects.toThrow('A code needs a name.');
    expect(await db.codes.count()).toBe(2);
  });

  it('is undone by removing the code', async () => {
    const created = await createCode(db, ws.projectId, { name: 'Hope' });
    expect(await undoLastAction(db, ws.projectId)).toBe('Create code “Hope”');
    expect(await db.codes.get(created.id)).toBeUndefined();
  });
});

describe('listCodes', () => {
  it('lists only the codes of the project', async () => {
    await seedWorkspace(db, 'Other study');
    expect((await listCodes(db, ws.projectId)).map((c) => c.id).sort()).toEqual([ws.trust.id, ws.fear.id].sort());
  });
});

describe('updateCode', () => {
  it('renames with a trimmed name and labels the action as a rename', async () => {
    await updateCode(db, ws.trust.id, { name: '  Confidence ' });
    expect(await db.codes.get(ws.trust.id)).toEqual({ ...ws.trust, name: 'Confidence' });
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Rename “Trust”');
  });

  it('recolours and labels the action as a recolour', async () => {
    await updateCode(db, ws.trust.id, { color: '#000075' });
    expect((await db.codes.get(ws.trust.id))?.color).toBe('#000075');
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Recolour “Trust”');
  });

  it('labels a change of several fields as an edit', async () => {
    await updateCode(db, ws.trust.id, { description: 'Belief in others', definition: 'Any statement of reliance' });
    expect(await db.codes.get(ws.trust.id)).toMatchObject({ description: 'Belief in others', definition: 'Any statement of reliance' });
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Edit “Trust”');
  });

  it('records nothing when nothing changes', async () => {
    await updateCode(db, ws.trust.id, { name: 'Trust', color: ws.trust.color, isCodable: true });
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Create code “Fear”');
  });

  it('records nothing when a rename only adds spaces around the same name', async () => {
    await updateCode(db, ws.trust.id, { name: ' Trust ' });
    expect(await db.codes.get(ws.trust.id)).toEqual(ws.trust);
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Create code “Fear”');
  });

  it('refuses a blank name', async () => {
    await expect(updateCode(db, ws.trust.id, { name: ' ' })).rejects.toThrow('A code needs a name.');
    expect(await db.codes.get(ws.trust.id)).toEqual(ws.trust);
  });

  it('refuses to make a code that has codings a category', async () => {
    await code(db, ws, ws.trust.id, ws.bea, 0, 5);
    await expect(updateCode(db, ws.trust.id, { isCodable: false })).rejects.toThrow('“Trust” has codings: a category cannot hold codings.');
    expect((await db.codes.get(ws.trust.id))?.isCodable).toBe(true);
  });

  it('makes a code without codings a category', async () => {
    await updateCode(db, ws.fear.id, { isCodable: false });
    expect((await db.codes.get(ws.fear.id))?.isCodable).toBe(false);
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Change kind of “Fear”');
  });

  it('refuses a code that does not exist', async () => {
    await expect(updateCode(db, 'missing' as CodeId, { name: 'x' })).rejects.toThrow('That code no longer exists.');
  });

  it('is undone back to the previous fields', async () => {
    await updateCode(db, ws.trust.id, { name: 'Confidence', color: '#000000' });
    await undoLastAction(db, ws.projectId);
    expect(await db.codes.get(ws.trust.id)).toEqual(ws.trust);
  });
});

describe('moveCode', () => {
  it('refuses a parent from another project, changing nothing', async () => {
    const other = await createProject(db, 'Other study');
    const foreign = await createCode(db, other.id, { name: 'Foreign' });
    const before = await undoableRows(db);
    await expect(moveCode(db, ws.fear.id, foreign.id, 0)).rejects.toThrow('The code to move it under is not in this project.');
    expect(await undoableRows(db)).toEqual(before);
  });

  it('reorders codes among their siblings', async () => {
    await createCode(db, ws.projectId, { name: 'Hope' });
    const hope = (await listCodes(db, ws.projectId)).find((c) => c.name === 'Hope')!;
    await moveCode(db, hope.id, null, 0);
    expect(await outline()).toEqual([
      ['Hope', null, 0],
      ['Trust', null, 1],
      ['Fear', null, 2],
    ]);
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Move “Hope”');
  });

  it('moves a code under another and closes the gap it left', async () => {
    await createCode(db, ws.projectId, { name: 'Hope' });
    await createCode(db, ws.projectId, { name: 'Earned', parentId: ws.trust.id });
    await moveCode(db, ws.fear.id, ws.trust.id, 0);
    expect(await outline()).toEqual([
      ['Trust', null, 0],
      ['Hope', null, 1],
      ['Fear', 'Trust', 0],
      ['Earned', 'Trust', 1],
    ]);
  });

  it('refuses to move a code into its own sub-code and changes nothing', async () => {
    const child = await createCode(db, ws.projectId, { name: 'Earned', parentId: ws.trust.id });
    const before = await outline();
    await expect(moveCode(db, ws.trust.id, child.id, 0)).rejects.toThrow('A code cannot be moved into itself or one of its own sub-codes.');
    await expect(moveCode(db, ws.trust.id, ws.trust.id, 0)).rejects.toThrow('cannot be moved into itself');
    expect(await outline()).toEqual(before);
  });

  it('records nothing for a move to where the code already is', async () => {
    await moveCode(db, ws.fear.id, null, 1);
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Create code “Fear”');
  });

  it('is undone back to the previous parents and orders', async () => {
    await createCode(db, ws.projectId, { name: 'Hope' });
    const before = await undoableRows(db);
    await moveCode(db, ws.trust.id, ws.fear.id, 0);
    await undoLastAction(db, ws.projectId);
    expect(await undoableRows(db)).toEqual(before);
  });
});

describe('mergeCodes', () => {
  /** Distrust (with sub-codes Of police, Of NGOs) is merged into Trust (with sub-code Earned). */
  async function seedMerge() {
    const distrust = await createCode(db, ws.projectId, { name: 'Distrust' });
    const ofPolice = await createCode(db, ws.projectId, { name: 'Of police', parentId: distrust.id });
    await createCode(db, ws.projectId, { name: 'Of NGOs', parentId: distrust.id });
    await createCode(db, ws.projectId, { name: 'Earned', parentId: ws.trust.id });
    await code(db, ws, distrust.id, ws.ana, 0, 5);
    await code(db, ws, distrust.id, ws.ana, 20, 25);
    await code(db, ws, ws.trust.id, ws.ana, 3, 8);
    await code(db, ws, distrust.id, ws.bea, 0, 5);
    await code(db, ws, distrust.id, ws.ana, 0, 4, ws.secondDocumentId);
    const policeSegment = await code(db, ws, ofPolice.id, ws.ana, 30, 35);
    const codeMemo = await addMemo(db, ws.projectId, { kind: 'code', id: distrust.id }, 'Why distrust');
    return { distrust, ofPolice, policeSegment, codeMemo };
  }

  it('moves the source’s codings to the target, merging overlaps of the same coder only', async () => {
    const { distrust } = await seedMerge();
    await mergeCodes(db, distrust.id, ws.trust.id);
    expect(await db.segments.where('codeId').equals(distrust.id).count()).toBe(0);
    expect(spans(await segmentsOf(ws.trust.id, ws.ana.id, ws.documentId))).toEqual([[0, 8], [20, 25]]);
    expect(spans(await segmentsOf(ws.trust.id, ws.bea.id, ws.documentId))).toEqual([[0, 5]]);
    expect(spans(await segmentsOf(ws.trust.id, ws.ana.id, ws.secondDocumentId))).toEqual([[0, 4]]);
  });

  it('moves the source’s sub-codes under the target after its own, and deletes the source', async () => {
    const { distrust, policeSegment } = await seedMerge();
    await mergeCodes(db, distrust.id, ws.trust.id);
    expect(await db.codes.get(distrust.id)).toBeUndefined();
    expect(await outline()).toEqual([
      ['Trust', null, 0],
      ['Fear', null, 1],
      ['Earned', 'Trust', 0],
      ['Of police', 'Trust', 1],
      ['Of NGOs', 'Trust', 2],
    ]);
    expect(await db.segments.get(policeSegment.id)).toEqual(policeSegment);
  });

  it('moves memos on the source code to the target', async () => {
    const { distrust, codeMemo } = await seedMerge();
    await mergeCodes(db, distrust.id, ws.trust.id);
    expect((await db.memos.get(codeMemo.id))?.target).toEqual({ kind: 'code', id: ws.trust.id });
  });

  it('joins two target codings that a source coding bridges', async () => {
    const distrust = await createCode(db, ws.projectId, { name: 'Distrust' });
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.ana, 10, 15);
    await code(db, ws, distrust.id, ws.ana, 4, 11);
    await mergeCodes(db, distrust.id, ws.trust.id);
    expect(spans(await db.segments.toArray())).toEqual([[0, 15]]);
  });

  it('leaves no memo pointing at a coding the merge absorbed', async () => {
    const distrust = await createCode(db, ws.projectId, { name: 'Distrust' });
    const trustSegment = await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    const distrustSegment = await code(db, ws, distrust.id, ws.ana, 5, 15);
    await addMemo(db, ws.projectId, { kind: 'segment', id: trustSegment.id }, 'On Trust');
    await addMemo(db, ws.projectId, { kind: 'segment', id: distrustSegment.id }, 'On Distrust');
    await mergeCodes(db, distrust.id, ws.trust.id);
    for (const memo of await db.memos.toArray()) {
      if (memo.target.kind === 'segment') expect(await db.segments.get(memo.target.id), memo.title).toBeDefined();
    }
  });

  it('makes a category that receives codings codable', async () => {
    const emotions = await createCode(db, ws.projectId, { name: 'Emotions', isCodable: false });
    await code(db, ws, ws.fear.id, ws.ana, 0, 5);
    await mergeCodes(db, ws.fear.id, emotions.id);
    expect((await db.codes.get(emotions.id))?.isCodable).toBe(true);
    expect((await db.segments.toArray()).map((s) => s.codeId)).toEqual([emotions.id]);
  });

  it('is undone in one step, restoring codes, codings and memos exactly', async () => {
    const { distrust } = await seedMerge();
    const before = await undoableRows(db);
    await mergeCodes(db, distrust.id, ws.trust.id);
    const after = await undoableRows(db);
    expect(await undoLastAction(db, ws.projectId)).toBe('Merge “Distrust” into “Trust”');
    expect(await undoableRows(db)).toEqual(before);
    await redoLastUndone(db, ws.projectId);
    expect(await undoableRows(db)).toEqual(after);
  });

  it('refuses to merge a code into itself or into one of its sub-codes, changing nothing', async () => {
    const { distrust, ofPolice } = await seedMerge();
    const before = await undoableRows(db);
    await expect(mergeCodes(db, distrust.id, distrust.id)).rejects.toThrow('A code cannot be merged into itself.');
    await expect(mergeCodes(db, distrust.id, ofPolice.id)).rejects.toThrow('“Of police” is inside “Distrust”: merge it the other way round.');
    expect(await undoableRows(db)).toEqual(before);
  });

  it('merges a sub-code into its parent', async () => {
    const { distrust, ofPolice } = await seedMerge();
    await mergeCodes(db, ofPolice.id, distrust.id);
    expect(await db.codes.get(ofPolice.id)).toBeUndefined();
    expect(spans(await segmentsOf(distrust.id, ws.ana.id, ws.documentId))).toEqual([[0, 5], [20, 25], [30, 35]]);
  });

  it('refuses a code that does not exist', async () => {
    await expect(mergeCodes(db, 'missing' as CodeId, ws.trust.id)).rejects.toThrow('That code no longer exists.');
  });

  it('refuses to merge codes of two projects, changing nothing', async () => {
    const other = await createProject(db, 'Other study');
    const foreign = await createCode(db, other.id, { name: 'Foreign' });
    const before = await undoableRows(db);
    await expect(mergeCodes(db, foreign.id, ws.trust.id)).rejects.toThrow('Codes of different projects cannot be merged.');
    expect(await undoableRows(db)).toEqual(before);
  });

  it('puts the target in the source’s sets, once, and undo puts the sets back', async () => {
    const { distrust } = await seedMerge();
    await db.sets.bulkAdd([
      { id: 'set-both' as CodeSetId, projectId: ws.projectId, name: 'Both', description: '', codeIds: [distrust.id, ws.trust.id], documentIds: [] },
      { id: 'set-source' as CodeSetId, projectId: ws.projectId, name: 'Source', description: '', codeIds: [ws.fear.id, distrust.id], documentIds: [] },
    ]);
    await mergeCodes(db, distrust.id, ws.trust.id);
    expect((await db.sets.get('set-both' as CodeSetId))!.codeIds).toEqual([ws.trust.id]);
    expect((await db.sets.get('set-source' as CodeSetId))!.codeIds).toEqual([ws.fear.id, ws.trust.id]);
    await undoLastAction(db, ws.projectId);
    expect((await db.sets.get('set-source' as CodeSetId))!.codeIds).toEqual([ws.fear.id, distrust.id]);
  });
});

describe('describeCodeDeletion and deleteCode', () => {
  /** Distrust > Of police > Recent, each coded once; Trust coded once; memos on codes and codings. */
  async function seedDeletion() {
    const distrust = await createCode(db, ws.projectId, { name: 'Distrust' });
    const ofPolice = await createCode(db, ws.projectId, { name: 'Of police', parentId: distrust.id });
    const recent = await createCode(db, ws.projectId, { name: 'Recent', parentId: ofPolice.id });
    await code(db, ws, distrust.id, ws.ana, 0, 5);
    const policeSegment = await code(db, ws, ofPolice.id, ws.bea, 10, 15);
    await code(db, ws, recent.id, ws.ana, 20, 25, ws.secondDocumentId);
    const trustSegment = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await addMemo(db, ws.projectId, { kind: 'code', id: recent.id }, 'On Recent');
    await addMemo(db, ws.projectId, { kind: 'segment', id: policeSegment.id }, 'On a police coding');
    const keptMemos = [
      await addMemo(db, ws.projectId, { kind: 'code', id: ws.trust.id }, 'On Trust'),
      await addMemo(db, ws.projectId, { kind: 'segment', id: trustSegment.id }, 'On a Trust coding'),
      await addMemo(db, ws.projectId, { kind: 'project' }, 'On the project'),
    ];
    return { distrust, ofPolice, recent, trustSegment, keptMemos };
  }

  it('counts the code, its sub-codes and all their codings', async () => {
    const { distrust, recent } = await seedDeletion();
    expect(await describeCodeDeletion(db, distrust.id)).toEqual({ codes: 3, segments: 3 });
    expect(await describeCodeDeletion(db, recent.id)).toEqual({ codes: 1, segments: 1 });
    expect(await describeCodeDeletion(db, ws.fear.id)).toEqual({ codes: 1, segments: 0 });
    expect(await describeCodeDeletion(db, 'missing' as CodeId)).toEqual({ codes: 0, segments: 0 });
  });

  it('deletes the code, its sub-codes, their codings and the memos on them, and nothing else', async () => {
    const { distrust, trustSegment, keptMemos } = await seedDeletion();
    await deleteCode(db, distrust.id);
    expect((await db.codes.toArray()).map((c) => c.name).sort()).toEqual(['Fear', 'Trust']);
    expect(await db.segments.toArray()).toEqual([trustSegment]);
    expect((await db.memos.toArray()).map((m) => m.title).sort()).toEqual(keptMemos.map((m) => m.title).sort());
  });

  it('is undone in one step, restoring every code, coding and memo', async () => {
    const { distrust } = await seedDeletion();
    const before = await undoableRows(db);
    await deleteCode(db, distrust.id);
    const after = await undoableRows(db);
    expect(await undoLastAction(db, ws.projectId)).toBe('Delete “Distrust”');
    expect(await undoableRows(db)).toEqual(before);
    await redoLastUndone(db, ws.projectId);
    expect(await undoableRows(db)).toEqual(after);
  });

  it('takes the deleted codes out of sets, and undo puts them back', async () => {
    const { distrust, recent } = await seedDeletion();
    await db.sets.add({ id: 'set' as CodeSetId, projectId: ws.projectId, name: 'Mixed', description: '', codeIds: [recent.id, ws.trust.id, distrust.id], documentIds: [ws.documentId] });
    await deleteCode(db, distrust.id);
    expect((await db.sets.get('set' as CodeSetId))!.codeIds).toEqual([ws.trust.id]);
    await undoLastAction(db, ws.projectId);
    expect((await db.sets.get('set' as CodeSetId))!.codeIds).toEqual([recent.id, ws.trust.id, distrust.id]);
  });

  it('does nothing for a code that does not exist', async () => {
    const history = await readHistoryState(db, ws.projectId);
    await deleteCode(db, 'missing' as CodeId);
    expect(await readHistoryState(db, ws.projectId)).toEqual(history);
  });
});

describe('countSegments', () => {
  it('counts the project’s codings per code and per document, not another project’s', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.ana, 10, 15);
    await code(db, ws, ws.fear.id, ws.bea, 0, 5, ws.secondDocumentId);
    const other = await seedWorkspace(db, 'Other study');
    await code(db, other, other.trust.id, other.ana, 0, 5);

    const { byCode, byDocument } = await countSegments(db, ws.projectId);
    expect(Object.fromEntries(byCode)).toEqual({ [ws.trust.id]: 2, [ws.fear.id]: 1 });
    expect(Object.fromEntries(byDocument)).toEqual({ [ws.documentId]: 2, [ws.secondDocumentId]: 1 });
  });

  it('returns empty maps for a project without codings', async () => {
    const { byCode, byDocument } = await countSegments(db, ws.projectId);
    expect(byCode.size + byDocument.size).toBe(0);
  });

  it('counts only the codings the coder filter shows, and every coder’s in the totals for merging and deleting', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.bea, 10, 15);
    await code(db, ws, ws.fear.id, ws.bea, 0, 5, ws.secondDocumentId);

    const mine = await countSegments(db, ws.projectId, { filter: 'mine', coderId: ws.ana.id });
    expect(Object.fromEntries(mine.byCode)).toEqual({ [ws.trust.id]: 1 });
    expect(Object.fromEntries(mine.byDocument)).toEqual({ [ws.documentId]: 1 });
    expect(Object.fromEntries(mine.allByCode)).toEqual({ [ws.trust.id]: 2, [ws.fear.id]: 1 });
    expect(Object.fromEntries(mine.allByDocument)).toEqual({ [ws.documentId]: 2, [ws.secondDocumentId]: 1 });

    const others = await countSegments(db, ws.projectId, { filter: 'others', coderId: ws.ana.id });
    expect(Object.fromEntries(others.byCode)).toEqual({ [ws.trust.id]: 1, [ws.fear.id]: 1 });
    expect(Object.fromEntries(others.byDocument)).toEqual({ [ws.documentId]: 1, [ws.secondDocumentId]: 1 });
  });
});
