/**
 * The codebook panel: the project's codes as an ARIA tree that a researcher codes with all
 * day. A click on a code's name (or Enter) applies it to the text selection; the tree is
 * edited in place (rename, reorder, nest by keyboard or drag and drop, merge, delete) and each
 * edit is one undoable repository action run through `workspace.run`.
 *
 * Focus: one row is in the Tab order (roving tabindex); selection follows focus, so the
 * detail panel shows the focused code. Rows are `user-select: none`, so pressing one leaves
 * the document's text selection alone and "select text, click code" works. (Preventing the
 * mousedown instead would also keep the selection, but Chromium then never starts a drag.)
 *
 * This module is the layout and the wiring; the parts live beside it: CodeRow.tsx (a row and
 * the draft row, both naming through InlineNameInput.tsx), useTreeRowFocus.ts (roving focus),
 * useCodeTreeKeyboard.ts, useCodeTreeDragDrop.ts, codeMenu.ts (the context menu's entries) and
 * CodebookDialogs.tsx (recolour, quick key, delete and merge summaries).
 */
import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { descendantIds, moveCode as planMove } from '../../../shared/coding/codeTree.ts';
import type { Code, CodeId } from '../../../shared/model/index.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { ConfirmDialog } from '../../ui/ModalDialog.tsx';
import { CodePicker } from './CodePicker.tsx';
import { ContextMenu } from './ContextMenu.tsx';
import { CodeRow, DraftRow } from './CodeRow.tsx';
import { DeletionSummary, MergeSummary, QuickKeyDialog, RecolourDialog } from './CodebookDialogs.tsx';
import { codeMenuEntries } from './codeMenu.ts';
import {
  buildTreeRows,
  hasCodeNamed,
  matchesAllWords,
  onlySubtreeVisible,
  planKeyboardMove,
  plural,
  searchWords,
  subtreeCounts,
  subtreeVisibility,
  suggestColour,
  toggleSubtreeVisibility,
  type KeyboardMove,
  type MovePlan,
} from './codeTreeView.ts';
import { EyeIcon, PlusIcon, SearchIcon } from './icons.tsx';
import { quickKeyOf } from './numberedCodes.ts';
import { useCodebook, useCodebookActions, useCollapsedCodes } from './useCodebook.ts';
import { useCodeTreeDragDrop } from './useCodeTreeDragDrop.ts';
import { useCodeTreeKeyboard } from './useCodeTreeKeyboard.ts';
import { MemoFateDialog } from '../memos/MemoFateDialog.tsx';
import type { MemoFate } from '../memos/memoFate.ts';
import { useMemoIndex } from '../memos/marks/memoIndex.tsx';
import { rowSelector, useTreeRowFocus } from './useTreeRowFocus.ts';
import './codebook.css';

export { CODE_DRAG_TYPE } from './useCodeTreeDragDrop.ts';

/** A code being named before it exists. */
interface Draft {
  parentId: CodeId | null;
  isCodable: boolean;
  initialName: string;
}

export function CodebookPanel() {
  const workspace = useWorkspace();
  const { selection, selectedCodeId, selectCode, visibleCodeIds, setVisibleCodeIds } = workspace;
  const { codes: loadedCodes, counts, allCounts } = useCodebook();
  const memoIndex = useMemoIndex();
  const actions = useCodebookActions();
  const [collapsed, setCollapsed] = useCollapsedCodes();

  const [query, setQuery] = useState('');
  const [renamingId, setRenamingId] = useState<CodeId | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [menu, setMenu] = useState<{ id: CodeId; x: number; y: number } | null>(null);
  const [recolourId, setRecolourId] = useState<CodeId | null>(null);
  const [mergingId, setMergingId] = useState<CodeId | null>(null);
  const [quickKeyId, setQuickKeyId] = useState<CodeId | null>(null);
  const [deleting, setDeleting] = useState<{ code: Code; codes: number; segments: number; memos: number } | null>(null);

  const treeRef = useRef<HTMLUListElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const codes = useMemo(() => loadedCodes ?? [], [loadedCodes]);
  const byId = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codes]);
  const rows = useMemo(() => buildTreeRows(codes, collapsed, query), [codes, collapsed, query]);
  const totals = useMemo(() => subtreeCounts(codes, counts), [codes, counts]);
  const keyOf = useMemo(() => quickKeyOf(codes), [codes]);
  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.code.id, i])), [rows]);
  const isFiltering = searchWords(query).length > 0;
  const hiddenCount = visibleCodeIds === null ? 0 : codes.filter((c) => !visibleCodeIds.has(c.id)).length;

  const { tabbableId, focusRow } = useTreeRowFocus({ treeRef, byId, rows, rowIndex, selectedCodeId, selectCode, collapsed, setCollapsed });

  const setExpanded = (id: CodeId, isExpanded: boolean) => {
    if (collapsed.has(id) !== isExpanded) return;
    const next = new Set(collapsed);
    if (isExpanded) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };

  // ---- actions -------------------------------------------------------------------------

  const apply = (code: Code) => {
    if (!selection) return;
    if (!code.isCodable) {
      workspace.notify(`“${code.name}” is a category: apply one of its codes instead.`, 'error');
      return;
    }
    void workspace.run(() => workspace.applyCodeToSelection(code.id));
  };

  const startDraft = (parentId: CodeId | null, isCodable: boolean) => {
    const initialName = parentId === null && isFiltering && !hasCodeNamed(codes, query) ? query.trim() : '';
    if (parentId) setExpanded(parentId, true);
    setRenamingId(null);
    setDraft({ parentId, isCodable, initialName });
  };

  /**
   * Ends the draft: creates the code when it has a name. `focus` is false when the draft ended
   * because the researcher clicked elsewhere: focus stays where they clicked.
   */
  const endDraft = async (name: string, focus: boolean) => {
    const current = draft;
    setDraft(null);
    if (!current || !name.trim()) {
      if (current?.parentId && focus) focusRow(current.parentId, { select: false });
      return;
    }
    const code = await actions.create({ name, parentId: current.parentId, isCodable: current.isCodable, color: suggestColour(codes) });
    if (!code) return;
    if (isFiltering && !matchesAllWords(code.name, searchWords(query))) setQuery('');
    focusRow(code.id, { focus });
  };

  const endRename = async (code: Code, name: string | null, focus: boolean) => {
    setRenamingId(null);
    if (focus) focusRow(code.id, { select: false });
    if (name !== null && name.trim()) await actions.rename(code, name);
  };

  const move = async (code: Code, plan: MovePlan | null) => {
    // A drop back where the code already is changes nothing and says nothing.
    if (!plan || planMove(codes, code.id, plan.parentId, plan.index).length === 0) return;
    if (plan.parentId) setExpanded(plan.parentId, true);
    await actions.move(code, plan.parentId, plan.index);
    focusRow(code.id, { select: false });
  };

  const keyboardMove = (code: Code, direction: KeyboardMove) => {
    if (isFiltering) {
      workspace.notify('Clear the filter to reorder codes.', 'info');
      return;
    }
    void move(code, planKeyboardMove(codes, code.id, direction));
  };

  const requestDelete = (code: Code) =>
    workspace.run(async () => {
      const { codes: n, segments, memos } = await actions.describeDeletion(code.id);
      setDeleting({ code, codes: n, segments, memos });
    });

  const confirmDelete = async (memoFate: MemoFate = 'delete') => {
    if (!deleting) return;
    const { code } = deleting;
    setDeleting(null);
    // Focus moves to the row after the deleted branch, or the one before it.
    const gone = descendantIds(codes, code.id);
    const at = rowIndex.get(code.id) ?? 0;
    const after = rows.slice(at).find((r) => !gone.has(r.code.id)) ?? rows.slice(0, at).reverse().find((r) => !gone.has(r.code.id));
    await actions.remove(code, memoFate);
    if (after) focusRow(after.code.id, { select: selectedCodeId !== null && gone.has(selectedCodeId) });
    else if (selectedCodeId && gone.has(selectedCodeId)) selectCode(null);
  };

  const toggleVisibility = (code: Code) => setVisibleCodeIds(toggleSubtreeVisibility(codes, visibleCodeIds, code.id));

  const openMenuAtRow = (id: CodeId) => {
    const box = treeRef.current?.querySelector(rowSelector(id))?.getBoundingClientRect();
    if (box) setMenu({ id, x: box.left + 24, y: box.bottom - 2 });
  };

  const menuEntries = (code: Code) =>
    codeMenuEntries(code, {
      codes,
      visibleCodeIds,
      hasSelection: selection !== null,
      focusRow: (id) => focusRow(id, { select: false }),
      apply,
      rename: (c) => setRenamingId(c.id),
      recolour: (c) => setRecolourId(c.id),
      chooseQuickKey: (c) => setQuickKeyId(c.id),
      newSubcode: (c) => startDraft(c.id, true),
      merge: (c) => setMergingId(c.id),
      toggleVisibility,
      showOnly: (c) => setVisibleCodeIds(onlySubtreeVisible(codes, c.id)),
      setCodable: (c, isCodable) => void actions.setCodable(c, isCodable),
      requestDelete: (c) => void requestDelete(c),
      addMemo: (c) => void workspace.writeMemo({ kind: 'code', id: c.id }),
    });

  // ---- keyboard ------------------------------------------------------------------------

  const onTreeKeyDown = useCodeTreeKeyboard({
    codes,
    rows,
    rowIndex,
    tabbableId,
    collapsed,
    setCollapsed,
    setExpanded,
    query,
    clearQuery: () => setQuery(''),
    isFiltering,
    hasSelection: selection !== null,
    focusRow: (id) => focusRow(id),
    selectCode,
    apply,
    keyboardMove,
    requestDelete: (code) => void requestDelete(code),
    toggleVisibility,
    startRename: (code) => setRenamingId(code.id),
    newSubcode: (code) => startDraft(code.id, true),
    openMenuAtRow,
  });

  // ---- pointer ------------------------------------------------------------------------

  const rowOf = (event: { target: EventTarget }) => {
    const element = (event.target as HTMLElement).closest<HTMLElement>('[data-code-id]');
    const id = element?.dataset.codeId as CodeId | undefined;
    return id && element ? { element, code: byId.get(id) } : null;
  };

  const onTreeClick = (event: MouseEvent) => {
    const hit = rowOf(event);
    if (!hit?.code || (event.target as HTMLElement).closest('input')) return;
    const { code } = hit;
    hit.element.focus();
    focusRow(code.id);
    if ((event.target as HTMLElement).closest('.code-row-name')) apply(code);
  };

  const onTreeContextMenu = (event: MouseEvent) => {
    const hit = rowOf(event);
    if (!hit?.code || (event.target as HTMLElement).closest('input')) return;
    event.preventDefault();
    hit.element.focus();
    focusRow(hit.code.id);
    setMenu({ id: hit.code.id, x: event.clientX, y: event.clientY });
  };

  // ---- drag and drop -------------------------------------------------------------------

  const drag = useCodeTreeDragDrop({ codes, byId, rows, rowIndex, treeRef, rowOf, setExpanded, move: (code, plan) => void move(code, plan) });
  const { draggingId, dropTarget } = drag;

  // ---- render --------------------------------------------------------------------------

  const menuCode = menu ? byId.get(menu.id) : undefined;
  const recolourCode = recolourId ? byId.get(recolourId) : undefined;
  const quickKeyCode = quickKeyId ? byId.get(quickKeyId) : undefined;
  const mergingCode = mergingId ? byId.get(mergingId) : undefined;
  const mergingExcluded = useMemo(() => (mergingId ? descendantIds(codes, mergingId) : new Set<CodeId>()), [codes, mergingId]);

  // The draft row goes where the new code will appear: after the parent's last descendant.
  let draftAt = rows.length;
  if (draft?.parentId) {
    const parentAt = rowIndex.get(draft.parentId);
    if (parentAt !== undefined) {
      const parentDepth = rows[parentAt]!.depth;
      draftAt = parentAt + 1;
      while (draftAt < rows.length && rows[draftAt]!.depth > parentDepth) draftAt++;
    }
  }
  const draftDepth = draft?.parentId ? (rows[rowIndex.get(draft.parentId) ?? -1]?.depth ?? -1) + 1 : 0;
  const draftRow = draft && (
    <DraftRow
      key="draft"
      depth={draftDepth}
      label={draft.parentId ? `New sub-code of ${byId.get(draft.parentId)?.name ?? ''}` : draft.isCodable ? 'New code' : 'New category'}
      isCodable={draft.isCodable}
      initialName={draft.initialName}
      onEnd={(name, focus) => void endDraft(name, focus)}
    />
  );

  return (
    <div className="codebook">
      <header className="codebook-header">
        <div className="codebook-title-row">
          <h2 className="panel-title">Codebook</h2>
          {hiddenCount > 0 && (
            <button type="button" className="codebook-link-button" aria-label="Show all highlights" title={`${plural(hiddenCount, 'code')} hidden`} onClick={() => setVisibleCodeIds(null)}>
              <EyeIcon isOpen /> Show all
            </button>
          )}
        </div>
        <div className="codebook-toolbar" role="toolbar" aria-label="Codebook actions">
          <button type="button" className="primary" onClick={() => startDraft(null, true)}>
            <PlusIcon /> New code
          </button>
          <button type="button" onClick={() => startDraft(null, false)}>
            New category
          </button>
        </div>
        <div className="codebook-filter">
          <SearchIcon />
          <input
            ref={filterRef}
            type="search"
            aria-label="Filter codes"
            placeholder="Filter codes"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if ((event.key === 'ArrowDown' || event.key === 'Enter') && rows[0]) {
                event.preventDefault();
                focusRow((rows.find((r) => r.isMatch) ?? rows[0]).code.id);
              }
            }}
          />
        </div>
      </header>

      {loadedCodes !== undefined && rows.length === 0 && !draft && (
        <div className="codebook-empty">
          {isFiltering ? (
            <p>No code matches “{query.trim()}”.</p>
          ) : (
            <p>
              No codes yet. Create one with <strong>New code</strong>, group codes with <strong>New category</strong>.
            </p>
          )}
        </div>
      )}

      <ul
        ref={treeRef}
        role="tree"
        aria-label="Codes"
        className={`code-tree${dropTarget?.zone === 'end' ? ' drop-end' : ''}${draggingId ? ' is-dragging' : ''}`}
        onKeyDown={onTreeKeyDown}
        onClick={onTreeClick}
        onContextMenu={onTreeContextMenu}
        onDragOver={drag.onDragOver}
        onDragLeave={drag.onDragLeave}
        onDrop={drag.onDrop}
      >
        {rows.flatMap((row, index) => {
          const { code } = row;
          const rowDrop = dropTarget && dropTarget.id === code.id ? dropTarget.zone : null;
          const element = (
            <CodeRow
              key={code.id}
              row={row}
              isSelected={code.id === selectedCodeId}
              isTabbable={code.id === tabbableId}
              isRenaming={code.id === renamingId}
              isDragged={code.id === draggingId}
              drop={rowDrop}
              count={counts.get(code.id) ?? 0}
              total={totals.get(code.id) ?? 0}
              numberKey={keyOf.get(code.id)}
              visibility={subtreeVisibility(codes, visibleCodeIds, code.id)}
              memos={memoIndex.onTarget(code.id)}
              onOpenMemo={workspace.openMemo}
              onToggleExpanded={() => setExpanded(code.id, !row.isExpanded)}
              onToggleVisibility={() => toggleVisibility(code)}
              onEndRename={(name, focus) => void endRename(code, name, focus)}
              onDragStart={(event) => drag.onDragStart(event, code)}
              onDragEnd={drag.clearDrag}
            />
          );
          return index === draftAt && draftRow ? [draftRow, element] : [element];
        })}
        {draftAt >= rows.length && draftRow}
      </ul>

      {menu && menuCode && <ContextMenu label={`Actions for ${menuCode.name}`} x={menu.x} y={menu.y} entries={menuEntries(menuCode)} onClose={(reason) => {
            setMenu(null);
            if (reason === 'escape') focusRow(menuCode.id, { select: false });
          }} />}

      {recolourCode && (
        <RecolourDialog
          code={recolourCode}
          onPick={(color) => void actions.recolour(recolourCode, color)}
          onClose={() => {
            setRecolourId(null);
            focusRow(recolourCode.id, { select: false });
          }}
        />
      )}

      {quickKeyCode && (
        <QuickKeyDialog
          code={quickKeyCode}
          codes={codes}
          onPick={(key, holder) => void actions.setQuickKey(quickKeyCode, key, holder)}
          onClose={() => {
            setQuickKeyId(null);
            focusRow(quickKeyCode.id, { select: false });
          }}
        />
      )}

      {deleting && deleting.memos > 0 && (
        <MemoFateDialog
          title={`Delete “${deleting.code.name}”?`}
          memoCount={deleting.memos}
          onChoose={(fate) => void confirmDelete(fate)}
          onCancel={() => {
            focusRow(deleting.code.id, { select: false });
            setDeleting(null);
          }}
        >
          <DeletionSummary code={deleting.code} codes={deleting.codes} segments={deleting.segments} memos={deleting.memos} />
        </MemoFateDialog>
      )}

      {deleting && deleting.memos === 0 && (
        <ConfirmDialog
          title={`Delete “${deleting.code.name}”?`}
          confirmLabel="Delete"
          isDanger
          onConfirm={() => void confirmDelete()}
          onCancel={() => {
            focusRow(deleting.code.id, { select: false });
            setDeleting(null);
          }}
        >
          <DeletionSummary code={deleting.code} codes={deleting.codes} segments={deleting.segments} memos={0} />
        </ConfirmDialog>
      )}

      {mergingCode && (
        <CodePicker
          open
          title={`Merge “${mergingCode.name}” into…`}
          description={<MergeSummary code={mergingCode} codings={allCounts.get(mergingCode.id) ?? 0} subcodes={mergingExcluded.size - 1} />}
          includeCategories
          excludeIds={mergingExcluded}
          onClose={() => {
            setMergingId(null);
            focusRow(mergingCode.id, { select: false });
          }}
          onPick={(targetId) => {
            const target = byId.get(targetId);
            if (!target) return;
            void actions.merge(mergingCode, target, allCounts.get(mergingCode.id) ?? 0).then(() => focusRow(target.id));
          }}
        />
      )}
    </div>
  );
}

