import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../../shared/bridge.ts';
import { acceleratorFor, formatAccelerator, matchesAccelerator, MENUS, menuCommandItems, parseAccelerator, type KeyPress } from '../../../shared/menu.ts';

const press = (key: string, code: string, mods: Partial<Omit<KeyPress, 'key' | 'code'>> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('MENUS', () => {
  it('offers every menu command exactly once', () => {
    expect(menuCommandItems().map((item) => item.command).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('shows no combination a browser keeps for itself in the browser build', () => {
    // Chromium handles these before a page sees them: new window, incognito, tab, close, reopen.
    const reserved = ['Ctrl+N', 'Ctrl+Shift+N', 'Ctrl+T', 'Ctrl+Shift+T', 'Ctrl+W', 'Ctrl+Shift+W', 'Ctrl+Q', 'Ctrl+Shift+Q', 'Ctrl+Tab'];
    const shown = menuCommandItems()
      .map((item) => acceleratorFor(item, 'web'))
      .filter((accelerator) => accelerator !== undefined)
      .map((accelerator) => formatAccelerator(accelerator, false));
    expect(shown.filter((keys) => reserved.includes(keys))).toEqual([]);
    expect(shown).toContain('Alt+Shift+N');
  });

  it('gives no two items the same shortcut on any host', () => {
    for (const host of ['darwin', 'win32', 'linux', 'web'] as const) {
      const keys = menuCommandItems()
        .map((item) => acceleratorFor(item, host))
        .filter((accelerator) => accelerator !== undefined);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('has File, Edit, View and Help, each with an Alt mnemonic', () => {
    expect(MENUS.map((menu) => menu.title)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });
});

describe('acceleratorFor', () => {
  const newProject = menuCommandItems().find((item) => item.command === 'file:new-project')!;
  const redo = menuCommandItems().find((item) => item.command === 'edit:redo')!;
  it('uses the browser alternative in the browser and the native one on the desktop', () => {
    expect(acceleratorFor(newProject, 'web')).toBe('Alt+Shift+N');
    expect(acceleratorFor(newProject, 'linux')).toBe('CmdOrCtrl+Shift+N');
  });
  it('redoes with Ctrl+Y on Windows only', () => {
    expect(acceleratorFor(redo, 'win32')).toBe('Ctrl+Y');
    expect(acceleratorFor(redo, 'darwin')).toBe('Shift+CmdOrCtrl+Z');
  });
});

describe('parseAccelerator', () => {
  it('reads modifiers and the key', () => {
    expect(parseAccelerator('CmdOrCtrl+Shift+N')).toEqual({ isPrimary: true, isCtrl: false, isShift: true, isAlt: false, key: 'N' });
    expect(parseAccelerator('Alt+Shift+N')).toEqual({ isPrimary: false, isCtrl: false, isShift: true, isAlt: true, key: 'N' });
    expect(parseAccelerator('CmdOrCtrl+\\').key).toBe('\\');
  });
});

describe('matchesAccelerator', () => {
  it('matches Ctrl on Linux and Windows and Cmd on macOS', () => {
    expect(matchesAccelerator(press('o', 'KeyO', { ctrlKey: true }), 'CmdOrCtrl+O', false)).toBe(true);
    expect(matchesAccelerator(press('o', 'KeyO', { metaKey: true }), 'CmdOrCtrl+O', true)).toBe(true);
    expect(matchesAccelerator(press('o', 'KeyO', { ctrlKey: true }), 'CmdOrCtrl+O', true)).toBe(false);
  });
  it('needs exactly the modifiers named', () => {
    expect(matchesAccelerator(press('O', 'KeyO', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+O', false)).toBe(false);
    expect(matchesAccelerator(press('o', 'KeyO'), 'CmdOrCtrl+O', false)).toBe(false);
  });
  it('matches the physical key when Shift or Alt changes the character', () => {
    // macOS types "˜" for Option+Shift+N; Shift+/ types "?".
    expect(matchesAccelerator(press('˜', 'KeyN', { altKey: true, shiftKey: true }), 'Alt+Shift+N', true)).toBe(true);
    expect(matchesAccelerator(press('\\', 'Backslash', { ctrlKey: true }), 'CmdOrCtrl+\\', false)).toBe(true);
    expect(matchesAccelerator(press('/', 'Slash', { ctrlKey: true }), 'CmdOrCtrl+/', false)).toBe(true);
    expect(matchesAccelerator(press('1', 'Digit1', { ctrlKey: true }), 'CmdOrCtrl+2', false)).toBe(false);
  });
});

describe('formatAccelerator', () => {
  it('writes what a person presses', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+E', false)).toBe('Ctrl+Shift+E');
    expect(formatAccelerator('CmdOrCtrl+Shift+E', true)).toBe('⌘+Shift+E');
    expect(formatAccelerator('Alt+Shift+N', false)).toBe('Alt+Shift+N');
    expect(formatAccelerator('CmdOrCtrl+\\', false)).toBe('Ctrl+\\');
  });
});
