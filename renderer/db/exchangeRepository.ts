/**
 * Whole projects and codebooks in and out of the database, for the exchange formats
 * (REFI-QDA .qdpx/.qdc, codebook CSV): the database side of flow 4 (export) and of importing
 * another tool's project or codebook.
 *
 * Invariants:
 * - An import is ONE transaction: every row lands, or none does (a throw anywhere rolls back).
 * - Ids are global primary keys, so an imported row keeps its GUID only when no row of its
 *   table already uses it; otherwise it gets a fresh one and every reference follows. Importing
 *   the same file twice therefore gives two independent projects, and a round trip into an
 *   empty database keeps every GUID.
 * - Rows are added, never put: an import can never overwrite another project's row.
 * - Merging a codebook into a project is one undoable action (history.ts); it never deletes.
 */
import type { Code, CodeId, CodeSet, CodeSetId, Coder, CoderId, Document, DocumentId, Memo, MemoTarget, Project, ProjectBundle, ProjectId, Segment } from '../../shared/model/index.ts';
import { mergeCodebook, type MergeReport } from '../../shared/codebook/index.ts';
import { applyQuickKeyPatches, assignFreeQuickKeys, invalidQuickKeys, settleImportedQuickKeys, withQuickKey } from '../../shared/coding/quickKeys.ts';
import { checkBundle } from '../../shared/refi/bundleCheck.ts';
import type { DocumentRow, MarginaliaDatabase } from './database.ts';
import { recordAction } from './history.ts';
import { newId, now } from './ids.ts';
import { readSetting, writeSetting } from './settingsRepository.ts';

/** Colour of a coder who appears in a project but is missing from the database. */
const UNKNOWN_CODER_COLOR = '#888888';

/**
 * Everything one project holds, texts included, ready for `writeQdpx` or the codebook writers.
 * Coders: those who coded a segment or wrote a memo in it, plus the current coder.
 *
 * @example
 * const bytes = writeQdpx(await readProjectBundle(db, projectId));
 */
export async function readProjectBundle(db: MarginaliaDatabase, projectId: ProjectId): Promise<ProjectBundle> {
  return db.transaction('r', [db.projects, db.coders, db.documents, db.documentTexts, db.codes, db.segments, db.memos, db.sets, db.settings], async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('That project no longer exists.');
    const rows = await db.documents.where('[projectId+order]').between([projectId, -Infinity], [projectId, Infinity]).toArray();
    const texts = await db.documentTexts.bulkGet(rows.map((d) => d.id));
    const documents: Document[] = rows.map((row, i) => ({ ...row, text: texts[i]?.text ?? '' }));
    const [codes, segments, memos, sets] = await Promise.all([
      db.codes.where('projectId').equals(projectId).toArray(),
      db.segments.where('projectId').equals(projectId).toArray(),
      db.memos.where('projectId').equals(projectId).toArray(),
      db.sets.where('projectId').equals(projectId).toArray(),
    ]);
    const coderIds = new Set<CoderId>();
    for (const segment of segments) coderIds.add(segment.coderId);
    for (const memo of memos) if (memo.coderId !== null) coderIds.add(memo.coderId);
    const current = await readSetting<CoderId>(db, 'currentCoderId');
    if (current !== undefined && current !== null) coderIds.add(current);
    const ids = [...coderIds];
    const found = await db.coders.bulkGet(ids);
    const coders: Coder[] = [];
    ids.forEach((id, i) => {
      const coder = found[i];
      // The current coder's setting may outlive the coder; a coder that coded must be exported.
      if (coder) coders.push(coder);
      else if (id !== current || segments.some((s) => s.coderId === id) || memos.some((m) => m.coderId === id)) coders.push({ id, name: 'Unknown coder', color: UNKNOWN_CODER_COLOR });
    });
    return { project, coders, codes, documents, segments, memos, sets };
  });
}

/** How many memos a project holds (for the memo report's dialog). */
export function countProjectMemos(db: MarginaliaDatabase, projectId: ProjectId): Promise<number> {
  return db.memos.where('projectId').equals(projectId).count();
}

export interface ImportProjectOptions {
  /** Name of the new project; default the bundle's. A name already in use gets " (2)", " (3)"… */
  name?: string;
}

/**
 * Writes `bundle` as a NEW project in one transaction and makes it the current project.
 * The project always gets a fresh id; codes, documents, segments, memos and sets keep their
 * ids where free. Coders are matched by id, then by name (ignoring case), else created; only
 * coders who coded or wrote memos are brought in. Throws (writing nothing) when a segment or
 * memo refers to something the bundle does not contain, or a segment lies outside its text.
 *
 * @example
 * const { bundle } = readQdpx(bytes);
 * const project = await importProjectBundle(db, bundle); // now the current project
 */
export async function importProjectBundle(db: MarginaliaDatabase, bundle: ProjectBundle, options: ImportProjectOptions = {}): Promise<Project> {
  checkBundle(bundle);
  const requestedName = (options.name ?? bundle.project.name).trim() || 'Imported project';
  return db.transaction('rw', [db.projects, db.coders, db.documents, db.documentTexts, db.codes, db.segments, db.memos, db.sets, db.settings], async () => {
    const at = now();
    const project: Project = {
      id: newId<ProjectId>(),
      name: await uniqueProjectName(db, requestedName),
      description: bundle.project.description,
      createdAt: bundle.project.createdAt || at,
      modifiedAt: at,
    };

    const codeIds = await freeIds(db.codes, bundle.codes.map((c) => c.id));
    const documentIds = await freeIds(db.documents, bundle.documents.map((d) => d.id), db.documentTexts);
    const segmentIds = await freeIds(db.segments, bundle.segments.map((s) => s.id));
    const memoIds = await freeIds(db.memos, bundle.memos.map((m) => m.id));
    const setIds = await freeIds(db.sets, bundle.sets.map((s) => s.id));
    const { coderIds, newCoders } = await resolveCoders(db, bundle);

    const codeId = (id: CodeId) => codeIds.get(id)!;
    const documentId = (id: DocumentId) => documentIds.get(id)!;
    const coderId = (id: CoderId) => coderIds.get(id)!;

    // Keys the file carries are kept (when valid); a file with none gets the defaults.
    const codes: Code[] = settleImportedQuickKeys(bundle.codes.map((c) => ({ ...c, id: codeId(c.id), projectId: project.id, parentId: c.parentId === null ? null : (codeIds.get(c.parentId) ?? null) })));
    const documents: DocumentRow[] = bundle.documents.map(({ text: _text, ...row }) => ({ ...row, id: documentId(row.id), projectId: project.id, variables: { ...row.variables } }));
    const texts = bundle.documents.map((d) => ({ documentId: documentId(d.id), text: d.text }));
    const segments: Segment[] = bundle.segments.map((s) => ({ ...s, id: segmentIds.get(s.id)!, projectId: project.id, documentId: documentId(s.documentId), codeId: codeId(s.codeId), coderId: coderId(s.coderId) }));
    const mapTarget = (target: MemoTarget): MemoTarget => {
      switch (target.kind) {
        case 'project':
          return target;
        case 'document':
          return { kind: 'document', id: documentId(target.id) };
        case 'code':
          return { kind: 'code', id: codeId(target.id) };
        case 'segment':
          return { kind: 'segment', id: segmentIds.get(target.id)! };
        case 'passage':
          return { kind: 'passage', id: documentId(target.id), start: target.start, end: target.end };
      }
    };
    const memos: Memo[] = bundle.memos.map((m) => ({ ...m, id: memoIds.get(m.id)!, projectId: project.id, target: mapTarget(m.target), coderId: m.coderId === null ? null : coderId(m.coderId) }));
    // Set members the bundle does not contain are dropped: a set is only a grouping.
    const sets: CodeSet[] = bundle.sets.map((s) => ({
      ...s,
      id: setIds.get(s.id)!,
      projectId: project.id,
      codeIds: s.codeIds.flatMap((id) => (codeIds.has(id) ? [codeId(id)] : [])),
      documentIds: s.documentIds.flatMap((id) => (documentIds.has(id) ? [documentId(id)] : [])),
    }));

    await db.projects.add(project);
    if (newCoders.length) await db.coders.bulkAdd(newCoders);
    await db.codes.bulkAdd(codes);
    await db.documents.bulkAdd(documents);
    await db.documentTexts.bulkAdd(texts);
    await db.segments.bulkAdd(segments);
    await db.memos.bulkAdd(memos);
    await db.sets.bulkAdd(sets);
    await writeSetting(db, 'currentProjectId', project.id);
    return project;
  });
}

/** `name`, or `name (2)`, `name (3)`… whichever no project has yet. */
async function uniqueProjectName(db: MarginaliaDatabase, name: string): Promise<string> {
  const taken = new Set((await db.projects.toArray()).map((p) => p.name.trim().toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

interface KeyedTable {
  bulkGet(keys: string[]): Promise<unknown[]>;
}

/**
 * Old id → the id to write: the same when no row of `table` (nor of `alsoIn`) uses it and it
 * is not repeated in `ids`, else a fresh GUID.
 */
async function freeIds<T extends string>(table: KeyedTable, ids: readonly T[], alsoIn?: KeyedTable): Promise<Map<T, T>> {
  const existing = await table.bulkGet([...ids]);
  const existingElsewhere = alsoIn ? await alsoIn.bulkGet([...ids]) : [];
  const map = new Map<T, T>();
  ids.forEach((id, i) => {
    if (map.has(id)) return;
    const isTaken = existing[i] !== undefined || existingElsewhere[i] !== undefined;
    map.set(id, isTaken ? newId<T>() : id);
  });
  return map;
}

/** Bundle coder id → database coder id, and the coders to create. Only coders who coded or wrote memos count. */
async function resolveCoders(db: MarginaliaDatabase, bundle: ProjectBundle): Promise<{ coderIds: Map<CoderId, CoderId>; newCoders: Coder[] }> {
  const used = new Set<CoderId>();
  for (const segment of bundle.segments) used.add(segment.coderId);
  for (const memo of bundle.memos) if (memo.coderId !== null) used.add(memo.coderId);
  const all = await db.coders.toArray();
  const byId = new Map(all.map((c) => [c.id, c]));
  const byName = new Map<string, Coder>();
  for (const coder of all) if (!byName.has(nameKey(coder.name))) byName.set(nameKey(coder.name), coder);
  const coderIds = new Map<CoderId, CoderId>();
  const newCoders: Coder[] = [];
  for (const coder of bundle.coders) {
    if (!used.has(coder.id) || coderIds.has(coder.id)) continue;
    const match = byId.get(coder.id) ?? byName.get(nameKey(coder.name));
    if (match) {
      coderIds.set(coder.id, match.id);
      continue;
    }
    const created: Coder = { id: coder.id, name: coder.name.trim() || 'Unknown coder', color: coder.color || UNKNOWN_CODER_COLOR };
    newCoders.push(created);
    byName.set(nameKey(created.name), created);
    coderIds.set(coder.id, created.id);
  }
  return { coderIds, newCoders };
}

const nameKey = (name: string) => name.trim().toLowerCase();

/** What merging a codebook did: the codes (as `mergeCodebook` reports them) and the sets. */
export interface CodebookMergeReport extends MergeReport {
  readonly sets: {
    /** Names of sets added to the project. */
    readonly added: readonly string[];
    /** Names of existing sets (same id, or same name) that gained members. */
    readonly updated: readonly string[];
  };
}

export interface MergeCodebookOptions {
  /** The undo step's label; default "Import codebook". */
  label?: string;
}

/**
 * Merges an imported codebook into a project's (see `mergeCodebook`: matched by GUID, then by
 * name path; a merge never deletes) and writes the added and updated codes, and the sets, as
 * ONE undoable action. Imported GUIDs that another project uses are replaced first, so a merge
 * can never touch another project's codes.
 *
 * @example
 * const { codes, sets } = readQdc(bytes);
 * const report = await mergeCodebookIntoProject(db, projectId, codes, sets);
 * report.added.length // → codes new to the project
 */
export async function mergeCodebookIntoProject(
  db: MarginaliaDatabase,
  projectId: ProjectId,
  importedCodes: readonly Code[],
  sets: readonly CodeSet[] = [],
  options: MergeCodebookOptions = {},
): Promise<CodebookMergeReport> {
  return recordAction(db, projectId, options.label ?? 'Import codebook', async (recorder) => {
    if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
    const existing = await db.codes.where('projectId').equals(projectId).toArray();
    const own = new Set<string>(existing.map((c) => c.id));

    // GUIDs used by another project's codes would make `put` overwrite them: replace them.
    const elsewhere = await db.codes.bulkGet(importedCodes.map((c) => c.id));
    const replaced = new Map<CodeId, CodeId>();
    importedCodes.forEach((code, i) => {
      if (elsewhere[i] !== undefined && !own.has(code.id) && !replaced.has(code.id)) replaced.set(code.id, newId<CodeId>());
    });
    const local = (id: CodeId) => replaced.get(id) ?? id;
    const original = new Map([...replaced].map(([from, to]) => [to, from]));
    const prepared = importedCodes.map((c) => ({ ...c, id: local(c.id), parentId: c.parentId === null ? null : local(c.parentId) }));

    // Existing codes keep their keys; an imported code carries none and new codes take the
    // free ones (a code the merge turned into a category loses its key).
    const merged = mergeCodebook(existing, prepared.map((c) => withQuickKey(c, null)), { projectId, newId: () => newId<CodeId>() });
    const addedIds = new Set(merged.report.added.map((a) => a.id));
    const fresh = merged.codes.map((c) => (addedIds.has(c.id) ? withQuickKey(c, null) : c));
    const cleaned = applyQuickKeyPatches(fresh, invalidQuickKeys(fresh));
    const keyed = applyQuickKeyPatches(cleaned, assignFreeQuickKeys(cleaned, addedIds));
    const before = new Map(existing.map((c) => [c.id, c]));
    const changed = keyed.filter((code) => {
      const was = before.get(code.id);
      return !was || JSON.stringify(was) !== JSON.stringify(code);
    });
    await recorder.bulkPut('codes', changed);

    const setsReport = await mergeSets(db, projectId, sets, (id) => merged.idMap.get(local(id)), recorder);
    const back = <E extends { importedId: CodeId }>(entry: E): E => ({ ...entry, importedId: original.get(entry.importedId) ?? entry.importedId });
    return {
      added: merged.report.added.map(back),
      updated: merged.report.updated.map(back),
      unchanged: merged.report.unchanged.map(back),
      sets: setsReport,
    };
  });
}

/** Adds imported sets to the project, or adds their members to a set with the same id or name. */
async function mergeSets(
  db: MarginaliaDatabase,
  projectId: ProjectId,
  imported: readonly CodeSet[],
  mergedCodeId: (importedId: CodeId) => CodeId | undefined,
  recorder: { put<T extends { id: string }>(table: 'sets', row: T): Promise<void> },
): Promise<CodebookMergeReport['sets']> {
  const added: string[] = [];
  const updated: string[] = [];
  if (imported.length === 0) return { added, updated };
  const existing = await db.sets.where('projectId').equals(projectId).toArray();
  for (const set of imported) {
    const members = set.codeIds.flatMap((id) => {
      const merged = mergedCodeId(id);
      return merged ? [merged] : [];
    });
    const match = existing.find((s) => s.id === set.id) ?? existing.find((s) => nameKey(s.name) === nameKey(set.name));
    if (match) {
      const missing = members.filter((id) => !match.codeIds.includes(id));
      if (missing.length === 0) continue;
      const next: CodeSet = { ...match, codeIds: [...match.codeIds, ...missing] };
      await recorder.put('sets', next);
      existing[existing.indexOf(match)] = next;
      updated.push(match.name);
    } else {
      const isTaken = (await db.sets.get(set.id)) !== undefined;
      const fresh: CodeSet = { id: isTaken ? newId<CodeSetId>() : set.id, projectId, name: set.name, description: set.description, codeIds: [...new Set(members)], documentIds: [] };
      await recorder.put('sets', fresh);
      existing.push(fresh);
      added.push(fresh.name);
    }
  }
  return { added, updated };
}

/**
 * Creates a project holding an imported codebook (and its sets) and makes it current, in one
 * transaction. GUIDs are kept where free, as in `importProjectBundle`.
 *
 * @example
 * const { codes, sets } = readQdc(bytes);
 * const project = await importCodebookAsProject(db, 'Pilot codebook', codes, sets);
 */
export async function importCodebookAsProject(db: MarginaliaDatabase, name: string, codes: readonly Code[], sets: readonly CodeSet[] = []): Promise<Project> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A project needs a name.');
  const at = now();
  const projectId = newId<ProjectId>();
  const bundle: ProjectBundle = {
    project: { id: projectId, name: trimmed, description: '', createdAt: at, modifiedAt: at },
    coders: [],
    codes: codes.map((c) => ({ ...c, projectId })),
    documents: [],
    segments: [],
    memos: [],
    sets: sets.map((s) => ({ ...s, projectId, documentIds: [] })),
  };
  return importProjectBundle(db, bundle, { name: trimmed });
}
