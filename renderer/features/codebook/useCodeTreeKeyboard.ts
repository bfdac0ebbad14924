/**
 * The code tree's keyboard (the ARIA tree pattern plus the codebook's editing keys): arrows,
 * Home/End, Enter applies, Space hides highlights, F2 renames, Delete deletes, Insert/+ adds a
 * sub-code, Alt+arrows move, Shift+F10/ContextMenu open the menu, * expands siblings, and
 * letters typed in quick succession jump to a matching code (type-ahead). Digits are left
 * alone: keys 1–9 apply codes in the document view.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { Code, CodeId } from '../../../shared/model/index.ts';
import type { CodeTreeRow, KeyboardMove } from './codeTreeView.ts';

export interface CodeTreeKeyboardOptions {
  codes: readonly Code[];
  rows: readonly CodeTreeRow[];
  rowIndex: ReadonlyMap<CodeId, number>;
  /** The row in the Tab order, used when the event did not come from a row. */
  tabbableId: CodeId | null;
  collapsed: ReadonlySet<CodeId>;
  setCollapsed(next: ReadonlySet<CodeId>): void;
  setExpanded(id: CodeId, isExpanded: boolean): void;
  query: string;
  clearQuery(): void;
  isFiltering: boolean;
  hasSelection: boolean;
  focusRow(id: CodeId): void;
  selectCode(id: CodeId): void;
  apply(code: Code): void;
  keyboardMove(code: Code, direction: KeyboardMove): void;
  requestDelete(code: Code): void;
  toggleVisibility(code: Code): void;
  startRename(code: Code): void;
  newSubcode(code: Code): void;
  openMenuAtRow(id: CodeId): void;
}

const ALT_MOVES: Record<string, KeyboardMove> = { ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'indent', ArrowLeft: 'outdent' };

/** How long a pause ends a type-ahead word. */
const TYPE_AHEAD_MS = 700;

/** The tree's `onKeyDown`. */
export function useCodeTreeKeyboard(options: CodeTreeKeyboardOptions): (event: KeyboardEvent<HTMLUListElement>) => void {
  const typeAheadRef = useRef({ text: '', at: 0 });

  return (event) => {
    const { codes, rows, rowIndex, tabbableId, collapsed, setCollapsed, setExpanded, isFiltering, focusRow } = options;
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
      const direction = ALT_MOVES[key];
      if (!direction) return;
      event.preventDefault();
      options.keyboardMove(code, direction);
      return;
    }
    if (event.ctrlKey || event.metaKey) {
      if (key === 'Backspace' && event.metaKey) {
        event.preventDefault();
        options.requestDelete(code);
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
        options.selectCode(code.id);
        if (options.hasSelection) options.apply(code);
        else if (row.hasChildren && !code.isCodable && !isFiltering) setExpanded(code.id, !row.isExpanded);
        break;
      case ' ':
        options.toggleVisibility(code);
        break;
      case 'F2':
        options.startRename(code);
        break;
      case 'Delete':
        options.requestDelete(code);
        break;
      case '+':
      case 'Insert':
        options.newSubcode(code);
        break;
      case 'ContextMenu':
        options.openMenuAtRow(code.id);
        break;
      case 'F10':
        if (!event.shiftKey) return;
        options.openMenuAtRow(code.id);
        break;
      case 'Escape':
        if (!options.query) return;
        options.clearQuery();
        break;
      case '*': {
        // Expands every sibling of the focused code (the ARIA tree convention).
        const next = new Set(collapsed);
        for (const c of codes) if (c.parentId === code.parentId) next.delete(c.id);
        setCollapsed(next);
        break;
      }
      default: {
        if (key.length !== 1 || !/[^\s0-9]/.test(key)) return;
        // Type-ahead: letters typed in quick succession find the next code starting with them.
        const now = Date.now();
        const ahead = typeAheadRef.current;
        ahead.text = now - ahead.at < TYPE_AHEAD_MS ? ahead.text + key.toLowerCase() : key.toLowerCase();
        ahead.at = now;
        const startsWith = (r: CodeTreeRow) => r.code.name.toLowerCase().startsWith(ahead.text);
        const from = ahead.text.length === 1 ? at! + 1 : at!;
        go(rows.slice(from).find(startsWith) ?? rows.slice(0, from).find(startsWith));
      }
    }
    event.preventDefault();
  };
}
