/**
 * Segments: applying, removing, recoding and resizing codings. Every change is one undoable
 * action. Applying a code over text the same coder already coded with that code merges into
 * one Segment, never a duplicate.
 */
import type { Code, CodeId, CoderId, DocumentId, ProjectId, Segment, SegmentId } from '../../shared/model/index.ts';
import { nextSiblingOrder } from '../../shared/coding/codeTree.ts';
import { lowestFreeQuickKey, withQuickKey } from '../../shared/coding/quickKeys.ts';
import { isValidRange, mergeIntoRanges } from '../../shared/coding/segmentRanges.ts';
import { truncateText } from '../../shared/text/truncate.ts';
import type { MarginaliaDatabase } from './database.ts';
import { recordAction, type ActionRecorder } from './history.ts';
import { newId, now } from './ids.ts';
import { planMemoFate, type MemoFate } from './memoRepository.ts';
import { paletteColor } from '../../shared/common/colors.ts';

export async function listSegmentsOfDocument(db: MarginaliaDatabase, documentId: DocumentId): Promise<Segment[]> {
  return db.segments.where('documentId').equals(documentId).toArray();
}

export async function listSegmentsOfProject(db: MarginaliaDatabase, projectId: ProjectId): Promise<Segment[]> {
  return db.segments.where('projectId').equals(projectId).toArray();
}

/**
 * Writes codings that come with a new project (the demo's example coders), in one bulk write and
 * outside the undo history: undoing the researcher's first action must not take them away.
 * The caller has checked the ranges against the texts.
 */
export async function addProjectSegments(db: MarginaliaDatabase, segments: readonly Segment[]): Promise<void> {
  await db.segments.bulkAdd([...segments]);
}

/**
 * Which of `coderIds` made at least one coding in the project, in the order given. One indexed
 * look-up per coder, stopping at their first coding in the project.
 */
export async function listCodersWithCodings(db: MarginaliaDatabase, projectId: ProjectId, coderIds: readonly CoderId[]): Promise<CoderId[]> {
  const found = await Promise.all(coderIds.map((id) => db.segments.where('coderId').equals(id).filter((s) => s.projectId === projectId).first()));
  return coderIds.filter((_, i) => found[i] !== undefined);
}

/** A coding to make: a Segment without the fields the repository assigns. */
export type ApplyCodeRequest = Pick<Segment, 'projectId' | 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>;

async function codeName(db: MarginaliaDatabase, codeId: CodeId): Promise<string> {
  return (await db.codes.get(codeId))?.name ?? 'code';
}

/**
 * Writes `[start, end)` under `codeId` for `coderId`, absorbing that coder's overlapping or
 * touching segments of the same code. Returns the resulting segment.
 */
async function putMergedSegment(
  db: MarginaliaDatabase,
  recorder: ActionRecorder,
  request: ApplyCodeRequest,
  keepId?: SegmentId,
  createdAt?: string,
  preferredId?: SegmentId,
): Promise<Segment> {
  const sameCodeAndCoder = await db.segments
    .where('[documentId+codeId+coderId]')
    .equals([request.documentId, request.codeId, request.coderId])
    .toArray();
  const candidates = sameCodeAndCoder.filter((s) => s.id !== keepId);
  const merged = mergeIntoRanges(candidates, request.start, request.end);
  const absorbed = candidates.filter((s) => merged.absorbedIds.includes(s.id));
  // Keep the oldest id of the merge so memos on it stay attached.
  const survivor = keepId ?? absorbed.sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]?.id ?? preferredId ?? newId<SegmentId>();
  const existing = await db.segments.get(survivor);
  const gone = merged.absorbedIds.filter((id) => id !== survivor);
  await recorder.bulkDelete('segments', gone);
  if (preferredId && preferredId !== survivor) gone.push(preferredId);
  await repointSegmentMemos(db, recorder, gone, survivor);
  const segment: Segment = {
    id: survivor,
    projectId: request.projectId,
    documentId: request.documentId,
    codeId: request.codeId,
    coderId: request.coderId,
    start: merged.start,
    end: merged.end,
    createdAt: existing?.createdAt ?? createdAt ?? now(),
  };
  await recorder.put('segments', segment);
  return segment;
}

/** Memos written on codings that a merge absorbed move to the coding that absorbed them. */
export async function repointSegmentMemos(db: MarginaliaDatabase, recorder: ActionRecorder, fromIds: readonly string[], to: SegmentId): Promise<void> {
  if (fromIds.length === 0) return;
  const memos = (await db.memos.where('target.id').anyOf([...fromIds]).toArray()).filter((m) => m.target.kind === 'segment');
  await recorder.bulkPut('memos', memos.map((memo) => ({ ...memo, target: { kind: 'segment' as const, id: to } })));
}

/** Applies a code to a range of a document. Throws on an empty or out-of-range selection or a category. */
export async function applyCode(db: MarginaliaDatabase, request: ApplyCodeRequest): Promise<Segment> {
  const [code, document, text] = await Promise.all([db.codes.get(request.codeId), db.documents.get(request.documentId), db.documentTexts.get(request.documentId)]);
  if (!code) throw new Error('That code no longer exists.');
  if (code.projectId !== request.projectId || (document && document.projectId !== request.projectId)) throw new Error('That code or document belongs to another project.');
  if (!code.isCodable) throw new Error(`“${code.name}” is a category: apply one of its codes instead.`);
  if (!text || !isValidRange(request.start, request.end, text.text.length)) throw new Error('Select some text in the document first.');
  return recordAction(db, request.projectId, `Apply “${code.name}”`, (recorder) => putMergedSegment(db, recorder, request));
}

/**
 * Removes a coding, as one undoable step. Its memos go with it (`'delete'`) or become project
 * memos saying what they were on (`'keep'`, see `planMemoFate`).
 */
export async function removeSegment(db: MarginaliaDatabase, id: SegmentId, memoFate: MemoFate = 'delete'): Promise<void> {
  const segment = await db.segments.get(id);
  if (!segment) return;
  await recordAction(db, segment.projectId, `Remove “${await codeName(db, segment.codeId)}” coding`, async (recorder) => {
    const memos = await planMemoFate(db, { kind: 'segment', id }, memoFate);
    await recorder.bulkPut('memos', memos.kept);
    await recorder.bulkDelete('memos', memos.deletedIds);
    await recorder.delete('segments', id);
  });
}

/** Moves a segment to another code (merging with that code's overlapping segments of the same coder). */
export async function changeSegmentCode(db: MarginaliaDatabase, id: SegmentId, codeId: CodeId): Promise<void> {
  const segment = await db.segments.get(id);
  const code = await db.codes.get(codeId);
  if (!segment || !code) throw new Error('That coding or code no longer exists.');
  if (code.projectId !== segment.projectId) throw new Error('That code belongs to another project.');
  if (!code.isCodable) throw new Error(`“${code.name}” is a category: choose one of its codes instead.`);
  await recordAction(db, segment.projectId, `Recode as “${code.name}”`, async (recorder) => {
    await recorder.delete('segments', id);
    await putMergedSegment(db, recorder, { ...segment, codeId }, undefined, segment.createdAt, id);
  });
}

/** Changes a segment's boundaries. */
export async function resizeSegment(db: MarginaliaDatabase, id: SegmentId, start: number, end: number): Promise<void> {
  const segment = await db.segments.get(id);
  if (!segment) throw new Error('That coding no longer exists.');
  const text = await db.documentTexts.get(segment.documentId);
  if (!text || !isValidRange(start, end, text.text.length)) throw new Error('A coding must cover at least one character of its document.');
  await recordAction(db, segment.projectId, `Adjust “${await codeName(db, segment.codeId)}” coding`, async (recorder) => {
    await putMergedSegment(db, recorder, { ...segment, start, end }, id);
  });
}

/** The name an in vivo code gets from the selected words: one line, at most 60 characters. */
export function inVivoName(quote: string): string {
  return truncateText(quote.replace(/\s+/g, ' ').trim(), 60);
}

/**
 * Codes in vivo: creates a top-level code named after the selected words and applies it, as one
 * undoable action.
 */
export async function applyNewCode(db: MarginaliaDatabase, request: Omit<ApplyCodeRequest, 'codeId'>, quote: string): Promise<Segment> {
  const name = inVivoName(quote);
  if (!name) throw new Error('Select some words to name the new code after.');
  return putNewCodeAndSegment(db, request, { name, description: 'In vivo code: named after the words of the text.', examples: quote.trim() }, `Code in vivo “${name}”`);
}

/**
 * Creates a top-level code named `name` (e.g. typed in the code picker) and applies it to the
 * range, as one undoable action: one undo removes both the coding and the code.
 */
export async function applyNewNamedCode(db: MarginaliaDatabase, request: Omit<ApplyCodeRequest, 'codeId'>, name: string, color?: string): Promise<Segment> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A code needs a name.');
  return putNewCodeAndSegment(db, request, { name: trimmed, color }, `Create and apply “${trimmed}”`);
}

async function putNewCodeAndSegment(
  db: MarginaliaDatabase,
  request: Omit<ApplyCodeRequest, 'codeId'>,
  fields: { name: string; color?: string | undefined; description?: string; examples?: string },
  label: string,
): Promise<Segment> {
  const text = await db.documentTexts.get(request.documentId);
  if (!text || !isValidRange(request.start, request.end, text.text.length)) throw new Error('Select some text in the document first.');
  return recordAction(db, request.projectId, label, async (recorder) => {
    const codes = await db.codes.where('projectId').equals(request.projectId).toArray();
    const code: Code = {
      id: newId<CodeId>(),
      projectId: request.projectId,
      parentId: null,
      name: fields.name,
      color: fields.color ?? paletteColor(codes.length),
      description: fields.description ?? '',
      definition: '',
      inclusion: '',
      exclusion: '',
      examples: fields.examples ?? '',
      isCodable: true,
      order: nextSiblingOrder(codes, null),
    };
    const key = lowestFreeQuickKey(codes);
    await recorder.put('codes', withQuickKey(code, key));
    return putMergedSegment(db, recorder, { ...request, codeId: code.id });
  });
}
