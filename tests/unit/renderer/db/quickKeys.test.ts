/**
 * Quick keys pinned to codes, in the database: the version 1 → 2 upgrade, reassignment as one
 * undo step, keys of new, deleted, merged and re-kinded codes, and imports.
 */
import { code, openTestDatabase, seedWorkspace, uniqueDatabaseName, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import type { Code, CodeId, Coder, CoderId, DocumentId, Memo, MemoId, Project, ProjectBundle, ProjectId, Segment, SegmentId } from '../../../../shared/model/index.ts';
import { flattenStarterCodebook, STARTER_CODEBOOK } from '../../../../shared/demo/starterCodebook.ts';
import { MarginaliaDatabase, type HistoryEntry } from '../../../../renderer/db/database.ts';
import { createCode, deleteCode, listCodes, mergeCodes, moveCode, setQuickKey, updateCode } from '../../../../renderer/db/codeRepository.ts';
import { readHistoryState, redoLastUndone, undoLastAction } from '../../../../renderer/db/history.ts';
import { applyNewCode } from '../../../../renderer/db/segmentRepository.ts';
import { importProjectBundle, mergeCodebookIntoProject, readProjectBundle } from '../../../../renderer/db/exchangeRepository.ts';
import { quickKeyCodes } from '../../../../renderer/features/codebook/numberedCodes.ts';

/** Key → code name, as the codebook shows it. */
async function keys(db: MarginaliaDatabase, projectId: ProjectId): Promise<Record<number, string>> {
  return Object.fromEntries([...quickKeyCodes(await listCodes(db, projectId))].map(([key, c]) => [key, c.name]));
}

describe('the version 1 → 2 upgrade', () => {
  const T = '2026-03-01T10:00:00.000Z';
  const P1 = '11111111-0000-4000-8000-000000000001' as ProjectId;
  const P2 = '11111111-0000-4000-8000-000000000002' as ProjectId;
  const P3 = '11111111-0000-4000-8000-000000000003' as ProjectId;
  let n = 0;
  const makeId = () => `22222222-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  // The demo codebook (3 categories, 15 codes) in one project; a flat one in the second.
  const starter = flattenStarterCodebook(STARTER_CODEBOOK, makeId, P1);
  const flat: Code[] = ['Trust', 'Fear'].map((name, order) => ({ id: makeId() as CodeId, projectId: P2, parentId: null, name, color: '#4363d8', description: '', definition: '', inclusion: '', exclusion: '', examples: '', isCodable: true, order }));
  const projects: Project[] = [P1, P2, P3].map((id, i) => ({ id, name: `Study ${i + 1}`, description: '', createdAt: T, modifiedAt: T }));
  const coder: Coder = { id: makeId() as CoderId, name: 'Ana', color: '#e6194b' };
  const documentId = makeId() as DocumentId;
  const segment: Segment = { id: makeId() as SegmentId, projectId: P1, documentId, codeId: starter[1]!.id, coderId: coder.id, start: 0, end: 4, createdAt: T };
  const memo: Memo = { id: makeId() as MemoId, projectId: P1, target: { kind: 'code', id: starter[1]!.id }, title: 'Note', content: '', plainText: 'Note', coderId: coder.id, createdAt: T, modifiedAt: T };
  const history: HistoryEntry = { seq: 1, projectId: P1, label: 'Rename “x”', changes: [{ table: 'codes', key: starter[1]!.id, before: { ...starter[1]!, name: 'x' }, after: starter[1]! }], undone: 0, at: T };

  it('gives each project the keys its codebook showed (the first nine codable codes in tree order), in the undo history too, and changes nothing else', async () => {
    const name = uniqueDatabaseName();
    // Version 1 exactly as it shipped.
    const old = new Dexie(name);
    old.version(1).stores({
      projects: 'id, name',
      coders: 'id, name',
      documents: 'id, projectId, [projectId+order]',
      documentTexts: 'documentId',
      codes: 'id, projectId, parentId',
      segments: 'id, projectId, documentId, codeId, coderId, [documentId+codeId+coderId]',
      memos: 'id, projectId',
      sets: 'id, projectId',
      history: '++seq, projectId, [projectId+undone]',
      settings: 'key',
    });
    await old.table('projects').bulkAdd(projects);
    await old.table('coders').add(coder);
    await old.table('documents').add({ id: documentId, projectId: P1, name: 'Interview', origin: 'txt', order: 0, createdAt: T, variables: {} });
    await old.table('documentTexts').add({ documentId, text: 'Some text here.' });
    await old.table('codes').bulkAdd([...starter, ...flat]);
    await old.table('segments').add(segment);
    await old.table('memos').add(memo);
    await old.table('history').add(history);
    await old.table('settings').add({ key: 'currentProjectId', value: P1 });
    const dumpOld = async () => Object.fromEntries(await Promise.all(old.tables.map(async (t) => [t.name, await t.toArray()] as const)));
    const before = await dumpOld();
    old.close();

    const db = new MarginaliaDatabase(name);
    try {
      await db.open();
      expect(db.verno).toBeGreaterThanOrEqual(2);
      const codable = starter.filter((c) => c.isCodable);
      // Parents come before their children in the starter list, which is tree order.
      expect(await keys(db, P1)).toEqual(Object.fromEntries(codable.slice(0, 9).map((c, i) => [i + 1, c.name])));
      expect(await keys(db, P2)).toEqual({ 1: 'Trust', 2: 'Fear' });
      expect(await listCodes(db, P3)).toEqual([]);
      // Categories and the codes after the ninth hold no key.
      for (const c of [...starter.filter((c) => !c.isCodable), ...codable.slice(9)]) expect((await db.codes.get(c.id))!.quickKey).toBeUndefined();
      // Every other field of every code, and every other table, is as it was.
      const codes = (await db.codes.toArray()).map(({ quickKey: _key, ...rest }) => rest);
      expect(codes).toEqual(before['codes']);
      // (Tables added by later versions start empty.)
      for (const table of db.tables) if (table.name !== 'codes' && table.name !== 'history') expect(await table.toArray()).toEqual(before[table.name] ?? []);
      // The code rows in the undo history carry the code's key, so undoing an old step keeps it.
      const key = (await db.codes.get(starter[1]!.id))!.quickKey;
      expect(key).toBe(1);
      expect(await db.history.toArray()).toEqual([{ ...history, changes: [{ ...history.changes[0]!, before: { ...starter[1]!, name: 'x', quickKey: 1 }, after: { ...starter[1]!, quickKey: 1 } }] }]);
      expect(await undoLastAction(db, P1)).toBe('Rename “x”');
      expect(await db.codes.get(starter[1]!.id)).toEqual({ ...starter[1]!, name: 'x', quickKey: 1 });
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('leaves a project alone whose codes already hold a key', async () => {
    const name = uniqueDatabaseName();
    const old = new Dexie(name);
    old.version(1).stores({ codes: 'id, projectId, parentId' });
    await old.table('codes').bulkAdd(flat.map((c, i) => (i === 1 ? { ...c, quickKey: 7 } : c)));
    old.close();
    const db = new MarginaliaDatabase(name);
    try {
      expect(await keys(db, P2)).toEqual({ 7: 'Fear' });
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});

describe('quick keys in the repositories', () => {
  let db: MarginaliaDatabase;
  let ws: Workspace;

  beforeEach(async () => {
    db = openTestDatabase();
    ws = await seedWorkspace(db);
  });

  afterEach(async () => {
    await db.delete();
  });

  it('gives new codes the lowest free key and categories none', async () => {
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Trust', 2: 'Fear' });
    await createCode(db, ws.projectId, { name: 'Group', isCodable: false });
    const hope = await createCode(db, ws.projectId, { name: 'Hope', parentId: ws.trust.id });
    expect(hope.quickKey).toBe(3);
    await setQuickKey(db, ws.trust.id, 8);
    await createCode(db, ws.projectId, { name: 'Doubt' });
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Doubt', 2: 'Fear', 3: 'Hope', 8: 'Trust' });
  });

  it('gives a code made in vivo the lowest free key', async () => {
    await setQuickKey(db, ws.trust.id, null);
    const segment = await applyNewCode(db, { projectId: ws.projectId, documentId: ws.documentId, coderId: ws.ana.id, start: 26, end: 34 }, 'She said');
    expect((await db.codes.get(segment.codeId))!.quickKey).toBe(1);
  });

  it('runs out of keys after nine and then gives none', async () => {
    for (let i = 0; i < 8; i++) await createCode(db, ws.projectId, { name: `Code ${i}` });
    expect(Object.keys(await keys(db, ws.projectId))).toHaveLength(9);
    expect((await listCodes(db, ws.projectId)).filter((c) => c.quickKey === undefined).map((c) => c.name)).toEqual(['Code 7']);
  });

  it('moves a taken key to the code in ONE undo step touching both codes; undo and redo restore both', async () => {
    const hope = await createCode(db, ws.projectId, { name: 'Hope' });
    await setQuickKey(db, hope.id, 1);
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Hope', 2: 'Fear' });
    expect((await db.codes.get(ws.trust.id))!.quickKey).toBeUndefined();
    const entry = (await db.history.toArray()).at(-1)!;
    expect(entry.label).toBe('Give “Hope” quick key 1');
    expect(entry.changes.map((c) => c.key).sort()).toEqual([hope.id, ws.trust.id].sort());

    expect(await undoLastAction(db, ws.projectId)).toBe('Give “Hope” quick key 1');
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Trust', 2: 'Fear', 3: 'Hope' });
    expect(await redoLastUndone(db, ws.projectId)).toBe('Give “Hope” quick key 1');
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Hope', 2: 'Fear' });
  });

  it('takes a key away, and makes no undo step when nothing changes', async () => {
    await setQuickKey(db, ws.fear.id, null);
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Trust' });
    expect((await readHistoryState(db, ws.projectId)).undoLabel).toBe('Remove the quick key of “Fear”');
    const steps = await db.history.count();
    await setQuickKey(db, ws.trust.id, 1);
    expect(await db.history.count()).toBe(steps);
  });

  it('refuses a category or a key outside 1–9 and writes nothing', async () => {
    const group = await createCode(db, ws.projectId, { name: 'Group', isCodable: false });
    const rows = await db.codes.toArray();
    await expect(setQuickKey(db, group.id, 4)).rejects.toThrow('“Group” is a category: only codes get a quick key.');
    await expect(setQuickKey(db, ws.trust.id, 10)).rejects.toThrow('A quick key is a number from 1 to 9.');
    expect(await db.codes.toArray()).toEqual(rows);
  });

  it('keeps keys when codes move or are renamed', async () => {
    const hope = await createCode(db, ws.projectId, { name: 'Hope' });
    await moveCode(db, hope.id, null, 0);
    await moveCode(db, ws.fear.id, ws.trust.id, 0);
    await updateCode(db, ws.trust.id, { name: 'Confidence' });
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Confidence', 2: 'Fear', 3: 'Hope' });
  });

  it('frees the key of a deleted code (and its sub-codes); undo gives the keys back', async () => {
    const hope = await createCode(db, ws.projectId, { name: 'Hope', parentId: ws.trust.id });
    await code(db, ws, hope.id, ws.ana, 0, 5);
    await deleteCode(db, ws.trust.id);
    expect(await keys(db, ws.projectId)).toEqual({ 2: 'Fear' });
    const doubt = await createCode(db, ws.projectId, { name: 'Doubt' });
    expect(doubt.quickKey).toBe(1);
    await undoLastAction(db, ws.projectId);
    await undoLastAction(db, ws.projectId);
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Trust', 2: 'Fear', 3: 'Hope' });
  });

  it('keeps the target’s key on a merge, or gives it the source’s when it had none', async () => {
    await mergeCodes(db, ws.fear.id, ws.trust.id);
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Trust' });
    const hope = await createCode(db, ws.projectId, { name: 'Hope' });
    await setQuickKey(db, ws.trust.id, null);
    expect(hope.quickKey).toBe(2);
    await mergeCodes(db, hope.id, ws.trust.id);
    expect(await keys(db, ws.projectId)).toEqual({ 2: 'Trust' });
    await undoLastAction(db, ws.projectId);
    expect(await keys(db, ws.projectId)).toEqual({ 2: 'Hope' });
  });

  it('takes the key of a code made a category, and gives a free one when it becomes a code again', async () => {
    await updateCode(db, ws.trust.id, { isCodable: false });
    expect(await keys(db, ws.projectId)).toEqual({ 2: 'Fear' });
    await undoLastAction(db, ws.projectId);
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Trust', 2: 'Fear' });
    await updateCode(db, ws.fear.id, { isCodable: false });
    await setQuickKey(db, ws.trust.id, 2);
    await updateCode(db, ws.fear.id, { isCodable: true });
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Fear', 2: 'Trust' });
  });

  it('gives codes added by a codebook merge the free keys and leaves existing keys alone', async () => {
    await setQuickKey(db, ws.trust.id, 5);
    const imported: Code[] = ['Trust', 'Hope', 'Anger'].map((name, order) => ({ ...ws.trust, id: crypto.randomUUID() as CodeId, name, order, quickKey: 1 }));
    await mergeCodebookIntoProject(db, ws.projectId, imported);
    expect(await keys(db, ws.projectId)).toEqual({ 1: 'Hope', 2: 'Fear', 3: 'Anger', 5: 'Trust' });
  });

  it('keeps the keys an imported project carries, and gives the defaults when it carries none', async () => {
    await setQuickKey(db, ws.fear.id, 9);
    const bundle = await readProjectBundle(db, ws.projectId);
    const kept = await importProjectBundle(db, bundle);
    expect(await keys(db, kept.id)).toEqual({ 1: 'Trust', 9: 'Fear' });
    const bare: ProjectBundle = { ...bundle, codes: bundle.codes.map(({ quickKey: _key, ...c }) => c) };
    const defaults = await importProjectBundle(db, bare);
    expect(await keys(db, defaults.id)).toEqual({ 1: 'Trust', 2: 'Fear' });
  });
});
