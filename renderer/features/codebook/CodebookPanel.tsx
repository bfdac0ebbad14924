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
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { descendantIds, moveCode as planMove } from '../../../shared/coding/codeTree.ts';
import type { Code, CodeId } from '../../../shared/model/index.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { CodePicker } from './CodePicker.tsx';
import { ColourSwatches } from './ColourSwatches.tsx';
import { ContextMenu, type MenuEntry } from './ContextMenu.tsx';
import { ConfirmDialog, ModalDialog } from '../../ui/ModalDialog.tsx';
import {
  buildTreeRows,
  dropZoneAt,
  hasCodeNamed,
  matchesAllWords,
  onlySubtreeVisible,
  planDrop,
  planKeyboardMove,
  searchWords,
  subtreeCounts,
  subtreeVisibility,
  suggestColour,
  toggleSubtreeVisibility,
  type CodeTreeRow,
  type DropZone,
  type KeyboardMove,
  type MovePlan,
  type Visibility,
} from './codeTreeView.ts';
import { ChevronIcon, EyeIcon, FolderIcon, PlusIcon, SearchIcon } from './icons.tsx';
import { quickKeyOf } from './numberedCodes.ts';
import { useCodebook, useCodebookActions, useCollapsedCodes } from './useCodebook.ts';
import './codebook.css';

/** The drag payload type: other views (the document) may accept it to apply the code. */
export const CODE_DRAG_TYPE = 'application/x-marginalia-code';

/** A code being named before it exists. */
interface Draft {
  parentId: CodeId | null;
  isCodable: boolean;
  initialName: string;
}

type DropTarget = { id: CodeId; zone: DropZone } | { id: null; zone: 'end' };

const rowSelector = (id: CodeId) => `[data-code-id="${id}"]`;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function CodebookPanel() {
  const workspace = useWorkspace();
  const { selection, selectedCodeId, selectCode, visibleCodeIds, setVisibleCodeIds } = workspace;
  const { codes: loadedCodes, counts } = useCodebook();
  const actions = useCodebookActions();
  const [collapsed, setCollapsed] = useCollapsedCodes();

  const [query, setQuery] = useState('');
  const [focusedId, setFocusedId] = useState<CodeId | null>(null);
  const [renamingId, setRenamingId] = useState<CodeId | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [menu, setMenu] = useState<{ id: CodeId; x: number; y: number } | null>(null);
  const [recolourId, setRecolourId] = useState<CodeId | null>(null);
  const [mergingId, setMergingId] = useState<CodeId | null>(null);
  const [deleting, setDeleting] = useState<{ code: Code; codes: number; segments: number } | null>(null);
  const [draggingId, setDraggingId] = useState<CodeId | null>(null);
  const [dropTarget, setDropTarget] = useState<DropTarget | null>(null);

  const treeRef = useRef<HTMLUListElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  /** A row to focus once it is rendered, until a deadline (see the layout effect). */
  const pendingFocusRef = useRef<{ id: CodeId; until: number } | null>(null);
  const [, setFocusTick] = useState(0);
  const typeAheadRef = useRef({ text: '', at: 0 });
  const expandTimerRef = useRef<{ id: CodeId; timer: number } | null>(null);

  const codes = useMemo(() => loadedCodes ?? [], [loadedCodes]);
  const byId = useMemo(() => new Map(codes.map((c) => [c.id, c])), [codes]);
  const rows = useMemo(() => buildTreeRows(codes, collapsed, query), [codes, collapsed, query]);
  const totals = useMemo(() => subtreeCounts(codes, counts), [codes, counts]);
  const keyOf = useMemo(() => quickKeyOf(codes), [codes]);
  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.code.id, i])), [rows]);
  const isFiltering = searchWords(query).length > 0;
  const hiddenCount = visibleCodeIds === null ? 0 : codes.filter((c) => !visibleCodeIds.has(c.id)).length;

  /** The row in the Tab order: the focused code, or the nearest shown ancestor, or the selected code, or the first. */
  const tabbableId = useMemo(() => {
    for (const start of [focusedId, selectedCodeId]) {
      let current = start ? byId.get(start) : undefined;
      while (current) {
        if (rowIndex.has(current.id)) return current.id;
        current = current.parentId ? byId.get(current.parentId) : undefined;
      }
    }
    return rows[0]?.code.id ?? null;
  }, [focusedId, selectedCodeId, byId, rowIndex, rows]);

  // Focus a row once it is rendered (after a create, a move, a dialog). A move reorders the
  // rows when the live query delivers, and moving a focused element drops its focus to the body,
  // so for a moment after a keyboard action the row takes focus back (never from another control).
  useLayoutEffect(() => {
    const pending = pendingFocusRef.current;
    if (!pending) return;
    if (Date.now() > pending.until) {
      pendingFocusRef.current = null;
      return;
    }
    const element = treeRef.current?.querySelector<HTMLElement>(rowSelector(pending.id));
    const active = document.activeElement;
    const mayTake = active === null || active === document.body || active === element || (treeRef.current?.contains(active) && active.tagName !== 'INPUT');
    if (element && mayTake && active !== element) {
      element.focus();
      element.scrollIntoView({ block: 'nearest' });
    }
  });

  // A code selected elsewhere (e.g. by clicking a highlight) is revealed in the tree.
  const isSelectedCodeLoaded = selectedCodeId !== null && byId.has(selectedCodeId);
  useEffect(() => {
    if (!selectedCodeId || !isSelectedCodeLoaded) return;
    setFocusedId(selectedCodeId);
    const ancestors = new Set<CodeId>();
    for (let parent = byId.get(selectedCodeId)?.parentId; parent && !ancestors.has(parent); parent = byId.get(parent)?.parentId) ancestors.add(parent);
    if ([...ancestors].some((id) => collapsed.has(id))) setCollapsed(new Set([...collapsed].filter((id) => !ancestors.has(id))));
    requestAnimationFrame(() => treeRef.current?.querySelector(rowSelector(selectedCodeId))?.scrollIntoView({ block: 'nearest' }));
    // Only a change of selection reveals: collapsing a branch later must not re-open it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedCodeId, isSelectedCodeLoaded]);

  /** Makes `id` the current row: focuses it (unless `focus: false`) and selects it (unless `select: false`). */
  const focusRow = useCallback(
    (id: CodeId, options: { select?: boolean; focus?: boolean } = {}) => {
      setFocusedId(id);
      if (options.select !== false) selectCode(id);
      if (options.focus !== false) {
        pendingFocusRef.current = { id, until: Date.now() + 800 };
        // Runs the layout effect even when nothing else changed.
        setFocusTick((n) => n + 1);
      }
    },
    [selectCode],
  );

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
      const { codes: n, segments } = await actions.describeDeletion(code.id);
      setDeleting({ code, codes: n, segments });
    });

  const confirmDelete = async () => {
    if (!deleting) return;
    const { code } = deleting;
    setDeleting(null);
    // Focus moves to the row after the deleted branch, or the one before it.
    const gone = descendantIds(codes, code.id);
    const at = rowIndex.get(code.id) ?? 0;
    const after = rows.slice(at).find((r) => !gone.has(r.code.id)) ?? rows.slice(0, at).reverse().find((r) => !gone.has(r.code.id));
    await actions.remove(code);
    if (after) focusRow(after.code.id, { select: selectedCodeId !== null && gone.has(selectedCodeId) });
    else if (selectedCodeId && gone.has(selectedCodeId)) selectCode(null);
  };

  const toggleVisibility = (code: Code) => setVisibleCodeIds(toggleSubtreeVisibility(codes, visibleCodeIds, code.id));

  const openMenuAtRow = (id: CodeId) => {
    const box = treeRef.current?.querySelector(rowSelector(id))?.getBoundingClientRect();
    if (box) setMenu({ id, x: box.left + 24, y: box.bottom - 2 });
  };

  const menuEntries = (code: Code): MenuEntry[] => {
    const visibility = subtreeVisibility(codes, visibleCodeIds, code.id);
    const hasSubcodes = codes.some((c) => c.parentId === code.id);
    // Items that open no input or dialog give focus back to the row.
    const thenFocus = (action: () => unknown) => () => {
      focusRow(code.id, { select: false });
      action();
    };
    return [
      { label: 'Apply to selection', shortcut: 'Enter', isDisabled: !selection || !code.isCodable, onSelect: thenFocus(() => apply(code)) },
      { label: 'Rename', shortcut: 'F2', onSelect: () => setRenamingId(code.id) },
      { label: 'Recolour…', onSelect: () => setRecolourId(code.id) },
      { label: 'New sub-code', shortcut: 'Insert', onSelect: () => startDraft(code.id, true) },
      { label: 'Merge into…', onSelect: () => setMergingId(code.id) },
      'separator',
      { label: visibility === 'all' ? 'Hide highlights' : 'Show highlights', shortcut: 'Space', onSelect: thenFocus(() => toggleVisibility(code)) },
      { label: hasSubcodes ? 'Show only this branch' : 'Show only this code', onSelect: thenFocus(() => setVisibleCodeIds(onlySubtreeVisible(codes, code.id))) },
      { label: code.isCodable ? 'Make category' : 'Make code', onSelect: thenFocus(() => actions.setCodable(code, !code.isCodable)) },
      'separator',
      { label: 'Delete…', shortcut: 'Delete', isDanger: true, onSelect: () => void requestDelete(code) },
    ];
  };

  // ---- keyboard ------------------------------------------------------------------------

  const onTreeKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, button')) return;
    const id = (target.closest<HTMLElement>('[data-code-id]')?.dataset.codeId as CodeId | undefined) ?? tabbableId;
    const at = id ? rowIndex.get(id) : undefined;
    const row = at === undefined ? undefined : rows[at];
    if (!row) return;
    const { code } = row;
    const go = (target: CodeTreeRow | undefined) => target && focusRow(target.code.id);
    const key = event.key;

    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      const moves: Record<string, KeyboardMove> = { ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'indent', ArrowLeft: 'outdent' };
      const direction = moves[key];
      if (!direction) return;
      event.preventDefault();
      keyboardMove(code, direction);
      return;
    }
    if (event.ctrlKey || event.metaKey) {
      if (key === 'Backspace' && event.metaKey) {
        event.preventDefault();
        void requestDelete(code);
      }
      return;
    }

    switch (key) {
      case 'ArrowDown':
        go(rows[at! + 1]);
        break;
      case 'ArrowUp':
        go(rows[at! - 1]);
        break;
      case 'Home':
        go(rows[0]);
        break;
      case 'End':
        go(rows[rows.length - 1]);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.isExpanded) setExpanded(code.id, true);
        else if (row.hasChildren) go(rows[at! + 1]);
        break;
      case 'ArrowLeft':
        if (row.hasChildren && row.isExpanded && !isFiltering) setExpanded(code.id, false);
        else if (code.parentId && rowIndex.has(code.parentId)) focusRow(code.parentId);
        break;
      case 'Enter':
        selectCode(code.id);
        if (selection) apply(code);
        else if (row.hasChildren && !code.isCodable && !isFiltering) setExpanded(code.id, !row.isExpanded);
        break;
      case ' ':
        toggleVisibility(code);
        break;
      case 'F2':
        setRenamingId(code.id);
        break;
      case 'Delete':
        void requestDelete(code);
        break;
      case '+':
      case 'Insert':
        startDraft(code.id, true);
        break;
      case 'ContextMenu':
        openMenuAtRow(code.id);
        break;
      case 'F10':
        if (!event.shiftKey) return;
        openMenuAtRow(code.id);
        break;
      case 'Escape':
        if (!query) return;
        setQuery('');
        break;
      case '*': {
        // Expands every sibling of the focused code (the ARIA tree convention).
        const next = new Set(collapsed);
        for (const c of codes) if (c.parentId === code.parentId) next.delete(c.id);
        setCollapsed(next);
        break;
      }
      default: {
        // Digits are left alone: keys 1–9 apply codes in the document view.
        if (key.length !== 1 || !/[^\s0-9]/.test(key)) return;
        // Type-ahead: letters typed in quick succession find the next code starting with them.
        const now = Date.now();
        const ahead = typeAheadRef.current;
        ahead.text = now - ahead.at < 700 ? ahead.text + key.toLowerCase() : key.toLowerCase();
        ahead.at = now;
        const startsWith = (r: CodeTreeRow) => r.code.name.toLowerCase().startsWith(ahead.text);
        const from = ahead.text.length === 1 ? at! + 1 : at!;
        go(rows.slice(from).find(startsWith) ?? rows.slice(0, from).find(startsWith));
      }
    }
    event.preventDefault();
  };

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

  const clearDrag = () => {
    setDraggingId(null);
    setDropTarget(null);
    if (expandTimerRef.current) window.clearTimeout(expandTimerRef.current.timer);
    expandTimerRef.current = null;
  };

  const onDragStart = (event: DragEvent<HTMLLIElement>, code: Code) => {
    event.dataTransfer.setData(CODE_DRAG_TYPE, code.id);
    event.dataTransfer.setData('text/plain', code.name);
    event.dataTransfer.effectAllowed = 'copyMove';
    setDraggingId(code.id);
  };

  /** Where the pointer would drop the dragged code, with the plan, or null where it may not. */
  const dropAt = (event: DragEvent): { target: DropTarget; plan: MovePlan } | null => {
    if (!draggingId) return null;
    const hit = rowOf(event);
    if (!hit) {
      // Below the last row: the end of the top level.
      if (event.target !== treeRef.current) return null;
      const index = codes.filter((c) => c.parentId === null && c.id !== draggingId).length;
      return { target: { id: null, zone: 'end' }, plan: { parentId: null, index } };
    }
    if (!hit.code) return null;
    const box = hit.element.getBoundingClientRect();
    let targetId = hit.code.id;
    let zone = dropZoneAt(event.clientY - box.top, box.height);
    const row = rows[rowIndex.get(targetId) ?? -1];
    // "After" an open branch means before its first child: that is where the line is drawn.
    if (zone === 'after' && row?.isExpanded) {
      const first = rows[(rowIndex.get(targetId) ?? 0) + 1];
      if (first) {
        targetId = first.code.id;
        zone = 'before';
      }
    }
    const plan = planDrop(codes, draggingId, targetId, zone);
    return plan ? { target: { id: targetId, zone }, plan } : null;
  };

  const onDragOver = (event: DragEvent<HTMLUListElement>) => {
    if (!event.dataTransfer.types.includes(CODE_DRAG_TYPE)) return;
    const drop = dropAt(event);
    if (!drop) {
      event.dataTransfer.dropEffect = 'none';
      if (dropTarget) setDropTarget(null);
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (dropTarget?.id !== drop.target.id || dropTarget.zone !== drop.target.zone) setDropTarget(drop.target);
    // Hovering the middle of a closed branch opens it, so a code can be dropped deep inside.
    const hovered = drop.target.zone === 'inside' ? rows[rowIndex.get(drop.target.id) ?? -1] : undefined;
    if (hovered?.hasChildren && !hovered.isExpanded) {
      if (expandTimerRef.current?.id !== hovered.code.id) {
        if (expandTimerRef.current) window.clearTimeout(expandTimerRef.current.timer);
        const id = hovered.code.id;
        expandTimerRef.current = { id, timer: window.setTimeout(() => setExpanded(id, true), 700) };
      }
    } else if (expandTimerRef.current) {
      window.clearTimeout(expandTimerRef.current.timer);
      expandTimerRef.current = null;
    }
  };

  const onDrop = (event: DragEvent<HTMLUListElement>) => {
    const drop = dropAt(event);
    const code = draggingId ? byId.get(draggingId) : undefined;
    clearDrag();
    if (!drop || !code) return;
    event.preventDefault();
    void move(code, drop.plan);
  };

  // ---- render --------------------------------------------------------------------------

  const menuCode = menu ? byId.get(menu.id) : undefined;
  const recolourCode = recolourId ? byId.get(recolourId) : undefined;
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
        onDragOver={onDragOver}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropTarget(null);
        }}
        onDrop={onDrop}
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
              onToggleExpanded={() => setExpanded(code.id, !row.isExpanded)}
              onToggleVisibility={() => toggleVisibility(code)}
              onEndRename={(name, focus) => void endRename(code, name, focus)}
              onDragStart={(event) => onDragStart(event, code)}
              onDragEnd={clearDrag}
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

      {deleting && (
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
          <DeletionSummary code={deleting.code} codes={deleting.codes} segments={deleting.segments} />
        </ConfirmDialog>
      )}

      {mergingCode && (
        <CodePicker
          open
          title={`Merge “${mergingCode.name}” into…`}
          description={<MergeSummary code={mergingCode} codings={counts.get(mergingCode.id) ?? 0} subcodes={mergingExcluded.size - 1} />}
          includeCategories
          excludeIds={mergingExcluded}
          onClose={() => {
            setMergingId(null);
            focusRow(mergingCode.id, { select: false });
          }}
          onPick={(targetId) => {
            const target = byId.get(targetId);
            if (!target) return;
            void actions.merge(mergingCode, target, counts.get(mergingCode.id) ?? 0).then(() => focusRow(target.id));
          }}
        />
      )}
    </div>
  );
}

interface CodeRowProps {
  row: CodeTreeRow;
  isSelected: boolean;
  isTabbable: boolean;
  isRenaming: boolean;
  isDragged: boolean;
  drop: DropZone | 'end' | null;
  count: number;
  total: number;
  numberKey: number | undefined;
  visibility: Visibility;
  onToggleExpanded(): void;
  onToggleVisibility(): void;
  /** `name` null = cancelled; `focus` false when the input lost focus to something else. */
  onEndRename(name: string | null, focus: boolean): void;
  onDragStart(event: DragEvent<HTMLLIElement>): void;
  onDragEnd(): void;
}

function CodeRow({ row, isSelected, isTabbable, isRenaming, isDragged, drop, count, total, numberKey, visibility, onToggleExpanded, onToggleVisibility, onEndRename, onDragStart, onDragEnd }: CodeRowProps) {
  const { code, depth, hasChildren, isExpanded, isMatch, posInSet, setSize } = row;
  const descriptionId = `code-row-${code.id}-description`;
  const description = code.isCodable
    ? [plural(count, 'coding'), total > count ? `${total} with sub-codes` : '', numberKey ? `key ${numberKey}` : ''].filter(Boolean).join(', ')
    : `category, ${plural(total, 'coding')} in its codes`;
  const classes = [
    'code-row',
    code.isCodable ? 'is-code' : 'is-category',
    isSelected && 'is-selected',
    !isMatch && 'is-context',
    isDragged && 'is-dragged',
    visibility === 'none' && 'is-hidden',
    drop && `drop-${drop}`,
  ].filter(Boolean);

  return (
    <li
      role="treeitem"
      data-code-id={code.id}
      aria-label={code.name}
      aria-describedby={descriptionId}
      aria-level={depth + 1}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-expanded={hasChildren ? isExpanded : undefined}
      aria-selected={isSelected}
      tabIndex={isTabbable ? 0 : -1}
      className={classes.join(' ')}
      style={{ '--depth': depth } as CSSProperties}
      draggable={!isRenaming}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
    >
      <span className={`code-row-twisty${hasChildren ? '' : ' is-leaf'}${isExpanded ? ' is-open' : ''}`} aria-hidden="true" onClick={hasChildren ? onToggleExpanded : undefined}>
        {hasChildren && <ChevronIcon />}
      </span>
      {code.isCodable ? <span className="color-dot code-row-swatch" style={{ background: code.color }} aria-hidden="true" /> : <FolderIcon color={code.color} />}
      {isRenaming ? (
        <RenameInput name={code.name} onEnd={onEndRename} />
      ) : (
        <span className="code-row-name" title={code.isCodable ? code.name : `${code.name} (category)`}>
          {code.name}
        </span>
      )}
      <span className="code-row-meta" aria-hidden="true">
        {numberKey !== undefined && <kbd className="code-key">{numberKey}</kbd>}
        {code.isCodable ? (
          <span className="count-badge" title={description}>
            {count}
          </span>
        ) : (
          <span className="count-badge is-sum" title={`${plural(total, 'coding')} in its codes`}>
            {total}
          </span>
        )}
      </span>
      <span id={descriptionId} className="visually-hidden">
        {description}
      </span>
      <button
        type="button"
        tabIndex={-1}
        className={`code-row-eye is-${visibility}`}
        aria-label={`Show highlights of ${code.name}`}
        aria-pressed={visibility === 'all' ? true : visibility === 'none' ? false : 'mixed'}
        title={visibility === 'all' ? 'Hide highlights (Space)' : 'Show highlights (Space)'}
        // Focus stays on the row (or wherever it was), so the arrow keys keep working.
        onMouseDown={(event) => event.preventDefault()}
        onClick={(event) => {
          event.stopPropagation();
          onToggleVisibility();
        }}
      >
        <EyeIcon isOpen={visibility !== 'none'} />
      </button>
    </li>
  );
}

function RenameInput({ name, onEnd }: { name: string; onEnd(name: string | null, focus: boolean): void }) {
  const ref = useRef<HTMLInputElement>(null);
  const doneRef = useRef(false);
  useLayoutEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (commit: boolean, focus: boolean) => {
    if (doneRef.current) return;
    doneRef.current = true;
    onEnd(commit ? (ref.current?.value ?? name) : null, focus);
  };
  return (
    <input
      ref={ref}
      type="text"
      className="code-row-input"
      aria-label={`New name for ${name}`}
      defaultValue={name}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') finish(true, true);
        else if (event.key === 'Escape') finish(false, true);
      }}
      onBlur={() => finish(true, false)}
      onClick={(event) => event.stopPropagation()}
    />
  );
}

/** The row of a code being created: Enter creates it, Escape (or an empty name) drops it. */
function DraftRow({ depth, label, isCodable, initialName, onEnd }: { depth: number; label: string; isCodable: boolean; initialName: string; onEnd(name: string, focus: boolean): void }) {
  const ref = useRef<HTMLInputElement>(null);
  const doneRef = useRef(false);
  useLayoutEffect(() => {
    ref.current?.focus();
    ref.current?.select();
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const finish = (commit: boolean, focus: boolean) => {
    if (doneRef.current) return;
    doneRef.current = true;
    onEnd(commit ? (ref.current?.value ?? '') : '', focus);
  };
  return (
    <li role="treeitem" aria-label={label} aria-level={depth + 1} aria-selected={false} tabIndex={-1} className={`code-row is-draft ${isCodable ? 'is-code' : 'is-category'}`} style={{ '--depth': depth } as CSSProperties}>
      <span className="code-row-twisty is-leaf" aria-hidden="true" />
      {isCodable ? <span className="color-dot code-row-swatch is-draft" aria-hidden="true" /> : <FolderIcon color="var(--muted)" />}
      <input
        ref={ref}
        type="text"
        className="code-row-input"
        aria-label={`Name of the ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        placeholder={isCodable ? 'Code name, then Enter' : 'Category name, then Enter'}
        defaultValue={initialName}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Enter') finish(true, true);
          else if (event.key === 'Escape') finish(false, true);
        }}
        onBlur={() => finish(true, false)}
      />
    </li>
  );
}

function RecolourDialog({ code, onPick, onClose }: { code: Code; onPick(color: string): void; onClose(): void }) {
  const customRef = useRef<HTMLInputElement>(null);
  // The native `change` event fires once when the colour chooser closes: one undo step.
  useEffect(() => {
    const input = customRef.current!;
    const onChange = () => onPick(input.value);
    input.addEventListener('change', onChange);
    return () => input.removeEventListener('change', onChange);
  }, [onPick]);
  return (
    <ModalDialog labelledBy="recolour-title" onClose={onClose} className="codebook-dialog">
      <h2 id="recolour-title" className="codebook-dialog-title">
        Colour of “{code.name}”
      </h2>
      <ColourSwatches
        label="Palette"
        value={code.color}
        autoFocus
        onPick={(color) => {
          onPick(color);
          onClose();
        }}
      />
      <label className="codebook-dialog-custom">
        Custom colour <input ref={customRef} type="color" defaultValue={code.color} />
      </label>
      <div className="codebook-dialog-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </ModalDialog>
  );
}

function DeletionSummary({ code, codes, segments }: { code: Code; codes: number; segments: number }) {
  const subcodes = codes - 1;
  if (subcodes === 0 && segments === 0) return <p>“{code.name}” has no codings. You can undo this.</p>;
  return (
    <>
      <p>This also deletes:</p>
      <ul className="codebook-dialog-list">
        {subcodes > 0 && <li>{plural(subcodes, 'sub-code')}</li>}
        {segments > 0 && <li>{plural(segments, 'coding')}{subcodes > 0 ? ' (of the code and its sub-codes)' : ''}</li>}
      </ul>
      <p className="muted">Memos on them go too. You can undo this.</p>
    </>
  );
}

function MergeSummary({ code, codings, subcodes }: { code: Code; codings: number; subcodes: number }) {
  const parts = [codings > 0 ? plural(codings, 'coding') : '', subcodes > 0 ? plural(subcodes, 'sub-code') : ''].filter(Boolean).join(' and ');
  if (!parts) return <>“{code.name}” has no codings or sub-codes; merging removes it.</>;
  const verb = codings + subcodes === 1 ? 'moves' : 'move';
  return (
    <>
      Its {parts} {verb} to the code you choose, then “{code.name}” is removed.
    </>
  );
}
