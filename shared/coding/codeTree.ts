/**
 * The codebook as a tree: Codes point to their parent by `parentId` and are ordered among
 * siblings by `order`. These functions never mutate their input; moves return the rows that
 * change so the caller can write them in one transaction.
 */
import type { Code, CodeId } from '../model/index.ts';

type TreeCode = Pick<Code, 'id' | 'parentId' | 'order' | 'name'>;

/** Children of each parent (`null` = top level), each list sorted by `order`, then name. */
export function childrenByParent<T extends TreeCode>(codes: readonly T[]): Map<CodeId | null, T[]> {
  const byParent = new Map<CodeId | null, T[]>();
  for (const code of codes) {
    const list = byParent.get(code.parentId);
    if (list) list.push(code);
    else byParent.set(code.parentId, [code]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  return byParent;
}

/**
 * Codes in tree order (depth first) with their depth: what the codebook panel shows and what
 * keys 1–9 index into (only the codable ones).
 *
 * @example
 * flattenCodeTree([{ id: 'a', parentId: null, order: 0, name: 'Framing' }, { id: 'b', parentId: 'a', order: 0, name: 'Child protection' }])
 * // → [{ code: Framing, depth: 0 }, { code: Child protection, depth: 1 }]
 */
export function flattenCodeTree<T extends TreeCode>(codes: readonly T[], isExpanded: (id: CodeId) => boolean = () => true): { code: T; depth: number; hasChildren: boolean }[] {
  const byParent = childrenByParent(codes);
  const rows: { code: T; depth: number; hasChildren: boolean }[] = [];
  const visit = (parentId: CodeId | null, depth: number) => {
    for (const code of byParent.get(parentId) ?? []) {
      const hasChildren = (byParent.get(code.id)?.length ?? 0) > 0;
      rows.push({ code, depth, hasChildren });
      if (hasChildren && isExpanded(code.id)) visit(code.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** The code and all codes below it. */
export function descendantIds(codes: readonly TreeCode[], id: CodeId): Set<CodeId> {
  const byParent = childrenByParent(codes);
  const found = new Set<CodeId>([id]);
  const stack = [id];
  while (stack.length) {
    for (const child of byParent.get(stack.pop()!) ?? []) {
      if (!found.has(child.id)) {
        found.add(child.id);
        stack.push(child.id);
      }
    }
  }
  return found;
}

/**
 * Names from the top of the tree down to the code, e.g. `['Framing', 'Child protection']`.
 * Cycles (which a bad import could contain) stop the walk instead of looping.
 */
export function codeNamePath(codes: readonly TreeCode[], id: CodeId): string[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const path: string[] = [];
  const seen = new Set<CodeId>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

/** True when `id` may be moved under `newParentId` (not into itself or its own descendants). */
export function canMoveCode(codes: readonly TreeCode[], id: CodeId, newParentId: CodeId | null): boolean {
  return newParentId === null || !descendantIds(codes, id).has(newParentId);
}

/**
 * Moves a code to `index` among the children of `newParentId` and renumbers both the old and
 * the new sibling lists. Returns only the codes whose parent or order changed.
 *
 * @example
 * moveCode(codes, 'b', null, 0) // b becomes the first top-level code; siblings shift down
 */
export function moveCode<T extends TreeCode>(codes: readonly T[], id: CodeId, newParentId: CodeId | null, index: number): { id: CodeId; parentId: CodeId | null; order: number }[] {
  if (!canMoveCode(codes, id, newParentId)) throw new Error('A code cannot be moved into itself or one of its own sub-codes.');
  const byParent = childrenByParent(codes);
  const moving = codes.find((c) => c.id === id);
  if (!moving) throw new Error('That code no longer exists.');
  const oldSiblings = (byParent.get(moving.parentId) ?? []).filter((c) => c.id !== id);
  const newSiblings = moving.parentId === newParentId ? oldSiblings : (byParent.get(newParentId) ?? []).filter((c) => c.id !== id);
  const clamped = Math.max(0, Math.min(index, newSiblings.length));
  newSiblings.splice(clamped, 0, moving);
  const changes = new Map<CodeId, { id: CodeId; parentId: CodeId | null; order: number }>();
  const renumber = (list: T[], parentId: CodeId | null) =>
    list.forEach((code, order) => {
      if (code.order !== order || code.parentId !== parentId) changes.set(code.id, { id: code.id, parentId, order });
    });
  if (moving.parentId !== newParentId) renumber(oldSiblings, moving.parentId);
  renumber(newSiblings, newParentId);
  return [...changes.values()];
}

/** The next free `order` among the children of `parentId`. */
export function nextSiblingOrder(codes: readonly TreeCode[], parentId: CodeId | null): number {
  let max = -1;
  for (const code of codes) if (code.parentId === parentId) max = Math.max(max, code.order);
  return max + 1;
}
