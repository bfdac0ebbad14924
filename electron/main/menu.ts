/**
 * The native menus: File, Edit, View, Help (plus the app and Window menus on macOS), built from
 * the one description in shared/menu.ts that the browser's in-window menu bar also draws.
 * App actions are not performed here: each item sends a `MenuCommand` to the renderer, which
 * owns the project. Undo and Redo are app commands too ('edit:undo'/'edit:redo'), because
 * undo is the app's own Dexie-backed history, not the focused text field's; cut, copy, paste
 * and select-all keep their native roles. Pure: electron is imported for types only, so the
 * template is testable without the Electron binary; index.ts turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/bridge.ts';
import { acceleratorFor, MENUS, type MenuSpecItem } from '../../shared/menu.ts';

export interface MenuOptions {
  /** Adds reload and developer tools to View. */
  isDev: boolean;
  appName: string;
}

type Send = (command: MenuCommand) => void;
type DesktopPlatform = 'darwin' | 'win32' | 'linux';

function desktopPlatform(platform: NodeJS.Platform): DesktopPlatform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/**
 * Builds the application menu template.
 *
 * @example Menu.buildFromTemplate(buildMenuTemplate((c) => win.webContents.send(CH, c), process.platform))
 */
export function buildMenuTemplate(
  send: Send,
  platform: NodeJS.Platform,
  { isDev = false, appName = 'Marginalia' }: Partial<MenuOptions> = {},
): MenuItemConstructorOptions[] {
  const host = desktopPlatform(platform);
  const isMac = host === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const toNative = (entry: MenuSpecItem): MenuItemConstructorOptions => {
    if (entry.kind === 'separator') return separator;
    if (entry.kind === 'native') return { role: entry.role };
    const accelerator = acceleratorFor(entry, host);
    const label = entry.command === 'help:about' ? `About ${appName}` : entry.label;
    return { label, ...(accelerator ? { accelerator } : {}), click: () => send(entry.command) };
  };
  // "&" marks the Alt-key mnemonic on Windows and Linux; macOS menus have none.
  const topLabel = (title: string): string => (isMac ? title.replace('&', '') : title);
  const [fileSpec, editSpec, viewSpec, helpSpec] = MENUS;
  const about = toNative({ kind: 'command', command: 'help:about', label: '' });

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };

  const file: MenuItemConstructorOptions = {
    label: topLabel(fileSpec!.title),
    submenu: [...fileSpec!.items.map(toNative), separator, isMac ? { role: 'close' } : { role: 'quit' }],
  };
  const edit: MenuItemConstructorOptions = { label: topLabel(editSpec!.title), submenu: editSpec!.items.map(toNative) };
  const view: MenuItemConstructorOptions = {
    label: topLabel(viewSpec!.title),
    submenu: [
      ...viewSpec!.items.map(toNative),
      ...(isDev ? [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[] : []),
    ],
  };
  // On macOS "About" lives in the app menu, so Help keeps only the shortcuts.
  const helpItems = isMac ? helpSpec!.items.filter((entry) => entry.kind === 'command' && entry.command !== 'help:about') : helpSpec!.items;
  const help: MenuItemConstructorOptions = { role: 'help', label: topLabel(helpSpec!.title), submenu: helpItems.map(toNative) };

  return isMac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}
