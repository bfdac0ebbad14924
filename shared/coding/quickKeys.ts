/**
 * Quick-code keys: number keys 1–9 pinned to codes. A key belongs to one code of a project and
 * stays with it when the codebook is reordered, renamed or grows; only an explicit reassignment
 * (or deleting the code, or making it a category) takes it away.
 *
 * Invariant kept by every function here: within a project, each key 1–9 is held by at most one
 * code, and only codable codes hold keys. The functions never mutate their input; they return
 * the patches (or rows) that change, so the caller writes them in one transaction.
 */
import type { Code, CodeId } from '../model/index.ts';
import { flattenCodeTree } from './codeTree.ts';

/** The highest quick key: keys are 1…QUICK_KEY_LIMIT. */
export const QUICK_KEY_LIMIT = 9;

type KeyedCode = Pick<Code, 'id' | 'parentId' | 'order' | 'name' | 'isCodable' | 'quickKey'>;

/** One code's new key (`null` = no key). */
export interface QuickKeyPatch {
  readonly id: CodeId;
  readonly quickKey: number | null;
}

/** True for 1…9. */
export function isQuickKey(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= QUICK_KEY_LIMIT;
}

/**
 * The code with `key` set, or with no `quickKey` property at all when `key` is null (so a code
 * without a key looks the same whether it never had one or lost it).
 *
 * @example
 * withQuickKey({ ...code, quickKey: 3 }, null) // → the code without `quickKey`
 */
export function withQuickKey<T extends { quickKey?: number | null }>(code: T, key: number | null): T {
  const { quickKey: _old, ...rest } = code;
  return (key === null ? rest : { ...rest, quickKey: key }) as T;
}

/** The lowest key no code holds, or null when all nine are taken. */
export function lowestFreeQuickKey(codes: readonly Pick<Code, 'quickKey'>[]): number | null {
  const taken = new Set(codes.map((c) => c.quickKey));
  for (let key = 1; key <= QUICK_KEY_LIMIT; key++) if (!taken.has(key)) return key;
  return null;
}

/**
 * Keys for a codebook that has none: the first nine codable codes in tree order get 1–9.
 * Returns no patches when any code already holds a key (the researcher's choice stands).
 *
 * @example
 * assignDefaultQuickKeys([framing (category), child (under framing), agency])
 * // → [{ id: child, quickKey: 1 }, { id: agency, quickKey: 2 }]
 */
export function assignDefaultQuickKeys(codes: readonly KeyedCode[]): QuickKeyPatch[] {
  if (codes.some((c) => isQuickKey(c.quickKey))) return [];
  const patches: QuickKeyPatch[] = [];
  for (const { code } of flattenCodeTree(codes)) {
    if (!code.isCodable) continue;
    patches.push({ id: code.id, quickKey: patches.length + 1 });
    if (patches.length === QUICK_KEY_LIMIT) break;
  }
  return patches;
}

/**
 * Gives each of `newIds` that is codable and has no key the lowest free key, in tree order,
 * while keys are free: what a code gets when it is created.
 *
 * @example
 * assignFreeQuickKeys([a (key 1), b (key 3), fresh], [fresh.id]) // → [{ id: fresh, quickKey: 2 }]
 */
export function assignFreeQuickKeys(codes: readonly KeyedCode[], newIds: Iterable<CodeId>): QuickKeyPatch[] {
  const wanted = new Set(newIds);
  const taken = new Set(codes.filter((c) => isQuickKey(c.quickKey)).map((c) => c.quickKey));
  const patches: QuickKeyPatch[] = [];
  for (const { code } of flattenCodeTree(codes)) {
    if (!wanted.has(code.id) || !code.isCodable || isQuickKey(code.quickKey)) continue;
    let key = 1;
    while (key <= QUICK_KEY_LIMIT && taken.has(key)) key++;
    if (key > QUICK_KEY_LIMIT) break;
    taken.add(key);
    patches.push({ id: code.id, quickKey: key });
  }
  return patches;
}

/**
 * Gives `key` to the code `id` (or takes its key away when `key` is null). A key held by
 * another code moves: that code loses it. Returns the patches of every code that changes
 * (none when the code already holds that key). Throws with a sentence for a user when the key
 * is not 1–9, the code does not exist, or it is a category.
 *
 * @example
 * reassignQuickKey([a (key 1), b (key 2)], b.id, 1) // → [{ id: b, quickKey: 1 }, { id: a, quickKey: null }]
 */
export function reassignQuickKey(codes: readonly KeyedCode[], id: CodeId, key: number | null): QuickKeyPatch[] {
  if (key !== null && !isQuickKey(key)) throw new Error(`A quick key is a number from 1 to ${QUICK_KEY_LIMIT}.`);
  const code = codes.find((c) => c.id === id);
  if (!code) throw new Error('That code no longer exists.');
  if (key !== null && !code.isCodable) throw new Error(`“${code.name}” is a category: only codes get a quick key.`);
  const current = isQuickKey(code.quickKey) ? code.quickKey : null;
  if (current === key) return [];
  const patches: QuickKeyPatch[] = [{ id, quickKey: key }];
  if (key !== null) for (const other of codes) if (other.id !== id && other.quickKey === key) patches.push({ id: other.id, quickKey: null });
  return patches;
}

/**
 * Removes keys that break the invariant, as a file from elsewhere may carry them: keys that
 * are not 1–9, keys on categories, and a key held twice (the first code in tree order keeps
 * it). Returns the patches of the codes that lose their key.
 */
export function invalidQuickKeys(codes: readonly KeyedCode[]): QuickKeyPatch[] {
  const seen = new Set<number>();
  const patches: QuickKeyPatch[] = [];
  for (const { code } of flattenCodeTree(codes)) {
    if (code.quickKey === undefined || code.quickKey === null) continue;
    if (!isQuickKey(code.quickKey) || !code.isCodable || seen.has(code.quickKey)) patches.push({ id: code.id, quickKey: null });
    else seen.add(code.quickKey);
  }
  return patches;
}

/** `codes` with the patches applied (codes without a patch are returned as they are). */
export function applyQuickKeyPatches<T extends KeyedCode>(codes: readonly T[], patches: readonly QuickKeyPatch[]): T[] {
  if (patches.length === 0) return [...codes];
  const byId = new Map(patches.map((p) => [p.id, p.quickKey]));
  return codes.map((code) => (byId.has(code.id) ? withQuickKey(code, byId.get(code.id)!) : code));
}

/**
 * Keys for a codebook arriving whole (an imported project or codebook, the demo): invalid keys
 * dropped, and the defaults when none is left.
 */
export function settleImportedQuickKeys<T extends KeyedCode>(codes: readonly T[]): T[] {
  const cleaned = applyQuickKeyPatches(codes, invalidQuickKeys(codes));
  return applyQuickKeyPatches(cleaned, assignDefaultQuickKeys(cleaned));
}
