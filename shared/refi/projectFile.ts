/**
 * Opening a project file as researchers have them: a .qdpx (a zip holding project.qde and its
 * sources), or a project.qde on its own (the XML alone, its texts written inside it as
 * `PlainTextContent`, or missing). A bare .qde is put in a one-entry stored zip, so every reader
 * goes through the same archive code, limits and checks either way.
 */
import { ExchangeError } from '../common/errors.ts';
import { DEFAULT_MAX_ENTRY_BYTES, formatBytes, openZip, writeZip, type ZipArchive, type ZipLimits } from './zip.ts';

/** What opening a project file gives. */
export interface ProjectFile {
  readonly zip: ZipArchive;
  /** True when the file was a project.qde on its own rather than a zip. */
  readonly isBareQde: boolean;
}

/** True when the bytes start like XML: `<` after an optional BOM (UTF-8 or UTF-16) and white space. */
export function looksLikeXml(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  else if ((bytes[0] === 0x3c && bytes[1] === 0x00) || (bytes[0] === 0x00 && bytes[1] === 0x3c)) return true;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c;
}

/** True when the XML's first element is a `<CodeBook>` (any prefix); only the head is looked at. */
function isCodebookXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : bytes[0] === 0xfe ? 'utf-16be' : bytes[1] === 0x00 ? 'utf-16le' : bytes[0] === 0x00 ? 'utf-16be' : 'utf-8').decode(bytes.subarray(0, 4096));
  const first = /<([A-Za-z_][\w.:-]*)/.exec(head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''))?.[1] ?? '';
  return /^(?:[\w.-]+:)?codebook$/i.test(first);
}

/**
 * Opens a .qdpx, or a bare project.qde as if it were one. Throws ExchangeError (one sentence)
 * for anything else, as `openZip` does.
 *
 * @example
 * openProjectFile(qdeBytes).isBareQde // → true; .zip.entries → [project.qde]
 */
export function openProjectFile(bytes: Uint8Array, limits: ZipLimits = {}): ProjectFile {
  if (bytes[0] !== 0x50 && looksLikeXml(bytes)) {
    if (isCodebookXml(bytes)) throw new ExchangeError('The file is a REFI-QDA codebook (.qdc), not a project (.qdpx or .qde).');
    // Refused before it is copied into a zip: the same limit as for a .qde inside one.
    const limit = limits.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    if (bytes.length > limit) throw new ExchangeError(`The project document is ${formatBytes(bytes.length)}, more than the limit of ${formatBytes(limit)}, so it was refused.`);
    return { zip: openZip(writeZip([{ name: 'project.qde', data: bytes, level: 0 }]), limits), isBareQde: true };
  }
  return { zip: openZip(bytes, limits), isBareQde: false };
}
