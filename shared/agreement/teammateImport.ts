/**
 * Bringing a teammate's coding into a project: their .qdpx (read into a ProjectBundle) is
 * matched onto ours and only their codings come across, under their own coders.
 *
 * Invariants:
 * - Nothing of ours changes: documents are matched (matching.ts), never added or edited; our
 *   codes are reused; codes of theirs with no counterpart are added under the matched (or added)
 *   parent; their codings land on our documents under coders of their own.
 * - A coder of theirs whose name is one of ours is not merged silently: the plan lists the
 *   candidate, and {@link settleTeammateCoders} takes the researcher's answer.
 * - A coding already in the project (same document, code, coder and range) is not added twice,
 *   so importing the same file again adds nothing.
 * - Ids come from the caller's `newId`, so this module stays pure and importing twice never
 *   collides.
 */
import type { Code, CodeId, Coder, CoderId, DocumentId, ProjectBundle, Segment, SegmentId } from '../model/index.ts';
import { matchCodes, matchDocuments, type DocumentMatch } from './matching.ts';
import { codebookOrder, codePaths } from './projects.ts';

/** A coder of theirs whose codings come across. */
export interface TeammateCoder {
  readonly theirs: Coder;
  /** Their codings that land on our documents. */
  readonly segments: number;
  /** Our coder of the same name (or the same id), whom the researcher may say it is. */
  readonly sameAs: Coder | null;
}

/** What importing a teammate's project would do, before the researcher confirms. */
export interface TeammateImportPlan {
  readonly documents: DocumentMatch;
  /** Their codes that are new to the project, as rows of ours (parent and order set). */
  readonly newCodes: readonly Code[];
  /** Their codes matched to ours by path because the ids differ. */
  readonly codesMatchedByPath: number;
  readonly coders: readonly TeammateCoder[];
  /** Their codings on our documents and codes; `coderId` is still THEIR coder's id. */
  readonly segments: readonly Segment[];
  /** Codings left out, by reason. */
  readonly skipped: { readonly onUnmatchedDocuments: number; readonly outsideText: number; readonly alreadyHere: number };
  /** Memos in their file (not brought across: the import is about coding). */
  readonly memosLeftOut: number;
}

/**
 * Plans the import of `theirs` into `ours`.
 *
 * @example
 * const plan = planTeammateImport(ourBundle, theirBundle, () => crypto.randomUUID());
 * plan.segments.length // their codings that will come across
 */
export function planTeammateImport(ours: ProjectBundle, theirs: ProjectBundle, newId: () => string): TeammateImportPlan {
  const documents = matchDocuments(ours.documents, theirs.documents);
  const ourPaths = codePaths(ours.codes);
  const theirPaths = codePaths(theirs.codes);
  const codeMatch = matchCodes(ours.codes, theirs.codes, ourPaths, theirPaths);
  const codesMatchedByPath = [...codeMatch.map].filter(([theirId, ourId]) => theirId !== ourId).length;

  // Their new codes, parents before children, each under our counterpart of its parent.
  const codeMap = new Map<CodeId, CodeId>(codeMatch.map);
  const ourIds = new Set<string>(ours.codes.map((c) => c.id));
  const unmatched = new Set(codeMatch.onlyTheirs);
  const nextOrder = new Map<CodeId | null, number>();
  for (const code of ours.codes) nextOrder.set(code.parentId, Math.max(nextOrder.get(code.parentId) ?? 0, code.order + 1));
  const newCodes: Code[] = [];
  for (const code of codebookOrder(theirs.codes)) {
    if (!unmatched.has(code.id)) continue;
    const id = (ourIds.has(code.id) ? newId() : code.id) as CodeId;
    codeMap.set(code.id, id);
    const parentId = code.parentId ? (codeMap.get(code.parentId) ?? null) : null;
    const order = nextOrder.get(parentId) ?? 0;
    nextOrder.set(parentId, order + 1);
    newCodes.push({ ...code, id, projectId: ours.project.id, parentId, order, quickKey: null });
  }

  const ourLength = new Map(ours.documents.map((d) => [d.id, d.text.length]));
  const existing = new Set(ours.segments.map((s) => segmentKey(s.documentId, s.codeId, s.coderId, s.start, s.end)));
  const segments: Segment[] = [];
  const perCoder = new Map<CoderId, number>();
  let onUnmatchedDocuments = 0;
  let outsideText = 0;
  let alreadyHere = 0;
  for (const segment of theirs.segments) {
    const documentId = documents.map.get(segment.documentId);
    const codeId = codeMap.get(segment.codeId);
    if (!documentId || !codeId) {
      onUnmatchedDocuments++;
      continue;
    }
    // A document matched by name may be shorter here: a coding past its end has no text to cover.
    if (segment.end > ourLength.get(documentId)! || segment.start >= segment.end) {
      outsideText++;
      continue;
    }
    if (existing.has(segmentKey(documentId, codeId, segment.coderId, segment.start, segment.end))) {
      alreadyHere++;
      continue;
    }
    segments.push({ ...segment, id: newId() as SegmentId, projectId: ours.project.id, documentId, codeId });
    perCoder.set(segment.coderId, (perCoder.get(segment.coderId) ?? 0) + 1);
  }

  const coders: TeammateCoder[] = [];
  for (const [coderId, count] of perCoder) {
    const coder = theirs.coders.find((c) => c.id === coderId) ?? { id: coderId, name: 'Unnamed coder', color: '#777777' };
    const sameAs = ours.coders.find((c) => c.id === coder.id) ?? ours.coders.find((c) => sameName(c.name, coder.name)) ?? null;
    coders.push({ theirs: coder, segments: count, sameAs });
  }

  return {
    documents,
    newCodes,
    codesMatchedByPath,
    coders,
    segments,
    skipped: { onUnmatchedDocuments, outsideText, alreadyHere },
    memosLeftOut: theirs.memos.length,
  };
}

/**
 * Who each of their coders is here: our coder's id (the researcher said it is the same person)
 * or `null` for a new coder. Unanswered coders with no namesake become new coders; a namesake
 * left unanswered is taken as a different person (never merged silently).
 */
export type CoderAnswers = ReadonlyMap<CoderId, CoderId | null>;

/** The coders to add and the codings to write, once the researcher has answered. */
export interface SettledTeammateImport {
  readonly newCoders: readonly Coder[];
  readonly segments: readonly Segment[];
}

/**
 * Applies the researcher's answers: codings move to our coder where they said so, or to a new
 * coder (a new id when theirs is taken here, and " (imported)" after a name we already have).
 * A coding that, under our coder, duplicates one of ours is dropped.
 *
 * @example settleTeammateCoders(plan, new Map([[theirAnn, ourAnn]]), ourBundle, () => crypto.randomUUID())
 */
export function settleTeammateCoders(plan: TeammateImportPlan, answers: CoderAnswers, ours: ProjectBundle, newId: () => string): SettledTeammateImport {
  const ourCoderIds = new Set<string>(ours.coders.map((c) => c.id));
  const coderFor = new Map<CoderId, CoderId>();
  const newCoders: Coder[] = [];
  for (const { theirs } of plan.coders) {
    const answer = answers.get(theirs.id);
    if (answer && ourCoderIds.has(answer)) {
      coderFor.set(theirs.id, answer);
      continue;
    }
    const id = (ourCoderIds.has(theirs.id) || newCoders.some((c) => c.id === theirs.id) ? newId() : theirs.id) as CoderId;
    const name = ours.coders.some((c) => sameName(c.name, theirs.name)) ? `${theirs.name} (imported)` : theirs.name;
    newCoders.push({ ...theirs, id, name });
    coderFor.set(theirs.id, id);
  }
  const existing = new Set(ours.segments.map((s) => segmentKey(s.documentId, s.codeId, s.coderId, s.start, s.end)));
  const segments: Segment[] = [];
  for (const segment of plan.segments) {
    const coderId = coderFor.get(segment.coderId)!;
    const key = segmentKey(segment.documentId, segment.codeId, coderId, segment.start, segment.end);
    if (existing.has(key)) continue;
    existing.add(key);
    segments.push({ ...segment, coderId });
  }
  return { newCoders, segments };
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

function segmentKey(documentId: DocumentId, codeId: CodeId, coderId: CoderId, start: number, end: number): string {
  return `${documentId}\u0000${codeId}\u0000${coderId}\u0000${start}\u0000${end}`;
}
