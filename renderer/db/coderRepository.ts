/** Coders: the people who code. Global across projects. */
import type { Coder, CoderId } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from './database.ts';
import { newId } from './ids.ts';
import { writeSetting } from './settingsRepository.ts';

export async function listCoders(db: MarginaliaDatabase): Promise<Coder[]> {
  return db.coders.orderBy('name').toArray();
}

/** Creates a coder and makes them the current coder. */
export async function createCoder(db: MarginaliaDatabase, name: string, color: string): Promise<Coder> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A coder needs a name.');
  const coder: Coder = { id: newId<CoderId>(), name: trimmed, color };
  await db.transaction('rw', db.coders, db.settings, async () => {
    await db.coders.add(coder);
    await writeSetting(db, 'currentCoderId', coder.id);
  });
  return coder;
}

/**
 * Adds the coders not on this computer yet (by id), leaving the current coder as it is. A coder
 * already there keeps the name and colour the researcher may have given them.
 */
export async function addMissingCoders(db: MarginaliaDatabase, coders: readonly Coder[]): Promise<void> {
  await db.transaction('rw', db.coders, async () => {
    const found = await db.coders.bulkGet(coders.map((c) => c.id));
    const missing = coders.filter((_, i) => found[i] === undefined);
    if (missing.length) await db.coders.bulkAdd(missing.map((c) => ({ ...c })));
  });
}

export async function updateCoder(db: MarginaliaDatabase, id: CoderId, patch: Partial<Pick<Coder, 'name' | 'color'>>): Promise<void> {
  if (patch.name !== undefined && !patch.name.trim()) throw new Error('A coder needs a name.');
  await db.coders.update(id, patch);
}
