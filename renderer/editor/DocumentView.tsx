/**
 * The document view: the text rendered read-only by Lexical, codings painted over it with CSS
 * Custom Highlights, coding stripes in the margin, and the spot inspector (hover or click a
 * spot to see which codes and coders cover it, and change or remove those codings).
 *
 * Dexie stays the source of truth: this view only reads segments and reports selections. It
 * shows every segment it is given: whose codings those are (the coder filter, blind coding) is
 * decided by the workbench, once, before they reach this view.
 * The document takes a keyboard caret (documentCaret.ts) when its scroller has focus, and a
 * polite live region says which codes cover the text at the caret when that changes.
 * In review mode (a `review` layer given) the margin holds a column per compared coder and the
 * places where they differ instead of the usual stripes (ReviewMargin.tsx).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LexicalEditor } from 'lexical';
import type { Code, CodeId, Coder, DocumentId, MemoId, MemoTarget, Segment, SegmentId } from '../../shared/model/index.ts';
import type { MemoIndex } from './memoMarks/memoIndex.ts';
import { MarginMemoMarks } from './MarginMemoMarks.tsx';
import { memoAnchorsOf } from './memoMarks/memoAnchors.ts';
import { buildParagraphMap } from '../../shared/text/paragraphs.ts';
import { createDocumentEditor, loadLines } from './lexicalDocument.ts';
import { createRenderedDocument, offsetAtPoint, selectionOffsets, type RenderedDocument } from './domOffsets.ts';
import { caretRect, moveCaret, readCaret, scrollCaretIntoView, writeCaret, type CaretSelection } from './documentCaret.ts';
import { HighlightPainter } from './highlightPainter.ts';
import { MarginStripes } from './MarginStripes.tsx';
import { ReviewMargin, type ReviewLayer } from './ReviewMargin.tsx';
import { settleChunksWhenIdle } from './settleChunks.ts';
import { offsetWindowNearViewport } from './viewportWindow.ts';
import { SpotInspector, type SpotInspection } from './SpotInspector.tsx';
import { segmentColor } from './segmentColor.ts';
import type { ColorSource } from '../../shared/coding/coderView.ts';
import { signalForTests } from '../platform/testHooks.ts';
import './documentView.css';

export interface DocumentViewProps {
  documentId: DocumentId;
  documentName: string;
  text: string;
  /** The segments of this document to show (any order): already filtered by coder. */
  segments: readonly Segment[];
  codes: readonly Code[];
  coders: readonly Coder[];
  visibleCodeIds: ReadonlySet<CodeId> | null;
  showMargin: boolean;
  /** Whether paint, stripes and dots take the code's colour or the coder's. */
  colorBy: ColorSource;
  /** Filled with the painter so the app can paint a coding the moment a key is pressed. */
  painterRef: { current: HighlightPainter | null };
  /**
   * The passage kept for coding (painted while the browser's selection is elsewhere, e.g. in
   * the code picker's search box).
   */
  passage: { start: number; end: number } | null;
  /**
   * A new selection in the document, or null when the researcher collapsed it inside the
   * document (a click, a caret move, Escape). A selection that merely leaves the document (focus
   * moves to the picker, a menu, the codebook) is not reported: the passage stays kept.
   */
  onSelectionChange(selection: { start: number; end: number } | null): void;
  onOpenPicker(): void;
  onRemoveSegment(id: SegmentId): void;
  onRecodeSegment(id: SegmentId): void;
  onResizeSegment(id: SegmentId, start: number, end: number): void;
  onError(error: Error): void;
  /** The project's memos by target: the margin marks, the passages' paint and the inspector's lists. */
  memos: MemoIndex;
  onOpenMemo(id: MemoId): void;
  /** Writes a new memo on a coding (the inspector's "Add memo"). */
  onWriteMemo(target: MemoTarget): void;
  /** Review mode: one stripe column per compared coder and the places they differ (ReviewMargin.tsx). */
  review?: ReviewLayer | null;
  /** Shown above the document (review mode's banner). */
  banner?: React.ReactNode;
}

export function DocumentView(props: DocumentViewProps) {
  const { documentId, text, segments, codes, coders, visibleCodeIds, showMargin, colorBy, painterRef, passage, onSelectionChange, onError } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<LexicalEditor | null>(null);
  const [painter, setPainter] = useState<HighlightPainter | null>(null);
  const [rendered, setRendered] = useState<RenderedDocument | null>(null);
  const [inspection, setInspection] = useState<SpotInspection | null>(null);
  const [hover, setHover] = useState<{ x: number; y: number; segments: Segment[] } | null>(null);
  const [caretBox, setCaretBox] = useState<{ left: number; top: number; height: number } | null>(null);
  const [caretSays, setCaretSays] = useState('');
  const caretRef = useRef<CaretSelection | null>(null);
  const passageRef = useRef(passage);
  passageRef.current = passage;
  const pointerDownAt = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  const codesById = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codes]);
  const codersById = useMemo(() => new Map(coders.map((c) => [c.id, c])), [coders]);
  const sortedSegments = useMemo(() => [...segments].sort((a, b) => a.start - b.start || a.end - b.end), [segments]);
  const { memos } = props;
  // Each memo on a coding or a passage of this document, at its first character.
  const memoAnchors = useMemo(() => memoAnchorsOf(sortedSegments, memos, documentId), [sortedSegments, memos, documentId]);
  const memoPassages = useMemo(
    () => memos.onTarget(documentId).flatMap((memo) => (memo.target.kind === 'passage' ? [{ start: memo.target.start, end: memo.target.end }] : [])),
    [memos, documentId],
  );

  // One editor and one painter for the life of the view.
  useLayoutEffect(() => {
    const editor = createDocumentEditor(rootRef.current!, (error) => onErrorRef.current(error));
    editorRef.current = editor;
    const highlightPainter = new HighlightPainter();
    painterRef.current = highlightPainter;
    setPainter(highlightPainter);
    return () => {
      highlightPainter.dispose();
      painterRef.current = null;
      editor.setRootElement(null);
      editorRef.current = null;
    };
  }, [painterRef]);

  // A new text: render it, then point the painter at the new DOM.
  useLayoutEffect(() => {
    const editor = editorRef.current;
    if (!editor || !painter) return;
    performance.mark('marginalia:render-start');
    const map = buildParagraphMap(text);
    const paragraphs = loadLines(editor, map.lines);
    performance.mark('marginalia:lexical-loaded');
    const doc = createRenderedDocument(map, paragraphs);
    painter.setDocument(doc);
    setRendered(doc);
    setInspection(null);
  }, [text, documentId, painter]);

  useLayoutEffect(() => {
    painter?.setCodes(codes);
  }, [painter, codes]);

  useLayoutEffect(() => {
    painter?.setCoders(coders);
  }, [painter, coders]);

  // Before the first paint, so a view opened coloured by coder paints each Range once.
  useLayoutEffect(() => {
    painter?.setColorBy(colorBy);
  }, [painter, colorBy]);

  useLayoutEffect(() => {
    painter?.setVisibleCodes(visibleCodeIds);
  }, [painter, visibleCodeIds]);

  /** Registers the codings near the viewport with CSS.highlights (see highlightPainter.ts). */
  const updatePaintWindow = useCallback(() => {
    const root = rootRef.current;
    const scroller = scrollerRef.current;
    if (painter && rendered && root && scroller) painter.setWindow(offsetWindowNearViewport(rendered, Array.from(root.children), scroller));
  }, [painter, rendered]);

  useLayoutEffect(() => {
    if (painter && rendered) {
      updatePaintWindow();
      painter.paint(sortedSegments);
      performance.mark('marginalia:highlights-painted');
    }
  }, [painter, rendered, sortedSegments, updatePaintWindow]);

  useLayoutEffect(() => {
    if (painter && rendered) painter.showMemoPassages(memoPassages);
  }, [painter, rendered, memoPassages]);

  // Review mode: the places painted by kind; moving to a place brings it to the middle of the view.
  const { review } = props;
  const places = review?.places;
  const currentIndex = review?.current ?? null;
  const currentPlace = places && currentIndex !== null ? places[currentIndex] : undefined;
  useLayoutEffect(() => {
    if (painter && rendered) painter.showPlaces(places ?? [], currentIndex);
  }, [painter, rendered, places, currentIndex]);
  useEffect(() => {
    if (painter && rendered && currentPlace) painter.scrollToRange(currentPlace.start, currentPlace.end);
    // Only a move to another place scrolls, not a recomputation of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [painter, rendered, currentPlace?.id]);

  // The window follows the viewport when the view is resized (scrolling moves it in onScroll).
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const observer = new ResizeObserver(updatePaintWindow);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [updatePaintWindow]);

  // Once a text is on screen, lay out the rest of it in idle time so scrolling only paints.
  useEffect(() => {
    const root = rootRef.current;
    if (!rendered || !root) return;
    return settleChunksWhenIdle(root);
  }, [rendered]);

  /** Paints the kept passage unless the browser's own selection already shows it. */
  const paintPassage = useCallback(() => {
    if (!painter || !rendered) return;
    const kept = passageRef.current;
    const shown = selectionOffsets(rendered, document.getSelection());
    painter.showPassage(kept && !(shown && shown.start === kept.start && shown.end === kept.end) ? kept : null);
  }, [painter, rendered]);

  useEffect(paintPassage, [paintPassage, passage]);

  /** Places the drawn caret where a collapsed selection in the focused document is. */
  const placeCaretMark = useCallback(() => {
    const scroller = scrollerRef.current;
    const content = contentRef.current;
    const selection = document.getSelection();
    const caret = rendered && readCaret(rendered, selection);
    const rect = caret && caret.anchor === caret.focus && document.activeElement === scroller ? caretRect(rendered, caret.focus) : null;
    if (!rect || !content) {
      setCaretBox(null);
      return;
    }
    const origin = content.getBoundingClientRect();
    setCaretBox({ left: rect.left - origin.left, top: rect.top - origin.top, height: rect.height });
  }, [rendered]);

  /** Tells the workbench where the browser's selection is now, in document offsets. */
  const reportSelection = useCallback(() => {
    if (!rendered) return;
    const selection = document.getSelection();
    const range = selectionOffsets(rendered, selection);
    const caret = readCaret(rendered, selection);
    if (caret) caretRef.current = caret;
    if (range) onSelectionChange(range);
    else if (selection?.anchorNode && scrollerRef.current?.contains(selection.anchorNode)) onSelectionChange(null);
    paintPassage();
    placeCaretMark();
  }, [rendered, onSelectionChange, paintPassage, placeCaretMark]);

  // Report the selection whenever it changes, once per frame while a drag moves it. A release
  // of the mouse, a right-click and a key reach the workbench before that frame can come, so
  // they report it at once (a quick right-click after a drag once coded the drag's middle).
  const selectionFrame = useRef(0);
  const reportSelectionNow = useCallback(() => {
    cancelAnimationFrame(selectionFrame.current);
    reportSelection();
  }, [reportSelection]);
  useEffect(() => {
    const onChange = () => {
      cancelAnimationFrame(selectionFrame.current);
      selectionFrame.current = requestAnimationFrame(reportSelection);
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      cancelAnimationFrame(selectionFrame.current);
    };
  }, [reportSelection]);

  // Say which codes cover the text at the caret, once the caret rests, and only when that changes.
  const announceTimer = useRef(0);
  const lastSaid = useRef('');
  const announceAt = useRef<(offset: number) => void>(() => {});
  announceAt.current = (offset: number) => {
    window.clearTimeout(announceTimer.current);
    announceTimer.current = window.setTimeout(() => {
      const byCode = new Map<CodeId, string[]>();
      for (const s of segmentsAt(offset)) byCode.set(s.codeId, [...(byCode.get(s.codeId) ?? []), codersById.get(s.coderId)?.name ?? 'unknown coder']);
      const said =
        byCode.size === 0
          ? 'Not coded'
          : `Coded: ${[...byCode].map(([codeId, names]) => `${codesById.get(codeId)?.name ?? 'Unknown code'} (${[...new Set(names)].join(', ')})`).join(', ')}`;
      if (said === lastSaid.current) return;
      lastSaid.current = said;
      setCaretSays(said);
    }, 250);
  };
  useEffect(() => () => window.clearTimeout(announceTimer.current), []);

  /** Where the caret starts when the document is focused with no selection in it: the top of the view. */
  const initialCaret = (): number => {
    const root = rootRef.current;
    const scroller = scrollerRef.current;
    if (!rendered || !root || !scroller) return 0;
    const box = root.getBoundingClientRect();
    return offsetAtPoint(rendered, box.left + 1, Math.max(box.top, scroller.getBoundingClientRect().top) + 12) ?? 0;
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const scroller = scrollerRef.current;
    if (!rendered || !scroller || event.target !== scroller) return;
    const selection = document.getSelection();
    const start = readCaret(rendered, selection) ?? (caretRef.current && { anchor: caretRef.current.focus, focus: caretRef.current.focus }) ?? { anchor: initialCaret(), focus: initialCaret() };
    const next: CaretSelection | null = event.key === 'Escape' ? { anchor: start.focus, focus: start.focus } : moveCaret(rendered, text, start, event);
    if (!next) return;
    event.preventDefault();
    writeCaret(rendered, next);
    caretRef.current = next;
    reportSelectionNow();
    scrollCaretIntoView(rendered, scroller, next.focus);
    announceAt.current(next.focus > next.anchor ? next.focus - 1 : next.focus);
  };

  // Focus from the keyboard (Tab, a closing dialog) puts back the kept passage, or the caret.
  const onFocus = (event: React.FocusEvent) => {
    if (!rendered || event.target !== scrollerRef.current || performance.now() - pointerDownAt.current < 500) return;
    if (readCaret(rendered, document.getSelection())) {
      placeCaretMark();
      return;
    }
    const kept = passageRef.current;
    const at = caretRef.current?.focus ?? initialCaret();
    writeCaret(rendered, kept ? { anchor: kept.start, focus: kept.end } : { anchor: at, focus: at });
  };

  const segmentsAt = useCallback(
    (offset: number) =>
      sortedSegments.filter((s) => s.start <= offset && offset < s.end && (!visibleCodeIds || visibleCodeIds.has(s.codeId))),
    [sortedSegments, visibleCodeIds],
  );

  const hoverFrame = useRef(0);
  const lastScrollAt = useRef(0);
  const onMouseMove = (event: React.MouseEvent) => {
    // Scrolling under a still mouse fires mouse moves; hit-testing each one would cost frames.
    // (The browser's own hit test stays: turning pointer events off while scrolling makes
    // Chromium repaint every paragraph, since hit-test data is part of paint — measured p95
    // frame 26 ms against 19 ms.)
    if (!rendered || event.buttons !== 0 || performance.now() - lastScrollAt.current < 250) return;
    const { clientX, clientY } = event;
    cancelAnimationFrame(hoverFrame.current);
    hoverFrame.current = requestAnimationFrame(() => {
      const offset = offsetAtPoint(rendered, clientX, clientY);
      const covering = offset === null ? [] : segmentsAt(offset);
      setHover(covering.length > 0 ? { x: clientX, y: clientY, segments: covering } : null);
    });
  };

  const onClick = (event: React.MouseEvent) => {
    if (!rendered) return;
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    const offset = offsetAtPoint(rendered, event.clientX, event.clientY);
    const covering = offset === null ? [] : segmentsAt(offset);
    setInspection(covering.length > 0 ? { x: event.clientX, y: event.clientY, segmentIds: covering.map((s) => s.id) } : null);
  };

  const onStripeClick = useCallback((segmentId: SegmentId, clientY: number) => {
    const scroller = scrollerRef.current!.getBoundingClientRect();
    setInspection({ x: scroller.right - 340, y: clientY, segmentIds: [segmentId] });
  }, []);

  // Underline the coding the inspector is about.
  const inspected = inspection ? sortedSegments.filter((s) => inspection.segmentIds.includes(s.id)) : [];
  useEffect(() => {
    if (!painter) return;
    const first = inspected[0];
    if (inspected.length === 1 && first) painter.focus(first.start, first.end);
    else painter.clearFocus();
  });

  const onPainted = useCallback(() => {
    if (!rendered) return;
    const root = rootRef.current;
    if (root) root.dataset['paintedSegments'] = String(sortedSegments.length);
    performance.mark('marginalia:painted');
    signalForTests('marginalia:painted', { documentId, segments: sortedSegments.length });
  }, [rendered, sortedSegments, documentId]);

  return (
    <div className="document-view" data-review={review ? 'on' : undefined}>
      {props.banner}
      <div
        className="document-scroller"
        ref={scrollerRef}
        tabIndex={0}
        aria-label={`Document: ${props.documentName}`}
        onMouseMove={onMouseMove}
        onPointerDown={() => (pointerDownAt.current = performance.now())}
        onPointerUp={reportSelectionNow}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={() => setCaretBox(null)}
        onMouseLeave={() => setHover(null)}
        onScroll={() => {
          lastScrollAt.current = performance.now();
          updatePaintWindow();
          if (hover) setHover(null);
        }}
        onClick={onClick}
        onContextMenu={(event) => {
          const selection = document.getSelection();
          if (selection && !selection.isCollapsed) {
            event.preventDefault();
            reportSelectionNow();
            props.onOpenPicker();
          }
        }}
      >
        <div className="document-content" ref={contentRef}>
          <article className="document-page">
            <h1 className="document-title">{props.documentName}</h1>
            <div className="document-text" ref={rootRef} data-testid="document-text" />
          </article>
          {review && (
            <ReviewMargin
              review={review}
              scroller={scrollerRef.current}
              content={contentRef.current}
              doc={rendered}
              painter={painter}
              codesById={codesById}
              codersById={codersById}
              onStripeClick={onStripeClick}
              onPainted={onPainted}
            />
          )}
          {showMargin && !review && (
            <MarginStripes
              scroller={scrollerRef.current}
              content={contentRef.current}
              doc={rendered}
              painter={painter}
              segments={sortedSegments}
              codesById={codesById}
              codersById={codersById}
              visibleCodeIds={visibleCodeIds}
              colorBy={colorBy}
              onStripeClick={onStripeClick}
              onPainted={onPainted}
            />
          )}
          {!showMargin && !review && <PaintedSignal onPainted={onPainted} />}
          <MarginMemoMarks scroller={scrollerRef.current} content={contentRef.current} doc={rendered} anchors={memoAnchors} onOpen={props.onOpenMemo} />
          {caretBox && <div className="document-caret" aria-hidden="true" style={{ left: caretBox.left, top: caretBox.top, height: caretBox.height }} />}
        </div>
      </div>
      <div className="document-caret-status" role="status" aria-live="polite" data-testid="caret-coding">
        {caretSays}
      </div>
      {hover && !inspection && (
        <div className="spot-tooltip" role="tooltip" style={{ left: hover.x + 14, top: hover.y + 16 }}>
          {hover.segments.map((s) => (
            <div key={s.id} className="spot-tooltip-row">
              <span className="color-dot" style={{ background: segmentColor(s, colorBy, codesById, codersById) }} />
              <span>{codesById.get(s.codeId)?.name ?? 'Unknown code'}</span>
              <span className="muted">· {codersById.get(s.coderId)?.name ?? 'unknown coder'}</span>
            </div>
          ))}
        </div>
      )}
      {inspection && inspected.length > 0 && (
        <SpotInspector
          inspection={inspection}
          segments={inspected}
          text={text}
          codesById={codesById}
          codersById={codersById}
          colorBy={colorBy}
          onClose={() => setInspection(null)}
          // A removed coding leaves the inspector by itself (the list comes from the segments); one
          // whose removal is cancelled (the memo question) stays.
          onRemove={props.onRemoveSegment}
          onRecode={props.onRecodeSegment}
          onResize={props.onResizeSegment}
          memosOf={(id) => memos.onTarget(id)}
          onAddMemo={(id) => props.onWriteMemo({ kind: 'segment', id })}
          onOpenMemo={props.onOpenMemo}
        />
      )}
    </div>
  );
}

/** Without a margin there is nothing to measure: report painting once the paint is done. */
function PaintedSignal({ onPainted }: { onPainted(): void }) {
  useEffect(() => {
    onPainted();
  }, [onPainted]);
  return null;
}
