/**
 * The codebook: creating, editing, moving, merging and deleting Codes. Every change is one
 * undoable action (see history.ts).
 */
import type { Code, CodeId, CoderId, ProjectId, Segment } from '../../shared/model/index.ts';
import { filterSegmentsByCoder, type CoderFilter } from '../../shared/coding/coderView.ts';
import { descendantIds, moveCode as planMove, nextSiblingOrder } from '../../shared/coding/codeTree.ts';
import { mergeIntoRanges } from '../../shared/coding/segmentRanges.ts';
import { isQuickKey, lowestFreeQuickKey, reassignQuickKey, withQuickKey } from '../../shared/coding/quickKeys.ts';
import type { MarginaliaDatabase } from './database.ts';
import { recordAction } from './history.ts';
import { repointSegmentMemos } from './segmentRepository.ts';
import { planMemoFate, type MemoFate } from './memoRepository.ts';
import { newId } from './ids.ts';
import { paletteColor } from '../../shared/common/colors.ts';

export async function listCodes(db: MarginaliaDatabase, projectId: ProjectId): Promise<Code[]> {
  return db.codes.where('projectId').equals(projectId).toArray();
}

/** Whose codings are counted: the coder filter in force and the current coder. */
export interface CountedCoders {
  filter: CoderFilter;
  coderId: CoderId;
}

export interface SegmentCounts {
  /** The counted codings per code. */
  byCode: Map<string, number>;
  /** The counted codings per document. */
  byDocument: Map<string, number>;
  /** Every coder's codings per code, whatever is counted (merging a code moves them all). */
  allByCode: Map<string, number>;
  /** Every coder's codings per document (deleting a document removes them all). */
  allByDocument: Map<string, number>;
}

/**
 * Segment counts per code and per document, for the codebook and the document list: of the
 * codings the coder filter shows (so a coder working blind sees no trace of the others'), or of
 * every coder's when `counted` is left out.
 */
export async function countSegments(db: MarginaliaDatabase, projectId: ProjectId, counted?: CountedCoders): Promise<SegmentCounts> {
  const byCode = new Map<string, number>();
  const byDocument = new Map<string, number>();
  const allByCode = new Map<string, number>();
  const allByDocument = new Map<string, number>();
  // One getAll round trip: iterating a cursor costs a round trip to the IndexedDB backend per
  // row, which for 10,000 codings takes seconds and holds up every write behind it.
  const segments = await db.segments.where('projectId').equals(projectId).toArray();
  for (const s of segments) {
    allByCode.set(s.codeId, (allByCode.get(s.codeId) ?? 0) + 1);
    allByDocument.set(s.documentId, (allByDocument.get(s.documentId) ?? 0) + 1);
  }
  for (const s of counted ? filterSegmentsByCoder(segments, counted.filter, counted.coderId) : segments) {
    byCode.set(s.codeId, (byCode.get(s.codeId) ?? 0) + 1);
    byDocument.set(s.documentId, (byDocument.get(s.documentId) ?? 0) + 1);
  }
  return { byCode, byDocument, allByCode, allByDocument };
}


export type NewCode = Partial<Omit<Code, 'id' | 'projectId' | 'order' | 'quickKey'>> & { name: string };

export async function createCode(db: MarginaliaDatabase, projectId: ProjectId, fields: NewCode): Promise<Code> {
  const name = fields.name.trim();
  if (!name) throw new Error('A code needs a name.');
  return recordAction(db, projectId, `Create code “${name}”`, async (recorder) => {
    const codes = await listCodes(db, projectId);
    const parentId = fields.parentId ?? null;
    const code: Code = {
      id: newId<CodeId>(),
      projectId,
      parentId,
      name,
      color: fields.color ?? paletteColor(codes.length),
      description: fields.description ?? '',
      definition: fields.definition ?? '',
      inclusion: fields.inclusion ?? '',
      exclusion: fields.exclusion ?? '',
      examples: fields.examples ?? '',
      isCodable: fields.isCodable ?? true,
      order: nextSiblingOrder(codes, parentId),
    };
    // A new code takes the lowest free quick key; the keys of other codes never move.
    const key = code.isCodable ? lowestFreeQuickKey(codes) : null;
    const keyed = withQuickKey(code, key);
    await recorder.put('codes', keyed);
    return keyed;
  });
}

export type CodePatch = Partial<Pick<Code, 'name' | 'color' | 'description' | 'definition' | 'inclusion' | 'exclusion' | 'examples' | 'isCodable'>>;

const FIELD_LABELS: Record<keyof CodePatch, string> = {
  name: 'Rename',
  color: 'Recolour',
  description: 'Describe',
  definition: 'Define',
  inclusion: 'Edit inclusion criteria of',
  exclusion: 'Edit exclusion criteria of',
  examples: 'Edit examples of',
  isCodable: 'Change kind of',
};

export async function updateCode(db: MarginaliaDatabase, id: CodeId, patch: CodePatch): Promise<void> {
  const code = await db.codes.get(id);
  if (!code) throw new Error('That code no longer exists.');
  if (patch.name !== undefined && !patch.name.trim()) throw new Error('A code needs a name.');
  if (patch.isCodable === false && code.isCodable && (await db.segments.where('codeId').equals(id).count()) > 0) {
    throw new Error(`“${code.name}” has codings: a category cannot hold codings. Move or remove them first.`);
  }
  let next: Code = { ...code, ...patch, name: (patch.name ?? code.name).trim() };
  const changed = (Object.keys(patch) as (keyof CodePatch)[]).filter((k) => patch[k] !== undefined && next[k] !== code[k]);
  if (changed.length === 0) return;
  const label = `${changed.length === 1 ? FIELD_LABELS[changed[0]!] : 'Edit'} “${code.name}”`;
  await recordAction(db, code.projectId, label, async (recorder) => {
    // A category applies no key: it frees its key, and becoming a code again takes a free one.
    if (changed.includes('isCodable')) {
      const others = (await listCodes(db, code.projectId)).filter((c) => c.id !== id);
      next = withQuickKey(next, next.isCodable ? lowestFreeQuickKey(others) : null);
    }
    await recorder.put('codes', next);
  });
}

/**
 * Pins quick key `key` (1–9) to a code, or takes its key away (`null`). A key held by another
 * code moves to this one, and the other code loses it: ONE undoable step touching both.
 */
export async function setQuickKey(db: MarginaliaDatabase, id: CodeId, key: number | null): Promise<void> {
  const code = await db.codes.get(id);
  if (!code) throw new Error('That code no longer exists.');
  const codes = await listCodes(db, code.projectId);
  const patches = reassignQuickKey(codes, id, key);
  if (patches.length === 0) return;
  const byId = new Map(codes.map((c) => [c.id, c]));
  const label = key === null ? `Remove the quick key of “${code.name}”` : `Give “${code.name}” quick key ${key}`;
  await recordAction(db, code.projectId, label, (recorder) => recorder.bulkPut('codes', patches.map((p) => withQuickKey(byId.get(p.id)!, p.quickKey))));
}

/** Moves a code under `newParentId` (null = top level) at position `index` among its new siblings. */
export async function moveCode(db: MarginaliaDatabase, id: CodeId, newParentId: CodeId | null, index: number): Promise<void> {
  const code = await db.codes.get(id);
  if (!code) throw new Error('That code no longer exists.');
  const codes = await listCodes(db, code.projectId);
  if (newParentId !== null && !codes.some((c) => c.id === newParentId)) throw new Error('The code to move it under is not in this project.');
  const changes = planMove(codes, id, newParentId, index);
  if (changes.length === 0) return;
  const byId = new Map(codes.map((c) => [c.id, c]));
  await recordAction(db, code.projectId, `Move “${code.name}”`, (recorder) =>
    recorder.bulkPut('codes', changes.map((change) => ({ ...byId.get(change.id)!, parentId: change.parentId, order: change.order }))),
  );
}

/**
 * Merges `sourceId` into `targetId`: the source's codings move to the target (merging with the
 * target's overlapping codings by the same coder), its sub-codes, memos and set memberships move
 * to the target, and the source is deleted.
 */
export async function mergeCodes(db: MarginaliaDatabase, sourceId: CodeId, targetId: CodeId): Promise<void> {
  if (sourceId === targetId) throw new Error('A code cannot be merged into itself.');
  const [source, target] = await Promise.all([db.codes.get(sourceId), db.codes.get(targetId)]);
  if (!source || !target) throw new Error('That code no longer exists.');
  if (source.projectId !== target.projectId) throw new Error('Codes of different projects cannot be merged.');
  const codes = await listCodes(db, source.projectId);
  if (descendantIds(codes, sourceId).has(targetId)) throw new Error(`“${target.name}” is inside “${source.name}”: merge it the other way round.`);
  await recordAction(db, source.projectId, `Merge “${source.name}” into “${target.name}”`, async (recorder) => {
    const moved = await db.segments.where('codeId').equals(sourceId).toArray();
    // The target keeps its own key, or takes the source's when it had none.
    const isCodable = target.isCodable || moved.length > 0;
    const key = isQuickKey(target.quickKey) ? target.quickKey : isCodable && isQuickKey(source.quickKey) ? source.quickKey : null;
    await recorder.put('codes', withQuickKey({ ...target, isCodable }, key));
    // Group by (document, coder) so each group merges against the target's own segments once.
    const groups = new Map<string, Segment[]>();
    for (const s of moved) {
      const key = `${s.documentId}\u0000${s.coderId}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    await recorder.bulkDelete('segments', moved.map((s) => s.id));
    for (const group of groups.values()) {
      const { documentId, coderId } = group[0]!;
      let current = await db.segments.where('[documentId+codeId+coderId]').equals([documentId, targetId, coderId]).toArray();
      for (const s of group.sort((a, b) => a.start - b.start)) {
        const merged = mergeIntoRanges(current, s.start, s.end);
        const keep = current.find((c) => merged.absorbedIds.includes(c.id));
        await recorder.bulkDelete('segments', merged.absorbedIds.filter((id) => id !== keep?.id));
        const segment: Segment = { ...(keep ?? s), codeId: targetId, start: merged.start, end: merged.end };
        await recorder.put('segments', segment);
        await repointSegmentMemos(db, recorder, [...merged.absorbedIds, s.id].filter((id) => id !== segment.id), segment.id);
        current = [...current.filter((c) => !merged.absorbedIds.includes(c.id)), segment];
      }
    }
    let order = nextSiblingOrder(codes, targetId);
    const children = codes.filter((c) => c.parentId === sourceId).sort((a, b) => a.order - b.order);
    await recorder.bulkPut('codes', children.map((c) => ({ ...c, parentId: targetId, order: order++ })));
    for (const memo of await db.memos.filter((m) => m.target.kind === 'code' && m.target.id === sourceId).toArray()) {
      await recorder.put('memos', { ...memo, target: { kind: 'code', id: targetId } });
    }
    const sets = await db.sets.where('projectId').equals(source.projectId).filter((set) => set.codeIds.includes(sourceId)).toArray();
    await recorder.bulkPut('sets', sets.map((set) => ({ ...set, codeIds: [...new Set(set.codeIds.map((id) => (id === sourceId ? targetId : id)))] })));
    await recorder.delete('codes', sourceId);
  });
}

/** How many codes and codings a delete would remove, to show before asking. */
export async function describeCodeDeletion(db: MarginaliaDatabase, id: CodeId): Promise<{ codes: number; segments: number }> {
  const code = await db.codes.get(id);
  if (!code) return { codes: 0, segments: 0 };
  const ids = descendantIds(await listCodes(db, code.projectId), id);
  const segments = await db.segments.where('codeId').anyOf([...ids]).count();
  return { codes: ids.size, segments };
}

/**
 * Deletes a code, its sub-codes and all their codings, and takes them out of sets (undoable).
 * The memos on them go too (`'delete'`) or become project memos saying what they were on
 * (`'keep'`, see `planMemoFate`), in the same step.
 */
export async function deleteCode(db: MarginaliaDatabase, id: CodeId, memoFate: MemoFate = 'delete'): Promise<void> {
  const code = await db.codes.get(id);
  if (!code) return;
  const ids = [...descendantIds(await listCodes(db, code.projectId), id)];
  await recordAction(db, code.projectId, `Delete “${code.name}”`, async (recorder) => {
    const memos = await planMemoFate(db, { kind: 'code', id }, memoFate);
    await recorder.bulkPut('memos', memos.kept);
    await recorder.bulkDelete('memos', memos.deletedIds);
    const segments = await db.segments.where('codeId').anyOf(ids).primaryKeys();
    await recorder.bulkDelete('segments', segments);
    const sets = await db.sets.where('projectId').equals(code.projectId).filter((set) => set.codeIds.some((codeId) => ids.includes(codeId))).toArray();
    await recorder.bulkPut('sets', sets.map((set) => ({ ...set, codeIds: set.codeIds.filter((codeId) => !ids.includes(codeId)) })));
    await recorder.bulkDelete('codes', ids);
  });
}
