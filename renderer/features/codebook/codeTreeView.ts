/**
 * Pure view logic of the codebook panel and the code picker: which rows the tree shows (with
 * a filter), where a dragged or keyboard-moved code lands, which codes' highlights are shown,
 * and how picker options rank. No React, no Dexie: everything here takes codes and returns data.
 *
 * Moves are expressed as `{ parentId, index }` in the convention of `moveCode` in
 * shared/coding/codeTree.ts: `index` counts the new siblings WITHOUT the moving code.
 */
import { childrenByParent, codeNamePath, descendantIds, flattenCodeTree } from '../../../shared/coding/codeTree.ts';
import type { Code, CodeId } from '../../../shared/model/index.ts';
import { CODE_PALETTE } from '../../../shared/common/colors.ts';

/** One visible row of the codebook tree. */
export interface CodeTreeRow {
  code: Code;
  depth: number;
  /** Has children among the rows that could be shown (all codes, or the filtered ones). */
  hasChildren: boolean;
  isExpanded: boolean;
  /** False for an ancestor shown only because a descendant matches the filter. */
  isMatch: boolean;
  /** 1-based position among its visible siblings, and their number (aria-posinset/setsize). */
  posInSet: number;
  setSize: number;
}

/** Lower case without diacritics, so “Fräulein” matches “fraulein”. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a search query, normalised; empty for a blank query. */
export function searchWords(query: string): string[] {
  return normalizeForSearch(query).split(/\s+/).filter(Boolean);
}

/** True when every word occurs somewhere in `text` (in any order). */
export function matchesAllWords(text: string, words: readonly string[]): boolean {
  const haystack = normalizeForSearch(text);
  return words.every((w) => haystack.includes(w));
}

/**
 * The rows of the tree. Without a query: the codebook with collapsed branches hidden. With a
 * query: the codes whose name matches every word, with their ancestors (for context), all
 * expanded.
 */
export function buildTreeRows(codes: readonly Code[], collapsed: ReadonlySet<CodeId>, query: string): CodeTreeRow[] {
  const words = searchWords(query);
  let shown: readonly Code[] = codes;
  let matches: Set<CodeId> | null = null;
  if (words.length > 0) {
    const byId = new Map(codes.map((c) => [c.id, c]));
    matches = new Set(codes.filter((c) => matchesAllWords(c.name, words)).map((c) => c.id));
    const keep = new Set<CodeId>();
    for (const id of matches) {
      let current = byId.get(id);
      while (current && !keep.has(current.id)) {
        keep.add(current.id);
        current = current.parentId ? byId.get(current.parentId) : undefined;
      }
    }
    shown = codes.filter((c) => keep.has(c.id));
  }
  const flat = flattenCodeTree(shown, (id) => matches !== null || !collapsed.has(id));
  const siblingsOf = childrenByParent(shown);
  return flat.map(({ code, depth, hasChildren }) => {
    const siblings = siblingsOf.get(code.parentId) ?? [code];
    return {
      code,
      depth,
      hasChildren,
      isExpanded: hasChildren && (matches !== null || !collapsed.has(code.id)),
      isMatch: matches === null || matches.has(code.id),
      posInSet: siblings.indexOf(code) + 1,
      setSize: siblings.length,
    };
  });
}

/**
 * Codings per code including all sub-codes: what a category's badge shows.
 *
 * @example
 * subtreeCounts([framing, child (under framing)], new Map([[child.id, 3]])) // → framing: 3, child: 3
 */
export function subtreeCounts(codes: readonly Code[], byCode: ReadonlyMap<string, number>): Map<CodeId, number> {
  const byParent = childrenByParent(codes);
  const totals = new Map<CodeId, number>();
  const visiting = new Set<CodeId>();
  const total = (code: Code): number => {
    const known = totals.get(code.id);
    if (known !== undefined) return known;
    if (visiting.has(code.id)) return 0; // a cycle from a bad import: count it once
    visiting.add(code.id);
    let sum = byCode.get(code.id) ?? 0;
    for (const child of byParent.get(code.id) ?? []) sum += total(child);
    totals.set(code.id, sum);
    return sum;
  };
  for (const code of codes) total(code);
  return totals;
}

/** Where a code goes: under `parentId` at `index` (see the module comment). */
export interface MovePlan {
  parentId: CodeId | null;
  index: number;
}

/** Where a drop lands relative to the row under the pointer. */
export type DropZone = 'before' | 'inside' | 'after';

/** The zone for a pointer at `offsetY` in a row `height` tall: outer quarters reorder, the middle nests. */
export function dropZoneAt(offsetY: number, height: number): DropZone {
  if (offsetY < height * 0.25) return 'before';
  if (offsetY > height * 0.75) return 'after';
  return 'inside';
}

/**
 * Where dropping `draggedId` on `targetId` in `zone` moves it, or null when the drop is not
 * allowed (onto itself or into its own sub-codes).
 */
export function planDrop(codes: readonly Code[], draggedId: CodeId, targetId: CodeId, zone: DropZone): MovePlan | null {
  const target = codes.find((c) => c.id === targetId);
  if (!target || !codes.some((c) => c.id === draggedId)) return null;
  if (descendantIds(codes, draggedId).has(targetId)) return null;
  const byParent = childrenByParent(codes);
  if (zone === 'inside') {
    return { parentId: target.id, index: (byParent.get(target.id) ?? []).filter((c) => c.id !== draggedId).length };
  }
  const siblings = (byParent.get(target.parentId) ?? []).filter((c) => c.id !== draggedId);
  const at = siblings.findIndex((c) => c.id === targetId);
  return { parentId: target.parentId, index: zone === 'before' ? at : at + 1 };
}

/** A keyboard move of the codebook: Alt+Up/Down, Alt+Right (indent), Alt+Left (outdent). */
export type KeyboardMove = 'up' | 'down' | 'indent' | 'outdent';

/**
 * Where a keyboard move takes the code, or null when it cannot go that way (first sibling
 * moving up, top-level code outdenting, …). Indent makes the code the last child of its
 * previous sibling; outdent puts it right after its parent.
 */
export function planKeyboardMove(codes: readonly Code[], id: CodeId, move: KeyboardMove): MovePlan | null {
  const code = codes.find((c) => c.id === id);
  if (!code) return null;
  const byParent = childrenByParent(codes);
  const siblings = byParent.get(code.parentId) ?? [];
  const at = siblings.findIndex((c) => c.id === id);
  switch (move) {
    case 'up':
      return at > 0 ? { parentId: code.parentId, index: at - 1 } : null;
    case 'down':
      return at < siblings.length - 1 ? { parentId: code.parentId, index: at + 1 } : null;
    case 'indent': {
      const previous = siblings[at - 1];
      return previous ? { parentId: previous.id, index: (byParent.get(previous.id) ?? []).length } : null;
    }
    case 'outdent': {
      const parent = code.parentId ? codes.find((c) => c.id === code.parentId) : undefined;
      if (!parent) return null;
      const parentSiblings = byParent.get(parent.parentId) ?? [];
      return { parentId: parent.parentId, index: parentSiblings.findIndex((c) => c.id === parent.id) + 1 };
    }
  }
}

/** Whether the highlights of a code and all its sub-codes are shown. */
export type Visibility = 'all' | 'none' | 'some';

export function subtreeVisibility(codes: readonly Code[], visible: ReadonlySet<CodeId> | null, id: CodeId): Visibility {
  if (visible === null) return 'all';
  let shown = 0;
  const ids = descendantIds(codes, id);
  for (const each of ids) if (visible.has(each)) shown++;
  return shown === ids.size ? 'all' : shown === 0 ? 'none' : 'some';
}

/**
 * The visible set after toggling a code with its sub-codes: hides them all when they are all
 * shown, otherwise shows them all. Returns null (= show everything) when nothing stays hidden.
 */
export function toggleSubtreeVisibility(codes: readonly Code[], visible: ReadonlySet<CodeId> | null, id: CodeId): ReadonlySet<CodeId> | null {
  const ids = descendantIds(codes, id);
  const next = new Set<CodeId>(visible ?? codes.map((c) => c.id));
  const hide = subtreeVisibility(codes, visible, id) === 'all';
  for (const each of ids) {
    if (hide) next.delete(each);
    else next.add(each);
  }
  return codes.every((c) => next.has(c.id)) ? null : next;
}

/** Only this code and its sub-codes shown. */
export function onlySubtreeVisible(codes: readonly Code[], id: CodeId): ReadonlySet<CodeId> {
  return descendantIds(codes, id);
}

/** One option of the code picker. */
export interface PickerOption {
  code: Code;
  /** Names from the top of the tree down, e.g. `['Framing', 'Child protection']`. */
  path: string[];
}

export interface PickerFilter {
  excludeIds?: ReadonlySet<CodeId>;
  /** Offer categories too (merging into a category is allowed; applying one is not). */
  includeCategories?: boolean;
}

/** The separator between the names of a code path, as the picker shows it. */
export const PATH_SEPARATOR = ' › ';

/**
 * Picker options for `query`: every word must occur in the code's path. Ranked: exact name,
 * name starting with the query, all words in the name, words only in the path; ties in tree
 * order.
 *
 * @example
 * rankPickerOptions(codes, 'fram child') // → [Framing › Child protection]
 */
export function rankPickerOptions(codes: readonly Code[], query: string, filter: PickerFilter = {}): PickerOption[] {
  const words = searchWords(query);
  const phrase = words.join(' ');
  const ranked: { option: PickerOption; rank: number; position: number }[] = [];
  flattenCodeTree(codes).forEach(({ code }, position) => {
    if (!code.isCodable && !filter.includeCategories) return;
    if (filter.excludeIds?.has(code.id)) return;
    const path = codeNamePath(codes, code.id);
    if (!matchesAllWords(path.join(' '), words)) return;
    const name = normalizeForSearch(code.name);
    const rank = words.length === 0 ? 0 : name === phrase ? 0 : name.startsWith(phrase) ? 1 : matchesAllWords(code.name, words) ? 2 : 3;
    ranked.push({ option: { code, path }, rank, position });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.position - b.position).map((r) => r.option);
}

/** True when some code (of any kind) is called exactly `name`, ignoring case and accents. */
export function hasCodeNamed(codes: readonly Code[], name: string): boolean {
  const wanted = normalizeForSearch(name.trim());
  return codes.some((c) => normalizeForSearch(c.name.trim()) === wanted);
}

/**
 * A colour for a new code: the palette colour the fewest codes use (the first such, in palette
 * order), so a fresh codebook gets distinct colours and a grown one fills its gaps.
 *
 * @example
 * suggestColour([{ color: '#e6194b' }]) // → '#3cb44b' (the second palette colour)
 */
export function suggestColour(codes: readonly Pick<Code, 'color'>[], palette: readonly string[] = CODE_PALETTE): string {
  const uses = new Map(palette.map((c) => [c.toLowerCase(), 0]));
  for (const code of codes) {
    const key = code.color.toLowerCase();
    const n = uses.get(key);
    if (n !== undefined) uses.set(key, n + 1);
  }
  let best = palette[0]!;
  for (const color of palette) if (uses.get(color.toLowerCase())! < uses.get(best.toLowerCase())!) best = color;
  return best;
}

/** A count with its noun: `plural(1, 'coding')` → "1 coding", `plural(3, 'sub-code')` → "3 sub-codes". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
