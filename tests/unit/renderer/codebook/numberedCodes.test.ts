import { describe, expect, it } from 'vitest';
import type { Code, CodeId, ProjectId } from '../../../../shared/model/index.ts';
import { quickKeyCodes, quickKeyOf } from '../../../../renderer/features/codebook/numberedCodes.ts';

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

const entries = (map: ReadonlyMap<number, Code>) => [...map].map(([key, c]) => [key, c.id]);

describe('quickKeyCodes', () => {
  it('maps each key to the code that holds it, whatever the tree order', () => {
    const codes = [code('a', null, 0, 7), code('b', null, 1, 2), code('a1', 'a', 0, 5), code('c', null, 2)];
    expect(entries(quickKeyCodes(codes))).toEqual([
      [2, 'b'],
      [5, 'a1'],
      [7, 'a'],
    ]);
  });

  it('keeps the keys when the codes are reordered', () => {
    const before = [code('a', null, 0, 1), code('b', null, 1, 2)];
    const after = [code('a', null, 1, 1), code('b', null, 0, 2)];
    expect(entries(quickKeyCodes(after))).toEqual(entries(quickKeyCodes(before)));
  });

  it('gives no key to a code without one (absent or null), nor to a category holding one', () => {
    const codes = [code('none', null, 0), code('cleared', null, 1, null), code('framing', null, 2, 3, false)];
    expect(quickKeyCodes(codes).size).toBe(0);
  });

  it('ignores a stored key outside 1–9', () => {
    expect(quickKeyCodes([code('zero', null, 0, 0), code('ten', null, 1, 10), code('half', null, 2, 1.5)]).size).toBe(0);
  });

  it('lets the first holder win should two rows claim one key', () => {
    expect(entries(quickKeyCodes([code('x', null, 0, 4), code('y', null, 1, 4)]))).toEqual([[4, 'x']]);
  });

  it('returns nothing for an empty codebook', () => {
    expect(quickKeyCodes([]).size).toBe(0);
  });
});

describe('quickKeyOf', () => {
  it('maps each code with a key to its key', () => {
    const codes = [code('a', null, 0, 9), code('b', null, 1)];
    expect([...quickKeyOf(codes)]).toEqual([['a', 9]]);
  });
});
