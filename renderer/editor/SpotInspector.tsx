/**
 * What covers a spot of the text: every coding there with its code, coder and quote, and the
 * actions on a coding (change its code, remove it, move its boundaries a word at a time, write a
 * memo on it) and the memos already written on it ("Memos (2)", each opening the memo).
 */
import { useEffect, useRef } from 'react';
import type { Code, Coder, Memo, MemoId, Segment, SegmentId } from '../../shared/model/index.ts';
import { MemoList } from './memoMarks/MemoList.tsx';
import { stepWord } from './documentCaret.ts';
import { segmentColor } from './segmentColor.ts';
import type { ColorSource } from '../../shared/coding/coderView.ts';

export interface SpotInspection {
  x: number;
  y: number;
  segmentIds: SegmentId[];
}

interface SpotInspectorProps {
  inspection: SpotInspection;
  segments: Segment[];
  text: string;
  codesById: ReadonlyMap<string, Code>;
  codersById: ReadonlyMap<string, Coder>;
  colorBy: ColorSource;
  onClose(): void;
  onRemove(id: SegmentId): void;
  onRecode(id: SegmentId): void;
  onResize(id: SegmentId, start: number, end: number): void;
  /** The memos on a coding, oldest first. */
  memosOf(id: SegmentId): readonly Memo[];
  /** Writes a new memo on the coding and opens it. */
  onAddMemo(id: SegmentId): void;
  onOpenMemo(id: MemoId): void;
}

function quoteOf(text: string, segment: Segment): string {
  const quote = text.slice(segment.start, segment.end);
  return quote.length > 160 ? `${quote.slice(0, 100)} … ${quote.slice(-50)}` : quote;
}

export function SpotInspector(props: SpotInspectorProps) {
  const { inspection, segments, text, codesById, codersById, colorBy } = props;
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') props.onClose();
    };
    const onPointer = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) props.onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  });

  const left = Math.min(inspection.x, window.innerWidth - 360);
  const top = Math.min(inspection.y + 12, window.innerHeight - 80);
  return (
    <div ref={ref} className="spot-inspector" role="dialog" aria-label="Codings at this spot" style={{ left: Math.max(8, left), top }}>
      <div className="spot-inspector-head">
        <strong>{segments.length === 1 ? '1 coding here' : `${segments.length} codings here`}</strong>
        <button type="button" aria-label="Close" onClick={props.onClose}>×</button>
      </div>
      <ul>
        {segments.map((segment) => {
          const code = codesById.get(segment.codeId);
          const coder = codersById.get(segment.coderId);
          const resize = (start: number, end: number) => {
            if (start < end) props.onResize(segment.id, start, end);
          };
          return (
            <li key={segment.id} className="spot-inspector-item">
              <div className="spot-inspector-code">
                <span className="color-dot" style={{ background: segmentColor(segment, colorBy, codesById, codersById) }} />
                <span className="spot-inspector-code-name">{code?.name ?? 'Unknown code'}</span>
                <span className="muted">· {coder?.name ?? 'unknown coder'}</span>
              </div>
              <blockquote className="spot-inspector-quote">{quoteOf(text, segment)}</blockquote>
              <div className="spot-inspector-actions">
                <span className="muted">Start</span>
                <button type="button" aria-label="Move start one word earlier" onClick={() => resize(stepWord(text, segment.start, -1), segment.end)}>◀</button>
                <button type="button" aria-label="Move start one word later" onClick={() => resize(stepWord(text, segment.start, 1), segment.end)}>▶</button>
                <span className="muted">End</span>
                <button type="button" aria-label="Move end one word earlier" onClick={() => resize(segment.start, stepWord(text, segment.end, -1))}>◀</button>
                <button type="button" aria-label="Move end one word later" onClick={() => resize(segment.start, stepWord(text, segment.end, 1))}>▶</button>
                <span className="spacer" />
                <button type="button" onClick={() => props.onAddMemo(segment.id)}>Add memo</button>
                <button type="button" onClick={() => props.onRecode(segment.id)}>Change code…</button>
                <button type="button" className="danger" onClick={() => props.onRemove(segment.id)}>Remove</button>
              </div>
              <MemoList memos={props.memosOf(segment.id)} onOpen={props.onOpenMemo} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
