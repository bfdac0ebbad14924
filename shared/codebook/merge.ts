/**
 * Merging an imported codebook (.qdc, CSV, or the codes of a .qdpx) into the project's.
 *
 * Each imported code is matched to an existing code by GUID first, then by name path (same
 * matched parent, same name ignoring case and surrounding spaces). A matched code takes the
 * imported values of the chosen fields, except that an empty imported text never erases an
 * existing one (other tools have no definitions); matched by GUID under another parent, it
 * moves there. Unmatched codes are added under their (matched or added) parent, after the
 * existing siblings, keeping their GUID unless the project already uses it. Existing codes the
 * import does not mention stay as they are: a merge never deletes. Inputs are not modified.
 */
import type { Code, CodeId, ProjectId } from '../model/index.ts';
import { walkCodeTree } from './tree.ts';

/** Fields a merge may update. */
export type MergeField = 'name' | 'color' | 'description' | 'definition' | 'inclusion' | 'exclusion' | 'examples' | 'isCodable';

const ALL_FIELDS: readonly MergeField[] = ['name', 'color', 'description', 'definition', 'inclusion', 'exclusion', 'examples', 'isCodable'];

/** One code in the merge report. */
export interface MergeEntry {
  /** Id of the code in the merged codebook. */
  readonly id: CodeId;
  /** Id the code had in the import. */
  readonly importedId: CodeId;
  /** Name path in the merged codebook. */
  readonly path: readonly string[];
}

export interface MergeReport {
  readonly added: readonly MergeEntry[];
  readonly updated: readonly (MergeEntry & { readonly matchedBy: 'id' | 'path'; readonly fields: readonly (MergeField | 'parent')[] })[];
  readonly unchanged: readonly (MergeEntry & { readonly matchedBy: 'id' | 'path' })[];
}

export interface MergeOptions {
  /** Project of added codes; default that of the existing codes. */
  readonly projectId?: ProjectId;
  /** Fields a matched code takes from the import; default all. Leave out `color` to keep the project's colours. */
  readonly fields?: readonly MergeField[];
  /** New id when an imported GUID is already taken; default a random GUID. */
  readonly newId?: () => string;
}

const nameKey = (name: string) => name.trim().toLowerCase();

/**
 * Merges `imported` into `existing`. Returns the whole new code list (existing codes first, in
 * their order, then added ones), the id each imported code ended up with, and a report.
 *
 * @example
 * const { codes, report } = mergeCodebook(project.codes, readQdc(bytes).codes);
 * report.added.length // → codes new to the project
 */
export function mergeCodebook(existing: readonly Code[], imported: readonly Code[], options: MergeOptions = {}): { codes: Code[]; idMap: Map<CodeId, CodeId>; report: MergeReport } {
  const fields = options.fields ?? ALL_FIELDS;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const projectId = options.projectId ?? existing[0]?.projectId ?? imported[0]?.projectId;
  const result = existing.map((code) => ({ ...code }));
  const byId = new Map(result.map((code) => [code.id, code]));
  const originalById = new Map(existing.map((code) => [code.id, code]));
  const childrenOf = (parentId: CodeId | null) => result.filter((c) => c.parentId === parentId);
  const idMap = new Map<CodeId, CodeId>();
  const added: MergeEntry[] = [];
  const matched: { id: CodeId; importedId: CodeId; matchedBy: 'id' | 'path' }[] = [];
  const moved = new Set<CodeId>();
  const addedIds = new Set<CodeId>();

  const isDescendant = (candidate: CodeId | null, ancestor: CodeId) => {
    const seen = new Set<CodeId>();
    for (let current = candidate; current !== null && !seen.has(current); current = byId.get(current)?.parentId ?? null) {
      if (current === ancestor) return true;
      seen.add(current);
    }
    return false;
  };
  const nextOrder = (parentId: CodeId | null) => childrenOf(parentId).reduce((max, c) => Math.max(max, c.order + 1), 0);

  for (const { code } of walkCodeTree(imported)) {
    // The parent in the merged codebook: the merged code its imported parent became, else an
    // existing code with that id; `undefined` when the import names a parent nobody knows.
    const parentId: CodeId | null | undefined = code.parentId === null ? null : (idMap.get(code.parentId) ?? (byId.has(code.parentId) ? code.parentId : undefined));
    let target = byId.get(code.id);
    let matchedBy: 'id' | 'path' = 'id';
    if (target && addedIds.has(target.id)) target = undefined;
    if (!target) {
      matchedBy = 'path';
      target = result.find((c) => c.parentId === (parentId ?? null) && nameKey(c.name) === nameKey(code.name) && !addedIds.has(c.id));
    }
    if (target) {
      for (const field of fields) {
        const value = code[field];
        if (typeof value === 'string' && value === '' && field !== 'name') continue;
        if (field === 'name' && value === '') continue;
        (target as unknown as Record<string, unknown>)[field] = value;
      }
      if (matchedBy === 'id' && parentId !== undefined && target.parentId !== parentId && !isDescendant(parentId, target.id)) {
        target.order = nextOrder(parentId);
        target.parentId = parentId;
        moved.add(target.id);
      }
      idMap.set(code.id, target.id);
      matched.push({ id: target.id, importedId: code.id, matchedBy });
    } else {
      const id = (byId.has(code.id) ? newId() : code.id) as CodeId;
      const fresh: Code = { ...code, id, projectId: projectId ?? code.projectId, parentId: parentId ?? null, order: nextOrder(parentId ?? null) };
      result.push(fresh);
      byId.set(id, fresh);
      idMap.set(code.id, id);
      added.push({ id, importedId: code.id, path: [] });
      addedIds.add(id);
    }
  }

  const pathOf = (id: CodeId): string[] => {
    const names: string[] = [];
    const seen = new Set<CodeId>();
    for (let current = byId.get(id); current && !seen.has(current.id); current = current.parentId ? byId.get(current.parentId) : undefined) {
      seen.add(current.id);
      names.unshift(current.name);
    }
    return names;
  };
  const updated: MergeReport['updated'][number][] = [];
  const unchanged: MergeReport['unchanged'][number][] = [];
  for (const entry of matched) {
    const before = originalById.get(entry.id);
    const after = byId.get(entry.id)!;
    const changed: (MergeField | 'parent')[] = before ? ALL_FIELDS.filter((f) => before[f] !== after[f]) : [];
    if (moved.has(entry.id)) changed.push('parent');
    const item = { ...entry, path: pathOf(entry.id) };
    if (changed.length) updated.push({ ...item, fields: changed });
    else unchanged.push(item);
  }
  // Codes matched more than once (two imported codes onto one) are reported once, as the last match left them.
  const dedupe = <T extends { id: CodeId }>(list: T[]) => [...new Map(list.map((e) => [e.id, e])).values()];
  return {
    codes: result,
    idMap,
    report: { added: added.map((a) => ({ ...a, path: pathOf(a.id) })), updated: dedupe(updated), unchanged: dedupe(unchanged).filter((u) => !updated.some((x) => x.id === u.id)) },
  };
}
