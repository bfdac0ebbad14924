/**
 * One row of the code tree (an ARIA treeitem): twisty, colour or folder, name (or its rename
 * field), quick key, coding count, a memo mark when memos are written on the code, and the eye that hides the code's highlights; and the row of
 * a code being named before it exists. Rows only render: the panel handles their events on the
 * tree (one listener for all rows).
 */
import type { CSSProperties, DragEvent } from 'react';
import type { Memo, MemoId } from '../../../shared/model/index.ts';
import { MemoMark } from '../../editor/memoMarks/MemoMark.tsx';
import { plural, type CodeTreeRow, type DropZone, type Visibility } from './codeTreeView.ts';
import { ChevronIcon, EyeIcon, FolderIcon } from './icons.tsx';
import { InlineNameInput } from './InlineNameInput.tsx';

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
  /** The memos written on the code (a mark with their count when any). */
  memos: readonly Memo[];
  onOpenMemo(id: MemoId): void;
  onToggleExpanded(): void;
  onToggleVisibility(): void;
  /** `name` null = cancelled; `focus` false when the input lost focus to something else. */
  onEndRename(name: string | null, focus: boolean): void;
  onDragStart(event: DragEvent<HTMLLIElement>): void;
  onDragEnd(): void;
}

export function CodeRow({ row, isSelected, isTabbable, isRenaming, isDragged, drop, count, total, numberKey, visibility, memos, onOpenMemo, onToggleExpanded, onToggleVisibility, onEndRename, onDragStart, onDragEnd }: CodeRowProps) {
  const { code, depth, hasChildren, isExpanded, isMatch, posInSet, setSize } = row;
  const descriptionId = `code-row-${code.id}-description`;
  const description = code.isCodable
    ? [plural(count, 'coding'), total > count ? `${total} with sub-codes` : '', numberKey ? `key ${numberKey}` : ''].filter(Boolean).join(', ')
    : `category, ${plural(total, 'coding')} in its codes`;
  const fullDescription = memos.length > 0 ? `${description}, ${plural(memos.length, 'memo')}` : description;
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
        <InlineNameInput initialValue={code.name} label={`New name for ${code.name}`} onEnd={onEndRename} />
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
        {fullDescription}
      </span>
      {memos.length > 0 && <MemoMark memos={memos} on={`on “${code.name}”`} onOpen={onOpenMemo} tabIndex={-1} className="is-row" />}
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

/** The row of a code being created: Enter creates it, Escape (or an empty name) drops it. */
export function DraftRow({ depth, label, isCodable, initialName, onEnd }: { depth: number; label: string; isCodable: boolean; initialName: string; onEnd(name: string, focus: boolean): void }) {
  return (
    <li role="treeitem" aria-label={label} aria-level={depth + 1} aria-selected={false} tabIndex={-1} className={`code-row is-draft ${isCodable ? 'is-code' : 'is-category'}`} style={{ '--depth': depth } as CSSProperties}>
      <span className="code-row-twisty is-leaf" aria-hidden="true" />
      {isCodable ? <span className="color-dot code-row-swatch is-draft" aria-hidden="true" /> : <FolderIcon color="var(--muted)" />}
      <InlineNameInput
        initialValue={initialName}
        label={`Name of the ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        placeholder={isCodable ? 'Code name, then Enter' : 'Category name, then Enter'}
        scrollIntoView
        onEnd={(name, focus) => onEnd(name ?? '', focus)}
      />
    </li>
  );
}
