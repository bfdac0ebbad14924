/**
 * The main-process side of the bridge: one `ipcMain.handle` per request method of
 * `MarginaliaBridge`, typed from a single handler map keyed by method name (the channel
 * names live in ../channels.ts). Every call is checked twice before it does anything: the
 * sender must be the app's own top-level page, and every argument goes through validate.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS, type InvokeMethod, type InvokeMethods } from '../channels.ts';
import { openFiles, saveFile, type Dialogs, type FileHost } from './files.ts';
import { expectArgumentCount, isAppUrl, validateOpenFilesRequest, validateSaveFileRequest } from './validate.ts';

type Handler<M extends InvokeMethod> = (event: IpcMainInvokeEvent, args: readonly unknown[]) => ReturnType<InvokeMethods[M]>;
export type HandlerMap = { [M in InvokeMethod]: Handler<M> };

/** The dialogs of the window that sent `event`, so they open as its sheets/modals. */
function dialogsFor(event: IpcMainInvokeEvent): Dialogs {
  const window = BrowserWindow.fromWebContents(event.sender);
  return {
    showOpenDialog: (options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)),
    showSaveDialog: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
  };
}

function fileHost(event: IpcMainInvokeEvent): FileHost {
  return { dialogs: dialogsFor(event), defaultDirectory: app.getPath('documents') };
}

export const handlers: HandlerMap = {
  appInfo: async (_event, args) => {
    expectArgumentCount(args, 0, 'appInfo');
    return { name: 'Marginalia', version: app.getVersion(), host: 'electron', platform: process.platform };
  },
  openFiles: async (event, args) => {
    const [request] = expectArgumentCount(args, 1, 'openFiles');
    return openFiles(fileHost(event), validateOpenFilesRequest(request));
  },
  saveFile: async (event, args) => {
    const [request] = expectArgumentCount(args, 1, 'saveFile');
    return saveFile(fileHost(event), validateSaveFileRequest(request));
  },
};

/** Refuses calls from anything but the app's own top-level page (not a frame, not a navigated-away page). */
export function assertTrustedSender(event: IpcMainInvokeEvent, appUrl: string): void {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url, appUrl)) {
    throw new Error('Refused an IPC call from a page that is not Marginalia.');
  }
}

/** Registers every handler; `appUrl` is the page the main window loads. */
export function registerIpcHandlers(appUrl: string): void {
  for (const method of Object.keys(handlers) as InvokeMethod[]) {
    const handler = handlers[method] as Handler<InvokeMethod>;
    ipcMain.handle(INVOKE_CHANNELS[method], (event, ...args: unknown[]) => {
      assertTrustedSender(event, appUrl);
      return handler(event, args);
    });
  }
}
