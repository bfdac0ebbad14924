import { describe, expect, it } from 'vitest';
import type { Code, CodeId, ProjectId } from '../../../../shared/model/index.ts';
import { quickKeyCodes } from '../../../../renderer/features/codebook/numberedCodes.ts';

function code(id: string, parentId: string | null, order: number, isCodable = true): Code {
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
  };
}

const ids = (codes: Code[]) => codes.map((c) => c.id);

describe('quickKeyCodes', () => {
  it('numbers codes in tree order: depth first, siblings by order', () => {
    const codes = [code('b', null, 1), code('a', null, 0), code('a2', 'a', 1), code('a1', 'a', 0)];
    expect(ids([...quickKeyCodes(codes).values()])).toEqual(['a', 'a1', 'a2', 'b']);
  });

  it('skips categories but numbers the codes inside them', () => {
    const codes = [code('framing', null, 0, false), code('child', 'framing', 0), code('agency', null, 1)];
    expect(ids([...quickKeyCodes(codes).values()])).toEqual(['child', 'agency']);
  });

  it('stops at nine codes', () => {
    const codes = Array.from({ length: 12 }, (_, i) => code(`c${i}`, null, i));
    expect(ids([...quickKeyCodes(codes).values()])).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
  });

  it('breaks ties in order by name, as the tree shows them', () => {
    const codes = [code('zeta', null, 0), code('alpha', null, 0)];
    expect(ids([...quickKeyCodes(codes).values()])).toEqual(['alpha', 'zeta']);
  });

  it('returns nothing for an empty codebook or one with only categories', () => {
    expect(quickKeyCodes([]).size).toBe(0);
    expect(quickKeyCodes([code('x', null, 0, false)]).size).toBe(0);
  });
});
