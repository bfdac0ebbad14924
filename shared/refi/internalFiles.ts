/**
 * Finding the file an `internal://` path of a .qdpx names. The specification puts source files
 * under `sources/`, but producers differ in the folder's case (Sources/ vs sources/), in
 * whether the folder is part of the path, in backslashes, and in percent-encoding the name.
 * Paths that point outside the .qdpx (`relative://`, `absolute://`, `file:///C:/…`, a bare
 * Windows path) are looked for inside it by their file name: producers often ship the file
 * all the same.
 */
import type { ZipArchive, ZipEntry } from './zip.ts';

const SCHEME = 'internal://';

/**
 * The file name in an `internal://` path: percent-decoded, leading slashes dropped. A name that
 * is not valid percent-encoding is taken as written (some producers do not encode at all).
 *
 * @example
 * internalFileName('internal://A%20B.txt') // → 'A B.txt'
 * internalFileName('internal://100%.txt')  // → '100%.txt'
 */
export function internalFileName(path: string): string {
  const raw = path.slice(SCHEME.length);
  let file: string;
  try {
    file = decodeURIComponent(raw);
  } catch {
    file = raw;
  }
  return file.replace(/\\/g, '/').replace(/^\/+/, '');
}

/** The zip entry an `internal://` path names: under sources/ first, then anywhere, ignoring case. */
export function findInternalFile(zip: ZipArchive, path: string): ZipEntry | undefined {
  const file = internalFileName(path);
  const lower = file.toLowerCase();
  return (
    zip.find(`sources/${file}`) ??
    zip.find(file) ??
    zip.entries.find((e) => !e.isDirectory && (e.name.toLowerCase().endsWith(`/${lower}`) || e.name.toLowerCase() === lower))
  );
}

/** How a source path was found: as the `internal://` file it names, or by its file name alone. */
export interface FoundSourceFile {
  readonly entry: ZipEntry;
  /** True when the path pointed outside the .qdpx and the file was found inside it by name. */
  readonly isByName: boolean;
}

/** The last part of any path or URL (`/` or `\\` separated), percent-decoded where it decodes. */
function fileNameOf(path: string): string {
  const last = path.replace(/[?#].*$/, '').split(/[\\/]/).filter((part) => part !== '').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The zip entry a source's `plainTextPath` (or a note's) names, however it is written.
 *
 * @example
 * findSourceFile(zip, 'internal://a.txt')                   // → { entry: sources/a.txt, isByName: false }
 * findSourceFile(zip, 'file:///C:/Users/Ann/Interview 1.txt') // → { entry: sources/Interview 1.txt, isByName: true }
 * findSourceFile(zip, 'C:\\Data\\b.txt')                  // → { entry: Sources/B.TXT, isByName: true }
 */
export function findSourceFile(zip: ZipArchive, path: string): FoundSourceFile | undefined {
  if (path.toLowerCase().startsWith(SCHEME)) {
    const entry = findInternalFile(zip, path);
    return entry ? { entry, isByName: false } : undefined;
  }
  const lower = fileNameOf(path).toLowerCase();
  if (lower === '') return undefined;
  const entry = zip.entries.find((e) => !e.isDirectory && (e.name.toLowerCase() === lower || e.name.toLowerCase().endsWith(`/${lower}`)));
  return entry ? { entry, isByName: true } : undefined;
}
