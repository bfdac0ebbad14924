/**
 * Review mode's margin: a column of place marks (one per place where the compared coders differ,
 * drawn by kind, the current one ringed) and one stripe column per compared coder, headed by the
 * coder's name and colour, holding only that coder's codings of the reviewed codes.
 *
 * The stripes are the ordinary MarginStripes, given one coder's codings each; the place marks are
 * measured like the memo marks, only near the viewport (marginWindow.ts).
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { DISAGREEMENT_KIND_LABELS, type Place } from '../../shared/agreement/disagreements.ts';
import type { Code, Coder, Segment, SegmentId } from '../../shared/model/index.ts';
import { domRange, type RenderedDocument } from './domOffsets.ts';
import type { HighlightPainter } from './highlightPainter.ts';
import { MarginStripes } from './MarginStripes.tsx';
import { marginWindowNearViewport, useRemeasureMargin, type MarginWindow } from './marginWindow.ts';

/** What review mode gives the document view. */
export interface ReviewLayer {
  /** One per compared coder, in the order compared; segments sorted by start. */
  readonly columns: readonly { readonly coder: Coder; readonly segments: readonly Segment[] }[];
  /** The places of disagreement, in document order (shared/agreement findPlaces). */
  readonly places: readonly Place[];
  /** The index of the place moved to, or null. */
  readonly current: number | null;
  onSelectPlace(index: number): void;
}

interface ReviewMarginProps {
  review: ReviewLayer;
  scroller: HTMLElement | null;
  content: HTMLElement | null;
  doc: RenderedDocument | null;
  painter: HighlightPainter | null;
  codesById: ReadonlyMap<string, Code>;
  codersById: ReadonlyMap<string, Coder>;
  onStripeClick(segmentId: SegmentId, clientY: number): void;
  onPainted(): void;
}

export function ReviewMargin({ review, scroller, content, doc, painter, codesById, codersById, onStripeClick, onPainted }: ReviewMarginProps) {
  return (
    <div className="review-margin">
      <PlaceMarks places={review.places} current={review.current} onSelect={review.onSelectPlace} scroller={scroller} content={content} doc={doc} />
      {review.columns.map(({ coder, segments }, index) => (
        <div key={coder.id} className="review-column" role="group" aria-label={`${coder.name}’s codings`} style={{ ['--coder-color' as string]: coder.color }}>
          <div className="review-column-head" title={coder.name}>
            <span className="review-column-dot" aria-hidden="true" />
            <span className="review-column-name">{coder.name}</span>
          </div>
          <MarginStripes
            scroller={scroller}
            content={content}
            doc={doc}
            painter={painter}
            segments={segments}
            codesById={codesById}
            codersById={codersById}
            visibleCodeIds={null}
            // Each column is one coder's already: its stripes say which code.
            colorBy="code"
            onStripeClick={onStripeClick}
            // The view is painted once the first column is: every column measures in the same frame.
            onPainted={index === 0 ? onPainted : undefined}
          />
        </div>
      ))}
    </div>
  );
}

interface PlacedMark {
  index: number;
  top: number;
  height: number;
}

interface PlaceMarksProps {
  places: readonly Place[];
  current: number | null;
  onSelect(index: number): void;
  scroller: HTMLElement | null;
  content: HTMLElement | null;
  doc: RenderedDocument | null;
}

function PlaceMarks({ places, current, onSelect, scroller, content, doc }: PlaceMarksProps) {
  const [marks, setMarks] = useState<PlacedMark[]>([]);
  const measuredWindow = useRef<MarginWindow | null>(null);
  const columnRef = useRef<HTMLDivElement>(null);

  const measure = useCallback(() => {
    if (!scroller || !content || !doc || doc.paragraphs.length === 0 || places.length === 0) {
      setMarks((marks) => (marks.length === 0 ? marks : []));
      measuredWindow.current = null;
      return;
    }
    const window = marginWindowNearViewport(scroller, content, doc);
    const columnTop = columnRef.current?.getBoundingClientRect().top ?? content.getBoundingClientRect().top;
    const placed: PlacedMark[] = [];
    places.forEach((place, index) => {
      if (place.end < window.startOffset || place.start > window.endOffset) return;
      const rects = domRange(doc, place.start, place.end)?.getClientRects();
      if (!rects || rects.length === 0) return;
      const top = rects[0]!.top - columnTop;
      placed.push({ index, top, height: Math.max(rects[rects.length - 1]!.bottom - columnTop - top, 6) });
    });
    measuredWindow.current = window;
    setMarks(placed);
  }, [scroller, content, doc, places]);

  useLayoutEffect(() => {
    measure();
  }, [measure]);
  useRemeasureMargin(scroller, content, measuredWindow, measure);

  return (
    <div className="review-column review-places" role="group" aria-label="Disagreements">
      <div className="review-column-head" title="Places where the coders differ">Differ</div>
      <div ref={columnRef} className="review-places-marks">
        {marks.map(({ index, top, height }) => {
          const place = places[index]!;
          const label = `${DISAGREEMENT_KIND_LABELS[place.kind!]}: disagreement ${index + 1} of ${places.length}`;
          return (
            <button
              type="button"
              key={place.id}
              className={`place-mark place-${place.kind}${index === current ? ' is-current' : ''}`}
              data-kind={place.kind}
              aria-label={label}
              aria-current={index === current ? 'true' : undefined}
              title={label}
              tabIndex={-1}
              style={{ top, height }}
              onClick={() => onSelect(index)}
            />
          );
        })}
      </div>
    </div>
  );
}
