/**
 * A panel divider the researcher drags (or focuses and moves with ← →, Shift for bigger steps,
 * Home / End for the limits) to make the panel beside it wider or narrower. It is a focusable
 * `role="separator"` whose aria-valuenow is the panel's width in CSS pixels. The width changes
 * live while dragging; `onCommit` runs once at the end, so the caller can store it.
 */
import { useRef } from 'react';

interface SplitterProps {
  /** What the divider resizes, e.g. "Resize the codebook panel". */
  label: string;
  /** The panel's current width, px. */
  width: number;
  min: number;
  max: number;
  /** Which side of the divider the panel is on: dragging towards it makes it narrower. */
  panelSide: 'left' | 'right';
  onResize(width: number): void;
  onCommit(width: number): void;
  className?: string;
}

const STEP = 16;
const BIG_STEP = 64;

export function Splitter({ label, width, min, max, panelSide, onResize, onCommit, className }: SplitterProps) {
  const drag = useRef<{ startX: number; startWidth: number; width: number } | null>(null);
  const clamp = (value: number) => Math.round(Math.min(max, Math.max(min, value)));
  const grow = panelSide === 'left' ? 1 : -1;

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter ${className ?? ''}`}
      title={`${label} (drag, or focus and press ← →)`}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        event.currentTarget.focus();
        drag.current = { startX: event.clientX, startWidth: width, width };
      }}
      onPointerMove={(event) => {
        const state = drag.current;
        if (!state) return;
        state.width = clamp(state.startWidth + grow * (event.clientX - state.startX));
        onResize(state.width);
      }}
      onPointerUp={(event) => {
        const state = drag.current;
        drag.current = null;
        event.currentTarget.releasePointerCapture(event.pointerId);
        if (state && state.width !== state.startWidth) onCommit(state.width);
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onKeyDown={(event) => {
        const step = event.shiftKey ? BIG_STEP : STEP;
        let next: number;
        if (event.key === 'ArrowRight') next = width + grow * step;
        else if (event.key === 'ArrowLeft') next = width - grow * step;
        else if (event.key === 'Home') next = min;
        else if (event.key === 'End') next = max;
        else return;
        event.preventDefault();
        next = clamp(next);
        onResize(next);
        onCommit(next);
      }}
    />
  );
}
