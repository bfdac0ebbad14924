/**
 * Which row of the code tree has focus, and moving it: one row is in the Tab order (roving
 * tabindex), selection follows focus, a row can be asked to take focus once it is rendered
 * (after a create, a move or a dialog), and a code selected elsewhere (e.g. by clicking a
 * highlight) is revealed: its branch opened and its row scrolled into view.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Code, CodeId } from '../../../shared/model/index.ts';
import type { CodeTreeRow } from './codeTreeView.ts';

/** The CSS selector of a code's row. */
export const rowSelector = (id: CodeId) => `[data-code-id="${id}"]`;

export interface TreeRowFocusOptions {
  treeRef: RefObject<HTMLUListElement | null>;
  byId: ReadonlyMap<CodeId, Code>;
  rows: readonly CodeTreeRow[];
  rowIndex: ReadonlyMap<CodeId, number>;
  selectedCodeId: CodeId | null;
  selectCode(id: CodeId | null): void;
  collapsed: ReadonlySet<CodeId>;
  setCollapsed(next: ReadonlySet<CodeId>): void;
}

export function useTreeRowFocus({ treeRef, byId, rows, rowIndex, selectedCodeId, selectCode, collapsed, setCollapsed }: TreeRowFocusOptions) {
  const [focusedId, setFocusedId] = useState<CodeId | null>(null);
  /** A row to focus once it is rendered, until a deadline (see the layout effect). */
  const pendingFocusRef = useRef<{ id: CodeId; until: number } | null>(null);
  const [, setFocusTick] = useState(0);

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

  return { tabbableId, focusRow };
}
