/**
 * The coders' data hooks: the live list of coders, and switching to one, adding one and
 * changing the current coder's colour (each action reports its own outcome as a notice).
 *
 * Components call these hooks; only these hooks call the repositories.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Coder, CoderId } from '../../../shared/model/index.ts';
import { createCoder, listCoders, updateCoder } from '../../db/coderRepository.ts';
import { listCodersWithCodings } from '../../db/segmentRepository.ts';
import { writeSetting } from '../../db/settingsRepository.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { CODER_COLORS } from './coderColors.ts';

/** Every coder on this computer (`undefined` while the first read is running). */
export function useCoders(): Coder[] | undefined {
  const { db } = useWorkspace();
  return useLiveQuery(() => listCoders(db), [db]);
}

/**
 * The coders who made at least one coding in the open project, in coder-list order
 * (`undefined` while the first read is running).
 */
export function useCodersWithCodings(): CoderId[] | undefined {
  const { db, project } = useWorkspace();
  return useLiveQuery(async () => listCodersWithCodings(db, project.id, (await listCoders(db)).map((c) => c.id)), [db, project.id]);
}

/** Every change to the coders, as functions that report their own errors. */
export function useCoderActions() {
  const { db, coder, run } = useWorkspace();
  return useMemo(
    () => ({
      switchTo(target: Coder): Promise<void> {
        return run(() => writeSetting(db, 'currentCoderId', target.id), `Now coding as ${target.name}.`);
      },
      /** Adds a coder (the next colour of the palette) and codes as them; false when refused. */
      async add(name: string, existingCount: number): Promise<boolean> {
        let isAdded = false;
        await run(async () => {
          await createCoder(db, name, CODER_COLORS[existingCount % CODER_COLORS.length]!);
          isAdded = true;
        }, `Now coding as ${name.trim()}.`);
        return isAdded;
      },
      recolour(color: string): Promise<void> {
        return run(() => updateCoder(db, coder.id, { color }));
      },
    }),
    [db, coder.id, run],
  );
}

/**
 * First run, before there is a workspace: creates the researcher's coder (who then codes as
 * them). Rejects when the name is refused, so the form can say why.
 */
export function useCreateFirstCoder(db: MarginaliaDatabase): (name: string, color: string) => Promise<void> {
  return useMemo(() => async (name: string, color: string) => void (await createCoder(db, name, color)), [db]);
}
