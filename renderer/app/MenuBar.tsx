/**
 * The in-window menu bar, drawn from the same description as the native menus
 * (shared/menu.ts). In Electron the native menus do this job and this bar is not shown; in a
 * browser it sends the same MenuCommands through the same handler, and every shortcut it shows
 * is bound by useMenuShortcuts.
 *
 * Keyboard: F10 (or Alt pressed and released alone) focuses the bar; ← → move between menus,
 * ↓ / Enter / Space open one, ↑ ↓ move through its items, Enter runs one, Escape goes back.
 */
import { useEffect, useRef, useState } from 'react';
import type { MenuCommand } from '../../shared/bridge.ts';
import { acceleratorFor, formatAccelerator, MENUS, plainTitle, type MenuCommandItem } from '../../shared/menu.ts';
import { effectiveCoderFilter, type CoderFilter, type CoderView } from '../../shared/coding/coderView.ts';
import { isElectron } from '../platform/bridge.ts';
import { isMac } from './menuHost.ts';

interface MenuBarProps {
  onCommand(command: MenuCommand): void;
  undoLabel: string | null;
  redoLabel: string | null;
  showMargin: boolean;
  /** The coder view, for the toggles' labels and the filter's check mark (null while it is read). */
  coderView: CoderView | null;
}

/** The filter each "Show … codings" item chooses. */
const FILTER_OF_COMMAND: Partial<Record<MenuCommand, CoderFilter>> = { 'view:coders-all': 'all', 'view:coders-mine': 'mine', 'view:coders-others': 'others' };

/**
 * The in-window menus: command items, and the separators between groups of them (cut, copy and
 * zoom are the browser's own, so they and the separators around them are left out).
 */
const WEB_MENUS = MENUS.map((menu) => {
  const entries: (MenuCommandItem | { kind: 'separator' })[] = [];
  let isGroupEnded = false;
  for (const entry of menu.items) {
    if (entry.kind === 'command') {
      if (isGroupEnded && entries.length > 0) entries.push({ kind: 'separator' });
      entries.push(entry);
      isGroupEnded = false;
    } else if (entry.kind === 'separator') isGroupEnded = true;
  }
  return { name: plainTitle(menu.title), entries };
});

export function MenuBar({ onCommand, undoLabel, redoLabel, showMargin, coderView }: MenuBarProps) {
  const [open, setOpen] = useState<string | null>(null);
  const barRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!barRef.current?.contains(event.target as Node)) setOpen(null);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);

  useEffect(() => {
    if (open) barRef.current?.querySelector<HTMLElement>(`[data-menu="${open}"] [role="menu"] [role="menuitem"]:not([disabled])`)?.focus();
  }, [open]);

  // F10, or Alt alone, reaches the bar from anywhere, as in desktop applications.
  useEffect(() => {
    if (isElectron) return;
    let isAltAlone = false;
    const focusBar = () => barRef.current?.querySelector<HTMLElement>('.menubar-title')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      isAltAlone = event.key === 'Alt' && !event.ctrlKey && !event.shiftKey && !event.metaKey;
      if (event.key === 'F10' && !event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        focusBar();
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === 'Alt' && isAltAlone) {
        event.preventDefault();
        focusBar();
      }
      isAltAlone = false;
    };
    const onPointerDown = () => {
      isAltAlone = false;
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('pointerdown', onPointerDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('pointerdown', onPointerDown);
    };
  }, []);

  if (isElectron) return null;

  const labelOf = (item: MenuCommandItem): string => {
    if (item.command === 'edit:undo' && undoLabel) return `Undo ${undoLabel}`;
    if (item.command === 'edit:redo' && redoLabel) return `Redo ${redoLabel}`;
    if (item.command === 'view:toggle-margin') return showMargin ? 'Hide coding stripes' : 'Show coding stripes';
    if (item.command === 'view:color-by-coder') return coderView?.colorBy === 'coder' ? 'Colour codings by code' : 'Colour codings by coder';
    if (item.command === 'view:blind-coding') return coderView?.isBlind ? 'Turn blind coding off' : 'Turn blind coding on';
    return item.label;
  };
  /** The coder filter in force gets a check mark. */
  const isChecked = (item: MenuCommandItem): boolean => coderView !== null && FILTER_OF_COMMAND[item.command] === effectiveCoderFilter(coderView);
  const isDisabled = (item: MenuCommandItem): boolean => (item.command === 'edit:undo' && !undoLabel) || (item.command === 'edit:redo' && !redoLabel);
  const titleOf = (index: number) => barRef.current?.querySelectorAll<HTMLElement>('.menubar-title')[index];

  const onTitleKey = (event: React.KeyboardEvent, index: number) => {
    const count = WEB_MENUS.length;
    const name = WEB_MENUS[index]!.name;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const next = (index + (event.key === 'ArrowRight' ? 1 : count - 1)) % count;
      if (open) setOpen(WEB_MENUS[next]!.name);
      else titleOf(next)?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      setOpen(name);
    } else if (event.key === 'Escape') {
      setOpen(null);
      (document.activeElement as HTMLElement | null)?.blur();
    } else return;
    event.preventDefault();
  };

  const onMenuKey = (event: React.KeyboardEvent, index: number) => {
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])')];
    const current = items.indexOf(document.activeElement as HTMLElement);
    const count = WEB_MENUS.length;
    if (event.key === 'ArrowDown') items[(current + 1) % items.length]?.focus();
    else if (event.key === 'ArrowUp') items[(current - 1 + items.length) % items.length]?.focus();
    else if (event.key === 'ArrowRight') setOpen(WEB_MENUS[(index + 1) % count]!.name);
    else if (event.key === 'ArrowLeft') setOpen(WEB_MENUS[(index - 1 + count) % count]!.name);
    else if (event.key === 'Escape') {
      setOpen(null);
      titleOf(index)?.focus();
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="menubar" role="menubar" aria-label="Main menu" ref={barRef}>
      {WEB_MENUS.map((menu, index) => (
        <div key={menu.name} className="menubar-menu" data-menu={menu.name}>
          <button
            type="button"
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={open === menu.name}
            className="menubar-title"
            tabIndex={index === 0 ? 0 : -1}
            onClick={() => setOpen(open === menu.name ? null : menu.name)}
            onMouseEnter={() => open && setOpen(menu.name)}
            onKeyDown={(e) => onTitleKey(e, index)}
          >
            {menu.name}
          </button>
          {open === menu.name && (
            <div role="menu" aria-label={menu.name} className="menu-popup" onKeyDown={(e) => onMenuKey(e, index)}>
              {menu.entries.map((item, entryIndex) => {
                if (item.kind === 'separator') return <hr key={`separator-${entryIndex}`} />;
                const accelerator = acceleratorFor(item, 'web');
                return (
                  <button
                    key={item.command}
                    type="button"
                    role="menuitem"
                    disabled={isDisabled(item)}
                    onClick={() => {
                      setOpen(null);
                      onCommand(item.command);
                    }}
                  >
                    <span>{labelOf(item)}</span>
                    {accelerator && <kbd>{formatAccelerator(accelerator, isMac)}</kbd>}
                    {isChecked(item) && <span className="menu-check" aria-hidden="true">✓</span>}
                  </button>
                );
              })}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
