/**
 * The IPC channel names shared by the main process and the preload. One invoke channel per
 * request/response method of `MarginaliaBridge`, plus one push channel for menu commands.
 * Pure constants: the preload bundles this file, so it must import nothing from electron.
 */
import type { MarginaliaBridge } from '../shared/bridge.ts';

/** The bridge methods that are a request answered by the main process. */
export type InvokeMethods = Omit<MarginaliaBridge, 'onMenuCommand'>;
export type InvokeMethod = keyof InvokeMethods;

export const INVOKE_CHANNELS = {
  appInfo: 'marginalia:app-info',
  openFiles: 'marginalia:open-files',
  saveFile: 'marginalia:save-file',
} as const satisfies Record<InvokeMethod, string>;

/** Main → renderer: a `MenuCommand` chosen in a native menu. */
export const MENU_COMMAND_CHANNEL = 'marginalia:menu-command';
