/**
 * Native open and save dialogs and the file I/O behind them. `openFiles` reads each chosen
 * file whole (refusing any over MAX_OPEN_BYTES with a message that names it) and returns
 * {name, bytes}; `saveFile` writes through a temporary file and a rename, so an export is
 * either complete on disk or absent, never half written. The dialogs come in as a
 * parameter (electron's `dialog` bound to a window in ipc.ts), which keeps this module
 * testable without the Electron binary. Arguments are validated before they get here.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { OpenedFile, OpenFilesRequest, SaveFileRequest, SaveFileResult } from '../../shared/bridge.ts';

/** The largest file Marginalia opens: far above any interview transcript or .qdpx. */
export const MAX_OPEN_BYTES = 200 * 1024 * 1024;

/** The native dialogs, already bound to the window they belong to. */
export interface Dialogs {
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
}

export interface FileHost {
  dialogs: Dialogs;
  /** Where a save dialog starts when nothing was opened or saved yet, e.g. ~/Documents. */
  defaultDirectory: string;
}

/** The folder of the last file opened or saved in this session; dialogs start there. */
let lastDirectory: string | null = null;

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads a file whole, refusing it before reading if it is larger than `maxBytes`. */
export async function readFileCapped(path: string, maxBytes = MAX_OPEN_BYTES): Promise<OpenedFile> {
  const name = basename(path);
  const handle = await open(path, 'r');
  try {
    const { size, isFile } = await handle.stat().then((stat) => ({ size: stat.size, isFile: stat.isFile() }));
    if (!isFile) throw new Error(`“${name}” is not a file.`);
    if (size > maxBytes) {
      throw new Error(`“${name}” is ${formatMegabytes(size)}; Marginalia opens files up to ${formatMegabytes(maxBytes)}.`);
    }
    const bytes = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // A file that shrank while being read yields what was there; one that grew is cut at
    // the size it had when checked, so the cap holds either way.
    return { name, bytes: filled === size ? bytes : bytes.slice(0, filled) };
  } finally {
    await handle.close();
  }
}

/** Shows the open dialog and reads the chosen files; `[]` if the user cancelled. */
export async function openFiles(host: FileHost, request: OpenFilesRequest): Promise<OpenedFile[]> {
  const result = await host.dialogs.showOpenDialog({
    title: request.title,
    filters: request.filters,
    properties: request.allowMultiple ? ['openFile', 'multiSelections'] : ['openFile'],
    ...(lastDirectory ? { defaultPath: lastDirectory } : {}),
  });
  if (result.canceled || result.filePaths.length === 0) return [];
  const paths = request.allowMultiple ? result.filePaths : result.filePaths.slice(0, 1);
  lastDirectory = dirname(paths[0] ?? '');
  const files: OpenedFile[] = [];
  for (const path of paths) files.push(await readFileCapped(path));
  return files;
}

/** Writes `bytes` to `path` via a sibling temporary file and a rename. */
export async function writeFileAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Shows the save dialog and writes the bytes; `null` if the user cancelled. */
export async function saveFile(host: FileHost, request: SaveFileRequest): Promise<SaveFileResult> {
  const result = await host.dialogs.showSaveDialog({
    title: request.title,
    defaultPath: join(lastDirectory ?? host.defaultDirectory, request.defaultName),
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (result.canceled || !result.filePath) return null;
  await writeFileAtomically(result.filePath, request.bytes);
  lastDirectory = dirname(result.filePath);
  return { savedAs: result.filePath };
}
