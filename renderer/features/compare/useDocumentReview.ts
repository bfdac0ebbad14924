/**
 * Review mode of the open document: opened from a heat-map cell (that document, that code, the
 * compared coders) or from the review list's "Open in the document" (the place's document, the
 * list's codes). Gives the document view its review layer (one column per coder, the places of
 * disagreement by kind, the current one) and the banner its facts, and answers the keys: J or N
 * next disagreement, K or P previous, Escape leaves review mode.
 *
 * The places are shared/agreement's reviewDocument over the document's live codings, so the
 * document and the review list name the same disagreements.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { placeIndexAt, reviewDocument, stepPlace } from '../../../shared/agreement/documentReview.ts';
import type { DisagreementKind } from '../../../shared/agreement/disagreements.ts';
import { codeNamePath, descendantIds } from '../../../shared/coding/codeTree.ts';
import type { Code, CodeId, Coder, CoderId, DocumentId, Segment } from '../../../shared/model/index.ts';
import type { ReviewLayer } from '../../editor/ReviewMargin.tsx';

/** What to review. */
export interface ReviewTarget {
  readonly documentId: DocumentId;
  readonly coderIds: readonly CoderId[];
  /** The comparison's codes: a code and everything under it, or every code (null). */
  readonly codeBranch: CodeId | null;
  /** The code reviewed within them (a heat-map cell's); null reviews them all. */
  readonly focusCodeId?: CodeId | null;
  /** A passage to start at (the place opened from the review list); else the first place. */
  readonly at?: { readonly start: number; readonly end: number } | null;
}

/** What the review banner shows. */
export interface ReviewBannerFacts {
  codeLabel: string;
  coders: readonly Coder[];
  count: number;
  current: number | null;
  currentKind: DisagreementKind | null;
  countsByKind: Readonly<Record<DisagreementKind, number>>;
  onPrevious(): void;
  onNext(): void;
  onExit(): void;
}

export interface DocumentReviewMode {
  layer: ReviewLayer;
  banner: ReviewBannerFacts;
  /** The codings the text paints: the compared coders' codings of the reviewed codes. */
  segments: readonly Segment[];
}

interface UseDocumentReviewInput {
  /** Null (or another document's target) when not reviewing. */
  target: ReviewTarget | null;
  segments: readonly Segment[] | undefined;
  coders: readonly Coder[] | undefined;
  codes: readonly Code[] | undefined;
  onExit(): void;
}

/** True when a key belongs to something above the document (a field, a dialog, a menu, a pane). */
function isKeyForOthers(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (target?.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target?.tagName ?? '')) return true;
  if (document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]')) return true;
  return Boolean(target?.closest?.('.memo-pane, [role="menu"], [role="menubar"], .spot-inspector, .compare-view'));
}

export function useDocumentReview({ target, segments, coders, codes, onExit }: UseDocumentReviewInput): DocumentReviewMode | null {
  const codeBranch = target?.codeBranch ?? null;
  const codeIds = useMemo(() => (codeBranch ? descendantIds(codes ?? [], codeBranch) : null), [codeBranch, codes]);
  const review = useMemo(() => {
    if (!target || !segments) return null;
    const focusCodeIds = target.focusCodeId ? new Set([target.focusCodeId]) : null;
    return reviewDocument({ documentId: target.documentId, coders: target.coderIds, codeIds, focusCodeIds, segments });
  }, [target, segments, codeIds]);

  // The place moved to, for this target: a new target starts again (at its passage, or the first place).
  const [position, setPosition] = useState<{ target: ReviewTarget; index: number | null } | null>(null);
  const places = review?.disagreements;
  let current: number | null = null;
  if (target && places) {
    if (position?.target === target) current = position.index !== null && position.index < places.length ? position.index : null;
    else current = target.at ? placeIndexAt(places, target.at) : places.length > 0 ? 0 : null;
  }
  const step = useCallback(
    (direction: 1 | -1) => {
      if (!target || !places) return;
      setPosition({ target, index: stepPlace(current, places.length, direction) });
    },
    [target, places, current],
  );
  const select = useCallback((index: number) => target && setPosition({ target, index }), [target]);

  const latest = useRef({ step, onExit });
  latest.current = { step, onExit };
  const isActive = review !== null;
  useEffect(() => {
    if (!isActive) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isKeyForOthers(event)) return;
      const key = event.key.toLowerCase();
      if (key === 'j' || key === 'n') latest.current.step(1);
      else if (key === 'k' || key === 'p') latest.current.step(-1);
      else if (key === 'escape') latest.current.onExit();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isActive]);

  const codersById = useMemo(() => new Map((coders ?? []).map((c) => [c.id, c])), [coders]);
  const columns = useMemo(
    () =>
      review
        ? review.columns.map(({ coderId, segments }) => ({ coder: codersById.get(coderId) ?? { id: coderId, name: 'Unknown coder', color: '#999999' }, segments: segments as readonly Segment[] }))
        : [],
    [review, codersById],
  );
  const layer = useMemo<ReviewLayer | null>(() => (review ? { columns, places: review.disagreements, current, onSelectPlace: select } : null), [review, columns, current, select]);

  if (!target || !review || !layer) return null;
  const path = (id: CodeId) => codeNamePath(codes ?? [], id).join(' › ');
  const codeLabel = target.focusCodeId ? path(target.focusCodeId) : target.codeBranch ? `${path(target.codeBranch)} and below` : 'All codes';
  return {
    layer,
    segments: review.reviewed,
    banner: {
      codeLabel,
      coders: columns.map((c) => c.coder),
      count: review.disagreements.length,
      current,
      currentKind: current === null ? null : (review.disagreements[current]?.kind ?? null),
      countsByKind: review.countsByKind,
      onPrevious: () => step(-1),
      onNext: () => step(1),
      onExit,
    },
  };
}
