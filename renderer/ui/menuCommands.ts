/**
 * Lets a panel answer a menu command itself (File → Import documents is the document list's,
 * File → New project the project switcher's), through the host bridge that delivers native menu
 * commands in Electron and the in-window menu's in a browser. So the shell does not have to
 * know every feature's actions to wire a menu.
 */
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../shared/bridge.ts';
import { useWorkspace } from './workspace.tsx';

/** Runs `handler` whenever `command` comes from a menu or its shortcut. */
export function useMenuCommand(command: MenuCommand, handler: () => void): void {
  const { bridge } = useWorkspace();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(
    () =>
      bridge.onMenuCommand((sent) => {
        if (sent === command) latest.current();
      }),
    [bridge, command],
  );
}
