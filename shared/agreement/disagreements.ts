/**
 * Where coders differ, passage by passage, and what settling a difference writes.
 *
 * A *place* is a stretch of one document where the compared coders' codings (of the compared
 * codes) overlap one another: the connected groups of overlapping codings, whoever made them.
 * Codings that only touch (one ends where the next starts) are separate places. Each place is
 * either an agreement (every coder applied the same codes to the same ranges) or a disagreement
 * of one kind, checked in this order:
 * - `only-some`: at least one compared coder coded nothing there;
 * - `different-codes`: everyone coded it, not with the same codes;
 * - `boundaries`: the same codes, different ranges.
 *
 * A coder's own overlapping or touching codings of one code are merged first (as the
 * coefficients do: codings.ts). Cost: one sort of the codings plus a sweep, O(S log S).
 */
import type { CodeId, CoderId, DocumentId, Segment } from '../model/index.ts';
import { mergeOverlappingSegments } from './codings.ts';

export type DisagreementKind = 'only-some' | 'different-codes' | 'boundaries';

/** The kinds as the app names them (the review list, review mode's marks and legend). */
export const DISAGREEMENT_KIND_LABELS: Readonly<Record<DisagreementKind, string>> = {
  'only-some': 'Only some coded it',
  'different-codes': 'Different codes',
  boundaries: 'Boundaries differ',
};

/** A range of a document, in UTF-16 units, `[start, end)`. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** One code applied to a range. */
export interface CodedRange extends TextRange {
  readonly codeId: CodeId;
}

/** What one coder did in a place (nothing, for a coder who did not code it). */
export interface CoderVersion {
  readonly coderId: CoderId;
  /** Sorted by start, then code. */
  readonly codings: readonly CodedRange[];
}

/** A place, with every compared coder's version of it. */
export interface Place extends TextRange {
  /** Stable across recomputations while the codings stay: document, start and end. */
  readonly id: string;
  readonly documentId: DocumentId;
  /** `null` for an agreement. */
  readonly kind: DisagreementKind | null;
  /** One per compared coder, in the order given. */
  readonly versions: readonly CoderVersion[];
}

/** The places of the compared codings, agreements and disagreements apart, in document order. */
export interface PlaceList {
  readonly disagreements: readonly Place[];
  readonly agreements: readonly Place[];
}

/** What to look at: two or more coders, optionally only some codes and documents. */
export interface PlaceInput {
  readonly coders: readonly CoderId[];
  /** Absent = every code. */
  readonly codeIds?: ReadonlySet<CodeId> | null;
  /** Absent = every document; otherwise in this order. */
  readonly documentIds?: readonly DocumentId[] | null;
  readonly segments: ReadonlyArray<Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>>;
}

/**
 * Finds the places where the coders agree and where they differ.
 *
 * @example
 * findPlaces({ coders: [ana, ben], segments }).disagreements.filter((p) => p.kind === 'boundaries')
 */
export function findPlaces(input: PlaceInput): PlaceList {
  if (input.coders.length < 2) throw new RangeError('Comparing needs at least two coders.');
  const coderIndex = new Map<string, number>(input.coders.map((c, i) => [c, i]));
  const documentOrder = input.documentIds ? new Map<string, number>(input.documentIds.map((d, i) => [d, i])) : null;

  // Group by document, coder and code, then merge each group's own overlaps.
  const groups = new Map<string, Map<string, TextRange[]>>(); // document → "coder\0code" → ranges
  for (const s of input.segments) {
    if (!(s.end > s.start) || !coderIndex.has(s.coderId)) continue;
    if (input.codeIds && !input.codeIds.has(s.codeId)) continue;
    if (documentOrder && !documentOrder.has(s.documentId)) continue;
    let byDocument = groups.get(s.documentId);
    if (!byDocument) groups.set(s.documentId, (byDocument = new Map()));
    const key = `${s.coderId}\u0000${s.codeId}`;
    const list = byDocument.get(key);
    if (list) list.push({ start: s.start, end: s.end });
    else byDocument.set(key, [{ start: s.start, end: s.end }]);
  }

  const documents = [...groups.keys()];
  if (documentOrder) documents.sort((a, b) => documentOrder.get(a)! - documentOrder.get(b)!);
  const disagreements: Place[] = [];
  const agreements: Place[] = [];
  for (const documentId of documents) {
    const codings: { coder: number; codeId: CodeId; start: number; end: number }[] = [];
    for (const [key, ranges] of groups.get(documentId)!) {
      const [coderId, codeId] = key.split('\u0000') as [CoderId, CodeId];
      for (const r of mergeOverlappingSegments(ranges)) codings.push({ coder: coderIndex.get(coderId)!, codeId, start: r.start, end: r.end });
    }
    codings.sort((a, b) => a.start - b.start || a.end - b.end);
    // Sweep: a coding that starts before the group's furthest end overlaps the group.
    for (let i = 0; i < codings.length; ) {
      let end = codings[i]!.end;
      let j = i + 1;
      while (j < codings.length && codings[j]!.start < end) {
        end = Math.max(end, codings[j]!.end);
        j++;
      }
      const place = makePlace(documentId as DocumentId, codings.slice(i, j), input.coders);
      (place.kind === null ? agreements : disagreements).push(place);
      i = j;
    }
  }
  return { disagreements, agreements };
}

function makePlace(documentId: DocumentId, codings: { coder: number; codeId: CodeId; start: number; end: number }[], coders: readonly CoderId[]): Place {
  const start = codings[0]!.start;
  const end = codings.reduce((max, c) => Math.max(max, c.end), start);
  const versions: CoderVersion[] = coders.map((coderId, k) => ({
    coderId,
    codings: codings
      .filter((c) => c.coder === k)
      .map(({ codeId, start, end }) => ({ codeId, start, end }))
      .sort((a, b) => a.start - b.start || (a.codeId < b.codeId ? -1 : a.codeId > b.codeId ? 1 : 0)),
  }));
  const signatures = versions.map((v) => v.codings.map((c) => c.codeId).sort().filter((id, i, all) => all.indexOf(id) === i).join(','));
  const exact = versions.map((v) => v.codings.map((c) => `${c.codeId}@${c.start}-${c.end}`).sort().join(','));
  let kind: DisagreementKind | null = null;
  if (versions.some((v) => v.codings.length === 0)) kind = 'only-some';
  else if (signatures.some((s) => s !== signatures[0])) kind = 'different-codes';
  else if (exact.some((s) => s !== exact[0])) kind = 'boundaries';
  return { id: `${documentId}:${start}-${end}`, documentId, start, end, kind, versions };
}

/** How the researcher settles a place. */
export type Resolution =
  /** That coder's codings, as they are. */
  | { readonly kind: 'coder'; readonly coderId: CoderId }
  /** Everyone's codings (each code's ranges merged where they overlap). */
  | { readonly kind: 'both' }
  /** Per code anyone applied: one coding from the earliest start to the latest end of that code. */
  | { readonly kind: 'union' }
  /** Per code every coder applied: only the text all of them coded with it. */
  | { readonly kind: 'intersection' }
  /** No coding. */
  | { readonly kind: 'neither' }
  /** The researcher's own range, with the codes they keep. */
  | { readonly kind: 'adjust'; readonly start: number; readonly end: number; readonly codeIds: readonly CodeId[] };

/**
 * The consensus codings a resolution writes for a place (sorted; never empty ranges).
 *
 * @example resolvePlace(place, { kind: 'intersection' }) // → [{ codeId: victim, start: 2, end: 5 }]
 */
export function resolvePlace(place: Place, resolution: Resolution): CodedRange[] {
  const byCode = (versions: readonly CoderVersion[]) => {
    const map = new Map<CodeId, TextRange[]>();
    for (const v of versions) for (const c of v.codings) map.set(c.codeId, [...(map.get(c.codeId) ?? []), { start: c.start, end: c.end }]);
    return map;
  };
  let result: CodedRange[] = [];
  switch (resolution.kind) {
    case 'coder': {
      const version = place.versions.find((v) => v.coderId === resolution.coderId);
      if (!version) throw new RangeError('That coder is not part of this comparison.');
      result = [...version.codings];
      break;
    }
    case 'both':
      for (const [codeId, ranges] of byCode(place.versions)) for (const r of mergeOverlappingSegments(ranges)) result.push({ codeId, ...r });
      break;
    case 'union':
      for (const [codeId, ranges] of byCode(place.versions)) {
        result.push({ codeId, start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) });
      }
      break;
    case 'intersection': {
      const codes = byCode(place.versions);
      for (const codeId of codes.keys()) {
        let common: TextRange[] | null = null;
        for (const v of place.versions) {
          const mine = mergeOverlappingSegments(v.codings.filter((c) => c.codeId === codeId));
          common = common === null ? mine : intersectRanges(common, mine);
        }
        for (const r of common ?? []) result.push({ codeId, ...r });
      }
      break;
    }
    case 'neither':
      break;
    case 'adjust':
      if (!(resolution.end > resolution.start)) throw new RangeError('An adjusted coding must cover at least one character.');
      for (const codeId of new Set(resolution.codeIds)) result.push({ codeId, start: resolution.start, end: resolution.end });
      break;
  }
  return result.sort((a, b) => a.start - b.start || a.end - b.end || (a.codeId < b.codeId ? -1 : 1));
}

/** The overlap of two sorted, disjoint range lists. */
function intersectRanges(a: readonly TextRange[], b: readonly TextRange[]): TextRange[] {
  const out: TextRange[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}
