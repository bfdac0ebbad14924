/**
 * The one reference check of a ProjectBundle, used before writing a .qdpx (qdpxWrite.ts) and
 * before importing a bundle into the database (renderer/db/exchangeRepository.ts), so both
 * refuse the same bundles with the same sentence: every segment's document, code and coder must
 * be in the bundle and its range non-empty inside its text (`isValidRange`); every memo's target
 * and writer must be there (a passage's range non-empty inside its document's text); every set member must be there.
 */
import { isValidRange } from '../coding/segmentRanges.ts';
import type { ProjectBundle } from '../model/index.ts';
import { ExchangeError } from '../common/errors.ts';

/**
 * The first reference the bundle cannot satisfy, as one sentence, or null when there is none.
 *
 * @example
 * findBundleProblem({ ...bundle, segments: [{ ...segment, start: 5, end: 5 }] })
 * // → 'A coding in “Interview 1” covers no text ([5, 5)).'
 */
export function findBundleProblem(bundle: ProjectBundle): string | null {
  const documents = new Map(bundle.documents.map((d) => [d.id, d]));
  const codes = new Set(bundle.codes.map((c) => c.id));
  const coders = new Set(bundle.coders.map((c) => c.id));
  // Only the segments memos point at need looking up (a large project has 200,000 segments).
  const memoSegments = new Set<string>(bundle.memos.flatMap((m) => (m.target.kind === 'segment' ? [m.target.id] : [])));
  const segments = new Set<string>();
  for (const segment of bundle.segments) {
    const document = documents.get(segment.documentId);
    if (!document) return `A coding refers to a document (${segment.documentId}) that the project does not contain.`;
    if (!codes.has(segment.codeId)) return `A coding in “${document.name}” refers to a code (${segment.codeId}) that the project does not contain.`;
    if (!coders.has(segment.coderId)) return `A coding in “${document.name}” was made by a coder (${segment.coderId}) that the project does not contain.`;
    if (!isValidRange(segment.start, segment.end, document.text.length)) {
      return segment.start === segment.end && Number.isInteger(segment.start) && segment.start >= 0 && segment.start <= document.text.length
        ? `A coding in “${document.name}” covers no text ([${segment.start}, ${segment.end})).`
        : `A coding in “${document.name}” lies outside its text ([${segment.start}, ${segment.end})).`;
    }
    if (memoSegments.size && memoSegments.has(segment.id)) segments.add(segment.id);
  }
  for (const memo of bundle.memos) {
    const target = memo.target;
    const ok =
      target.kind === 'project' ||
      (target.kind === 'document' && documents.has(target.id)) ||
      (target.kind === 'code' && codes.has(target.id)) ||
      (target.kind === 'segment' && segments.has(target.id)) ||
      (target.kind === 'passage' && documents.has(target.id));
    if (!ok) return `The memo “${memo.title}” is attached to a ${target.kind} that the project does not contain.`;
    if (target.kind === 'passage') {
      const document = documents.get(target.id)!;
      if (!isValidRange(target.start, target.end, document.text.length)) return `The memo “${memo.title}” is attached to a passage of “${document.name}” that lies outside its text or covers none ([${target.start}, ${target.end})).`;
    }
    if (memo.coderId !== null && !coders.has(memo.coderId)) return `The memo “${memo.title}” was written by a coder (${memo.coderId}) that the project does not contain.`;
  }
  for (const set of bundle.sets) {
    for (const id of set.codeIds) if (!codes.has(id)) return `The set “${set.name}” lists a code (${id}) that the project does not contain.`;
    for (const id of set.documentIds) if (!documents.has(id)) return `The set “${set.name}” lists a document (${id}) that the project does not contain.`;
  }
  return null;
}

/** Throws ExchangeError with `findBundleProblem`'s sentence when the bundle has a broken reference. */
export function checkBundle(bundle: ProjectBundle): void {
  const problem = findBundleProblem(bundle);
  if (problem !== null) throw new ExchangeError(problem);
}
