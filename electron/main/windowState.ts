/**
 * Remembers the main window's size, position and maximised state between launches in
 * `window-state.json` under the user-data folder. On restore the saved bounds are clamped
 * to a display that is still connected, so a window last seen on an unplugged monitor
 * comes back on screen. The file is read defensively (any damage means "use defaults") and
 * written through a rename. Electron comes in through parameters and types only, so the
 * logic is testable without the binary.
 */
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  /** Position may be absent: the first launch lets the OS place the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, isMaximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

const isFiniteInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e6;

/** Reads saved state; anything malformed yields `null` rather than an error. */
export function parseWindowState(json: string): WindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height, isMaximized } = value as Record<string, unknown>;
  if (!isFiniteInteger(width) || !isFiniteInteger(height) || width <= 0 || height <= 0) return null;
  const hasPosition = isFiniteInteger(x) && isFiniteInteger(y);
  return { ...(hasPosition ? { x, y } : {}), width, height, isMaximized: isMaximized === true };
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Fits saved state to the displays' work areas: the window goes to the display it overlaps
 * most, shrinks to fit it, and moves fully inside it. With no overlap at all the position is
 * dropped so the OS centres the window on the primary display.
 *
 * @example clampToDisplays({ x: 5000, y: 0, width: 800, height: 600, isMaximized: false }, [{ x: 0, y: 0, width: 1920, height: 1080 }])
 *   // { width: 800, height: 600, isMaximized: false }
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  if (state.x === undefined || state.y === undefined) {
    return { width: Math.min(state.width, primary.width), height: Math.min(state.height, primary.height), isMaximized: state.isMaximized };
  }
  const bounds = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(bounds, area);
    if (overlap > bestArea) [best, bestArea] = [area, overlap];
  }
  if (!best) {
    return { width: Math.min(state.width, primary.width), height: Math.min(state.height, primary.height), isMaximized: state.isMaximized };
  }
  const width = Math.min(state.width, best.width);
  const height = Math.min(state.height, best.height);
  const x = Math.min(Math.max(state.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(state.y, best.y), best.y + best.height - height);
  return { x, y, width, height, isMaximized: state.isMaximized };
}

/** Loads the saved state from `file`, fitted to `workAreas`; defaults if none or unreadable. */
export function loadWindowState(file: string, workAreas: readonly Rectangle[]): WindowState {
  let saved: WindowState | null = null;
  try {
    saved = parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    // First launch, or the file is unreadable: defaults.
  }
  return clampToDisplays(saved ?? DEFAULT_WINDOW_STATE, workAreas);
}

/** What to persist for `window`: its normal (unmaximised) bounds and whether it is maximised. */
export function captureWindowState(window: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowState {
  const { x, y, width, height } = window.getNormalBounds();
  return { x, y, width, height, isMaximized: window.isMaximized() };
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  await rename(temporary, file);
}

/**
 * Saves `window`'s state to `file` when it is moved, resized, maximised or closed. Moves and
 * resizes are debounced; close saves at once, while the window can still be asked.
 */
export function trackWindowState(window: BrowserWindow, file: string, debounceMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    saveWindowState(file, captureWindowState(window)).catch((error: unknown) => {
      console.warn('Could not save the window state:', error);
    });
  };
  const scheduleSave = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  window.on('resize', scheduleSave);
  window.on('move', scheduleSave);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);
}
