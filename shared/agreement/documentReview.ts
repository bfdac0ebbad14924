/**
 * Review mode of one document: what the document view shows when the researcher reviews the
 * compared coders' codings there — one column of codings per coder, the codings the text paints,
 * and the places where the coders differ with their kinds.
 *
 * The places come from {@link findPlaces} over the comparison's codes (all, or a branch), the
 * same call the review list makes, so the document and the list name the same disagreements with
 * the same kinds: places belong to one document, so the places found over the document's own
 * codings are exactly the list's places there. Reviewing one code (a heat-map cell) keeps the
 * places where some coder applied it: there the other coder may have applied another code, and
 * the place says "different codes" rather than "only one coded it", as the list does.
 */
import type { CodeId, CoderId, DocumentId, Segment } from '../model/index.ts';
import { findPlaces, type DisagreementKind, type Place, type TextRange } from './disagreements.ts';

/** The fields of a coding review mode reads (the app passes whole Segments and gets them back). */
export type ReviewedCoding = Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>;

/** What to review: one document, two or more coders, the compared codes, optionally a focus. */
export interface DocumentReviewInput<S extends ReviewedCoding> {
  readonly documentId: DocumentId;
  readonly coders: readonly CoderId[];
  /** The comparison's codes: a branch, or every code (null). */
  readonly codeIds: ReadonlySet<CodeId> | null;
  /** The codes reviewed within them (a heat-map cell's code); null = all of `codeIds`. */
  readonly focusCodeIds?: ReadonlySet<CodeId> | null;
  /** The document's codings, by anyone, of any code, in any order. */
  readonly segments: readonly S[];
}

/**
 * One compared coder's reviewed codings, sorted by start: those of the focus codes, and any other
 * of the compared codes that takes part in a disagreement shown (what they applied instead).
 */
export interface CoderColumn<S> {
  readonly coderId: CoderId;
  readonly segments: readonly S[];
}

export interface DocumentReview<S> {
  /** One per compared coder, in the order given. */
  readonly columns: readonly CoderColumn<S>[];
  /** Every compared coder's reviewed codings, sorted by start then end. */
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
  const focus = input.focusCodeIds ?? null;
  const compared = new Set<CoderId>(coders);
  const inScope = input.segments
    .filter((s) => s.documentId === documentId && compared.has(s.coderId) && (!codeIds || codeIds.has(s.codeId)) && s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const found = findPlaces({ coders, codeIds, documentIds: [documentId], segments: inScope }).disagreements;
  const disagreements = focus ? found.filter((p) => p.versions.some((v) => v.codings.some((c) => focus.has(c.codeId)))) : found;
  // Places are maximal groups of overlapping codings, so a coding overlapping a place is part of it.
  const inShownPlace = (s: S) => {
    const i = firstEndingAfter(disagreements, s.start);
    return i < disagreements.length && disagreements[i]!.start < s.end;
  };
  const reviewed = focus ? inScope.filter((s) => focus.has(s.codeId) || inShownPlace(s)) : inScope;
  const columns = coders.map((coderId) => ({ coderId, segments: reviewed.filter((s) => s.coderId === coderId) }));
  const countsByKind: Record<DisagreementKind, number> = { 'only-some': 0, 'different-codes': 0, boundaries: 0 };
  for (const place of disagreements) countsByKind[place.kind!]++;
  return { columns, reviewed, disagreements, countsByKind };
}

/** The index of the first of `ranges` (sorted, disjoint) that ends after `offset`: a binary search. */
function firstEndingAfter(ranges: readonly TextRange[], offset: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ranges[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
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
