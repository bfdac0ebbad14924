/**
 * The code picker: a modal, searchable list of codes (ARIA combobox + listbox), for applying a
 * code to the selection from the keyboard and for choosing the target of "Merge into…".
 * Every word typed must occur in the code's path ("fram child" finds "Framing › Child
 * protection"); Up/Down/Enter pick, Escape closes. With `allowCreate`, a name that matches no
 * code can be created on the spot (as a top-level code), and is then picked; with `onCreate`,
 * the caller creates it instead (e.g. creating and applying it as one undo step).
 */
import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CodeId } from '../../../shared/model/index.ts';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { PATH_SEPARATOR, hasCodeNamed, rankPickerOptions, suggestColour } from './codeTreeView.ts';
import { quickKeyOf } from './numberedCodes.ts';
import { useCodebook, useCodebookActions } from './useCodebook.ts';
import { FolderIcon, SearchIcon } from './icons.tsx';
import './codebook.css';

export interface CodePickerProps {
  open: boolean;
  onClose(): void;
  /** Called with the chosen (or newly created) code; the picker then closes itself via `onClose`. */
  onPick(codeId: CodeId): void;
  /** The dialog's heading; "Apply code" when omitted. */
  title?: string;
  /** A line under the heading, e.g. what a merge will move. */
  description?: ReactNode;
  /** Offer "Create code “…”" when the query names no existing code. */
  allowCreate?: boolean;
  /**
   * Creates the new code named in the search box (with a suggested colour) instead of the picker
   * creating it and calling `onPick`; the picker then closes.
   */
  onCreate?(name: string, color: string): void;
  /** Codes not to offer (e.g. the code being merged and its sub-codes). */
  excludeIds?: Iterable<CodeId>;
  /** Offer categories as well as codable codes (for merging; a category cannot be applied). */
  includeCategories?: boolean;
  /** The text typed when the picker opens. */
  initialQuery?: string;
  /** Screen box of the passage being coded: the picker opens below or above it, not over it. */
  avoid?: { top: number; bottom: number } | null | undefined;
  /**
   * Something else to do with the selection instead of coding it (the right-click's "Add memo
   * instead"): a button in the footer; the picker closes through the action.
   */
  secondaryAction?: { label: string; onSelect(): void } | undefined;
}

export function CodePicker(props: CodePickerProps) {
  if (!props.open) return null;
  return <OpenCodePicker {...props} />;
}

type PickerItem = { kind: 'code'; id: CodeId } | { kind: 'create'; name: string };

function OpenCodePicker({ onClose, onPick, onCreate, title = 'Apply code', description, allowCreate, excludeIds, includeCategories, initialQuery = '', avoid, secondaryAction }: CodePickerProps) {
  const { codes, counts } = useCodebook();
  const actions = useCodebookActions();
  const [query, setQuery] = useState(initialQuery);
  const [activeIndex, setActiveIndex] = useState(0);
  const [isCreating, setIsCreating] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const baseId = useId();
  const titleId = `${baseId}-title`;
  const listId = `${baseId}-list`;
  const descriptionId = `${baseId}-description`;

  const excluded = useMemo(() => new Set(excludeIds ?? []), [excludeIds]);
  const options = useMemo(() => rankPickerOptions(codes ?? [], query, { excludeIds: excluded, includeCategories }), [codes, query, excluded, includeCategories]);
  const keyOf = useMemo(() => quickKeyOf(codes ?? []), [codes]);
  const createName = allowCreate && query.trim() && codes && !hasCodeNamed(codes, query) ? query.trim() : null;
  const items: PickerItem[] = [...options.map((o) => ({ kind: 'code', id: o.code.id }) as const), ...(createName ? [{ kind: 'create', name: createName } as const] : [])];
  const active = Math.min(activeIndex, items.length - 1);
  const optionId = (index: number) => `${baseId}-option-${index}`;

  // Keep the passage in sight: open below it, or above it, when the window has room.
  const [avoidTop, avoidBottom] = [avoid?.top, avoid?.bottom];
  useLayoutEffect(() => {
    const dialog = listRef.current?.closest('dialog');
    if (!dialog || avoidTop === undefined || avoidBottom === undefined) return;
    const height = dialog.getBoundingClientRect().height;
    const gap = 12;
    if (avoidBottom + gap + height < window.innerHeight) dialog.style.margin = `${avoidBottom + gap}px auto auto`;
    else if (avoidTop - gap - height > 0) dialog.style.margin = `${avoidTop - gap - height}px auto auto`;
  }, [avoidTop, avoidBottom]);

  useLayoutEffect(() => {
    listRef.current?.querySelector(`[id="${optionId(active)}"]`)?.scrollIntoView({ block: 'nearest' });
  });

  const pick = async (item: PickerItem | undefined) => {
    if (!item || isCreating) return;
    if (item.kind === 'code') {
      onPick(item.id);
      onClose();
      return;
    }
    if (onCreate) {
      onCreate(item.name, suggestColour(codes ?? []));
      onClose();
      return;
    }
    setIsCreating(true);
    const created = await actions.create({ name: item.name, color: suggestColour(codes ?? []) });
    setIsCreating(false);
    if (created) {
      onPick(created.id);
      onClose();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = items.length - 1;
    let next: number;
    if (event.key === 'ArrowDown') next = active >= last ? 0 : active + 1;
    else if (event.key === 'ArrowUp') next = active <= 0 ? last : active - 1;
    else if (event.key === 'PageDown') next = Math.min(last, active + 8);
    else if (event.key === 'PageUp') next = Math.max(0, active - 8);
    else if (event.key === 'Enter') {
      event.preventDefault();
      void pick(items[active]);
      return;
    } else return;
    event.preventDefault();
    setActiveIndex(Math.max(0, next));
  };

  const codable = options.length;
  const status =
    codes === undefined
      ? 'Loading codes…'
      : codable > 0
        ? `${codable} ${codable === 1 ? 'code' : 'codes'}`
        : createName
          ? 'No code has that name yet: Enter creates it.'
          : query.trim()
            ? `No code matches “${query.trim()}”.`
            : 'The codebook has no codes yet.';

  return (
    <ModalDialog labelledBy={titleId} describedBy={description ? descriptionId : undefined} onClose={onClose} className="code-picker">
      <h2 id={titleId} className="codebook-dialog-title">
        {title}
      </h2>
      {description && (
        <p id={descriptionId} className="code-picker-description">
          {description}
        </p>
      )}
      <div className="code-picker-search">
        <SearchIcon />
        <input
          type="text"
          role="combobox"
          aria-label="Search codes"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items.length > 0 ? optionId(active) : undefined}
          placeholder="Type to find a code…"
          value={query}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveIndex(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul ref={listRef} id={listId} role="listbox" aria-label="Codes" className="code-picker-list">
        {options.map(({ code, path }, index) => {
          const key = keyOf.get(code.id);
          const count = counts.get(code.id) ?? 0;
          return (
            <li
              key={code.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={`code-picker-option${index === active ? ' is-active' : ''}${code.isCodable ? '' : ' is-category'}`}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => index !== active && setActiveIndex(index)}
              onClick={() => void pick(items[index])}
            >
              {code.isCodable ? <span className="color-dot" style={{ background: code.color }} aria-hidden="true" /> : <FolderIcon color={code.color} />}
              <span className="code-picker-path">
                {path.slice(0, -1).map((name, i) => (
                  <span key={i} className="code-picker-ancestor">
                    {name}
                    {PATH_SEPARATOR}
                  </span>
                ))}
                <span className="code-picker-name">{code.name}</span>
              </span>
              {key !== undefined && (
                <kbd className="code-key" title={`Key ${key} applies this code`}>
                  {key}
                </kbd>
              )}
              <span className="count-badge" title={`${count} ${count === 1 ? 'coding' : 'codings'}`}>
                {count}
              </span>
            </li>
          );
        })}
        {createName && (
          <li
            id={optionId(options.length)}
            role="option"
            aria-selected={active === options.length}
            className={`code-picker-option is-create${active === options.length ? ' is-active' : ''}`}
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => active !== options.length && setActiveIndex(options.length)}
            onClick={() => void pick({ kind: 'create', name: createName })}
          >
            <span className="code-picker-plus" aria-hidden="true">
              +
            </span>
            <span>Create code “{createName}”</span>
          </li>
        )}
      </ul>
      <div className="code-picker-footer">
        <span role="status" className="muted">
          {status}
        </span>
        {secondaryAction && (
          <button type="button" className="code-picker-secondary" onClick={secondaryAction.onSelect}>
            {secondaryAction.label}
          </button>
        )}
        <span className="muted code-picker-hints" aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> choose · <kbd>Enter</kbd> pick · <kbd>Esc</kbd> close
        </span>
      </div>
    </ModalDialog>
  );
}
