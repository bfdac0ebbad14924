/**
 * The in-window menu bar. In Electron the native menus (File, Edit, View, Help) do this job and
 * this bar is not shown; in a browser it sends the same MenuCommands through the same handler.
 */
import { useEffect, useRef, useState } from 'react';
import type { MenuCommand } from '../../shared/bridge.ts';
import { isElectron } from '../platform/bridge.ts';

interface MenuItem {
  label: string;
  command: MenuCommand;
  shortcut?: string;
  disabled?: boolean;
}

interface MenuBarProps {
  onCommand(command: MenuCommand): void;
  undoLabel: string | null;
  redoLabel: string | null;
  showMargin: boolean;
}

export function MenuBar({ onCommand, undoLabel, redoLabel, showMargin }: MenuBarProps) {
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
    if (open) barRef.current?.querySelector<HTMLElement>(`[data-menu="${open}"] [role="menuitem"]:not([disabled])`)?.focus();
  }, [open]);

  if (isElectron) return null;

  const menus: { name: string; items: MenuItem[] }[] = [
    {
      name: 'File',
      items: [
        { label: 'New project…', command: 'file:new-project' },
        { label: 'Import documents…', command: 'file:import-documents', shortcut: 'Ctrl+O' },
        { label: 'Paste text as document…', command: 'file:paste-document' },
        { label: 'Import codebook…', command: 'file:import-codebook' },
        { label: 'Import project…', command: 'file:import-project' },
        { label: 'Export codebook…', command: 'file:export-codebook' },
        { label: 'Export project…', command: 'file:export-project' },
      ],
    },
    {
      name: 'Edit',
      items: [
        { label: undoLabel ? `Undo ${undoLabel}` : 'Undo', command: 'edit:undo', shortcut: 'Ctrl+Z', disabled: !undoLabel },
        { label: redoLabel ? `Redo ${redoLabel}` : 'Redo', command: 'edit:redo', shortcut: 'Ctrl+Shift+Z', disabled: !redoLabel },
        { label: 'Apply code to selection…', command: 'edit:apply-code', shortcut: 'Ctrl+K' },
      ],
    },
    {
      name: 'View',
      items: [
        { label: showMargin ? 'Hide coding stripes' : 'Show coding stripes', command: 'view:toggle-margin' },
        { label: 'Go to codebook', command: 'view:focus-codebook' },
        { label: 'Go to documents', command: 'view:focus-documents' },
      ],
    },
    {
      name: 'Help',
      items: [
        { label: 'Keyboard shortcuts', command: 'help:shortcuts', shortcut: '?' },
        { label: 'About Marginalia', command: 'help:about' },
      ],
    },
  ];

  const onMenuKey = (event: React.KeyboardEvent, index: number) => {
    const items = [...(event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])'))];
    const current = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown') items[(current + 1) % items.length]?.focus();
    else if (event.key === 'ArrowUp') items[(current - 1 + items.length) % items.length]?.focus();
    else if (event.key === 'ArrowRight') setOpen(menus[(index + 1) % menus.length]!.name);
    else if (event.key === 'ArrowLeft') setOpen(menus[(index - 1 + menus.length) % menus.length]!.name);
    else if (event.key === 'Escape') setOpen(null);
    else return;
    event.preventDefault();
  };

  return (
    <div className="menubar" role="menubar" aria-label="Main menu" ref={barRef}>
      {menus.map((menu, index) => (
        <div key={menu.name} className="menubar-menu" data-menu={menu.name} onKeyDown={(e) => onMenuKey(e, index)}>
          <button
            type="button"
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={open === menu.name}
            className="menubar-title"
            onClick={() => setOpen(open === menu.name ? null : menu.name)}
            onMouseEnter={() => open && setOpen(menu.name)}
          >
            {menu.name}
          </button>
          {open === menu.name && (
            <div role="menu" aria-label={menu.name} className="menu-popup">
              {menu.items.map((item) => (
                <button
                  key={item.command}
                  type="button"
                  role="menuitem"
                  disabled={item.disabled}
                  onClick={() => {
                    setOpen(null);
                    onCommand(item.command);
                  }}
                >
                  <span>{item.label}</span>
                  {item.shortcut && <kbd>{item.shortcut}</kbd>}
                </button>
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
