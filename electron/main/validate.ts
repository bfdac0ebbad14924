/**
 * Validators for everything the renderer sends the main process. The renderer is untrusted:
 * each IPC argument is checked here for type, shape, length and characters before main acts
 * on it, and anything unexpected (an extra key, a wrong type, a path in a file name) is
 * rejected with an Error rather than repaired. Also the URL checks main applies to
 * navigation and to links the renderer asks to open.
 * Pure: no electron or node imports, so it runs under vitest without the Electron binary.
 */
import { MENU_COMMANDS, type FileFilter, type MenuCommand, type OpenFilesRequest, type SaveFileRequest } from '../../shared/bridge.ts';

export const LIMITS = {
  titleLength: 200,
  filterCount: 20,
  filterNameLength: 100,
  extensionsPerFilter: 50,
  extensionLength: 16,
  fileNameLength: 255,
  /** What one export may weigh; a .qdpx with its sources is the largest thing we save. */
  saveBytes: 1024 * 1024 * 1024,
} as const;

/** The error every rejected argument raises; its message names the argument and the rule. */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}

function fail(what: string, rule: string): never {
  throw new InvalidArgumentError(`Invalid ${what}: ${rule}.`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Checks `value` is a plain object with exactly `keys`; returns it typed for reading. */
function expectRecord<K extends string>(value: unknown, what: string, keys: readonly K[]): Record<K, unknown> {
  if (!isPlainObject(value)) fail(what, 'expected an object');
  for (const key of Object.keys(value)) {
    if (!(keys as readonly string[]).includes(key)) fail(what, `unexpected key "${key}"`);
  }
  for (const key of keys) {
    if (!(key in value)) fail(what, `missing key "${key}"`);
  }
  return value as Record<K, unknown>;
}

// C0/C1 controls, line and paragraph separators, bidi overrides: never wanted in a title.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function expectText(value: unknown, what: string, maxLength: number, { allowEmpty = false } = {}): string {
  if (typeof value !== 'string') fail(what, 'expected a string');
  if (!allowEmpty && value.length === 0) fail(what, 'must not be empty');
  if (value.length > maxLength) fail(what, `longer than ${maxLength} characters`);
  if (CONTROL_CHARACTERS.test(value)) fail(what, 'contains control characters');
  return value;
}

function expectBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') fail(what, 'expected true or false');
  return value;
}

/** Extension without the dot: letters and digits (e.g. "qdpx", "mp3"), or "*" for all files. */
const EXTENSION = new RegExp(`^(?:\\*|[A-Za-z0-9]{1,${LIMITS.extensionLength}})$`);

/**
 * Validates one dialog filter.
 *
 * @example validateFileFilter({ name: 'REFI-QDA project', extensions: ['qdpx'] })
 */
export function validateFileFilter(value: unknown, what = 'file filter'): FileFilter {
  const record = expectRecord(value, what, ['name', 'extensions']);
  const name = expectText(record.name, `${what} name`, LIMITS.filterNameLength);
  const extensions = record.extensions;
  if (!Array.isArray(extensions)) fail(`${what} extensions`, 'expected an array');
  if (extensions.length === 0) fail(`${what} extensions`, 'must list at least one extension');
  if (extensions.length > LIMITS.extensionsPerFilter) fail(`${what} extensions`, `more than ${LIMITS.extensionsPerFilter}`);
  const checked = extensions.map((extension: unknown) => {
    if (typeof extension !== 'string' || !EXTENSION.test(extension)) {
      fail(`${what} extension`, 'expected letters and digits without a dot, or "*"');
    }
    return extension;
  });
  return { name, extensions: checked };
}

function validateFilters(value: unknown, what: string): FileFilter[] {
  if (!Array.isArray(value)) fail(what, 'expected an array');
  if (value.length > LIMITS.filterCount) fail(what, `more than ${LIMITS.filterCount}`);
  return value.map((filter: unknown, index) => validateFileFilter(filter, `${what}[${index}]`));
}

/**
 * A bare file name: no folder, no characters Windows, macOS or Linux refuse in a name.
 *
 * @example validateFileName('codebook.qdc') // 'codebook.qdc'; '../x', 'a/b', 'con.txt' throw
 */
export function validateFileName(value: unknown, what = 'file name'): string {
  const name = expectText(value, what, LIMITS.fileNameLength);
  if (/[/\\<>:"|?*]/.test(name)) fail(what, 'must be a bare name without / \\ < > : " | ? *');
  if (name === '.' || name === '..' || /^\.+$/.test(name)) fail(what, 'must not be dots only');
  if (/[. ]$/.test(name)) fail(what, 'must not end with a dot or a space');
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i.test(name)) fail(what, 'is a reserved device name on Windows');
  return name;
}

/** True for a Uint8Array from any realm (IPC may hand main a Buffer, which is one). */
function isUint8Array(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
}

/** Validates the argument of `openFiles`. */
export function validateOpenFilesRequest(value: unknown): OpenFilesRequest {
  const record = expectRecord(value, 'open request', ['title', 'filters', 'allowMultiple']);
  return {
    title: expectText(record.title, 'open dialog title', LIMITS.titleLength, { allowEmpty: true }),
    filters: validateFilters(record.filters, 'open dialog filters'),
    allowMultiple: expectBoolean(record.allowMultiple, 'allowMultiple'),
  };
}

/** Validates the argument of `saveFile`. */
export function validateSaveFileRequest(value: unknown): SaveFileRequest {
  const record = expectRecord(value, 'save request', ['title', 'defaultName', 'filters', 'bytes']);
  const bytes = record.bytes;
  if (!isUint8Array(bytes)) fail('bytes to save', 'expected a Uint8Array');
  if (bytes.byteLength > LIMITS.saveBytes) fail('bytes to save', `larger than ${LIMITS.saveBytes / 1024 / 1024} MB`);
  return {
    title: expectText(record.title, 'save dialog title', LIMITS.titleLength, { allowEmpty: true }),
    defaultName: validateFileName(record.defaultName, 'suggested file name'),
    filters: validateFilters(record.filters, 'save dialog filters'),
    bytes,
  };
}

/** Checks an IPC call carried exactly `count` arguments and returns them. */
export function expectArgumentCount(args: readonly unknown[], count: number, method: string): readonly unknown[] {
  if (args.length !== count) fail(`call to ${method}`, `expected ${count} argument${count === 1 ? '' : 's'}, got ${args.length}`);
  return args;
}

/** Whether `value` is one of the menu commands the bridge knows. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a link may be handed to the system browser: http or https only, without
 * credentials. Everything else (file:, javascript:, custom schemes) is refused.
 */
export function isExternalHttpUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false;
  const parsed = parseUrl(url);
  if (!parsed) return false;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.username === '' && parsed.password === '';
}

/**
 * Whether `url` is the app's own page: the same dev-server origin, or the same index.html
 * file (query and hash may differ). Used to allow reloads and refuse every other navigation
 * and to check who sent an IPC message.
 *
 * @example isAppUrl('file:///app/out/renderer/index.html#/codes', 'file:///app/out/renderer/index.html') // true
 */
export function isAppUrl(url: unknown, appUrl: string): boolean {
  if (typeof url !== 'string') return false;
  const parsed = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!parsed || !app) return false;
  if (app.protocol === 'file:') return parsed.protocol === 'file:' && parsed.pathname === app.pathname && parsed.host === app.host;
  return parsed.origin === app.origin;
}

/**
 * Whether the renderer may load `url`. The app never loads remote content: only its own
 * files, data/blob URLs it made itself, devtools, and, in development, the Vite dev server
 * (its page, modules and HMR websocket).
 */
export function isAllowedRequestUrl(url: string, devServerUrl: string | null): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (['file:', 'data:', 'blob:', 'devtools:'].includes(parsed.protocol)) return true;
  if (devServerUrl === null) return false;
  const dev = parseUrl(devServerUrl);
  if (!dev) return false;
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') return parsed.host === dev.host;
  return parsed.origin === dev.origin;
}

/**
 * Validates the dev server URL electron-vite hands main in ELECTRON_RENDERER_URL: only a
 * loopback http(s) origin is accepted, so a stray environment variable cannot make the app
 * load a remote page.
 */
export function validateDevServerUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const parsed = parseUrl(value);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) fail('ELECTRON_RENDERER_URL', 'expected an http(s) URL');
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) fail('ELECTRON_RENDERER_URL', 'must point at this machine');
  return parsed.href;
}
