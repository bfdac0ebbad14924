/**
 * The zip reader, beside what fflate's own readers do with the same archives: the reasons
 * shared/refi/zip.ts parses the central directory itself. The zips are built here with fflate
 * and, where they must lie or break, patched byte by byte.
 */
import { describe, expect, it } from 'vitest';
import { strToU8, Unzip, UnzipInflate, unzipSync, zipSync } from 'fflate';
import { openZip, writeZip } from '../../../../shared/refi/zip.ts';
import { declareSize, patchZipHeaders, refusalOf } from './helpers.ts';


describe('an entry that inflates to more than it declares', () => {
  const bomb = declareSize(zipSync({ 'a.txt': new Uint8Array(4 * 1024 * 1024).fill(65) }), 1000);

  it('comes back from fflate’s unzipSync cut to the declared size, without an error', () => {
    const data = unzipSync(bomb)['a.txt']!;
    expect(data.length).toBe(1000);
    expect(data.buffer.byteLength).toBe(1000);
    expect(data.every((byte) => byte === 65)).toBe(true);
  });

  it('is refused by openZip’s reader', () => {
    const zip = openZip(bomb);
    expect(refusalOf(() => zip.read(zip.entries[0]!))).toBe('The zip entry "a.txt" inflates to more than its declared 1000 bytes, so the file was refused.');
  });
});

describe('an archive with data descriptors whose first entry is a stored zip (a .docx, say)', () => {
  const inner = zipSync({ 'word/document.xml': strToU8('<w:document/>') }, { level: 0 });
  const archive = writeZip([{ name: 'sources/a.docx', data: inner, level: 0 }, { name: 'project.qde', data: strToU8('<Project/>') }]);

  it('shows fflate’s streaming Unzip an entry that is not in it', () => {
    const seen: string[] = [];
    const unzip = new Unzip((file) => seen.push(file.name));
    unzip.register(UnzipInflate);
    unzip.push(archive, true);
    expect(seen).toEqual(['sources/a.docx', 'word/document.xml', 'project.qde']);
  });

  it('is read right by openZip', () => {
    const zip = openZip(archive);
    expect(zip.entries.map((e) => e.name)).toEqual(['sources/a.docx', 'project.qde']);
    expect(zip.read(zip.entries[0]!)).toEqual(inner);
    expect(zip.read(zip.entries[1]!)).toEqual(strToU8('<Project/>'));
  });
});

describe('openZip', () => {
  it('refuses more entries than the limit', () => {
    const zip = zipSync({ a: strToU8('a'), b: strToU8('b'), c: strToU8('c') });
    expect(refusalOf(() => openZip(zip, { maxEntries: 2 }))).toBe('The zip has 3 entries, more than the limit of 2, so it was refused.');
    expect(openZip(zip, { maxEntries: 3 }).entries).toHaveLength(3);
  });

  it('refuses a truncated archive as not a zip', () => {
    const zip = zipSync({ 'project.qde': strToU8('<Project/>') });
    expect(refusalOf(() => openZip(zip.subarray(0, zip.length - 10)))).toBe('The file is not a zip archive, so it cannot be a .qdpx project.');
  });
});

describe('ZipArchive.find', () => {
  const zip = openZip(zipSync({ 'Sources/A.txt': strToU8('upper'), 'sources/a.txt': strToU8('lower') }));

  it('prefers the exact name, then a name that differs only in case', () => {
    expect(zip.find('sources/a.txt')).toBe(zip.entries[1]);
    expect(zip.find('Sources/A.txt')).toBe(zip.entries[0]);
    expect(zip.find('SOURCES/a.TXT')).toBe(zip.entries[0]);
    expect(zip.find('sources/b.txt')).toBeUndefined();
  });
});

describe('ZipArchive.read', () => {
  it('tells apart two entries of the same name', () => {
    const zip = openZip(writeZip([{ name: 'x.txt', data: strToU8('first') }, { name: 'x.txt', data: strToU8('second') }]));
    expect(zip.entries.map((e) => new TextDecoder().decode(zip.read(e)))).toEqual(['first', 'second']);
  });

  it('refuses damaged deflate data, naming the entry', () => {
    const bytes = zipSync({ 'project.qde': strToU8('<Project/>'.repeat(50)) });
    const zip = openZip(bytes);
    // The stream's first byte: block type 3, which does not exist.
    bytes[30 + 'project.qde'.length] = 0x07;
    expect(refusalOf(() => zip.read(zip.entries[0]!))).toBe('The zip entry "project.qde" is damaged and cannot be inflated.');
  });

  it('refuses a stored entry whose sizes disagree, and a compression method it cannot inflate', () => {
    const stored = patchZipHeaders(zipSync({ 'a.txt': [strToU8('hello'), { level: 0 }] }), (view, at, isCentral) => isCentral && view.setUint32(at + 24, 4, true));
    expect(refusalOf(() => openZip(stored).read(openZip(stored).entries[0]!))).toBe('The zip entry "a.txt" is damaged (its stored size does not match its declared size).');
    const lzma = patchZipHeaders(zipSync({ 'a.txt': strToU8('hello') }), (view, at, isCentral) => view.setUint16(at + (isCentral ? 10 : 8), 14, true));
    expect(refusalOf(() => openZip(lzma).read(openZip(lzma).entries[0]!))).toBe('The zip entry "a.txt" uses a compression method (14) Marginalia cannot read.');
  });
});
