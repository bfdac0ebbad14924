/**
 * The projects' data hooks: the live list of projects, and switching, creating, renaming and
 * deleting them (each action reports its own outcome as a notice).
 *
 * Components call these hooks; only these hooks call the repositories.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Project } from '../../../shared/model/index.ts';
import { createProject, deleteProject, listProjects, renameProject } from '../../db/projectRepository.ts';
import { writeSetting } from '../../db/settingsRepository.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { createDemoProject } from './demoProject.ts';

/** Every project on this computer (`undefined` while the first read is running). */
export function useProjects(): Project[] | undefined {
  const { db } = useWorkspace();
  return useLiveQuery(() => listProjects(db), [db]);
}

/** Every change to the projects, as functions that report their own errors. */
export function useProjectActions() {
  const { db, project, notify, run } = useWorkspace();
  return useMemo(
    () => ({
      switchTo(target: Project): Promise<void> {
        return run(() => writeSetting(db, 'currentProjectId', target.id));
      },
      /** Throws when the name is refused, so the dialog can say why next to the field. */
      async create(name: string): Promise<void> {
        await createProject(db, name);
        notify(`Created “${name.trim()}”.`);
      },
      /** Renames the current project; throws when the name is refused. */
      async rename(name: string): Promise<void> {
        await renameProject(db, project.id, name);
        notify(`Renamed to “${name.trim()}”.`);
      },
      createDemo(): Promise<void> {
        return run(() => createDemoProject(db), 'Created a fresh demo project.');
      },
      /** Deletes the current project and everything in it. */
      remove(): Promise<void> {
        return run(() => deleteProject(db, project.id), `Deleted “${project.name}”.`);
      },
    }),
    [db, project.id, project.name, notify, run],
  );
}
