import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { openFiles, readFileCapped, saveFile, type Dialogs, type FileHost } from '../../../electron/main/files.ts';

function scratchFolder(): string {
  return mkdtempSync(join(tmpdir(), 'marginalia-files-'));
}

function hostChoosing(paths: string[] | null, savePath?: string): FileHost & { openOptions: OpenDialogOptions[]; saveOptions: SaveDialogOptions[] } {
  const openOptions: OpenDialogOptions[] = [];
  const saveOptions: SaveDialogOptions[] = [];
  const dialogs: Dialogs = {
    showOpenDialog: async (options) => {
      openOptions.push(options);
      return { canceled: paths === null, filePaths: paths ?? [] };
    },
    showSaveDialog: async (options) => {
      saveOptions.push(options);
      return savePath === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath: savePath };
    },
  };
  return { dialogs, defaultDirectory: '/home/someone/Documents', openOptions, saveOptions };
}

const request = { title: 'Import documents', filters: [{ name: 'Text', extensions: ['txt'] }], allowMultiple: true };

describe('readFileCapped', () => {
  it('returns the name and exact bytes', async () => {
    const file = join(scratchFolder(), 'interview.txt');
    writeFileSync(file, 'Ana: yes');
    const opened = await readFileCapped(file);
    expect(opened.name).toBe('interview.txt');
    expect(new TextDecoder().decode(opened.bytes)).toBe('Ana: yes');
    expect(opened.bytes.buffer.byteLength).toBe(8);
  });

  it('refuses a file over the cap, naming it', async () => {
    const file = join(scratchFolder(), 'huge.pdf');
    writeFileSync(file, new Uint8Array(2048));
    await expect(readFileCapped(file, 1024)).rejects.toThrow(/“huge\.pdf” is 0\.0 MB; Marginalia opens files up to 0\.0 MB/);
  });

  it('refuses a folder', async () => {
    await expect(readFileCapped(scratchFolder())).rejects.toThrow(/is not a file/);
  });
});

describe('openFiles', () => {
  it('reads every chosen file and passes the request to the dialog', async () => {
    const folder = scratchFolder();
    writeFileSync(join(folder, 'a.txt'), 'A');
    writeFileSync(join(folder, 'b.txt'), 'B');
    const host = hostChoosing([join(folder, 'a.txt'), join(folder, 'b.txt')]);
    const files = await openFiles(host, request);
    expect(files.map((file) => file.name)).toEqual(['a.txt', 'b.txt']);
    expect(host.openOptions[0]).toMatchObject({ title: 'Import documents', filters: request.filters, properties: ['openFile', 'multiSelections'] });
  });

  it('returns nothing when the user cancels', async () => {
    expect(await openFiles(hostChoosing(null), request)).toEqual([]);
  });

  it('reads only one file when multiple selection was not asked for', async () => {
    const folder = scratchFolder();
    writeFileSync(join(folder, 'a.txt'), 'A');
    writeFileSync(join(folder, 'b.txt'), 'B');
    const host = hostChoosing([join(folder, 'a.txt'), join(folder, 'b.txt')]);
    expect(await openFiles(host, { ...request, allowMultiple: false })).toHaveLength(1);
    expect(host.openOptions[0]?.properties).toEqual(['openFile']);
  });
});

describe('saveFile', () => {
  const saveRequest = { title: 'Export', defaultName: 'codebook.qdc', filters: [{ name: 'Codebook', extensions: ['qdc'] }], bytes: new TextEncoder().encode('<CodeBook/>') };

  it('writes the bytes where the user chose, leaving no temporary file', async () => {
    const folder = scratchFolder();
    const target = join(folder, 'mine.qdc');
    writeFileSync(target, 'old contents');
    const result = await saveFile(hostChoosing(null, target), saveRequest);
    expect(result).toEqual({ savedAs: target });
    expect(readFileSync(target, 'utf8')).toBe('<CodeBook/>');
    expect(readdirSync(folder)).toEqual(['mine.qdc']);
  });

  it('suggests the default name in a folder', async () => {
    const host = hostChoosing(null);
    expect(await saveFile(host, saveRequest)).toBeNull();
    expect(host.saveOptions[0]?.defaultPath).toMatch(/codebook\.qdc$/);
  });
});
