import { openTestDatabase } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { createCoder, listCoders, updateCoder } from '../../../../renderer/db/coderRepository.ts';
import { readSetting } from '../../../../renderer/db/settingsRepository.ts';

let db: MarginaliaDatabase;

beforeEach(() => {
  db = openTestDatabase();
});

afterEach(async () => {
  await db.delete();
});

describe('createCoder', () => {
  it('creates a coder with a trimmed name and makes them the current coder', async () => {
    const coder = await createCoder(db, '  Ana  ', '#e6194b');
    expect(coder).toEqual({ id: coder.id, name: 'Ana', color: '#e6194b' });
    expect(coder.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await db.coders.get(coder.id)).toEqual(coder);
    expect(await readSetting(db, 'currentCoderId')).toBe(coder.id);
  });

  it('makes the newest coder current', async () => {
    await createCoder(db, 'Ana', '#e6194b');
    const bea = await createCoder(db, 'Bea', '#3cb44b');
    expect(await readSetting(db, 'currentCoderId')).toBe(bea.id);
  });

  it('refuses a blank name and keeps the current coder', async () => {
    const ana = await createCoder(db, 'Ana', '#e6194b');
    await expect(createCoder(db, '  ', '#000000')).rejects.toThrow('A coder needs a name.');
    expect(await db.coders.count()).toBe(1);
    expect(await readSetting(db, 'currentCoderId')).toBe(ana.id);
  });
});

describe('listCoders', () => {
  it('lists coders by name', async () => {
    await createCoder(db, 'Carla', '#000001');
    await createCoder(db, 'Ana', '#000002');
    await createCoder(db, 'Bea', '#000003');
    expect((await listCoders(db)).map((c) => c.name)).toEqual(['Ana', 'Bea', 'Carla']);
  });
});

describe('updateCoder', () => {
  it('renames and recolours a coder', async () => {
    const coder = await createCoder(db, 'Ana', '#e6194b');
    await updateCoder(db, coder.id, { name: 'Ana M.', color: '#000075' });
    expect(await db.coders.get(coder.id)).toEqual({ id: coder.id, name: 'Ana M.', color: '#000075' });
  });

  it('refuses a blank name', async () => {
    const coder = await createCoder(db, 'Ana', '#e6194b');
    await expect(updateCoder(db, coder.id, { name: ' ' })).rejects.toThrow('A coder needs a name.');
    expect((await db.coders.get(coder.id))?.name).toBe('Ana');
  });
});
