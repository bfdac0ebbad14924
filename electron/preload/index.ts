/**
 * The preload: exposes exactly one object, `window.marginalia`, typed by MarginaliaBridge.
 * The page never sees ipcRenderer; each method calls one fixed channel, and menu commands
 * are passed on only if they are in MENU_COMMANDS. It runs sandboxed, so it is bundled as
 * CommonJS (out/preload/index.cjs) and may require nothing but electron.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MarginaliaBridge, MenuCommand } from '../../shared/bridge.ts';
import { errorMessage } from '../../shared/common/errors.ts';
import { INVOKE_CHANNELS, MENU_COMMAND_CHANNEL, type InvokeMethod, type InvokeMethods } from '../channels.ts';
import { isMenuCommand } from '../main/validate.ts';

/**
 * Electron wraps a handler's error as "Error invoking remote method '<channel>': Error: <message>";
 * the renderer shows the message to the user, so pass on only the main process' own words.
 */
async function invoke<M extends InvokeMethod>(method: M, ...args: Parameters<InvokeMethods[M]>): Promise<Awaited<ReturnType<InvokeMethods[M]>>> {
  try {
    return (await ipcRenderer.invoke(INVOKE_CHANNELS[method], ...args)) as Awaited<ReturnType<InvokeMethods[M]>>;
  } catch (error) {
    throw new Error(errorMessage(error).replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, ''), { cause: error });
  }
}

const bridge = {
  appInfo: () => invoke('appInfo'),
  openFiles: (request) => invoke('openFiles', request),
  saveFile: (request) => invoke('saveFile', request),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function.');
    const relay = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, relay);
    };
  },
} satisfies MarginaliaBridge;

contextBridge.exposeInMainWorld('marginalia', bridge);
