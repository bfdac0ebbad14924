/**
 * The memo manager's table: an ARIA grid (column headers Title, Attached to, Author, Created,
 * Modified; one row per memo) virtualised with @tanstack/react-virtual, so ten thousand memos
 * cost the DOM only the rows on screen.
 *
 * The focus stays on the grid and `aria-activedescendant` names the current row (a focused row
 * element would vanish when it scrolls out and is unmounted). Arrow keys, Page Up/Down, Home and
 * End move the current row; Enter opens it; Delete asks to delete it. The header sits inside the
 * scroll container (sticky), so columns stay aligned whatever the scrollbar takes.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo as memoComponent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MemoId } from '../../../../shared/model/index.ts';
import { findHits, makeSnippet, type MemoEntry, type MemoSortKey, type SortDirection } from '../../../../shared/memos/query.ts';
import { Marked } from './Marked.tsx';

interface MemoTableProps {
  entries: readonly MemoEntry[];
  /** The normalised search words, for marking hits. */
  words: readonly string[];
  sort: { key: MemoSortKey; direction: SortDirection };
  onSort(key: MemoSortKey): void;
  activeId: MemoId | null;
  onActivate(id: MemoId): void;
  onOpen(id: MemoId): void;
  onDelete(id: MemoId): void;
  /** Changes when the filters, search or sort change: the list then starts from its top (or its current row). */
  queryKey: string;
  /** Called once rows are on screen for this list (the benchmark and tests wait for it). */
  onPainted?(count: number): void;
}

const COLUMNS: { key: MemoSortKey; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'attachment', label: 'Attached to' },
  { key: 'author', label: 'Author' },
  { key: 'created', label: 'Created' },
  { key: 'modified', label: 'Modified' },
];

/** Row and header heights in rem (so they follow the zoom), converted to pixels for the virtualiser. */
const ROW_REM = 3.6;
const HEAD_REM = 2.2;

function remInPixels(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 15;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** Today's times as the time ("10:42 AM"), older ones as the day ("Jan 2, 2026"), as mail clients do. */
function Moment({ iso }: { iso: string }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const isToday = date.toDateString() === new Date().toDateString();
  return (
    <time dateTime={iso} title={fullFormat.format(date)}>
      {isToday ? timeFormat.format(date) : dayFormat.format(date)}
    </time>
  );
}

export const rowDomId = (id: MemoId) => `memo-row-${id}`;

export function MemoTable({ entries, words, sort, onSort, activeId, onActivate, onOpen, onDelete, queryKey, onPainted }: MemoTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [rem] = useState(remInPixels);
  const rowHeight = Math.round(ROW_REM * rem);
  const headHeight = Math.round(HEAD_REM * rem);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser re-renders this table itself; nothing of it is handed to memoised children
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });
  const activeIndex = useMemo(() => (activeId ? entries.findIndex((entry) => entry.memo.id === activeId) : -1), [entries, activeId]);

  // Keep the current row in view when it moves (keys, a sort, a filter).
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  // A new query shows its first results, unless the current row is among them (the effect above).
  const activeIndexRef = useRef(activeIndex);
  activeIndexRef.current = activeIndex;
  useEffect(() => {
    if (activeIndexRef.current < 0) virtualizer.scrollToOffset(0);
  }, [queryKey, virtualizer]);

  useLayoutEffect(() => {
    if (entries.length > 0) onPainted?.(entries.length);
  }, [entries, onPainted]);

  const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
  const moveTo = useCallback(
    (index: number) => {
      const entry = entries[Math.max(0, Math.min(entries.length - 1, index))];
      if (entry) onActivate(entry.memo.id);
    },
    [entries, onActivate],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Only keys pressed on the grid itself (not on a header's sort button).
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const current = activeIndex;
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageSize, PageUp: -pageSize };
    if (event.key in steps) {
      event.preventDefault();
      moveTo(current < 0 ? 0 : current + steps[event.key]!);
    } else if (event.key === 'Home') {
      event.preventDefault();
      moveTo(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      moveTo(entries.length - 1);
    } else if (event.key === 'Enter' && activeId && current >= 0) {
      event.preventDefault();
      onOpen(activeId);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && activeId && current >= 0) {
      event.preventDefault();
      onDelete(activeId);
    }
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="memo-grid"
      role="grid"
      aria-label="Memo list"
      aria-rowcount={entries.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeId && activeIndex >= 0 ? rowDomId(activeId) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        // Arriving by Tab with no current row: the first row becomes current.
        if (event.target === event.currentTarget && activeIndex < 0 && entries[0]) onActivate(entries[0].memo.id);
      }}
      style={{ ['--memo-row-height' as string]: `${rowHeight}px`, ['--memo-head-height' as string]: `${headHeight}px` }}
    >
      <div role="rowgroup" className="memo-grid-head">
        <div role="row" aria-rowindex={1} className="memo-grid-row memo-grid-head-row">
          {COLUMNS.map((column) => {
            const isSorted = sort.key === column.key;
            return (
              <div key={column.key} role="columnheader" aria-sort={isSorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} className={`memo-cell memo-col-${column.key}`}>
                <button type="button" className="memo-sort-button" onClick={() => onSort(column.key)} title={`Sort by ${column.label.toLowerCase()}`}>
                  {column.label}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="memo-grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const entry = entries[item.index]!;
          return (
            <MemoRow
              key={item.key}
              entry={entry}
              words={words}
              rowIndex={item.index + 2}
              top={item.start - headHeight}
              isActive={entry.memo.id === activeId}
              onActivate={onActivate}
              onOpen={onOpen}
            />
          );
        })}
      </div>
    </div>
  );
}

interface MemoRowProps {
  entry: MemoEntry;
  words: readonly string[];
  rowIndex: number;
  top: number;
  isActive: boolean;
  onActivate(id: MemoId): void;
  onOpen(id: MemoId): void;
}

const MemoRow = memoComponent(function MemoRow({ entry, words, rowIndex, top, isActive, onActivate, onOpen }: MemoRowProps) {
  const { memo } = entry;
  const titleHits = useMemo(() => findHits(memo.title, words), [memo.title, words]);
  const snippet = useMemo(() => makeSnippet(memo.plainText, words, 220), [memo.plainText, words]);
  return (
    <div
      id={rowDomId(memo.id)}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={isActive}
      className={`memo-grid-row${isActive ? ' is-active' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={(event) => {
        // Keep the focus on the grid (not on the row) and make this row current.
        event.preventDefault();
        (event.currentTarget.closest('[role="grid"]') as HTMLElement | null)?.focus();
        onActivate(memo.id);
      }}
      onDoubleClick={() => onOpen(memo.id)}
    >
      <div role="gridcell" className="memo-cell memo-col-title">
        <span className={`memo-title${memo.title ? '' : ' is-untitled'}`}>{memo.title ? <Marked text={memo.title} hits={titleHits} /> : 'Untitled memo'}</span>
        <span className="memo-snippet">{snippet.text ? <Marked text={snippet.text} hits={snippet.hits} /> : <span className="is-empty">No text yet</span>}</span>
      </div>
      <div role="gridcell" className="memo-cell memo-col-attachment" title={entry.attachment}>
        <span className={`memo-kind memo-kind-${memo.target.kind}`} aria-hidden="true" />
        <span className="memo-ellipsis">{entry.attachment}</span>
      </div>
      <div role="gridcell" className="memo-cell memo-col-author">
        <span className="memo-ellipsis">{entry.author}</span>
      </div>
      <div role="gridcell" className="memo-cell memo-col-created">
        <Moment iso={memo.createdAt} />
      </div>
      <div role="gridcell" className="memo-cell memo-col-modified">
        <Moment iso={memo.modifiedAt} />
      </div>
    </div>
  );
});
