/**
 * The one description of the app's menus: File, Edit, View, Help, their items, the command
 * each sends and its keyboard shortcut. The desktop head turns it into native menus
 * (electron/main/menu.ts); the browser head draws it as the in-window menu bar and binds the
 * same shortcuts with a keydown listener. So the two cannot drift, and the rule holds in both:
 * every shortcut a menu shows works in that build.
 *
 * Accelerators use Electron's syntax ("CmdOrCtrl+Shift+N"). A plain browser never receives a
 * few combinations Chromium keeps for its own windows and tabs (Ctrl+N, Ctrl+Shift+N, Ctrl+T,
 * Ctrl+W, Ctrl+Shift+T...), so an item bound to one of them names a `webAccelerator` instead.
 * Pure data and pure functions: no DOM, no Electron.
 */
import type { MenuCommand } from './bridge.ts';

/** Where the menus are shown: a desktop platform (native menus) or a plain browser. */
export type MenuHost = 'darwin' | 'win32' | 'linux' | 'web';

/** A native-only item (cut, copy, zoom...): Electron gives it its own label and behaviour. */
export type NativeRole = 'cut' | 'copy' | 'paste' | 'selectAll' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'quit' | 'close';

export interface MenuCommandItem {
  kind: 'command';
  command: MenuCommand;
  label: string;
  /** The shortcut, in Electron's accelerator syntax. */
  accelerator?: string;
  /** A different shortcut on one desktop platform (Windows redoes with Ctrl+Y). */
  platformAccelerator?: Partial<Record<Exclude<MenuHost, 'web'>, string>>;
  /** In a browser, instead of `accelerator`: one Chromium lets a page receive. */
  webAccelerator?: string;
  /**
   * The key is handled by a listener of the workbench's own (undo in or out of text fields, the
   * code picker, the find bar), not by the generic menu-shortcut listener; the menu only shows it.
   */
  isKeyHandledByWorkbench?: boolean;
}

export type MenuSpecItem = MenuCommandItem | { kind: 'separator' } | { kind: 'native'; role: NativeRole };

export interface MenuSpec {
  /** The title; "&" marks the Alt mnemonic (dropped on macOS and in the browser). */
  title: string;
  items: MenuSpecItem[];
}

const separator = { kind: 'separator' } as const;
const native = (role: NativeRole) => ({ kind: 'native', role }) as const;
const item = (command: MenuCommand, label: string, keys: Omit<MenuCommandItem, 'kind' | 'command' | 'label'> = {}): MenuCommandItem => ({ kind: 'command', command, label, ...keys });

/**
 * File, Edit, View and Help, in order. Dynamic labels (Undo *what*, Show/Hide) are the
 * in-window menu's business; these are the plain ones.
 */
export const MENUS: readonly MenuSpec[] = [
  {
    title: '&File',
    items: [
      // Chromium opens an incognito window on Ctrl+Shift+N before a page sees it.
      item('file:new-project', 'New project…', { accelerator: 'CmdOrCtrl+Shift+N', webAccelerator: 'Alt+Shift+N' }),
      separator,
      item('file:import-documents', 'Import documents…', { accelerator: 'CmdOrCtrl+O' }),
      // No accelerator: Ctrl+Shift+V is paste-as-plain-text in text fields.
      item('file:paste-document', 'Paste text as document…'),
      separator,
      item('file:import-codebook', 'Import codebook…'),
      item('file:import-project', 'Import project…'),
      item('file:import-teammate', 'Import a teammate’s coding…'),
      separator,
      item('file:export-codebook', 'Export codebook…'),
      item('file:export-project', 'Export project…', { accelerator: 'CmdOrCtrl+Shift+E' }),
      item('file:export-memos', 'Export memo report…'),
      separator,
      item('file:project-memo', 'Write project memo…'),
    ],
  },
  {
    title: '&Edit',
    items: [
      item('edit:undo', 'Undo', { accelerator: 'CmdOrCtrl+Z', isKeyHandledByWorkbench: true }),
      item('edit:redo', 'Redo', { accelerator: 'Shift+CmdOrCtrl+Z', platformAccelerator: { win32: 'Ctrl+Y' }, isKeyHandledByWorkbench: true }),
      separator,
      native('cut'),
      native('copy'),
      native('paste'),
      native('selectAll'),
      separator,
      item('edit:apply-code', 'Apply code to selection…', { accelerator: 'CmdOrCtrl+K', isKeyHandledByWorkbench: true }),
      item('edit:add-memo', 'Add memo to selection', { accelerator: 'CmdOrCtrl+M' }),
      separator,
      // The key is the find bar's own (renderer/features/search): not from inside other text fields.
      item('edit:find', 'Find in document…', { accelerator: 'CmdOrCtrl+F', isKeyHandledByWorkbench: true }),
    ],
  },
  {
    title: '&View',
    items: [
      item('view:focus-documents', 'Go to documents', { accelerator: 'CmdOrCtrl+1' }),
      item('view:focus-codebook', 'Go to codebook', { accelerator: 'CmdOrCtrl+2' }),
      item('view:toggle-margin', 'Show or hide coding stripes', { accelerator: 'CmdOrCtrl+\\' }),
      item('view:memos', 'Memos', { accelerator: 'CmdOrCtrl+Shift+M', webAccelerator: 'Alt+Shift+M' }),
      item('view:compare-coders', 'Compare coders…'),
      separator,
      // Whose codings the document shows, how they are coloured, and blind coding (coderView.ts).
      item('view:coders-all', 'Show all coders’ codings'),
      item('view:coders-mine', 'Show only my codings'),
      item('view:coders-others', 'Show only other coders’ codings'),
      item('view:color-by-coder', 'Colour codings by coder or by code'),
      item('view:blind-coding', 'Turn blind coding on or off'),
      separator,
      native('resetZoom'),
      native('zoomIn'),
      native('zoomOut'),
      separator,
      native('togglefullscreen'),
    ],
  },
  {
    title: '&Help',
    items: [item('help:shortcuts', 'Keyboard shortcuts', { accelerator: 'CmdOrCtrl+/' }), separator, item('help:about', 'About Marginalia')],
  },
];

/**
 * The shortcut an item has on a host, or undefined.
 *
 * @example acceleratorFor(newProject, 'web') // 'Alt+Shift+N'; acceleratorFor(redo, 'win32') // 'Ctrl+Y'
 */
export function acceleratorFor(entry: MenuCommandItem, host: MenuHost): string | undefined {
  if (host === 'web') return entry.webAccelerator ?? entry.accelerator;
  return entry.platformAccelerator?.[host] ?? entry.accelerator;
}

/** Every command item of the menus, in menu order. */
export function menuCommandItems(menus: readonly MenuSpec[] = MENUS): MenuCommandItem[] {
  return menus.flatMap((menu) => menu.items.filter((entry): entry is MenuCommandItem => entry.kind === 'command'));
}

/** A parsed accelerator: which modifiers, and the key. */
export interface KeyChord {
  /** Cmd on macOS, Ctrl elsewhere. */
  isPrimary: boolean;
  /** Ctrl itself (also on macOS), for accelerators that name "Ctrl". */
  isCtrl: boolean;
  isShift: boolean;
  isAlt: boolean;
  /** The key, as written in the accelerator: "N", "1", "\\", "/". */
  key: string;
}

/**
 * Parses an Electron accelerator.
 *
 * @example parseAccelerator('CmdOrCtrl+Shift+N') // { isPrimary: true, isShift: true, isCtrl: false, isAlt: false, key: 'N' }
 */
export function parseAccelerator(accelerator: string): KeyChord {
  // The key itself may be "+" ("CmdOrCtrl+Plus" in Electron) but none of ours are, so split on "+".
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const chord: KeyChord = { isPrimary: false, isCtrl: false, isShift: false, isAlt: false, key };
  for (const part of parts) {
    const modifier = part.toLowerCase();
    if (modifier === 'cmdorctrl' || modifier === 'commandorcontrol' || modifier === 'cmd' || modifier === 'command') chord.isPrimary = true;
    else if (modifier === 'ctrl' || modifier === 'control') chord.isCtrl = true;
    else if (modifier === 'shift') chord.isShift = true;
    else if (modifier === 'alt' || modifier === 'option') chord.isAlt = true;
  }
  return chord;
}

/** What a keydown tells us; a DOM KeyboardEvent has these fields. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const CODE_OF_KEY: Readonly<Record<string, string>> = { '\\': 'Backslash', '/': 'Slash', ',': 'Comma', '.': 'Period', ';': 'Semicolon' };

/** The physical key (`KeyboardEvent.code`) an accelerator key names, so Shift or Alt changing the character does not matter. */
function codeOfKey(key: string): string | undefined {
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return CODE_OF_KEY[key];
}

/**
 * True when a key press is the accelerator, with exactly its modifiers.
 *
 * @example matchesAccelerator({ key: 'O', code: 'KeyO', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false }, 'CmdOrCtrl+O', false) // true
 */
export function matchesAccelerator(press: KeyPress, accelerator: string, isMac: boolean): boolean {
  const chord = parseAccelerator(accelerator);
  const wantsCtrl = chord.isCtrl || (chord.isPrimary && !isMac);
  const wantsMeta = chord.isPrimary && isMac;
  if (press.ctrlKey !== wantsCtrl || press.metaKey !== wantsMeta || press.shiftKey !== chord.isShift || press.altKey !== chord.isAlt) return false;
  const code = codeOfKey(chord.key);
  return (code !== undefined && press.code === code) || press.key.toLowerCase() === chord.key.toLowerCase();
}

/**
 * An accelerator as a person reads it on this host.
 *
 * @example formatAccelerator('CmdOrCtrl+Shift+N', false) // 'Ctrl+Shift+N'; on macOS '⌘+Shift+N'
 */
export function formatAccelerator(accelerator: string, isMac: boolean): string {
  const chord = parseAccelerator(accelerator);
  return [
    chord.isCtrl ? 'Ctrl' : null,
    chord.isPrimary ? (isMac ? '⌘' : 'Ctrl') : null,
    chord.isAlt ? (isMac ? 'Option' : 'Alt') : null,
    chord.isShift ? 'Shift' : null,
    chord.key.length === 1 ? chord.key.toUpperCase() : chord.key,
  ]
    .filter((part) => part !== null)
    .join('+');
}

/** A menu title without its "&" mnemonic marker. */
export function plainTitle(title: string): string {
  return title.replace('&', '');
}
