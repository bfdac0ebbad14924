import { openTestDatabase, uniqueDatabaseName } from './testDatabase.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { readSetting, writeSetting } from '../../../../renderer/db/settingsRepository.ts';

let db: MarginaliaDatabase;

afterEach(async () => {
  await db.delete();
});

describe('readSetting and writeSetting', () => {
  it('reads nothing for a setting never written', async () => {
    db = openTestDatabase();
    expect(await readSetting(db, 'marginVisible')).toBeUndefined();
  });

  it('reads back what was written, replacing the previous value', async () => {
    db = openTestDatabase();
    await writeSetting(db, 'marginVisible', true);
    await writeSetting(db, 'marginVisible', false);
    await writeSetting(db, 'codebookExpanded', ['a', 'b']);
    await writeSetting(db, 'currentProjectId', null);
    expect(await readSetting(db, 'marginVisible')).toBe(false);
    expect(await readSetting(db, 'codebookExpanded')).toEqual(['a', 'b']);
    expect(await readSetting(db, 'currentProjectId')).toBeNull();
  });

  it('keeps settings across a reload', async () => {
    const name = uniqueDatabaseName();
    db = openTestDatabase(name);
    await writeSetting(db, 'currentCoderId', 'c0ffee00-0000-4000-8000-000000000000');
    db.close();
    db = openTestDatabase(name);
    expect(await readSetting(db, 'currentCoderId')).toBe('c0ffee00-0000-4000-8000-000000000000');
  });
});
