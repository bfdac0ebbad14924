/**
 * The memo manager: every memo of the project in one table (what each is attached to, author,
 * created and modified), filtered by kind, author and code, searched by words with the hits
 * marked, sorted by any column; open (the memo pane opens beside), re-attach and delete (asks
 * first; undoable).
 *
 * The query logic is pure (shared/memos/query.ts); this view keeps the filters, the sort and the
 * current row, and passes the matching entries to the virtualised table (manager/MemoTable.tsx).
 * The current row is remembered by memo id, so it survives sorting, filtering and live updates.
 */
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { CodeId, CoderId, MemoId, MemoTargetKind } from '../../../shared/model/index.ts';
import { flattenCodeTree } from '../../../shared/coding/codeTree.ts';
import { MEMO_KIND_LABELS, queryMemos, searchWords, UNKNOWN_AUTHOR, type MemoSortKey, type SortDirection } from '../../../shared/memos/query.ts';
import { ConfirmDialog } from '../../ui/ModalDialog.tsx';
import { signalForTests } from '../../platform/testHooks.ts';
import { MemoTable } from './manager/MemoTable.tsx';
import { ReattachDialog } from './manager/ReattachDialog.tsx';
import { useMemoDeletion } from './manager/useMemoDeletion.ts';
import { useMemoManagerData } from './manager/useMemoManagerData.ts';
import { useMemoActions } from './useMemos.ts';
import './manager/memoManager.css';

export interface MemoManagerProps {
  onClose(): void;
  /** Opens a memo in the memo pane. */
  onOpenMemo(id: MemoId): void;
}

/** The author filter's value for memos without an author. */
const NO_AUTHOR = '\u0000none';
const KINDS = Object.keys(MEMO_KIND_LABELS) as MemoTargetKind[];
/** Dates sort newest first on the first click, text A to Z. */
const FIRST_DIRECTION: Record<MemoSortKey, SortDirection> = { title: 'asc', attachment: 'asc', author: 'asc', created: 'desc', modified: 'desc' };

type Dialog = { kind: 'reattach'; id: MemoId } | { kind: 'delete'; id: MemoId } | null;

export function MemoManager({ onClose, onOpenMemo }: MemoManagerProps) {
  const { index, isPartial, documents, codes, coders } = useMemoManagerData();
  const actions = useMemoActions();
  const removeMemo = useMemoDeletion();
  const headingId = useId();
  const gridWrapRef = useRef<HTMLDivElement>(null);

  const [kind, setKind] = useState<MemoTargetKind | ''>('');
  const [author, setAuthor] = useState<string>('');
  const [codeId, setCodeId] = useState<CodeId | ''>('');
  const [includeSubCodes, setIncludeSubCodes] = useState(true);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: MemoSortKey; direction: SortDirection }>({ key: 'modified', direction: 'desc' });
  const [activeId, setActiveId] = useState<MemoId | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  // The search runs on every key press (a filter over precomputed text, a few ms for 10,000
  // memos): deferring it would only add a second render and a frame of latency.
  const words = useMemo(() => searchWords(search), [search]);
  const entries = useMemo(
    () =>
      index
        ? queryMemos(
            index,
            {
              kinds: kind ? [kind] : [],
              authors: author === '' ? [] : [author === NO_AUTHOR ? null : (author as CoderId)],
              codeId: codeId || null,
              includeSubCodes,
              search,
              sort,
            },
            codes,
          )
        : [],
    [index, kind, author, codeId, includeSubCodes, search, sort, codes],
  );

  const authors = useMemo(() => {
    const ids = new Set(index?.entries.map((entry) => entry.memo.coderId));
    const known = coders.filter((coder) => ids.has(coder.id)).map((coder) => ({ value: coder.id as string, name: coder.name }));
    const hasUnknown = index?.entries.some((entry) => entry.author === UNKNOWN_AUTHOR) ?? false;
    return hasUnknown ? [...known, { value: NO_AUTHOR, name: UNKNOWN_AUTHOR }] : known;
  }, [index, coders]);
  const codeOptions = useMemo(() => flattenCodeTree(codes), [codes]);

  const total = index?.entries.length ?? 0;
  const isFiltered = kind !== '' || author !== '' || codeId !== '' || words.length > 0;
  const active = entries.find((entry) => entry.memo.id === activeId) ?? null;
  const dialogEntry = dialog ? index?.entries.find((entry) => entry.memo.id === dialog.id) : undefined;

  const clearFilters = () => {
    setKind('');
    setAuthor('');
    setCodeId('');
    setSearch('');
  };
  const onSort = useCallback((key: MemoSortKey) => setSort((current) => (current.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: FIRST_DIRECTION[key] })), []);
  const onPainted = useCallback((count: number) => signalForTests('marginalia:memos-painted', { count }), []);
  const focusGrid = () => gridWrapRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  const askDelete = useCallback((id: MemoId) => setDialog({ kind: 'delete', id }), []);

  const confirmDelete = () => {
    if (!dialogEntry) return setDialog(null);
    // The row below (or above) becomes current, so the keyboard stays in the list.
    const at = entries.findIndex((entry) => entry.memo.id === dialogEntry.memo.id);
    const next = entries[at + 1] ?? entries[at - 1];
    setActiveId(next?.memo.id ?? null);
    setDialog(null);
    void removeMemo(dialogEntry.memo);
  };

  return (
    <section className="memo-manager" aria-labelledby={headingId}>
      <header className="memo-manager-head">
        <h2 id={headingId} className="memo-manager-title">
          Memos
        </h2>
        <span className="memo-manager-count" role="status">
          {index === undefined ? 'Reading memos…' : isPartial ? `Newest ${total} memos shown · reading the rest…` : isFiltered ? `${entries.length} of ${total} memos` : total === 1 ? '1 memo' : `${total} memos`}
        </span>
        <span className="spacer" />
        <button type="button" onClick={onClose} aria-label="Close the memo manager" title="Close the memo manager">
          Close
        </button>
      </header>
      <div className="memo-manager-filters" role="search" aria-label="Find memos">
        <input
          type="search"
          className="memo-search"
          aria-label="Search memos"
          placeholder="Search titles and text…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              focusGrid();
            }
          }}
        />
        <label className="memo-filter">
          <span aria-hidden="true">Kind</span>
          <select aria-label="Kind" value={kind} onChange={(event) => setKind(event.target.value as MemoTargetKind | '')}>
            <option value="">All kinds</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {MEMO_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="memo-filter">
          <span aria-hidden="true">Author</span>
          <select aria-label="Author" value={author} onChange={(event) => setAuthor(event.target.value)}>
            <option value="">All authors</option>
            {authors.map((a) => (
              <option key={a.value} value={a.value}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="memo-filter">
          <span aria-hidden="true">Code</span>
          <select aria-label="Code" value={codeId} onChange={(event) => setCodeId(event.target.value as CodeId | '')}>
            <option value="">All codes</option>
            {codeOptions.map(({ code, depth }) => (
              <option key={code.id} value={code.id}>
                {'\u2003'.repeat(depth)}
                {code.name}
              </option>
            ))}
          </select>
        </label>
        <label className="memo-filter memo-filter-check">
          <input type="checkbox" checked={includeSubCodes} disabled={codeId === ''} onChange={(event) => setIncludeSubCodes(event.target.checked)} />
          <span>With sub-codes</span>
        </label>
      </div>
      <div className="memo-manager-actions" role="toolbar" aria-label="Selected memo">
        <button type="button" disabled={!active} onClick={() => active && onOpenMemo(active.memo.id)} title="Open the memo beside the document to read and edit it (Enter)">
          Open
        </button>
        <button type="button" disabled={!active} onClick={() => active && setDialog({ kind: 'reattach', id: active.memo.id })}>
          Re-attach…
        </button>
        <button type="button" className="danger" disabled={!active} onClick={() => active && askDelete(active.memo.id)} title="Delete the memo (Delete)">
          Delete…
        </button>
        <span className="memo-manager-hint muted">↑↓ to move · Enter opens · Delete deletes</span>
      </div>
      <div className="memo-manager-table" ref={gridWrapRef}>
        {index !== undefined && total === 0 ? (
          <div className="memo-manager-empty">
            <p>No memos yet.</p>
            <p className="muted">Write one with File → Write project memo…, or select a passage in a document and press Ctrl+M.</p>
          </div>
        ) : index !== undefined && entries.length === 0 ? (
          <div className="memo-manager-empty">
            <p>No memo matches these filters.</p>
            <button type="button" onClick={clearFilters}>
              Show every memo
            </button>
          </div>
        ) : (
          <MemoTable entries={entries} words={words} sort={sort} onSort={onSort} activeId={activeId} onActivate={setActiveId} onOpen={onOpenMemo} onDelete={askDelete} queryKey={`${kind}|${author}|${codeId}|${includeSubCodes}|${search}|${sort.key}|${sort.direction}`} onPainted={onPainted} />
        )}
      </div>
      {dialog?.kind === 'reattach' && dialogEntry && (
        <ReattachDialog
          entry={dialogEntry}
          documents={documents}
          codes={codes}
          onCancel={() => setDialog(null)}
          onReattach={(target) => {
            setDialog(null);
            void actions.reattach(dialogEntry.memo.id, target);
          }}
        />
      )}
      {dialog?.kind === 'delete' && dialogEntry && (
        <ConfirmDialog title={`Delete “${dialogEntry.memo.title || 'Untitled memo'}”?`} confirmLabel="Delete memo" onCancel={() => setDialog(null)} onConfirm={confirmDelete}>
          <p>
            Attached to: {dialogEntry.attachment}. The memo and its text are deleted; you can undo this (Ctrl+Z).
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
