/**
 * A context menu (ARIA `menu`) at a point on screen: arrow keys, Home/End and first letters
 * move between items, Enter/Space or a click runs one, Escape/Tab or a press outside closes it.
 * The menu keeps itself inside the window.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuAction {
  label: string;
  onSelect(): void;
  isDisabled?: boolean;
  isDanger?: boolean;
  /** The key that does the same in the tree, shown on the right (e.g. "F2"). */
  shortcut?: string;
}

export type MenuEntry = MenuAction | 'separator';

interface ContextMenuProps {
  /** Names the menu, e.g. "Actions for Agency". */
  label: string;
  x: number;
  y: number;
  entries: readonly MenuEntry[];
  /**
   * Called when the menu should go: `'escape'` (Escape or Tab: give focus back to where the menu
   * came from), `'outside'` (a press elsewhere or the window lost focus: leave focus alone),
   * `'select'` (an item ran: the item decides where focus goes).
   */
  onClose(reason: 'escape' | 'outside' | 'select'): void;
}

export function ContextMenu({ label, x, y, entries, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const [position, setPosition] = useState({ left: x, top: y });

  useLayoutEffect(() => {
    const menu = ref.current!;
    const box = menu.getBoundingClientRect();
    setPosition({
      left: Math.max(4, Math.min(x, window.innerWidth - box.width - 4)),
      top: Math.max(4, Math.min(y, window.innerHeight - box.height - 4)),
    });
    menu.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [x, y]);

  useLayoutEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onCloseRef.current('outside');
    };
    const onBlur = () => onCloseRef.current('outside');
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, []);

  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];

  const onKeyDown = (event: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = list[(at + 1) % list.length];
    else if (event.key === 'ArrowUp') next = list[(at - 1 + list.length) % list.length];
    else if (event.key === 'Home') next = list[0];
    else if (event.key === 'End') next = list[list.length - 1];
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onClose('escape');
      return;
    } else if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const letter = event.key.toLowerCase();
      const startsWith = (el: HTMLElement) => (el.dataset.label ?? '').toLowerCase().startsWith(letter);
      next = list.slice(at + 1).find(startsWith) ?? list.find(startsWith);
    } else return;
    event.preventDefault();
    event.stopPropagation();
    next?.focus();
  };

  const run = (action: MenuAction) => {
    if (action.isDisabled) return;
    onClose('select');
    action.onSelect();
  };

  return (
    <div ref={ref} className="context-menu" role="menu" aria-label={label} style={{ left: position.left, top: position.top }} onKeyDown={onKeyDown} onContextMenu={(e) => e.preventDefault()}>
      {entries.map((entry, index) =>
        entry === 'separator' ? (
          <div key={`separator-${index}`} role="separator" className="context-menu-separator" />
        ) : (
          <div
            key={entry.label}
            role="menuitem"
            tabIndex={-1}
            data-label={entry.label}
            aria-disabled={entry.isDisabled || undefined}
            aria-keyshortcuts={entry.shortcut}
            className={`context-menu-item${entry.isDanger ? ' is-danger' : ''}`}
            onClick={() => run(entry)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                event.stopPropagation();
                run(entry);
              }
            }}
          >
            <span>{entry.label}</span>
            {entry.shortcut && (
              <span className="context-menu-shortcut" aria-hidden="true">
                {entry.shortcut}
              </span>
            )}
          </div>
        ),
      )}
    </div>
  );
}
