/**
 * The one interface between the renderer and its host. In Electron the preload exposes an
 * object of this type as `window.marginalia`; in a plain browser the renderer uses a web
 * implementation (file inputs and downloads). Everything crossing it is structured-clonable.
 */

/** A file the user chose to open: its name and raw bytes. */
export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export interface FileFilter {
  /** Shown to the user, e.g. "Text documents". */
  name: string;
  /** Extensions without the dot, e.g. ["txt", "md"]. */
  extensions: string[];
}

export interface OpenFilesRequest {
  title: string;
  filters: FileFilter[];
  allowMultiple: boolean;
}

export interface SaveFileRequest {
  title: string;
  /** Suggested file name, e.g. "codebook.qdc". */
  defaultName: string;
  filters: FileFilter[];
  bytes: Uint8Array;
}

/** Where a save went: a path in Electron, the file name in a browser; `null` if cancelled. */
export type SaveFileResult = { savedAs: string } | null;

/** Commands the host's native menus send to the renderer. */
export type MenuCommand =
  | 'file:new-project'
  | 'file:import-documents'
  | 'file:paste-document'
  | 'file:import-codebook'
  | 'file:import-project'
  | 'file:import-teammate'
  | 'file:export-codebook'
  | 'file:export-project'
  | 'file:export-memos'
  | 'file:project-memo'
  | 'edit:undo'
  | 'edit:redo'
  | 'edit:apply-code'
  | 'edit:add-memo'
  | 'edit:find'
  | 'view:memos'
  | 'view:compare-coders'
  | 'view:toggle-margin'
  | 'view:focus-codebook'
  | 'view:focus-documents'
  | 'view:coders-all'
  | 'view:coders-mine'
  | 'view:coders-others'
  | 'view:color-by-coder'
  | 'view:blind-coding'
  | 'help:shortcuts'
  | 'help:about';

export const MENU_COMMANDS: readonly MenuCommand[] = [
  'file:new-project',
  'file:import-documents',
  'file:paste-document',
  'file:import-codebook',
  'file:import-project',
  'file:import-teammate',
  'file:export-codebook',
  'file:export-project',
  'file:export-memos',
  'file:project-memo',
  'edit:undo',
  'edit:redo',
  'edit:apply-code',
  'edit:add-memo',
  'edit:find',
  'view:memos',
  'view:compare-coders',
  'view:toggle-margin',
  'view:focus-codebook',
  'view:focus-documents',
  'view:coders-all',
  'view:coders-mine',
  'view:coders-others',
  'view:color-by-coder',
  'view:blind-coding',
  'help:shortcuts',
  'help:about',
];

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' when running in the desktop shell, 'web' in a plain browser. */
  host: 'electron' | 'web';
  platform: string;
}

/** The host bridge. `window.marginalia` in Electron. */
export interface MarginaliaBridge {
  appInfo(): Promise<AppInfo>;
  /** Shows a native open dialog; resolves to the chosen files (empty if cancelled). */
  openFiles(request: OpenFilesRequest): Promise<OpenedFile[]>;
  /** Shows a native save dialog and writes the bytes. */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Subscribes to native menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
