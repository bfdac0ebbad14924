import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  captureWindowState,
  clampToDisplays,
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  parseWindowState,
  saveWindowState,
} from '../../../electron/main/windowState.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('parseWindowState', () => {
  it('reads a saved state', () => {
    expect(parseWindowState('{"x":10,"y":20,"width":900,"height":700,"isMaximized":true}')).toEqual({ x: 10, y: 20, width: 900, height: 700, isMaximized: true });
  });

  it('keeps size without a position', () => {
    expect(parseWindowState('{"width":900,"height":700}')).toEqual({ width: 900, height: 700, isMaximized: false });
  });

  it.each(['', 'not json', 'null', '[]', '{"width":"900","height":700}', '{"width":-5,"height":700}', '{"width":1e9,"height":700}'])('ignores %j', (json) => {
    expect(parseWindowState(json)).toBeNull();
  });
});

describe('clampToDisplays', () => {
  it('keeps a window that fits its display', () => {
    const state = { x: 1500, y: 40, width: 1200, height: 800, isMaximized: false };
    expect(clampToDisplays(state, [laptop, monitorOnTheRight])).toEqual(state);
  });

  it('lets the OS place a window whose monitor was unplugged', () => {
    expect(clampToDisplays({ x: 1500, y: 40, width: 1200, height: 800, isMaximized: true }, [laptop])).toEqual({ width: 1200, height: 800, isMaximized: true });
  });

  it('pulls a window hanging off an edge back inside, shrinking it to fit', () => {
    expect(clampToDisplays({ x: 1000, y: -50, width: 2000, height: 600, isMaximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 600, isMaximized: false });
  });

  it('moves a window to the display it overlaps most', () => {
    const clamped = clampToDisplays({ x: 1300, y: 100, width: 1000, height: 700, isMaximized: false }, [laptop, monitorOnTheRight]);
    expect(clamped).toMatchObject({ x: 1440, y: 100 });
  });

  it('shrinks an unpositioned window to the primary display', () => {
    expect(clampToDisplays({ width: 3000, height: 2000, isMaximized: false }, [laptop])).toEqual({ width: 1440, height: 875, isMaximized: false });
  });
});

describe('loadWindowState and saveWindowState', () => {
  it('round-trips through the file and falls back to defaults when it is missing or damaged', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'marginalia-window-'));
    const file = join(folder, 'window-state.json');
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);

    await saveWindowState(file, { x: 5, y: 6, width: 800, height: 600, isMaximized: false });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 5, y: 6, width: 800, height: 600, isMaximized: false });
    expect(loadWindowState(file, [laptop])).toEqual({ x: 5, y: 6, width: 800, height: 600, isMaximized: false });

    writeFileSync(file, '{"x":');
    expect(loadWindowState(file, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('captureWindowState', () => {
  it('saves the normal bounds of a maximised window', () => {
    const window = { getNormalBounds: () => ({ x: 1, y: 2, width: 3, height: 4 }), isMaximized: () => true };
    expect(captureWindowState(window)).toEqual({ x: 1, y: 2, width: 3, height: 4, isMaximized: true });
  });
});
