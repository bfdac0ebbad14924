/** Which menus this window shows: the native ones (Electron, by platform) or the in-window bar. */
import type { MenuHost } from '../../shared/menu.ts';
import { isElectron } from '../platform/bridge.ts';

/** Cmd instead of Ctrl for the primary modifier. */
export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** The host whose shortcuts this window shows and binds. */
export const menuHost: MenuHost = isElectron ? (isMac ? 'darwin' : /Win/.test(navigator.platform) ? 'win32' : 'linux') : 'web';
