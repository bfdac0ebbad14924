import { addMemo, code, openTestDatabase, seedWorkspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Code, CodeId, CodeSetId, ProjectId } from '../../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { createCoder } from '../../../../renderer/db/coderRepository.ts';
import { listDocuments, readDocumentText } from '../../../../renderer/db/documentRepository.ts';
import { readHistoryState } from '../../../../renderer/db/history.ts';
import { createProject, deleteProject, listProjects, renameProject } from '../../../../renderer/db/projectRepository.ts';
import { readSetting, writeSetting } from '../../../../renderer/db/settingsRepository.ts';

let db: MarginaliaDatabase;

beforeEach(() => {
  db = openTestDatabase();
});

afterEach(async () => {
  await db.delete();
});

const codebookCode = (id: string, parentId: string | null, name: string, order: number): Code => ({
  id: id as CodeId,
  projectId: 'ignored' as ProjectId,
  parentId: parentId as CodeId | null,
  name,
  color: '#4363d8',
  description: '',
  definition: '',
  inclusion: '',
  exclusion: '',
  examples: '',
  isCodable: parentId !== null,
  order,
});

const CODEBOOK = [
  codebookCode('7a1f3c0e-0000-4000-8000-000000000001', null, 'Framing', 0),
  codebookCode('7a1f3c0e-0000-4000-8000-000000000002', '7a1f3c0e-0000-4000-8000-000000000001', 'Child protection', 0),
];

/** Every row that belongs to a project, table by table. */
async function rowsOfProject(projectId: ProjectId) {
  const documentIds = await db.documents.where('projectId').equals(projectId).primaryKeys();
  return {
    documents: documentIds.length,
    documentTexts: (await db.documentTexts.bulkGet(documentIds)).filter(Boolean).length,
    codes: await db.codes.where('projectId').equals(projectId).count(),
    segments: await db.segments.where('projectId').equals(projectId).count(),
    memos: await db.memos.where('projectId').equals(projectId).count(),
    sets: await db.sets.where('projectId').equals(projectId).count(),
    history: await db.history.where('projectId').equals(projectId).count(),
    projects: (await db.projects.get(projectId)) ? 1 : 0,
  };
}

/** A project with a row in every project table. */
async function seedFullProject(name: string) {
  const ws = await seedWorkspace(db, name);
  const segment = await code(db, ws, ws.trust.id, ws.ana, 0, 5);
  await addMemo(db, ws.projectId, { kind: 'segment', id: segment.id });
  await addMemo(db, ws.projectId, { kind: 'project' });
  await db.sets.add({ id: crypto.randomUUID() as CodeSetId, projectId: ws.projectId, name: 'Set', description: '', codeIds: [ws.trust.id], documentIds: [ws.documentId] });
  return ws;
}

describe('createProject', () => {
  it('creates an empty project with a trimmed name and switches to it', async () => {
    const project = await createProject(db, '  Outreach study ');
    expect(project).toMatchObject({ name: 'Outreach study', description: '' });
    expect(project.createdAt).toBe(project.modifiedAt);
    expect(await db.projects.get(project.id)).toEqual(project);
    expect(await readSetting(db, 'currentProjectId')).toBe(project.id);
  });

  it('writes the codebook under the new project, keeping ids and parent links; key 1 goes to the first code, not the category', async () => {
    const project = await createProject(db, 'Study', { codes: CODEBOOK });
    const codes = await db.codes.where('projectId').equals(project.id).toArray();
    expect(codes.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { ...CODEBOOK[1], projectId: project.id, quickKey: 1 },
      { ...CODEBOOK[0], projectId: project.id },
    ]);
  });

  it('adds the documents in order with LF text', async () => {
    const project = await createProject(db, 'Study', {
      documents: [
        { name: 'One', text: 'a\r\nb', origin: 'txt' },
        { name: 'Two', text: 'c', origin: 'md' },
      ],
    });
    const documents = await listDocuments(db, project.id);
    expect(documents.map((d) => [d.name, d.order, d.origin])).toEqual([
      ['One', 0, 'txt'],
      ['Two', 1, 'md'],
    ]);
    expect(await readDocumentText(db, documents[0]!.id)).toBe('a\nb');
  });

  it('writes nothing, and does not switch, when part of the contents cannot be written', async () => {
    const current = await createProject(db, 'Current');
    const duplicateIds = [CODEBOOK[0]!, { ...CODEBOOK[1]!, id: CODEBOOK[0]!.id }];
    await expect(createProject(db, 'Broken', { codes: duplicateIds, documents: [{ name: 'One', text: 'a', origin: 'txt' }] })).rejects.toThrow();
    expect((await listProjects(db)).map((p) => p.name)).toEqual(['Current']);
    expect(await db.codes.count()).toBe(0);
    expect(await db.documents.count()).toBe(0);
    expect(await db.documentTexts.count()).toBe(0);
    expect(await readSetting(db, 'currentProjectId')).toBe(current.id);
  });

  it('refuses a blank name', async () => {
    await expect(createProject(db, ' ')).rejects.toThrow('A project needs a name.');
    expect(await db.projects.count()).toBe(0);
  });

  it('records nothing in the undo history', async () => {
    const project = await createProject(db, 'Study', { codes: CODEBOOK });
    expect(await readHistoryState(db, project.id)).toEqual({ undoLabel: null, redoLabel: null });
  });
});

describe('listProjects and renameProject', () => {
  it('lists projects by name', async () => {
    await createProject(db, 'Zambia pilot');
    await createProject(db, 'Argentina');
    await createProject(db, 'Mexico');
    expect((await listProjects(db)).map((p) => p.name)).toEqual(['Argentina', 'Mexico', 'Zambia pilot']);
  });

  it('renames with a trimmed name and marks the project modified', async () => {
    const project = await createProject(db, 'Study');
    await db.projects.update(project.id, { modifiedAt: '2000-01-01T00:00:00.000Z' });
    await renameProject(db, project.id, '  Study 2026 ');
    const renamed = await db.projects.get(project.id);
    expect(renamed?.name).toBe('Study 2026');
    expect(renamed?.modifiedAt).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('refuses a blank name', async () => {
    const project = await createProject(db, 'Study');
    await expect(renameProject(db, project.id, '\t')).rejects.toThrow('A project needs a name.');
    expect((await db.projects.get(project.id))?.name).toBe('Study');
  });
});

describe('deleteProject', () => {
  it('removes every row of the project and none of another project', async () => {
    const kept = await seedFullProject('Kept');
    const deleted = await seedFullProject('Deleted');
    const keptRows = await rowsOfProject(kept.projectId);
    expect(Object.values(keptRows).every((count) => count > 0)).toBe(true);
    expect(Object.values(await rowsOfProject(deleted.projectId)).every((count) => count > 0)).toBe(true);

    await deleteProject(db, deleted.projectId);
    expect(Object.values(await rowsOfProject(deleted.projectId)).every((count) => count === 0)).toBe(true);
    expect(await rowsOfProject(kept.projectId)).toEqual(keptRows);
    expect(await db.documentTexts.count()).toBe(keptRows.documentTexts);
  });

  it('keeps the coders, who belong to no project', async () => {
    const ws = await seedFullProject('Deleted');
    await deleteProject(db, ws.projectId);
    expect(await db.coders.count()).toBe(2);
  });

  it('switches to the first remaining project by name when the current one is deleted', async () => {
    await createProject(db, 'Mexico');
    await createProject(db, 'Argentina');
    const current = await createProject(db, 'Zambia');
    await deleteProject(db, current.id);
    expect(await readSetting(db, 'currentProjectId')).toBe((await listProjects(db))[0]!.id);
    expect((await listProjects(db))[0]!.name).toBe('Argentina');
  });

  it('keeps the current project when another one is deleted', async () => {
    const other = await createProject(db, 'Other');
    const current = await createProject(db, 'Current');
    await deleteProject(db, other.id);
    expect(await readSetting(db, 'currentProjectId')).toBe(current.id);
  });

  it('sets no current project when the last one is deleted', async () => {
    const only = await createProject(db, 'Only');
    await deleteProject(db, only.id);
    expect(await readSetting(db, 'currentProjectId')).toBeNull();
  });

  it('leaves other settings alone', async () => {
    const coder = await createCoder(db, 'Ana', '#e6194b');
    await writeSetting(db, 'marginVisible', false);
    const only = await createProject(db, 'Only');
    await deleteProject(db, only.id);
    expect(await readSetting(db, 'currentCoderId')).toBe(coder.id);
    expect(await readSetting(db, 'marginVisible')).toBe(false);
  });
});
