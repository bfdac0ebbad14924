/**
 * The desktop shell's entry point: app lifecycle and the main window, nothing else. Each
 * area lives in its own module (menu, files, ipc, windowState, security). One instance
 * only: a second launch focuses the window that is already open. The window runs the same
 * renderer build as the browser, sandboxed, with the typed bridge from the preload as its
 * only way to reach the host.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, screen, session } from 'electron';
import type { MenuCommand } from '../../shared/bridge.ts';
import { MENU_COMMAND_CHANNEL } from '../channels.ts';
import { registerIpcHandlers } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { guardWebContents, hardenSession, type SecurityOptions } from './security.ts';
import { validateDevServerUrl } from './validate.ts';
import { loadWindowState, MIN_WINDOW_SIZE, trackWindowState } from './windowState.ts';

// Before anything asks for a path: the user-data folder is named after the app.
app.setName('Marginalia');

// electron-vite sets ELECTRON_RENDERER_URL for `electron-vite dev`; a packaged app never
// loads a dev server.
const devServerUrl = app.isPackaged ? null : validateDevServerUrl(process.env['ELECTRON_RENDERER_URL']);
const rendererIndex = join(import.meta.dirname, '../renderer/index.html');
const preloadScript = join(import.meta.dirname, '../preload/index.cjs');
const security: SecurityOptions = { appUrl: devServerUrl ?? pathToFileURL(rendererIndex).href, devServerUrl };

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Marginalia',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  trackWindowState(window, stateFile);
  window.once('ready-to-show', () => {
    if (state.isMaximized) window.maximize();
    window.show();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  const loading = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererIndex);
  loading.catch((error: unknown) => console.error('Could not load the Marginalia page:', error));
  return window;
}

function installMenu(): void {
  // One window: commands go to it (on macOS the menu outlives it, then there is no one to tell).
  const send = (command: MenuCommand): void => mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command);
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(send, process.platform, { isDev: devServerUrl !== null })));
}

function focusMainWindow(): void {
  if (!app.isReady()) return;
  if (!mainWindow) {
    mainWindow = createMainWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  guardWebContents(security);

  app.whenReady().then(() => {
    hardenSession(session.defaultSession, security);
    registerIpcHandlers(security.appUrl);
    installMenu();
    mainWindow = createMainWindow();
    // macOS: clicking the dock icon with no window open reopens one.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) focusMainWindow();
    });
  }, (error: unknown) => {
    console.error('Marginalia could not start:', error);
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
