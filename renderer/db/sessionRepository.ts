/**
 * The session the app opens with: the current project and coder (remembered in settings, else
 * the first by name), and whether any exist yet (none on first run).
 */
import type { Coder, CoderId, Project, ProjectId } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from './database.ts';
import { readSetting } from './settingsRepository.ts';

export interface Session {
  project: Project | undefined;
  coder: Coder | undefined;
  hasCoders: boolean;
  hasProjects: boolean;
}

export async function readSession(db: MarginaliaDatabase): Promise<Session> {
  const [projectId, coderId, projectCount, coderCount] = await Promise.all([
    readSetting<ProjectId>(db, 'currentProjectId'),
    readSetting<CoderId>(db, 'currentCoderId'),
    db.projects.count(),
    db.coders.count(),
  ]);
  const project = (projectId && (await db.projects.get(projectId))) || (await db.projects.orderBy('name').first());
  const coder = (coderId && (await db.coders.get(coderId))) || (await db.coders.orderBy('name').first());
  return { project, coder, hasCoders: coderCount > 0, hasProjects: projectCount > 0 };
}
