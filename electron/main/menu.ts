/**
 * The native menus: File, Edit, View, Help (plus the app and Window menus on macOS).
 * App actions are not performed here: each item sends a `MenuCommand` to the renderer, which
 * owns the project. Undo and Redo are app commands too ('edit:undo'/'edit:redo'), because
 * undo is the app's own Dexie-backed history, not the focused text field's; cut, copy, paste
 * and select-all keep their native roles. Pure: electron is imported for types only, so the
 * template is testable without the Electron binary; index.ts turns it into a Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/bridge.ts';

export interface MenuOptions {
  /** Adds reload and developer tools to View. */
  isDev: boolean;
  appName: string;
}

type Send = (command: MenuCommand) => void;

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
  const isMac = platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(name),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  // "&" marks the Alt-key mnemonic on Windows and Linux; macOS menus have none.
  const topLabel = (label: string): string => (isMac ? label.replace('&', '') : label);
  const about = command(`About ${appName}`, 'help:about');

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };

  const file: MenuItemConstructorOptions = {
    label: topLabel('&File'),
    submenu: [
      command('New Project', 'file:new-project', 'CmdOrCtrl+Shift+N'),
      separator,
      command('Import Documents…', 'file:import-documents', 'CmdOrCtrl+O'),
      // No accelerator: Ctrl+Shift+V is paste-as-plain-text in text fields.
      command('Paste as New Document…', 'file:paste-document'),
      separator,
      command('Import Codebook…', 'file:import-codebook'),
      command('Import Project…', 'file:import-project'),
      separator,
      command('Export Codebook…', 'file:export-codebook'),
      command('Export Project…', 'file:export-project', 'CmdOrCtrl+Shift+E'),
      separator,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: topLabel('&Edit'),
    submenu: [
      command('Undo', 'edit:undo', 'CmdOrCtrl+Z'),
      command('Redo', 'edit:redo', platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z'),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      separator,
      command('Apply Code to Selection', 'edit:apply-code', 'CmdOrCtrl+K'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: topLabel('&View'),
    submenu: [
      command('Documents', 'view:focus-documents', 'CmdOrCtrl+1'),
      command('Codebook', 'view:focus-codebook', 'CmdOrCtrl+2'),
      command('Show or Hide Margin', 'view:toggle-margin', 'CmdOrCtrl+\\'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(isDev ? [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[] : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: topLabel('&Help'),
    submenu: [command('Keyboard Shortcuts', 'help:shortcuts', 'CmdOrCtrl+/'), ...(isMac ? [] : [separator, about])],
  };

  return isMac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}
