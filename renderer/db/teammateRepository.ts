/**
 * A teammate's coding brought into the open project (File → Import a teammate's coding…):
 * the plan is made by shared/agreement/teammateImport.ts; this writes it as ONE undoable step
 * (new codes and the codings), adding the teammate's coders first. Coders are global and are
 * not part of the undo history, so undoing the import takes away its codes and codings and
 * leaves the coders' names in the coder list, as after any coder was added.
 */
import { planTeammateImport, settleTeammateCoders, type CoderAnswers, type TeammateImportPlan } from '../../shared/agreement/teammateImport.ts';
import type { ProjectBundle, ProjectId } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from './database.ts';
import { readProjectBundle } from './exchangeRepository.ts';
import { recordAction } from './history.ts';
import { newId } from './ids.ts';

/** The open project as the plan needs it: every coder on this computer may be a namesake. */
async function readOurs(db: MarginaliaDatabase, projectId: ProjectId): Promise<ProjectBundle> {
  const ours = await readProjectBundle(db, projectId);
  return { ...ours, coders: await db.coders.toArray() };
}

/** What importing `theirs` into the project would do. */
export async function planTeammateImportInto(db: MarginaliaDatabase, projectId: ProjectId, theirs: ProjectBundle): Promise<TeammateImportPlan> {
  return planTeammateImport(await readOurs(db, projectId), theirs, () => newId());
}

/** What an import wrote, for the report. */
export interface TeammateImportOutcome {
  codings: number;
  newCodes: number;
  newCoders: string[];
}

/**
 * Writes the import: the plan is made again on the project as it is now (it may have changed
 * while the researcher read the dialog), then settled with their answers about namesakes.
 */
export async function applyTeammateImport(db: MarginaliaDatabase, projectId: ProjectId, theirs: ProjectBundle, answers: CoderAnswers, label: string): Promise<TeammateImportOutcome> {
  const ours = await readOurs(db, projectId);
  const plan = planTeammateImport(ours, theirs, () => newId());
  const settled = settleTeammateCoders(plan, answers, ours, () => newId());
  if (settled.segments.length === 0 && plan.newCodes.length === 0) return { codings: 0, newCodes: 0, newCoders: [] };
  await recordAction(db, projectId, label, async (recorder) => {
    if (settled.newCoders.length) await db.coders.bulkAdd([...settled.newCoders]);
    await recorder.bulkPut('codes', [...plan.newCodes]);
    await recorder.bulkPut('segments', [...settled.segments]);
    await db.projects.update(projectId, { modifiedAt: new Date().toISOString() });
  });
  return { codings: settled.segments.length, newCodes: plan.newCodes.length, newCoders: settled.newCoders.map((c) => c.name) };
}
