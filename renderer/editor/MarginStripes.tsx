/**
 * Coding stripes in the margin, one column per overlapping code (as in NVivo and MAXQDA),
 * labelled with the code's name. Coloured by coder, a stripe takes its coder's colour and each
 * code and coder gets its own column, so two coders' codings of one code stand side by side. Only the segments within about a screen of the viewport are
 * measured, so a document with 10,000 codings costs a few dozen measurements per scroll step.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Code, CodeId, Coder, Segment, SegmentId } from '../../shared/model/index.ts';
import { assignStripeColumns } from '../../shared/coding/segmentRanges.ts';
import type { RenderedDocument } from './domOffsets.ts';
import type { HighlightPainter } from './highlightPainter.ts';
import { marginWindowNearViewport, useRemeasureMargin } from './marginWindow.ts';
import { segmentColor } from './segmentColor.ts';
import type { ColorSource } from '../../shared/coding/coderView.ts';

export interface Stripe {
  segmentId: SegmentId;
  codeId: CodeId;
  /** What shares a column: the code, or the code and coder when coloured by coder. */
  columnKey: string;
  column: number;
  top: number;
  height: number;
}

const COLUMN_WIDTH = 18;

interface MarginStripesProps {
  scroller: HTMLElement | null;
  content: HTMLElement | null;
  doc: RenderedDocument | null;
  painter: HighlightPainter | null;
  /** Segments sorted by start. */
  segments: readonly Segment[];
  codesById: ReadonlyMap<string, Code>;
  codersById: ReadonlyMap<string, Coder>;
  visibleCodeIds: ReadonlySet<CodeId> | null;
  colorBy: ColorSource;
  onStripeClick(segmentId: SegmentId, clientY: number): void;
  /** Called after stripes are measured and rendered (the benchmark waits for it). */
  onPainted?(): void;
}

export function MarginStripes(props: MarginStripesProps) {
  const { scroller, content, doc, painter, segments, codesById, codersById, visibleCodeIds, colorBy, onStripeClick, onPainted } = props;
  const [stripes, setStripes] = useState<{ stripes: Stripe[]; columns: number }>({ stripes: [], columns: 0 });
  const measuredWindow = useRef<{ top: number; bottom: number } | null>(null);
  const columnRef = useRef<HTMLDivElement>(null);

  const measure = useCallback(() => {
    if (!scroller || !content || !doc || !painter || doc.paragraphs.length === 0) {
      setStripes({ stripes: [], columns: 0 });
      return;
    }
    // Stripes are placed in the column's own coordinates: it starts below the content's padding,
    // so measuring from the content's top would draw every stripe a padding too low.
    const columnTop = columnRef.current?.getBoundingClientRect().top ?? content.getBoundingClientRect().top;
    // Measure one screen above and below, so small scrolls need no new measurement.
    const window = marginWindowNearViewport(scroller, content, doc);
    const { startOffset, endOffset } = window;
    const visible: Stripe[] = [];
    for (const segment of segments) {
      if (segment.start > endOffset) break;
      if (segment.end < startOffset) continue;
      if (visibleCodeIds && !visibleCodeIds.has(segment.codeId)) continue;
      const range = painter.rangeOf(segment.id);
      if (!range) continue;
      const rects = range.getClientRects();
      if (rects.length === 0) continue;
      const top = rects[0]!.top - columnTop;
      const bottom = rects[rects.length - 1]!.bottom - columnTop;
      const columnKey = colorBy === 'coder' ? `${segment.codeId} ${segment.coderId}` : segment.codeId;
      visible.push({ segmentId: segment.id, codeId: segment.codeId, columnKey, column: 0, top, height: Math.max(bottom - top, 4) });
    }
    const { columnOf, columnCount } = assignStripeColumns(visible.map((s) => ({ key: s.columnKey, start: s.top, end: s.top + s.height })));
    for (const stripe of visible) stripe.column = columnOf.get(stripe.columnKey) ?? 0;
    measuredWindow.current = window;
    setStripes({ stripes: visible, columns: columnCount });
  }, [scroller, content, doc, painter, segments, visibleCodeIds, colorBy]);

  useLayoutEffect(() => {
    measure();
  }, [measure]);

  useEffect(() => {
    onPainted?.();
  }, [stripes, onPainted]);

  useRemeasureMargin(scroller, content, measuredWindow, measure);

  const segmentsById = new Map(segments.map((s) => [s.id, s]));
  return (
    <div ref={columnRef} className="margin-stripes" aria-label="Coding stripes" style={{ width: Math.max(stripes.columns, 1) * COLUMN_WIDTH + 8 }}>
      {stripes.stripes.map((stripe) => {
        const code = codesById.get(stripe.codeId);
        const segment = segmentsById.get(stripe.segmentId);
        const coder = segment ? codersById.get(segment.coderId) : undefined;
        const coderName = coder?.name ?? 'unknown coder';
        // Coloured by coder, the tooltip says whose colour the stripe wears.
        const label = `${code?.name ?? 'Unknown code'} — ${coderName}${colorBy === 'coder' ? ` (in ${coderName}’s colour)` : ''}`;
        return (
          <button
            type="button"
            key={stripe.segmentId}
            className="margin-stripe"
            data-coder-id={segment?.coderId}
            title={label}
            aria-label={label}
            tabIndex={-1}
            style={{ top: stripe.top, height: stripe.height, left: stripe.column * COLUMN_WIDTH + 4, ['--stripe-color' as string]: segment ? segmentColor(segment, colorBy, codesById, codersById) : '#999' }}
            onClick={(event) => onStripeClick(stripe.segmentId, event.clientY)}
          >
            <span className="margin-stripe-label">{code?.name}</span>
          </button>
        );
      })}
    </div>
  );
}
