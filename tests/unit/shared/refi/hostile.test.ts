/**
 * Hostile and damaged .qdpx files, crafted here in the test: overlapping entries (the "better
 * zip bomb"), entries whose CRC-32 is wrong, entries that declare more than the limit for one
 * entry, and very long attribute values and names, whose import must cost time in proportion
 * to the file. Every refusal is one sentence, from the synchronous and asynchronous readers
 * alike, and nothing comes back.
 */
import { describe, expect, it } from 'vitest';
import { promisify } from 'node:util';
import { crc32, deflateRaw, deflateRawSync, inflateRaw, inflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { readQdpx, readQdpxAsync, type AsyncRawDeflateCodec, type RawDeflateCodec } from '../../../../shared/refi/index.ts';
import { crc32Of, openZip } from '../../../../shared/refi/zip.ts';
import { declareSize, patchZipHeaders, refusalOf } from './helpers.ts';

const deflateRawAsync = promisify(deflateRaw);
const inflateRawAsync = promisify(inflateRaw);

/** Node's zlib as an asynchronous codec, standing in for the renderer's Compression Streams. */
const asyncCodec: AsyncRawDeflateCodec = {
  deflate: async (data) => new Uint8Array(await deflateRawAsync(data)),
  inflate: async (data, max) => new Uint8Array(await inflateRawAsync(data, { maxOutputLength: Math.max(1, max) })),
};

function oneSentence(message: string): string {
  expect(message).toMatch(/^[A-Z][^\n]*\.$/);
  expect(message).not.toMatch(/\.\s+[A-Z]/);
  return message;
}

/** The message of both readers' refusals, which must be the same. */
async function refusals(bytes: Uint8Array): Promise<string> {
  const sync = oneSentence(refusalOf(() => readQdpx(bytes)));
  const error: unknown = await readQdpxAsync(bytes, { codec: asyncCodec }).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect((error as Error | null)?.message).toBe(sync);
  return sync;
}

const SOURCE = '33333333-3333-4333-8333-333333333333';

const PROJECT = (body: string, name = 'p') => `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="${name}" origin="Test">${body}</Project>`;

const TEXT = 'Hello world, this is the text of a source.\n'.repeat(40);
const WITH_FILE = PROJECT(`<Sources><TextSource guid="${SOURCE}" name="doc" plainTextPath="internal://${SOURCE}.txt"/></Sources>`);

describe('overlapping entries', () => {
  it('refuses two directory records that share one entry’s data (the better zip bomb’s trick)', () => {
    const zip = zipSync({ 'project.qde': strToU8(PROJECT('')), 'b.txt': strToU8('second') });
    // Point b.txt's directory record at project.qde's local header.
    const crafted = patchZipHeaders(zip, (view, at, isCentral) => {
      if (isCentral && view.getUint32(at + 42, true) !== 0) view.setUint32(at + 42, 0, true);
    });
    expect(oneSentence(refusalOf(() => openZip(crafted)))).toBe('The zip is damaged or crafted: its entries "project.qde" and "b.txt" overlap, so it was refused.');
  });

  it('refuses an entry whose data runs over the next entry’s header', async () => {
    const zip = zipSync({ 'a.txt': [strToU8('x'.repeat(100)), { level: 0 }], 'project.qde': strToU8(PROJECT('')) });
    const crafted = patchZipHeaders(zip, (view, at, isCentral) => {
      if (isCentral && view.getUint32(at + 42, true) === 0) view.setUint32(at + 20, 140, true);
    });
    expect(await refusals(crafted)).toBe('The zip is damaged or crafted: its entries "a.txt" and "project.qde" overlap, so it was refused.');
  });

  it('refuses an entry whose data runs into the central directory', () => {
    const zip = zipSync({ 'project.qde': [strToU8(PROJECT('')), { level: 0 }] });
    const crafted = patchZipHeaders(zip, (view, at, isCentral) => isCentral && view.setUint32(at + 20, view.getUint32(at + 20, true) + 20, true));
    expect(oneSentence(refusalOf(() => readQdpx(crafted)))).toBe('The zip is damaged or crafted: its entry "project.qde" runs into its central directory, so it was refused.');
  });

  it('reads entries that follow each other, with data descriptors between them', () => {
    // fflate's streaming Zip (writeZip) writes a data descriptor after every entry.
    expect(readQdpx(zipSync({ 'project.qde': strToU8(WITH_FILE), [`sources/${SOURCE}.txt`]: strToU8(TEXT) })).bundle.documents[0]!.text).toBe(TEXT);
  });
});

describe('CRC-32', () => {
  it('is fflate’s, and the same as zlib’s', () => {
    const data = strToU8(TEXT);
    expect(crc32Of(data)).toBe(crc32(data));
    expect(crc32Of(new Uint8Array(0))).toBe(0);
  });

  it('refuses a stored entry whose data was altered, naming it, with either reader and codec', async () => {
    const zip = zipSync({ 'project.qde': strToU8(WITH_FILE), [`sources/${SOURCE}.txt`]: [strToU8(TEXT), { level: 0 }] });
    const entry = openZip(zip).find(`sources/${SOURCE}.txt`)!;
    const damaged = zip.slice();
    const at = entry.localHeaderOffset + 30 + entry.name.length + 6;
    damaged[at] = damaged[at]! ^ 0x20; // "world" → "World"
    const message = `The zip entry "sources/${SOURCE}.txt" is damaged (its CRC-32 checksum does not match its data), so the file was refused.`;
    expect(await refusals(damaged)).toBe(message);
    const nodeCodec: RawDeflateCodec = { deflate: (d, level) => deflateRawSync(d, { level }), inflate: (d, max) => inflateRawSync(d, { maxOutputLength: Math.max(1, max) }), crc32: (d) => crc32(d) };
    expect(refusalOf(() => readQdpx(damaged, { codec: nodeCodec }))).toBe(message);
  });

  it('refuses a deflated project document whose declared CRC-32 is wrong', async () => {
    const zip = zipSync({ 'project.qde': strToU8(PROJECT('')) });
    const crafted = patchZipHeaders(zip, (view, at, isCentral) => view.setUint32(at + (isCentral ? 16 : 14), 0xdeadbeef, true));
    expect(await refusals(crafted)).toBe('The zip entry "project.qde" is damaged (its CRC-32 checksum does not match its data), so the file was refused.');
  });
});

describe('entries larger than the limit for one entry', () => {
  it('refuses a project document that declares more, before inflating a byte of it', async () => {
    const zip = declareSize(zipSync({ 'project.qde': strToU8(PROJECT('')) }), 200 * 1024 * 1024, 'project.qde');
    let inflated = 0;
    const counting: RawDeflateCodec = { deflate: () => new Uint8Array(0), inflate: () => (inflated++, new Uint8Array(0)) };
    const message = 'The zip entry "project.qde" declares 200.0 MiB of data, more than the limit of 112.0 MiB for one entry, so the file was refused.';
    expect(refusalOf(() => readQdpx(zip, { codec: counting }))).toBe(message);
    const countingAsync: AsyncRawDeflateCodec = { deflate: async () => new Uint8Array(0), inflate: async () => (inflated++, new Uint8Array(0)) };
    await expect(readQdpxAsync(zip, { codec: countingAsync })).rejects.toThrow(message);
    expect(inflated).toBe(0);
  });

  it('refuses a bare project.qde over the limit, and a source text over it', async () => {
    const bare = strToU8(PROJECT(''));
    expect(oneSentence(refusalOf(() => readQdpx(bare, { maxEntryBytes: 100 })))).toBe(`The project document is ${bare.length} bytes, more than the limit of 100 bytes, so it was refused.`);
    const zip = zipSync({ 'project.qde': strToU8(WITH_FILE), [`sources/${SOURCE}.txt`]: strToU8(TEXT) });
    expect(oneSentence(refusalOf(() => readQdpx(zip, { maxEntryBytes: 1000 })))).toBe(`The zip entry "sources/${SOURCE}.txt" declares 1.7 KiB of data, more than the limit of 1000 bytes for one entry, so the file was refused.`);
  });

  it('counts what is read against the limit for all entries read, not a video that is never inflated', () => {
    const zip = zipSync({ 'project.qde': strToU8(PROJECT('')), 'sources/video.mp4': [new Uint8Array(300_000), { level: 0 }] });
    const archive = openZip(zip, { maxReadBytes: 100_000 });
    expect(archive.read(archive.find('project.qde')!).length).toBe(PROJECT('').length);
    expect(refusalOf(() => archive.read(archive.find('sources/video.mp4')!))).toBe('The zip would inflate to more than the limit of 97.7 KiB, so it was refused.');
  });
});

const USER = '11111111-1111-4111-8111-111111111111';
const CODE = '22222222-2222-4222-8222-222222222222';
const SELECTION = '44444444-4444-4444-8444-444444444444';

/** A project with one user, one code, one source and one coded selection, with the given names. */
function projectWith(names: { project?: string; user?: string; code?: string; selection?: string; text?: string; start?: number; end?: number }): Uint8Array {
  const text = names.text ?? 'Hello world, this is a text.';
  const qde = PROJECT(
    `<Users><User guid="${USER}" name="${names.user ?? 'Ana'}"/></Users>` +
      `<CodeBook><Codes><Code guid="${CODE}" name="${names.code ?? 'Code'}" isCodable="true"/></Codes></CodeBook>` +
      `<Sources><TextSource guid="${SOURCE}" name="doc"><PlainTextContent>${text}</PlainTextContent>` +
      `<PlainTextSelection guid="${SELECTION}" name="${names.selection ?? 'Hello'}" startPosition="${names.start ?? 0}" endPosition="${names.end ?? 5}" creatingUser="${USER}">` +
      `<Coding guid="66666666-6666-4666-8666-666666666666" creatingUser="${USER}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection></TextSource></Sources>`,
    names.project,
  );
  return zipSync({ 'project.qde': strToU8(qde) });
}

/** The best of three timings of `fn`, in milliseconds. */
function fastest(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * Expects reading four times as much to cost about four times as long: well under the sixteen
 * times a quadratic reader would take. Generous (10×, plus 100 ms for a loaded machine's jitter
 * on short runs), so it fails for quadratic cost, not for a busy machine.
 */
function expectLinear(small: () => unknown, large: () => unknown): void {
  const a = fastest(small);
  const b = fastest(large);
  expect(b, `${a.toFixed(1)} ms, then ${b.toFixed(1)} ms for four times as much`).toBeLessThan(10 * a + 100);
}

const MiB = 1024 * 1024;

describe('very long attribute values and names', () => {
  it('reads a long project name in time proportional to its length, and refuses a 4 MiB one with a sentence', async () => {
    expectLinear(() => readQdpx(projectWith({ project: 'p'.repeat(MiB / 4) })), () => readQdpx(projectWith({ project: 'p'.repeat(MiB) })));
    const start = performance.now();
    expect(await refusals(projectWith({ project: 'p'.repeat(4 * MiB) }))).toBe('The XML of project.qde has an attribute name of 4,194,304 characters at line 2, more than the limit of 1,048,576, so it was refused.');
    expect(performance.now() - start).toBeLessThan(20_000);
  });

  it('cuts a 1 MiB code name to 1,000 characters, saying so, in time proportional to its length', () => {
    expectLinear(() => readQdpx(projectWith({ code: 'c'.repeat(MiB / 4) })), () => readQdpx(projectWith({ code: 'c'.repeat(MiB) })));
    // Cut at a character boundary: the thousandth code unit would split an emoji in two.
    const { bundle, report } = readQdpx(projectWith({ code: `x${'😀'.repeat(MiB / 2 - 1)}`, user: 'u'.repeat(5000) }));
    expect(bundle.codes[0]!.name).toBe(`x${'😀'.repeat(499)}…`);
    expect(bundle.coders[0]!.name).toBe(`${'u'.repeat(1000)}…`);
    expect(report.adjusted.find((item) => item.kind === 'lenient.long-name')).toMatchObject({ message: 'Names longer than 1,000 characters were cut to that length.', count: 2 });
  });

  it('reads a selection whose name is a 1 MiB quote, realigning it without a regular expression', () => {
    const words = (n: number) => 'word '.repeat(n / 5).trim();
    const text = (n: number) => `Intro. ${words(n)} end.`;
    // The positions are 3 characters off: the quote is found where it is, its whitespace run of any kind.
    const read = (n: number) => readQdpx(projectWith({ text: text(n), selection: words(n), start: 4, end: 4 + words(n).length }));
    expectLinear(() => read(MiB / 4), () => read(MiB));
    const { bundle, report } = read(MiB);
    expect(bundle.segments[0]).toMatchObject({ start: 7, end: 7 + words(MiB).length });
    expect(report.adjusted.map((item) => item.kind)).toContain('selection.realigned');
  });

  it('realigns a quote whose whitespace differs from the text’s onto the nearest occurrence', () => {
    // "a  b\tc" at 6 and "a b c" at 15.
    const text = 'a b. Xa  b\tc.  a b c. ';
    expect(readQdpx(projectWith({ text, selection: 'a b c', start: 10, end: 14 })).bundle.segments[0]).toMatchObject({ start: 6, end: 12 });
    expect(readQdpx(projectWith({ text, selection: 'a b c', start: 12, end: 16 })).bundle.segments[0]).toMatchObject({ start: 15, end: 20 });
    // Truncated quotes keep their length.
    expect(readQdpx(projectWith({ text, selection: 'a b…', start: 13, end: 17 })).bundle.segments[0]).toMatchObject({ start: 15, end: 19 });
  });

  it('cuts what the report quotes from the file to 200 characters', () => {
    const zip = zipSync({ 'project.qde': strToU8(PROJECT(`<Sources><TextSource guid="${SOURCE}" name="doc" creatingUser="${'f'.repeat(100_000)}"><PlainTextContent>Hello</PlainTextContent><Coding guid="66666666-6666-4666-8666-666666666666"><CodeRef targetGUID="${CODE}"/></Coding></TextSource></Sources><CodeBook><Codes><Code guid="${CODE}" name="C" isCodable="true"/></Codes></CodeBook>`)) });
    const { report } = readQdpx(zip);
    const examples = [...report.adjusted, ...report.skipped, ...report.warnings].flatMap((item) => item.examples);
    expect(examples).toContain(`${'f'.repeat(200)}…`);
    expect(Math.max(...examples.map((e) => e.length))).toBeLessThanOrEqual(201);
  });
});
