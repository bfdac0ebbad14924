import { describe, expect, it } from 'vitest';
import type { Code, CodeId, ProjectId } from '../../../../shared/model/index.ts';
import {
  buildTreeRows,
  dropZoneAt,
  hasCodeNamed,
  planDrop,
  planKeyboardMove,
  rankPickerOptions,
  subtreeCounts,
  subtreeVisibility,
  suggestColour,
  toggleSubtreeVisibility,
} from '../../../../renderer/features/codebook/codeTreeView.ts';

function code(id: string, name: string, parentId: string | null, order: number, isCodable = true): Code {
  return {
    id: id as CodeId,
    projectId: 'p' as ProjectId,
    parentId: parentId as CodeId | null,
    name,
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

// Framing (category) › Child protection, Moral panic › Folk devils; Agency; Économie
const codes = [
  code('f', 'Framing', null, 0, false),
  code('cp', 'Child protection', 'f', 0),
  code('mp', 'Moral panic', 'f', 1),
  code('fd', 'Folk devils', 'mp', 0),
  code('ag', 'Agency', null, 1),
  code('ec', 'Économie', null, 2),
];
const id = (s: string) => s as CodeId;

describe('buildTreeRows', () => {
  it('hides the children of collapsed codes', () => {
    const rows = buildTreeRows(codes, new Set([id('f')]), '');
    expect(rows.map((r) => r.code.id)).toEqual(['f', 'ag', 'ec']);
    expect(rows[0]).toMatchObject({ hasChildren: true, isExpanded: false, depth: 0, posInSet: 1, setSize: 3 });
  });

  it('filters by name, keeping ancestors as context and ignoring accents and case', () => {
    const rows = buildTreeRows(codes, new Set([id('f'), id('mp')]), 'DEVIL');
    expect(rows.map((r) => [r.code.id, r.isMatch])).toEqual([['f', false], ['mp', false], ['fd', true]]);
    expect(buildTreeRows(codes, new Set(), 'economie').map((r) => r.code.id)).toEqual(['ec']);
  });
});

describe('subtreeCounts', () => {
  it('adds the codings of every sub-code to its ancestors', () => {
    const totals = subtreeCounts(codes, new Map([['cp', 2], ['fd', 3], ['mp', 1], ['ag', 5]]));
    expect(totals.get(id('f'))).toBe(6);
    expect(totals.get(id('mp'))).toBe(4);
    expect(totals.get(id('ag'))).toBe(5);
  });
});

describe('planDrop', () => {
  it('nests a code as the last child when dropped on the middle of a row', () => {
    expect(planDrop(codes, id('ag'), id('f'), 'inside')).toEqual({ parentId: 'f', index: 2 });
  });

  it('reorders before or after a row, counting siblings without the moving code', () => {
    expect(planDrop(codes, id('ec'), id('ag'), 'before')).toEqual({ parentId: null, index: 1 });
    expect(planDrop(codes, id('f'), id('ec'), 'after')).toEqual({ parentId: null, index: 2 });
  });

  it('refuses to drop a code onto itself or into its own sub-codes', () => {
    expect(planDrop(codes, id('f'), id('fd'), 'inside')).toBeNull();
    expect(planDrop(codes, id('mp'), id('mp'), 'before')).toBeNull();
  });
});

describe('dropZoneAt', () => {
  it('uses the outer quarters for reordering and the middle for nesting', () => {
    expect(dropZoneAt(2, 32)).toBe('before');
    expect(dropZoneAt(16, 32)).toBe('inside');
    expect(dropZoneAt(30, 32)).toBe('after');
  });
});

describe('planKeyboardMove', () => {
  it('moves a code up and down among its siblings, not past the ends', () => {
    expect(planKeyboardMove(codes, id('ag'), 'up')).toEqual({ parentId: null, index: 0 });
    expect(planKeyboardMove(codes, id('ag'), 'down')).toEqual({ parentId: null, index: 2 });
    expect(planKeyboardMove(codes, id('f'), 'up')).toBeNull();
    expect(planKeyboardMove(codes, id('ec'), 'down')).toBeNull();
  });

  it('indents under the previous sibling (as its last child) and outdents to right after the parent', () => {
    expect(planKeyboardMove(codes, id('ag'), 'indent')).toEqual({ parentId: 'f', index: 2 });
    expect(planKeyboardMove(codes, id('cp'), 'indent')).toBeNull();
    expect(planKeyboardMove(codes, id('fd'), 'outdent')).toEqual({ parentId: 'f', index: 2 });
    expect(planKeyboardMove(codes, id('ag'), 'outdent')).toBeNull();
  });
});

describe('toggleSubtreeVisibility', () => {
  it('hides a branch when all of it is shown, and shows it all again', () => {
    const hidden = toggleSubtreeVisibility(codes, null, id('mp'));
    expect(hidden && [...hidden].sort()).toEqual(['ag', 'cp', 'ec', 'f']);
    expect(subtreeVisibility(codes, hidden, id('f'))).toBe('some');
    expect(toggleSubtreeVisibility(codes, hidden, id('f'))).toBeNull();
  });
});

describe('rankPickerOptions', () => {
  it('matches every word against the path and leaves categories out unless asked', () => {
    expect(rankPickerOptions(codes, 'fram child').map((o) => o.path)).toEqual([['Framing', 'Child protection']]);
    expect(rankPickerOptions(codes, 'framing').map((o) => o.code.id)).toEqual(['cp', 'mp', 'fd']);
    expect(rankPickerOptions(codes, 'framing', { includeCategories: true })[0]!.code.id).toBe('f');
  });

  it('ranks an exact name, then a name prefix, before path-only matches', () => {
    const more = [...codes, code('pa', 'Panic', null, 3), code('pb', 'Panic buying', null, 4)];
    expect(rankPickerOptions(more, 'panic').map((o) => o.code.id)).toEqual(['pa', 'pb', 'mp', 'fd']);
  });

  it('leaves out excluded codes', () => {
    expect(rankPickerOptions(codes, '', { excludeIds: new Set([id('mp'), id('fd')]) }).map((o) => o.code.id)).toEqual(['cp', 'ag', 'ec']);
  });
});

describe('hasCodeNamed', () => {
  it('compares names without case, accents or surrounding spaces', () => {
    expect(hasCodeNamed(codes, ' economie ')).toBe(true);
    expect(hasCodeNamed(codes, 'Econ')).toBe(false);
  });
});

describe('suggestColour', () => {
  const palette = ['#aa0000', '#00aa00', '#0000aa'];
  it('picks the first palette colour no code uses yet', () => {
    expect(suggestColour([{ color: '#AA0000' }], palette)).toBe('#00aa00');
  });

  it('picks the least-used colour once every colour is taken', () => {
    expect(suggestColour([{ color: '#aa0000' }, { color: '#00aa00' }, { color: '#0000aa' }, { color: '#aa0000' }], palette)).toBe('#00aa00');
  });
});
