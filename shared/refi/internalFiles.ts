/**
 * Finding the file an `internal://` path of a .qdpx names. The specification puts source files
 * under `sources/`, but producers differ in the folder's case (Sources/ vs sources/), in
 * whether the folder is part of the path, and in percent-encoding the name.
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
  return file.replace(/^\/+/, '');
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
