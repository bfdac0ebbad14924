/**
 * The entries of a code's context menu (right-click or Shift+F10 on a row). Items that open no
 * input or dialog give focus back to the row, so the arrow keys keep working afterwards.
 */
import type { Code, CodeId } from '../../../shared/model/index.ts';
import type { MenuEntry } from './ContextMenu.tsx';
import { subtreeVisibility } from './codeTreeView.ts';

/** What the menu needs to know and can do; the panel wires these to its state and actions. */
export interface CodeMenuContext {
  codes: readonly Code[];
  visibleCodeIds: ReadonlySet<CodeId> | null;
  hasSelection: boolean;
  /** Makes the code's row current again without selecting it. */
  focusRow(id: CodeId): void;
  apply(code: Code): void;
  rename(code: Code): void;
  recolour(code: Code): void;
  chooseQuickKey(code: Code): void;
  newSubcode(code: Code): void;
  merge(code: Code): void;
  toggleVisibility(code: Code): void;
  showOnly(code: Code): void;
  setCodable(code: Code, isCodable: boolean): void;
  requestDelete(code: Code): void;
  /** Writes a new memo on the code and opens it in the memo pane. */
  addMemo(code: Code): void;
}

export function codeMenuEntries(code: Code, context: CodeMenuContext): MenuEntry[] {
  const visibility = subtreeVisibility(context.codes, context.visibleCodeIds, code.id);
  const hasSubcodes = context.codes.some((c) => c.parentId === code.id);
  const thenFocus = (action: () => unknown) => () => {
    context.focusRow(code.id);
    action();
  };
  return [
    { label: 'Apply to selection', shortcut: 'Enter', isDisabled: !context.hasSelection || !code.isCodable, onSelect: thenFocus(() => context.apply(code)) },
    { label: 'Rename', shortcut: 'F2', onSelect: () => context.rename(code) },
    { label: 'Recolour…', onSelect: () => context.recolour(code) },
    { label: 'Quick key…', isDisabled: !code.isCodable, onSelect: () => context.chooseQuickKey(code) },
    { label: 'New sub-code', shortcut: 'Insert', onSelect: () => context.newSubcode(code) },
    { label: 'Merge into…', onSelect: () => context.merge(code) },
    { label: 'Add memo…', onSelect: () => context.addMemo(code) },
    'separator',
    { label: visibility === 'all' ? 'Hide highlights' : 'Show highlights', shortcut: 'Space', onSelect: thenFocus(() => context.toggleVisibility(code)) },
    { label: hasSubcodes ? 'Show only this branch' : 'Show only this code', onSelect: thenFocus(() => context.showOnly(code)) },
    { label: code.isCodable ? 'Make category' : 'Make code', onSelect: thenFocus(() => context.setCodable(code, !code.isCodable)) },
    'separator',
    { label: 'Delete…', shortcut: 'Delete', isDanger: true, onSelect: () => context.requestDelete(code) },
  ];
}
