/**
 * The session the app opens with: the current project and coder (remembered in settings, else
 * the first by name), and whether any exist yet (none on first run).
 *
 * The demo's example coders do not count as the researcher: they may exist before the
 * researcher has named themself (the demo project is made at once on first run), and they are
 * never the current coder unless the researcher switches to one.
 */
import { isDemoCoder } from '../../shared/demo/demoCodings.ts';
import type { Coder, CoderId, Project, ProjectId } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from './database.ts';
import { readSetting } from './settingsRepository.ts';

export interface Session {
  project: Project | undefined;
  coder: Coder | undefined;
  /** Whether there is a coder other than the demo's example coders. */
  hasCoders: boolean;
  hasProjects: boolean;
}

export async function readSession(db: MarginaliaDatabase): Promise<Session> {
  const [projectId, coderId, projectCount] = await Promise.all([
    readSetting<ProjectId>(db, 'currentProjectId'),
    readSetting<CoderId>(db, 'currentCoderId'),
    db.projects.count(),
  ]);
  const project = (projectId && (await db.projects.get(projectId))) || (await db.projects.orderBy('name').first());
  const researcher = await db.coders.orderBy('name').filter((c) => !isDemoCoder(c.id)).first();
  const coder = (coderId && (await db.coders.get(coderId))) || researcher;
  return { project, coder, hasCoders: researcher !== undefined, hasProjects: projectCount > 0 };
}
