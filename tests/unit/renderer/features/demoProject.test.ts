import { openTestDatabase } from '../db/testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { createCoder, updateCoder } from '../../../../renderer/db/coderRepository.ts';
import { readSession } from '../../../../renderer/db/sessionRepository.ts';
import { listCodersWithCodings } from '../../../../renderer/db/segmentRepository.ts';
import { readSetting } from '../../../../renderer/db/settingsRepository.ts';
import { createDemoProject } from '../../../../renderer/features/projects/demoProject.ts';
import { defaultComparedCoders } from '../../../../renderer/features/compare/defaultCoders.ts';
import { DEMO_CODERS, DEMO_CODINGS } from '../../../../shared/demo/demoCodings.ts';
import type { CoderId } from '../../../../shared/model/index.ts';

let db: MarginaliaDatabase;

beforeEach(() => {
  db = openTestDatabase();
});

afterEach(async () => {
  await db.delete();
});

describe('createDemoProject', () => {
  it('writes the documents, the codebook and the example coders’ codings, each quote on its range', async () => {
    const project = await createDemoProject(db);
    const segments = await db.segments.where('projectId').equals(project.id).toArray();
    expect(segments).toHaveLength(DEMO_CODINGS.length);
    const quotes = await Promise.all(segments.map(async (s) => (await db.documentTexts.get(s.documentId))!.text.slice(s.start, s.end)));
    expect(quotes.sort()).toEqual(DEMO_CODINGS.map((c) => c.quote).sort());
    expect(new Set(segments.map((s) => s.coderId))).toEqual(new Set(DEMO_CODERS.map((c) => c.id)));
    // The codings are not an action of the researcher's: nothing to undo.
    expect(await db.history.count()).toBe(0);
  });

  it('leaves the researcher the current coder, with no codings', async () => {
    const ana = await createCoder(db, 'Ana Ruiz', '#2f5d8a');
    const project = await createDemoProject(db);
    expect(await readSetting(db, 'currentCoderId')).toBe(ana.id);
    expect(await db.segments.where('coderId').equals(ana.id).count()).toBe(0);
    expect(await listCodersWithCodings(db, project.id, [ana.id, ...DEMO_CODERS.map((c) => c.id)])).toEqual(DEMO_CODERS.map((c) => c.id));
  });

  it('shares the two example coders among demo projects, keeping a name the researcher gave one', async () => {
    await createDemoProject(db);
    await updateCoder(db, DEMO_CODERS[0].id, { name: 'Priya (example)' });
    const second = await createDemoProject(db);
    expect(await db.coders.count()).toBe(2);
    expect((await db.coders.get(DEMO_CODERS[0].id))!.name).toBe('Priya (example)');
    expect(await db.segments.where('projectId').equals(second.id).count()).toBe(DEMO_CODINGS.length);
  });
});

describe('readSession on first run', () => {
  it('does not take an example coder for the researcher', async () => {
    // The demo project is made at once, before the researcher has named themself.
    await createDemoProject(db);
    const before = await readSession(db);
    expect(before.hasProjects).toBe(true);
    expect(before.hasCoders).toBe(false);
    expect(before.coder).toBeUndefined();
    const ana = await createCoder(db, 'Ana Ruiz', '#2f5d8a');
    const after = await readSession(db);
    expect(after.hasCoders).toBe(true);
    expect(after.coder).toEqual(ana);
  });
});

describe('defaultComparedCoders', () => {
  const [ana, ben, priya, tom] = ['ana', 'ben', 'priya', 'tom'] as [CoderId, CoderId, CoderId, CoderId];

  it('compares the two who coded when the current coder has not', () => {
    expect(defaultComparedCoders([ana, priya, tom], ana, [priya, tom])).toEqual([priya, tom]);
  });

  it('puts the current coder first once they have coded', () => {
    expect(defaultComparedCoders([ana, ben, priya, tom], tom, [ana, priya, tom])).toEqual([tom, ana]);
    expect(defaultComparedCoders([ana, ben, priya, tom], ana, [ana, ben, priya])).toEqual([ana, ben]);
  });

  it('fills up from the coder list, current coder first, when fewer than two coded', () => {
    expect(defaultComparedCoders([ana, ben, priya], priya, [ben])).toEqual([ben, priya]);
    expect(defaultComparedCoders([ana, ben], ben, [])).toEqual([ben, ana]);
    expect(defaultComparedCoders([ana], ana, [])).toEqual([ana]);
  });
});
