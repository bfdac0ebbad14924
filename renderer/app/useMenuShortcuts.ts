/**
 * In the browser build, the shortcuts the in-window menu shows, bound to the same
 * MenuCommands (in Electron the native menu's accelerators do this). The keys the workbench's
 * coding listener owns (undo, redo, the code picker) are shown but not bound here, so one
 * press never runs twice.
 */
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../shared/bridge.ts';
import { acceleratorFor, matchesAccelerator, menuCommandItems } from '../../shared/menu.ts';
import { isMac, menuHost } from './menuHost.ts';

const BOUND = menuCommandItems()
  .filter((item) => !item.isKeyHandledByWorkbench)
  .flatMap((item) => {
    const accelerator = acceleratorFor(item, 'web');
    return accelerator ? [{ command: item.command, accelerator }] : [];
  });

export function useMenuShortcuts(onCommand: (command: MenuCommand) => void): void {
  const latest = useRef(onCommand);
  latest.current = onCommand;
  useEffect(() => {
    if (menuHost !== 'web') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      // A dialog is on top: its keys are its own.
      if (document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]')) return;
      const match = BOUND.find((binding) => matchesAccelerator(event, binding.accelerator, isMac));
      if (!match) return;
      event.preventDefault();
      latest.current(match.command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
