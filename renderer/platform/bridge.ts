/**
 * The host bridge the renderer uses: Electron's preload object when present, otherwise a web
 * implementation built on file inputs and downloads, so the same build runs in a browser.
 */
import packageJson from '../../package.json';
import type { AppInfo, MarginaliaBridge, MenuCommand, OpenFilesRequest, OpenedFile, SaveFileRequest, SaveFileResult } from '../../shared/bridge.ts';

declare global {
  interface Window {
    marginalia?: MarginaliaBridge;
  }
}

function openFilesInBrowser(request: OpenFilesRequest): Promise<OpenedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = request.allowMultiple;
    input.accept = request.filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
    input.style.display = 'none';
    input.addEventListener('change', async () => {
      const files = [...(input.files ?? [])];
      input.remove();
      resolve(await Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }))));
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve([]);
    });
    document.body.append(input);
    input.click();
  });
}

async function saveFileInBrowser(request: SaveFileRequest): Promise<SaveFileResult> {
  const blob = new Blob([request.bytes as BlobPart]);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = request.defaultName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { savedAs: request.defaultName };
}

const webListeners = new Set<(command: MenuCommand) => void>();

const webBridge: MarginaliaBridge = {
  async appInfo(): Promise<AppInfo> {
    return { name: 'Marginalia', version: packageJson.version, host: 'web', platform: navigator.platform };
  },
  openFiles: openFilesInBrowser,
  saveFile: saveFileInBrowser,
  onMenuCommand(listener) {
    webListeners.add(listener);
    return () => webListeners.delete(listener);
  },
};

/** In the browser the in-app menu bar sends commands through the same channel native menus use. */
export function dispatchMenuCommand(command: MenuCommand): void {
  if (window.marginalia) return;
  for (const listener of webListeners) listener(command);
}

export const bridge: MarginaliaBridge = window.marginalia ?? webBridge;
export const isElectron = window.marginalia !== undefined;
