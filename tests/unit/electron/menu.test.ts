import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../../shared/bridge.ts';
import { buildMenuTemplate } from '../../../electron/main/menu.ts';
import { acceleratorFor, menuCommandItems } from '../../../shared/menu.ts';

function submenuOf(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(item?.submenu) ? item.submenu : [];
}

function allItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...allItems(submenuOf(item))]);
}

function topLabels(template: MenuItemConstructorOptions[]): (string | undefined)[] {
  return template.map((item) => item.label?.replace('&', '') ?? item.role);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

function itemLabelled(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  return allItems(template).find((item) => item.label === label);
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(topLabels(buildMenuTemplate(() => {}, platform))).toEqual(['File', 'Edit', 'View', 'Help']);
    }
  });

  it('adds the app and Window menus on macOS, without Alt mnemonics', () => {
    const template = buildMenuTemplate(() => {}, 'darwin');
    expect(topLabels(template)).toEqual(['Marginalia', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    expect(template.some((item) => item.label?.includes('&'))).toBe(false);
  });

  it('sends edit:undo and edit:redo instead of using the native undo roles', () => {
    const sent: MenuCommand[] = [];
    const template = buildMenuTemplate((command) => sent.push(command), 'linux');
    const undo = itemLabelled(template, 'Undo');
    const redo = itemLabelled(template, 'Redo');
    click(undo);
    click(redo);
    expect(sent).toEqual(['edit:undo', 'edit:redo']);
    expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z' });
    expect(undo?.role).toBeUndefined();
    expect(redo?.role).toBeUndefined();
    expect(allItems(template).some((item) => item.role === 'undo' || item.role === 'redo')).toBe(false);
  });

  it('uses Ctrl+Y for redo on Windows and Shift+Cmd/Ctrl+Z elsewhere', () => {
    expect(itemLabelled(buildMenuTemplate(() => {}, 'win32'), 'Redo')?.accelerator).toBe('Ctrl+Y');
    expect(itemLabelled(buildMenuTemplate(() => {}, 'darwin'), 'Redo')?.accelerator).toBe('Shift+CmdOrCtrl+Z');
  });

  it('keeps the native roles for cut, copy, paste and select all', () => {
    const roles = submenuOf(buildMenuTemplate(() => {}, 'linux')[1]).map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers every menu command exactly once per platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const sent: MenuCommand[] = [];
      for (const item of allItems(buildMenuTemplate((command) => sent.push(command), platform))) click(item);
      expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    }
  });

  it('gives no two items the same accelerator', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = allItems(buildMenuTemplate(() => {}, platform, { isDev: true }))
        .map((item) => item.accelerator)
        .filter((accelerator) => accelerator !== undefined);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('shows developer tools only in development', () => {
    const hasDevTools = (isDev: boolean): boolean => allItems(buildMenuTemplate(() => {}, 'linux', { isDev })).some((item) => item.role === 'toggleDevTools');
    expect(hasDevTools(false)).toBe(false);
    expect(hasDevTools(true)).toBe(true);
  });

  it('labels and binds every command as the shared menu description does, so the browser menu bar cannot drift', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const template = buildMenuTemplate(() => {}, platform);
      const byCommand = new Map<MenuCommand, MenuItemConstructorOptions>();
      for (const item of allItems(template)) {
        const sent: MenuCommand[] = [];
        const probe = buildMenuTemplate((command) => sent.push(command), platform);
        click(allItems(probe)[allItems(template).indexOf(item)]);
        if (sent[0]) byCommand.set(sent[0], item);
      }
      for (const entry of menuCommandItems()) {
        const native = byCommand.get(entry.command);
        expect(native?.accelerator, `${platform} ${entry.command}`).toBe(acceleratorFor(entry, platform));
        if (entry.command !== 'help:about') expect(native?.label).toBe(entry.label);
      }
    }
  });

  it('gives the native menus the desktop shortcuts: Ctrl/Cmd+O, +Shift+N, +Shift+E, +1, +2, +\\ and +/', () => {
    const template = buildMenuTemplate(() => {}, 'linux');
    const accelerators = allItems(template).map((item) => item.accelerator);
    expect(accelerators).toEqual(expect.arrayContaining(['CmdOrCtrl+O', 'CmdOrCtrl+Shift+N', 'CmdOrCtrl+Shift+E', 'CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+\\', 'CmdOrCtrl+/']));
    expect(itemLabelled(template, 'About Marginalia')).toBeDefined();
  });
});
