/**
 * Review mode of one document: what the document view shows when the researcher reviews the
 * compared coders' codings there — one column of codings per coder, the codings the text paints,
 * and the places where the coders differ with their kinds.
 *
 * The places come from {@link findPlaces}, the same function the review list uses, so the
 * document and the list always name the same disagreements. Places belong to one document, so
 * the places found over the document's own codings are exactly the list's places there.
 */
import type { CodeId, CoderId, DocumentId, Segment } from '../model/index.ts';
import { findPlaces, type DisagreementKind, type Place, type TextRange } from './disagreements.ts';

/** The fields of a coding review mode reads (the app passes whole Segments and gets them back). */
export type ReviewedCoding = Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>;

/** What to review: one document, two or more coders, one code, a branch or every code (null). */
export interface DocumentReviewInput<S extends ReviewedCoding> {
  readonly documentId: DocumentId;
  readonly coders: readonly CoderId[];
  readonly codeIds: ReadonlySet<CodeId> | null;
  /** The document's codings, by anyone, of any code, in any order. */
  readonly segments: readonly S[];
}

/** One compared coder's codings of the reviewed codes, sorted by start. */
export interface CoderColumn<S> {
  readonly coderId: CoderId;
  readonly segments: readonly S[];
}

export interface DocumentReview<S> {
  /** One per compared coder, in the order given. */
  readonly columns: readonly CoderColumn<S>[];
  /** Every compared coder's codings of the reviewed codes, sorted by start then end. */
  readonly reviewed: readonly S[];
  /** The places where the coders differ, in document order. */
  readonly disagreements: readonly Place[];
  readonly countsByKind: Readonly<Record<DisagreementKind, number>>;
}

/**
 * Splits a document's codings into the compared coders' columns and finds where they differ.
 *
 * @example
 * reviewDocument({ documentId, coders: [ana, ben], codeIds: new Set([victim]), segments }).disagreements[0].kind // 'boundaries'
 */
export function reviewDocument<S extends ReviewedCoding>(input: DocumentReviewInput<S>): DocumentReview<S> {
  const { documentId, coders, codeIds } = input;
  const compared = new Set<CoderId>(coders);
  const reviewed = input.segments
    .filter((s) => s.documentId === documentId && compared.has(s.coderId) && (!codeIds || codeIds.has(s.codeId)) && s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const columns = coders.map((coderId) => ({ coderId, segments: reviewed.filter((s) => s.coderId === coderId) }));
  const { disagreements } = findPlaces({ coders, codeIds, documentIds: [documentId], segments: reviewed });
  const countsByKind: Record<DisagreementKind, number> = { 'only-some': 0, 'different-codes': 0, boundaries: 0 };
  for (const place of disagreements) countsByKind[place.kind!]++;
  return { columns, reviewed, disagreements, countsByKind };
}

/**
 * The place after (`direction` 1) or before (-1) `current`, wrapping round at either end; the
 * first (or last) when none is current; null when there are none.
 *
 * @example stepPlace(2, 3, 1) // 0
 */
export function stepPlace(current: number | null, count: number, direction: 1 | -1): number | null {
  if (count === 0) return null;
  if (current === null || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/**
 * The index of the first place overlapping `range` (a place opened from the review list), or
 * null when none does.
 *
 * @example placeIndexAt(places, { start: 120, end: 180 }) // 3
 */
export function placeIndexAt(places: readonly TextRange[], range: TextRange): number | null {
  const index = places.findIndex((p) => p.start < range.end && p.end > range.start);
  return index < 0 ? null : index;
}
