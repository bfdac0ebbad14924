import { describe, expect, it } from 'vitest';
import type { CodeId } from '../../../../shared/model/index.ts';
import { canMoveCode, childrenByParent, codeNamePath, descendantIds, flattenCodeTree, moveCode, nextSiblingOrder } from '../../../../shared/coding/codeTree.ts';

interface TreeCode {
  id: CodeId;
  parentId: CodeId | null;
  order: number;
  name: string;
}

const node = (id: string, parentId: string | null, order: number, name = id): TreeCode => ({ id: id as CodeId, parentId: parentId as CodeId | null, order, name });
const id = (value: string) => value as CodeId;

/**
 * A      B      C        (top level, orders 0, 1, 2)
 * ├ A1
 * ├ A2
 * │ └ A2x
 * └ A3
 */
const tree: readonly TreeCode[] = [
  node('C', null, 2),
  node('A2', 'A', 1),
  node('A', null, 0),
  node('A3', 'A', 2),
  node('B', null, 1),
  node('A1', 'A', 0),
  node('A2x', 'A2', 0),
];

const byId = (changes: { id: CodeId; parentId: CodeId | null; order: number }[]) => [...changes].sort((a, b) => a.id.localeCompare(b.id));

describe('childrenByParent', () => {
  it('lists the children of each parent, top level under null, sorted by order', () => {
    const byParent = childrenByParent(tree);
    expect(byParent.get(null)?.map((c) => c.id)).toEqual(['A', 'B', 'C']);
    expect(byParent.get(id('A'))?.map((c) => c.id)).toEqual(['A1', 'A2', 'A3']);
    expect(byParent.get(id('A2'))?.map((c) => c.id)).toEqual(['A2x']);
    expect(byParent.has(id('B'))).toBe(false);
  });

  it('breaks ties in order by name', () => {
    const byParent = childrenByParent([node('2', null, 0, 'Zeal'), node('1', null, 0, 'Anger')]);
    expect(byParent.get(null)?.map((c) => c.name)).toEqual(['Anger', 'Zeal']);
  });
});

describe('flattenCodeTree', () => {
  it('lists codes depth first with their depth and whether they have children', () => {
    expect(flattenCodeTree(tree).map(({ code, depth, hasChildren }) => [code.id, depth, hasChildren])).toEqual([
      ['A', 0, true],
      ['A1', 1, false],
      ['A2', 1, true],
      ['A2x', 2, false],
      ['A3', 1, false],
      ['B', 0, false],
      ['C', 0, false],
    ]);
  });

  it('hides the children of a collapsed code but still says it has children', () => {
    const rows = flattenCodeTree(tree, (codeId) => codeId !== 'A2');
    expect(rows.map(({ code, hasChildren }) => [code.id, hasChildren])).toEqual([
      ['A', true],
      ['A1', false],
      ['A2', true],
      ['A3', false],
      ['B', false],
      ['C', false],
    ]);
  });

  it('hides a whole subtree below a collapsed top-level code', () => {
    expect(flattenCodeTree(tree, (codeId) => codeId !== 'A').map((r) => r.code.id)).toEqual(['A', 'B', 'C']);
  });

  it('returns nothing for an empty codebook', () => {
    expect(flattenCodeTree([])).toEqual([]);
  });
});

describe('descendantIds', () => {
  it('returns the code itself and every code below it', () => {
    expect([...descendantIds(tree, id('A'))].sort()).toEqual(['A', 'A1', 'A2', 'A2x', 'A3']);
  });

  it('returns only the code for a leaf', () => {
    expect([...descendantIds(tree, id('B'))]).toEqual(['B']);
  });

  it('stops on a cycle instead of looping', () => {
    const cyclic = [node('x', 'y', 0), node('y', 'x', 0)];
    expect([...descendantIds(cyclic, id('x'))].sort()).toEqual(['x', 'y']);
  });
});

describe('codeNamePath', () => {
  it('names the code from the top of the tree down', () => {
    const named = [node('a', null, 0, 'Framing'), node('b', 'a', 0, 'Child protection'), node('c', 'b', 0, 'Rescue')];
    expect(codeNamePath(named, id('c'))).toEqual(['Framing', 'Child protection', 'Rescue']);
  });

  it('returns just the name of a top-level code', () => {
    expect(codeNamePath(tree, id('B'))).toEqual(['B']);
  });

  it('returns an empty path for an unknown code', () => {
    expect(codeNamePath(tree, id('missing'))).toEqual([]);
  });

  it('stops at a parent that is not in the codebook', () => {
    expect(codeNamePath([node('orphan', 'gone', 0, 'Orphan')], id('orphan'))).toEqual(['Orphan']);
  });

  it('stops on a cycle, naming each code once', () => {
    const cyclic = [node('x', 'y', 0, 'X'), node('y', 'z', 0, 'Y'), node('z', 'x', 0, 'Z')];
    expect(codeNamePath(cyclic, id('x'))).toEqual(['Z', 'Y', 'X']);
  });
});

describe('canMoveCode', () => {
  it('allows a move to the top level or under an unrelated code', () => {
    expect(canMoveCode(tree, id('A2'), null)).toBe(true);
    expect(canMoveCode(tree, id('A'), id('B'))).toBe(true);
    expect(canMoveCode(tree, id('A2x'), id('A1'))).toBe(true);
  });

  it('refuses a move under the code itself or any of its descendants', () => {
    expect(canMoveCode(tree, id('A'), id('A'))).toBe(false);
    expect(canMoveCode(tree, id('A'), id('A2'))).toBe(false);
    expect(canMoveCode(tree, id('A'), id('A2x'))).toBe(false);
  });
});

describe('moveCode', () => {
  it('moves a code to the front of its siblings and shifts the others down', () => {
    expect(byId(moveCode(tree, id('C'), null, 0))).toEqual([
      { id: 'A', parentId: null, order: 1 },
      { id: 'B', parentId: null, order: 2 },
      { id: 'C', parentId: null, order: 0 },
    ]);
  });

  it('counts the index among the siblings without the moving code', () => {
    // Without A the top level is [B, C]; index 2 is after C.
    expect(byId(moveCode(tree, id('A'), null, 2))).toEqual([
      { id: 'A', parentId: null, order: 2 },
      { id: 'B', parentId: null, order: 0 },
      { id: 'C', parentId: null, order: 1 },
    ]);
  });

  it('returns no changes for a move to where the code already is', () => {
    expect(moveCode(tree, id('B'), null, 1)).toEqual([]);
  });

  it('renumbers both the old and the new sibling lists when reparenting', () => {
    // A2 leaves A (A1, A3 → orders 0, 1) and lands at index 1 of the top level (A, A2, B, C).
    // A1 keeps order 0 and A keeps order 0, so neither is returned.
    expect(byId(moveCode(tree, id('A2'), null, 1))).toEqual([
      { id: 'A2', parentId: null, order: 1 },
      { id: 'A3', parentId: 'A', order: 1 },
      { id: 'B', parentId: null, order: 2 },
      { id: 'C', parentId: null, order: 3 },
    ]);
  });

  it('moves a code under a code that had no children', () => {
    // C leaves the top level last, so A and B keep their orders.
    expect(moveCode(tree, id('C'), id('B'), 0)).toEqual([{ id: 'C', parentId: 'B', order: 0 }]);
  });

  it('takes its sub-codes along without returning them', () => {
    const changes = moveCode(tree, id('A2'), id('B'), 0);
    expect(changes.map((c) => c.id)).not.toContain('A2x');
  });

  it('clamps an index past either end of the sibling list', () => {
    expect(moveCode(tree, id('A1'), id('A'), 99).find((c) => c.id === 'A1')).toEqual({ id: 'A1', parentId: 'A', order: 2 });
    expect(moveCode(tree, id('A3'), id('A'), -5).find((c) => c.id === 'A3')).toEqual({ id: 'A3', parentId: 'A', order: 0 });
  });

  it('closes the gaps of siblings whose orders were not contiguous', () => {
    const gapped = [node('p', null, 0), node('q', null, 5), node('r', null, 9)];
    expect(byId(moveCode(gapped, id('r'), null, 0))).toEqual([
      { id: 'p', parentId: null, order: 1 },
      { id: 'q', parentId: null, order: 2 },
      { id: 'r', parentId: null, order: 0 },
    ]);
  });

  it('refuses to move a code into itself or one of its own sub-codes', () => {
    expect(() => moveCode(tree, id('A'), id('A'), 0)).toThrow(/cannot be moved into itself/);
    expect(() => moveCode(tree, id('A'), id('A2x'), 0)).toThrow(/cannot be moved into itself or one of its own sub-codes/);
  });

  it('refuses to move a code that does not exist', () => {
    expect(() => moveCode(tree, id('missing'), null, 0)).toThrow(/no longer exists/);
  });

  it('does not change the codes it was given', () => {
    const before = structuredClone(tree);
    moveCode(tree, id('A2'), null, 1);
    moveCode(tree, id('C'), null, 0);
    expect(tree).toEqual(before);
  });
});

describe('nextSiblingOrder', () => {
  it('is 0 under a parent with no children', () => {
    expect(nextSiblingOrder(tree, id('B'))).toBe(0);
    expect(nextSiblingOrder([], null)).toBe(0);
  });

  it('is one past the highest order among the parent’s children, not their count', () => {
    expect(nextSiblingOrder(tree, id('A'))).toBe(3);
    expect(nextSiblingOrder([node('p', null, 0), node('q', null, 7)], null)).toBe(8);
  });
});
