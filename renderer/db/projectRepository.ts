/** Projects: create, rename, switch, delete. Deleting a project removes everything in it. */
import type { Code, Project, ProjectId } from '../../shared/model/index.ts';
import { settleImportedQuickKeys } from '../../shared/coding/quickKeys.ts';
import type { ImportedText } from '../../shared/importers/plainText.ts';
import type { MarginaliaDatabase } from './database.ts';
import { addDocuments } from './documentRepository.ts';
import { newId, now } from './ids.ts';
import { readSetting, writeSetting } from './settingsRepository.ts';

export async function listProjects(db: MarginaliaDatabase): Promise<Project[]> {
  return db.projects.orderBy('name').toArray();
}

export interface ProjectContents {
  documents?: readonly ImportedText[];
  /** Codes with ids already assigned (parent links must point into this list); projectId is overwritten. */
  codes?: readonly Code[];
}

/** Creates a project (optionally with documents and a codebook) in one transaction and switches to it. */
export async function createProject(db: MarginaliaDatabase, name: string, contents: ProjectContents = {}): Promise<Project> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A project needs a name.');
  const at = now();
  const project: Project = { id: newId<ProjectId>(), name: trimmed, description: '', createdAt: at, modifiedAt: at };
  await db.transaction('rw', [db.projects, db.documents, db.documentTexts, db.codes, db.settings], async () => {
    await db.projects.add(project);
    if (contents.codes) await db.codes.bulkAdd(settleImportedQuickKeys(contents.codes.map((c) => ({ ...c, projectId: project.id }))));
    if (contents.documents) await addDocuments(db, project.id, contents.documents);
    await writeSetting(db, 'currentProjectId', project.id);
  });
  return project;
}

export async function renameProject(db: MarginaliaDatabase, id: ProjectId, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A project needs a name.');
  await db.projects.update(id, { name: trimmed, modifiedAt: now() });
}

/** Deletes a project and everything in it; switches to another project if it was current. */
export async function deleteProject(db: MarginaliaDatabase, id: ProjectId): Promise<void> {
  await db.transaction('rw', [db.projects, db.documents, db.documentTexts, db.codes, db.segments, db.memos, db.sets, db.history, db.settings, db.decisions], async () => {
    const documentIds = await db.documents.where('projectId').equals(id).primaryKeys();
    await db.documentTexts.bulkDelete(documentIds);
    await db.documents.where('projectId').equals(id).delete();
    await db.codes.where('projectId').equals(id).delete();
    await db.segments.where('projectId').equals(id).delete();
    await db.memos.where('projectId').equals(id).delete();
    await db.sets.where('projectId').equals(id).delete();
    await db.history.where('projectId').equals(id).delete();
    await db.decisions.where('projectId').equals(id).delete();
    await db.projects.delete(id);
    if ((await readSetting<ProjectId>(db, 'currentProjectId')) === id) {
      const next = await db.projects.orderBy('name').first();
      await writeSetting(db, 'currentProjectId', next?.id ?? null);
    }
  });
}
