import { describe, expect, it, vi } from 'vitest';
import type { MarginaliaBridge, MenuCommand } from '../../../shared/bridge.ts';
import { INVOKE_CHANNELS, MENU_COMMAND_CHANNEL } from '../../../electron/channels.ts';

// The preload only ever touches contextBridge and ipcRenderer; stand-ins let it run here.
const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invocations: unknown[][] = [];
let answer: () => Promise<unknown> = async () => undefined;
const invoke = (channel: string, ...args: unknown[]): Promise<unknown> => {
  invocations.push([channel, ...args]);
  return answer();
};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => invoke(channel, ...args),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
  },
}));

await import('../../../electron/preload/index.ts');
const bridge = exposed.get('marginalia') as MarginaliaBridge;

function pushMenuCommand(command: unknown): void {
  for (const listener of listeners.get(MENU_COMMAND_CHANNEL) ?? []) listener({}, command);
}

describe('preload', () => {
  it('exposes exactly one object with the bridge methods, and no ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['marginalia']);
    expect(Object.keys(bridge).sort()).toEqual(['appInfo', 'onMenuCommand', 'openFiles', 'saveFile']);
  });

  it('calls one fixed channel per method', async () => {
    answer = async () => [];
    const request = { title: 'Open', filters: [], allowMultiple: false };
    await bridge.openFiles(request);
    expect(invocations.at(-1)).toEqual([INVOKE_CHANNELS.openFiles, request]);
  });

  it("passes on the main process' error message without Electron's wrapping", async () => {
    answer = async () => {
      throw new Error("Error invoking remote method 'marginalia:open-files': Error: “big.pdf” is 250.0 MB; Marginalia opens files up to 200.0 MB.");
    };
    const failure = bridge.openFiles({ title: '', filters: [], allowMultiple: false });
    await expect(failure).rejects.toThrow('“big.pdf” is 250.0 MB; Marginalia opens files up to 200.0 MB.');
    await expect(failure).rejects.not.toThrow(/remote method/);
  });

  it('relays known menu commands, drops unknown ones, and unsubscribes', () => {
    const received: MenuCommand[] = [];
    const unsubscribe = bridge.onMenuCommand((command) => received.push(command));
    pushMenuCommand('edit:undo');
    pushMenuCommand('shell:rm-rf');
    pushMenuCommand({ command: 'edit:redo' });
    unsubscribe();
    pushMenuCommand('edit:redo');
    expect(received).toEqual(['edit:undo']);
  });
});
