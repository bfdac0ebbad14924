import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../../electron/channels.ts';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const registered = new Map<string, Handler>();
const showOpenDialog = vi.fn(async () => ({ canceled: true, filePaths: [] }));

vi.mock('electron', () => ({
  app: { getVersion: () => '0.1.0', getPath: () => '/home/someone/Documents' },
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showOpenDialog, showSaveDialog: vi.fn() },
  ipcMain: { handle: (channel: string, handler: Handler) => registered.set(channel, handler) },
}));

const { registerIpcHandlers } = await import('../../../electron/main/ipc.ts');
const appUrl = 'file:///opt/marginalia/out/renderer/index.html';
registerIpcHandlers(appUrl);

function eventFrom(url: string, isTopLevel = true): unknown {
  return { sender: {}, senderFrame: { url, parent: isTopLevel ? null : {} } };
}

async function call(method: keyof typeof INVOKE_CHANNELS, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = registered.get(INVOKE_CHANNELS[method]);
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(event, ...args);
}

describe('registerIpcHandlers', () => {
  it('registers one handler per bridge request method', () => {
    expect([...registered.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('answers the app page', async () => {
    expect(await call('appInfo', eventFrom(`${appUrl}#/codes`))).toMatchObject({ name: 'Marginalia', version: '0.1.0', host: 'electron' });
  });

  it('refuses a sub-frame or another page', async () => {
    await expect(call('appInfo', eventFrom(appUrl, false))).rejects.toThrow(/not Marginalia/);
    await expect(call('appInfo', eventFrom('https://evil.example/'))).rejects.toThrow(/not Marginalia/);
    await expect(call('appInfo', { sender: {}, senderFrame: null })).rejects.toThrow(/not Marginalia/);
  });

  it('validates arguments before showing any dialog', async () => {
    await expect(call('openFiles', eventFrom(appUrl), { title: 'x', filters: [{ name: 'x', extensions: ['../x'] }], allowMultiple: false })).rejects.toThrow(/extension/);
    await expect(call('openFiles', eventFrom(appUrl))).rejects.toThrow(/expected 1 argument/);
    await expect(call('saveFile', eventFrom(appUrl), { title: 'x', defaultName: '../../.bashrc', filters: [], bytes: new Uint8Array() })).rejects.toThrow(/file name/);
    expect(showOpenDialog).not.toHaveBeenCalled();
  });

  it('shows the open dialog for a valid request', async () => {
    expect(await call('openFiles', eventFrom(appUrl), { title: 'Open', filters: [], allowMultiple: true })).toEqual([]);
    expect(showOpenDialog).toHaveBeenCalledOnce();
  });
});
