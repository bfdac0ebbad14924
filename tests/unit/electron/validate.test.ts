import { describe, expect, it } from 'vitest';
import {
  expectArgumentCount,
  InvalidArgumentError,
  isAllowedRequestUrl,
  isAppUrl,
  isExternalHttpUrl,
  isMenuCommand,
  LIMITS,
  validateDevServerUrl,
  validateFileFilter,
  validateFileName,
  validateOpenFilesRequest,
  validateSaveFileRequest,
} from '../../../electron/main/validate.ts';

const openRequest = { title: 'Import documents', filters: [{ name: 'Documents', extensions: ['txt', 'md', 'docx'] }], allowMultiple: true };
const saveRequest = { title: 'Export codebook', defaultName: 'codebook.qdc', filters: [{ name: 'REFI-QDA codebook', extensions: ['qdc'] }], bytes: new Uint8Array([60, 63]) };

describe('validateOpenFilesRequest', () => {
  it('returns a well-formed request unchanged', () => {
    expect(validateOpenFilesRequest(openRequest)).toEqual(openRequest);
  });

  it('accepts no filters and an empty title', () => {
    expect(validateOpenFilesRequest({ title: '', filters: [], allowMultiple: false })).toEqual({ title: '', filters: [], allowMultiple: false });
  });

  it.each([
    ['null', null],
    ['a string', 'open'],
    ['an array', [openRequest]],
    ['a missing key', { title: 'x', filters: [] }],
    ['an extra key', { ...openRequest, defaultPath: '/etc' }],
    ['a non-boolean allowMultiple', { ...openRequest, allowMultiple: 'yes' }],
    ['a numeric title', { ...openRequest, title: 7 }],
    ['a title with a newline', { ...openRequest, title: 'a\nb' }],
    ['a title with a bidi override', { ...openRequest, title: 'abc\u202Etxt' }],
    ['an over-long title', { ...openRequest, title: 'x'.repeat(LIMITS.titleLength + 1) }],
    ['filters that are not an array', { ...openRequest, filters: { name: 'x', extensions: ['txt'] } }],
    ['too many filters', { ...openRequest, filters: Array.from({ length: LIMITS.filterCount + 1 }, () => ({ name: 'x', extensions: ['txt'] })) }],
    ['an object with a prototype', Object.assign(Object.create({ polluted: true }) as object, openRequest)],
  ])('rejects %s', (_label, value) => {
    expect(() => validateOpenFilesRequest(value)).toThrow(InvalidArgumentError);
  });
});

describe('validateFileFilter', () => {
  it('accepts letters, digits and the all-files wildcard', () => {
    expect(validateFileFilter({ name: 'Any', extensions: ['qdpx', 'mp3', '*'] })).toEqual({ name: 'Any', extensions: ['qdpx', 'mp3', '*'] });
  });

  it.each([
    ['an extension with a dot', ['.txt']],
    ['an extension with a path', ['../txt']],
    ['a glob', ['t*t']],
    ['an empty extension', ['']],
    ['a number', [7]],
    ['no extensions', []],
    ['an over-long extension', ['x'.repeat(LIMITS.extensionLength + 1)]],
  ])('rejects %s', (_label, extensions) => {
    expect(() => validateFileFilter({ name: 'Docs', extensions })).toThrow(InvalidArgumentError);
  });

  it('rejects a filter without a name', () => {
    expect(() => validateFileFilter({ name: '', extensions: ['txt'] })).toThrow(/must not be empty/);
  });
});

describe('validateFileName', () => {
  it.each(['codebook.qdc', 'Interview 3 – Ana.docx', '.hidden', 'année.csv'])('accepts %s', (name) => {
    expect(validateFileName(name)).toBe(name);
  });

  it.each(['', '.', '..', '../secret', 'a/b.txt', 'a\\b.txt', 'C:evil', 'what?.txt', 'name.', 'name ', 'CON', 'lpt1.txt', 'x'.repeat(256), 'a\u0000b'])(
    'rejects %j',
    (name) => {
      expect(() => validateFileName(name)).toThrow(InvalidArgumentError);
    },
  );
});

describe('validateSaveFileRequest', () => {
  it('returns a well-formed request with the same bytes', () => {
    const validated = validateSaveFileRequest(saveRequest);
    expect(validated).toEqual(saveRequest);
    expect(validated.bytes).toBe(saveRequest.bytes);
  });

  it('accepts a Node Buffer, which IPC may deliver', () => {
    expect(validateSaveFileRequest({ ...saveRequest, bytes: Buffer.from('hi') }).bytes.byteLength).toBe(2);
  });

  it.each([
    ['a plain array of bytes', [1, 2, 3]],
    ['an ArrayBuffer', new ArrayBuffer(2)],
    ['another typed array', new Uint16Array(2)],
    ['a string', 'bytes'],
    ['a look-alike object', { byteLength: 2, 0: 1, 1: 2 }],
  ])('rejects bytes given as %s', (_label, bytes) => {
    expect(() => validateSaveFileRequest({ ...saveRequest, bytes })).toThrow(/bytes to save/);
  });

  it('rejects a suggested name with a folder in it', () => {
    expect(() => validateSaveFileRequest({ ...saveRequest, defaultName: '/home/me/.bashrc' })).toThrow(/suggested file name/);
  });

  it('rejects an extra key', () => {
    expect(() => validateSaveFileRequest({ ...saveRequest, path: '/tmp/x' })).toThrow(/unexpected key "path"/);
  });
});

describe('expectArgumentCount', () => {
  it('passes the arguments through when the count matches', () => {
    expect(expectArgumentCount([1], 1, 'openFiles')).toEqual([1]);
  });

  it('rejects extra arguments', () => {
    expect(() => expectArgumentCount([1, 2], 1, 'openFiles')).toThrow(/expected 1 argument, got 2/);
  });
});

describe('isMenuCommand', () => {
  it('knows the bridge commands and nothing else', () => {
    expect(isMenuCommand('edit:undo')).toBe(true);
    expect(isMenuCommand('edit:delete-everything')).toBe(false);
    expect(isMenuCommand(undefined)).toBe(false);
  });
});

describe('isExternalHttpUrl', () => {
  it.each(['https://www.qdasoftware.org/', 'http://example.org/a?b#c'])('allows %s', (url) => {
    expect(isExternalHttpUrl(url)).toBe(true);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.org/', 'not a url', 42])('refuses %s', (url) => {
    expect(isExternalHttpUrl(url)).toBe(false);
  });
});

describe('isAppUrl', () => {
  const fileApp = 'file:///opt/marginalia/out/renderer/index.html';

  it('accepts the app page with a hash or query', () => {
    expect(isAppUrl(`${fileApp}#/codes`, fileApp)).toBe(true);
    expect(isAppUrl(`${fileApp}?project=1`, fileApp)).toBe(true);
  });

  it('refuses another file, even beside the app', () => {
    expect(isAppUrl('file:///opt/marginalia/out/renderer/other.html', fileApp)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false);
  });

  it('accepts any page of the dev server origin and nothing else', () => {
    expect(isAppUrl('http://localhost:5173/some/route', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('https://evil.example/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('isAllowedRequestUrl', () => {
  it('allows local schemes and refuses remote ones in production', () => {
    expect(isAllowedRequestUrl('file:///opt/marginalia/out/renderer/assets/index.js', null)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA', null)).toBe(true);
    expect(isAllowedRequestUrl('https://fonts.googleapis.com/css', null)).toBe(false);
    expect(isAllowedRequestUrl('ws://localhost:5173/', null)).toBe(false);
  });

  it('allows the dev server and its websocket in development', () => {
    expect(isAllowedRequestUrl('http://localhost:5173/@vite/client', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/?token=x', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:8080/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('validateDevServerUrl', () => {
  it('treats an unset variable as production', () => {
    expect(validateDevServerUrl(undefined)).toBeNull();
    expect(validateDevServerUrl('')).toBeNull();
  });

  it('accepts a loopback dev server', () => {
    expect(validateDevServerUrl('http://localhost:5173')).toBe('http://localhost:5173/');
  });

  it('refuses a remote page or another scheme', () => {
    expect(() => validateDevServerUrl('https://example.org/')).toThrow(/this machine/);
    expect(() => validateDevServerUrl('file:///tmp/index.html')).toThrow(/http/);
  });
});
