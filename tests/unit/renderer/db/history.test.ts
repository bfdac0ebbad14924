import { code, openTestDatabase, seedWorkspace, spans, uniqueDatabaseName, undoableRows, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeId, ProjectId } from '../../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { createCode, updateCode } from '../../../../renderer/db/codeRepository.ts';
import { HISTORY_LIMIT, readHistoryState, recordAction, redoLastUndone, undoLastAction } from '../../../../renderer/db/history.ts';
import { createProject } from '../../../../renderer/db/projectRepository.ts';
import { listSegmentsOfProject } from '../../../../renderer/db/segmentRepository.ts';

let name: string;
let db: MarginaliaDatabase;
let ws: Workspace;

beforeEach(async () => {
  name = uniqueDatabaseName();
  db = openTestDatabase(name);
  ws = await seedWorkspace(db);
});

afterEach(async () => {
  await db.delete();
});

describe('undoLastAction and redoLastUndone', () => {
  it('undo removes the last coding and redo puts the same row back', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 7, 10);
    expect(await undoLastAction(db, ws.projectId)).toBe('Apply “Trust”');
    expect(await listSegmentsOfProject(db, ws.projectId)).toEqual([]);
    expect(await redoLastUndone(db, ws.projectId)).toBe('Apply “Trust”');
    expect(await listSegmentsOfProject(db, ws.projectId)).toEqual([segment]);
  });

  it('undo of a merge brings back both original segments exactly, and redo merges them again', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.ana, 20, 30);
    const before = await undoableRows(db);
    await code(db, ws, ws.trust.id, ws.ana, 4, 21);
    const after = await undoableRows(db);
    expect(spans(after.segments)).toEqual([[0, 30]]);

    await undoLastAction(db, ws.projectId);
    expect(await undoableRows(db)).toEqual(before);
    await redoLastUndone(db, ws.projectId);
    expect(await undoableRows(db)).toEqual(after);
  });

  it('undoes several actions newest first and redoes them oldest first', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.fear.id, ws.ana, 10, 15);
    await undoLastAction(db, ws.projectId);
    expect(spans(await listSegmentsOfProject(db, ws.projectId))).toEqual([[0, 5]]);
    await undoLastAction(db, ws.projectId);
    expect(await listSegmentsOfProject(db, ws.projectId)).toEqual([]);

    expect(await redoLastUndone(db, ws.projectId)).toBe('Apply “Trust”');
    expect((await listSegmentsOfProject(db, ws.projectId)).map((s) => s.codeId)).toEqual([ws.trust.id]);
    expect(await redoLastUndone(db, ws.projectId)).toBe('Apply “Fear”');
    expect(await listSegmentsOfProject(db, ws.projectId)).toHaveLength(2);
    expect(await redoLastUndone(db, ws.projectId)).toBeNull();
  });

  it('a new action clears what could have been redone', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await undoLastAction(db, ws.projectId);
    await code(db, ws, ws.fear.id, ws.ana, 10, 15);
    expect(await redoLastUndone(db, ws.projectId)).toBeNull();
    expect((await listSegmentsOfProject(db, ws.projectId)).map((s) => s.codeId)).toEqual([ws.fear.id]);
    expect((await readHistoryState(db, ws.projectId)).redoLabel).toBeNull();
  });

  it('an action that changes nothing records nothing and keeps the redo stack', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await undoLastAction(db, ws.projectId);
    await updateCode(db, ws.trust.id, { name: 'Trust', color: ws.trust.color });
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Create code “Fear”', redoLabel: 'Apply “Trust”' });
    expect(await redoLastUndone(db, ws.projectId)).toBe('Apply “Trust”');
  });

  it('returns null and changes nothing when there is nothing to undo or redo', async () => {
    const empty = await createProject(db, 'Empty');
    const before = await undoableRows(db);
    expect(await undoLastAction(db, empty.id)).toBeNull();
    expect(await redoLastUndone(db, empty.id)).toBeNull();
    expect(await undoableRows(db)).toEqual(before);
  });

  it('survives a reload: a new database object on the same IndexedDB can undo and redo', async () => {
    const segment = await code(db, ws, ws.trust.id, ws.ana, 7, 10);
    db.close();
    db = openTestDatabase(name);
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Apply “Trust”', redoLabel: null });
    expect(await undoLastAction(db, ws.projectId)).toBe('Apply “Trust”');
    expect(await db.segments.count()).toBe(0);

    db.close();
    db = openTestDatabase(name);
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Create code “Fear”', redoLabel: 'Apply “Trust”' });
    expect(await redoLastUndone(db, ws.projectId)).toBe('Apply “Trust”');
    expect(await db.segments.toArray()).toEqual([segment]);
  });

  it('keeps each project’s history apart', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    const other = await seedWorkspace(db, 'Other study');
    const otherSegment = await code(db, other, other.trust.id, other.ana, 0, 5);

    expect(await undoLastAction(db, ws.projectId)).toBe('Apply “Trust”');
    expect(await db.segments.toArray()).toEqual([otherSegment]);
    expect(await readHistoryState(db, other.projectId)).toEqual({ undoLabel: 'Apply “Trust”', redoLabel: null });
  });
});

describe('recordAction', () => {
  it('writes nothing and records nothing when the action throws', async () => {
    const before = await undoableRows(db);
    const history = await readHistoryState(db, ws.projectId);
    await expect(
      recordAction(db, ws.projectId, 'Half an action', async (recorder) => {
        await recorder.put('codes', { ...ws.trust, name: 'Changed' });
        await recorder.delete('codes', ws.fear.id);
        throw new Error('failed halfway');
      }),
    ).rejects.toThrow('failed halfway');
    expect(await undoableRows(db)).toEqual(before);
    expect(await readHistoryState(db, ws.projectId)).toEqual(history);
  });

  it('undoes a row written twice in one action back to its first state', async () => {
    await recordAction(db, ws.projectId, 'Rename twice', async (recorder) => {
      await recorder.put('codes', { ...ws.trust, name: 'Confidence' });
      await recorder.put('codes', { ...ws.trust, name: 'Reliance' });
    });
    expect((await db.codes.get(ws.trust.id))?.name).toBe('Reliance');
    await undoLastAction(db, ws.projectId);
    expect(await db.codes.get(ws.trust.id)).toEqual(ws.trust);
    await redoLastUndone(db, ws.projectId);
    expect((await db.codes.get(ws.trust.id))?.name).toBe('Reliance');
  });

  it('records a row created and deleted in one action so that undo and redo both leave it absent', async () => {
    const temporary = { ...ws.trust, id: crypto.randomUUID() as CodeId, name: 'Temporary' };
    await recordAction(db, ws.projectId, 'Create and drop', async (recorder) => {
      await recorder.put('codes', temporary);
      await recorder.delete('codes', temporary.id);
    });
    await undoLastAction(db, ws.projectId);
    expect(await db.codes.get(temporary.id)).toBeUndefined();
    await redoLastUndone(db, ws.projectId);
    expect(await db.codes.get(temporary.id)).toBeUndefined();
  });

  it('ignores ids that do not exist in a bulk delete', async () => {
    await recordAction(db, ws.projectId, 'Delete some', (recorder) => recorder.bulkDelete('codes', ['missing', ws.fear.id]));
    expect(await db.codes.get(ws.fear.id)).toBeUndefined();
    await undoLastAction(db, ws.projectId);
    expect(await db.codes.get(ws.fear.id)).toEqual(ws.fear);
    expect(await db.codes.get('missing' as CodeId)).toBeUndefined();
  });

  it(`keeps only the last ${HISTORY_LIMIT} actions of a project`, async () => {
    const other = await createProject(db, 'Other');
    await db.history.bulkAdd([
      ...Array.from({ length: HISTORY_LIMIT }, (_, i) => ({ projectId: ws.projectId, label: `Old ${i}`, changes: [], undone: 0 as const, at: '2026-01-01T00:00:00.000Z' })),
      { projectId: other.id, label: 'Other project', changes: [], undone: 0 as const, at: '2026-01-01T00:00:00.000Z' },
    ]);
    await createCode(db, ws.projectId, { name: 'Newest' });
    const labels = (await db.history.where('projectId').equals(ws.projectId).toArray()).map((e) => e.label);
    expect(labels).toHaveLength(HISTORY_LIMIT);
    expect(labels.at(-1)).toBe('Create code “Newest”');
    // 2 seed actions + 1000 filler + 1 new: the seed actions and the oldest filler entry fell off.
    expect(labels[0]).toBe('Old 1');
    expect(await db.history.where('projectId').equals(other.id).count()).toBe(1);
  });
});

describe('readHistoryState', () => {
  it('has nothing to undo or redo in a new project', async () => {
    const empty = await createProject(db, 'Empty');
    expect(await readHistoryState(db, empty.id)).toEqual({ undoLabel: null, redoLabel: null });
    expect(await readHistoryState(db, 'unknown' as ProjectId)).toEqual({ undoLabel: null, redoLabel: null });
  });

  it('names the last action as undoable and the last undone action as redoable', async () => {
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Create code “Fear”', redoLabel: null });
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Apply “Trust”', redoLabel: null });
    await undoLastAction(db, ws.projectId);
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Create code “Fear”', redoLabel: 'Apply “Trust”' });
    await undoLastAction(db, ws.projectId);
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Create code “Trust”', redoLabel: 'Create code “Fear”' });
    await redoLastUndone(db, ws.projectId);
    expect(await readHistoryState(db, ws.projectId)).toEqual({ undoLabel: 'Create code “Fear”', redoLabel: 'Apply “Trust”' });
  });
});
