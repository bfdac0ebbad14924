import { describe, expect, it } from 'vitest';
import type { Code, CodeId, ProjectId } from '../../../../shared/model/index.ts';
import {
  applyQuickKeyPatches,
  assignDefaultQuickKeys,
  assignFreeQuickKeys,
  invalidQuickKeys,
  lowestFreeQuickKey,
  reassignQuickKey,
  settleImportedQuickKeys,
  withQuickKey,
} from '../../../../shared/coding/quickKeys.ts';

function code(id: string, parentId: string | null, order: number, quickKey?: number | null, isCodable = true): Code {
  return {
    id: id as CodeId,
    projectId: 'p' as ProjectId,
    parentId: parentId as CodeId | null,
    name: id,
    color: '#4363d8',
    description: '',
    definition: '',
    inclusion: '',
    exclusion: '',
    examples: '',
    isCodable,
    order,
    ...(quickKey === undefined ? {} : { quickKey }),
  };
}
const id = (value: string) => value as CodeId;

describe('assignDefaultQuickKeys', () => {
  it('gives 1–9 to the first nine codable codes in tree order, skipping categories', () => {
    const codes = [code('b', null, 1), code('framing', null, 0, undefined, false), code('f2', 'framing', 1), code('f1', 'framing', 0)];
    expect(assignDefaultQuickKeys(codes)).toEqual([
      { id: 'f1', quickKey: 1 },
      { id: 'f2', quickKey: 2 },
      { id: 'b', quickKey: 3 },
    ]);
  });

  it('stops at nine', () => {
    const codes = Array.from({ length: 12 }, (_, i) => code(`c${i}`, null, i));
    expect(assignDefaultQuickKeys(codes).map((p) => [p.id, p.quickKey])).toEqual(Array.from({ length: 9 }, (_, i) => [`c${i}`, i + 1]));
  });

  it('changes nothing when any code already holds a key', () => {
    expect(assignDefaultQuickKeys([code('a', null, 0), code('b', null, 1, 5)])).toEqual([]);
  });
});

describe('assignFreeQuickKeys', () => {
  it('gives a new code the lowest free key', () => {
    expect(assignFreeQuickKeys([code('a', null, 0, 1), code('b', null, 1, 3), code('new', null, 2)], [id('new')])).toEqual([{ id: 'new', quickKey: 2 }]);
  });

  it('gives several new codes free keys in tree order, while keys last', () => {
    const codes = [...Array.from({ length: 7 }, (_, i) => code(`k${i}`, null, i, i + 1)), code('late', null, 9), code('early', null, 8), code('last', null, 10)];
    expect(assignFreeQuickKeys(codes, [id('late'), id('early'), id('last')])).toEqual([
      { id: 'early', quickKey: 8 },
      { id: 'late', quickKey: 9 },
    ]);
  });

  it('gives no key to a new category or a code that has one', () => {
    expect(assignFreeQuickKeys([code('cat', null, 0, undefined, false), code('keyed', null, 1, 6)], [id('cat'), id('keyed')])).toEqual([]);
  });
});

describe('reassignQuickKey', () => {
  const codes = [code('a', null, 0, 1), code('b', null, 1, 2), code('c', null, 2)];

  it('moves a key held by another code: that code loses it', () => {
    expect(reassignQuickKey(codes, id('c'), 1)).toEqual([
      { id: 'c', quickKey: 1 },
      { id: 'a', quickKey: null },
    ]);
  });

  it('gives a free key without touching anyone else', () => {
    expect(reassignQuickKey(codes, id('b'), 9)).toEqual([{ id: 'b', quickKey: 9 }]);
  });

  it('takes a key away', () => {
    expect(reassignQuickKey(codes, id('a'), null)).toEqual([{ id: 'a', quickKey: null }]);
  });

  it('changes nothing when the code already holds the key', () => {
    expect(reassignQuickKey(codes, id('b'), 2)).toEqual([]);
    expect(reassignQuickKey(codes, id('c'), null)).toEqual([]);
  });

  it('refuses a key outside 1–9, a category and a missing code, each with one sentence', () => {
    expect(() => reassignQuickKey(codes, id('a'), 10)).toThrow('A quick key is a number from 1 to 9.');
    expect(() => reassignQuickKey(codes, id('a'), 0)).toThrow('A quick key is a number from 1 to 9.');
    expect(() => reassignQuickKey([code('Framing', null, 0, undefined, false)], id('Framing'), 3)).toThrow('“Framing” is a category: only codes get a quick key.');
    expect(() => reassignQuickKey(codes, id('gone'), 3)).toThrow('That code no longer exists.');
  });
});

describe('lowestFreeQuickKey', () => {
  it('finds the lowest key nobody holds, or null when all nine are taken', () => {
    expect(lowestFreeQuickKey([])).toBe(1);
    expect(lowestFreeQuickKey([{ quickKey: 1 }, { quickKey: 2 }, { quickKey: 4 }])).toBe(3);
    expect(lowestFreeQuickKey(Array.from({ length: 9 }, (_, i) => ({ quickKey: i + 1 })))).toBeNull();
  });
});

describe('invalidQuickKeys', () => {
  it('drops keys outside 1–9, keys on categories, and the second holder of a key in tree order', () => {
    const codes = [code('second', null, 1, 4), code('first', null, 0, 4), code('cat', null, 2, 5, false), code('big', null, 3, 12), code('fine', null, 4, 6)];
    expect(invalidQuickKeys(codes)).toEqual([
      { id: 'second', quickKey: null },
      { id: 'cat', quickKey: null },
      { id: 'big', quickKey: null },
    ]);
  });
});

describe('settleImportedQuickKeys', () => {
  it('keeps the valid keys a file carries', () => {
    const codes = [code('a', null, 0, 8), code('b', null, 1)];
    expect(settleImportedQuickKeys(codes).map((c) => c.quickKey)).toEqual([8, undefined]);
  });

  it('gives the defaults when the file carries none (or only invalid ones)', () => {
    const codes = [code('a', null, 0, 0), code('b', null, 1)];
    expect(settleImportedQuickKeys(codes).map((c) => c.quickKey)).toEqual([1, 2]);
  });
});

describe('withQuickKey and applyQuickKeyPatches', () => {
  it('sets a key, or removes the property altogether', () => {
    expect(withQuickKey(code('a', null, 0), 3).quickKey).toBe(3);
    expect('quickKey' in withQuickKey(code('a', null, 0, 3), null)).toBe(false);
  });

  it('applies patches to the codes they name only', () => {
    const codes = [code('a', null, 0, 1), code('b', null, 1)];
    const next = applyQuickKeyPatches(codes, [{ id: id('b'), quickKey: 1 }, { id: id('a'), quickKey: null }]);
    expect(next.map((c) => c.quickKey)).toEqual([undefined, 1]);
    expect(codes.map((c) => c.quickKey)).toEqual([1, undefined]);
  });
});
