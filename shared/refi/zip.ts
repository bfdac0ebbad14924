/**
 * Zip archives for .qdpx, read defensively. The central directory is parsed here so that,
 * before a single byte is inflated, every entry name is checked (no `..`, no absolute path, no
 * drive letter), the declared sizes are checked against a limit, and the entries' extents are
 * checked not to overlap each other or the central directory (a "better zip bomb" shares one
 * kernel of data between thousands of entries); an entry that declares more than the limit for
 * one entry is refused before it is inflated; while inflating, the output is counted and
 * inflation stops the moment an entry exceeds its declared size or the total exceeds the limit;
 * and every entry read is checked against its declared CRC-32, so a damaged file is refused,
 * naming the entry, rather than imported with corrupt text. Only the entries a reader asks for
 * are inflated. Writing goes through fflate's streaming Zip.
 *
 * Why fflate (0.8.3) does not read the archive as well: `unzipSync` inflates each entry into a
 * buffer of the size the directory declares and silently drops the rest, still running the
 * stream to its end, so an entry that lies about its size (a zip bomb) would come back
 * truncated instead of refused, after seconds of wasted work; and it gives neither an entry's
 * CRC-32 nor its compressed bytes, which a check or a native inflate would need. Its streaming
 * `Unzip`, which could count, finds entries by their local headers and, for an entry with a
 * data descriptor (fflate's own Zip writes one for every entry, MAXQDA too), by scanning the
 * data for signatures, so it misreads valid archives. zip.test.ts shows both.
 *
 * DEFLATE, both ways, is fflate's by default (pure JavaScript, runs anywhere). A host with a
 * native one (Node's zlib in the command line or the Electron main process) can pass it as a
 * `RawDeflateCodec`: three to four times faster on large projects, same bytes on disk format.
 * A host whose native DEFLATE is asynchronous (the Compression Streams API in the renderer)
 * passes an `AsyncRawDeflateCodec` to `writeZipAsync`, and to `ZipArchive.inflateAhead` before
 * reading: the entries are inflated ahead with every check `read` makes, and `read` then hands
 * out those bytes (or throws the entry's error), so the readers above stay synchronous.
 */
import { deflateSync, Inflate, Zip, ZipPassThrough, type DeflateOptions } from 'fflate';
import { ExchangeError } from '../common/errors.ts';

/** Default ceiling on everything a zip may inflate to: 1 GiB. */
export const DEFAULT_MAX_INFLATED_BYTES = 1024 * 1024 * 1024;

/**
 * Default ceiling on the declared size of any one entry that is read: 112 MiB, checked before a
 * byte of it is inflated. The project document is the largest entry a reader holds whole, and
 * it is held several times over (its bytes, its text, its element tree, what is built from it):
 * reading the benchmark project (200,000 codings, a 90.6 MiB project.qde, 50 MB of text) peaks
 * at about 780 MB in the command line, so this keeps a read under 1 GB.
 */
export const DEFAULT_MAX_ENTRY_BYTES = 112 * 1024 * 1024;

/**
 * Default ceiling on what the entries actually read (project document, texts, sidecar) may
 * inflate to together: 160 MiB, for the same reason. Entries that are never read (pictures,
 * audio, video) only count against `DEFAULT_MAX_INFLATED_BYTES`, and are never inflated.
 */
export const DEFAULT_MAX_READ_BYTES = 160 * 1024 * 1024;

/** One entry of the central directory. */
export interface ZipEntry {
  /** Name as stored, with `\` turned into `/`. */
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** CRC-32 of the uncompressed data, as the central directory declares it (unsigned). */
  readonly crc32: number;
  readonly isDirectory: boolean;
}

/** Raw DEFLATE (RFC 1951, no zlib header) supplied by a host, e.g. Node's zlib.deflateRawSync/inflateRawSync. */
export interface RawDeflateCodec {
  deflate(data: Uint8Array, level: number): Uint8Array;
  /** CRC-32 of the data (zlib.crc32), if the host has a native one. */
  crc32?(data: Uint8Array): number;
  /** Must throw when the output would exceed `maxOutputLength` bytes (zlib's maxOutputLength option). */
  inflate(data: Uint8Array, maxOutputLength: number): Uint8Array;
}

/**
 * Raw DEFLATE that runs asynchronously, e.g. the Compression Streams API
 * (renderer/features/exchange/streamCodec.ts). It has no level to choose: the Compression
 * Streams API offers none, and deflates at zlib's default (6), so `writeZipAsync` only tells
 * stored entries (level 0) from deflated ones.
 */
export interface AsyncRawDeflateCodec {
  deflate(data: Uint8Array): Promise<Uint8Array>;
  /**
   * Must reject as soon as the output would exceed `maxOutputLength` bytes, with a RangeError
   * (so the file is refused as a zip bomb rather than as damaged) and without inflating the
   * rest; any other rejection means the data is damaged.
   */
  inflate(data: Uint8Array, maxOutputLength: number): Promise<Uint8Array>;
}

export interface ZipLimits {
  /** Ceiling on the total inflated size of the archive (declared and actual). Default 1 GiB. */
  readonly maxInflatedBytes?: number;
  /** Ceiling on the number of entries. Default 100,000. */
  readonly maxEntries?: number;
  /** Ceiling on the declared size of one entry that is read (`DEFAULT_MAX_ENTRY_BYTES`). */
  readonly maxEntryBytes?: number;
  /** Ceiling on what the entries read inflate to together (`DEFAULT_MAX_READ_BYTES`, or `maxInflatedBytes` when lower). */
  readonly maxReadBytes?: number;
  /** Native inflate to use instead of fflate's. */
  readonly codec?: RawDeflateCodec;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** A size for sentences: `192.0 MiB`. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** True when a stored name would land outside the folder it is extracted into. */
export function isUnsafeZipPath(name: string): boolean {
  if (name.includes('\0')) return true;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true;
  return name.split('/').some((segment) => segment === '..');
}

/**
 * A zip archive opened for reading. `openZip` validates the whole directory up front.
 *
 * @example
 * const zip = openZip(bytes);
 * const qde = zip.read(zip.find('project.qde')!);
 * // With an asynchronous codec: inflate first, then read as usual.
 * await zip.inflateAhead([zip.find('project.qde')!], streamCodec);
 */
export class ZipArchive {
  private inflatedTotal = 0;
  /** What `inflateAhead` got for an entry: its bytes, or the error reading it is to throw. */
  private readonly inflated = new Map<ZipEntry, Uint8Array | ExchangeError>();

  constructor(
    private readonly bytes: Uint8Array,
    readonly entries: readonly ZipEntry[],
    private readonly maxReadBytes: number,
    private readonly codec?: RawDeflateCodec,
    private readonly maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES,
  ) {}

  /** The entry with exactly this name, or, failing that, the one whose name matches ignoring case. */
  find(name: string): ZipEntry | undefined {
    const exact = this.entries.find((entry) => entry.name === name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return this.entries.find((entry) => entry.name.toLowerCase() === lower);
  }

  /** The entry's data as stored, once its local header and extent check out. */
  private storedData(entry: ZipEntry): Uint8Array {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localHeaderOffset;
    if (at + 30 > this.bytes.length || view.getUint32(at, true) !== SIG_LOCAL) {
      throw new ExchangeError(`The zip entry "${entry.name}" is damaged (its local header is missing).`);
    }
    const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > this.bytes.length) throw new ExchangeError(`The zip entry "${entry.name}" is damaged (its data runs past the end of the file).`);
    return this.bytes.subarray(dataStart, dataEnd);
  }

  /**
   * Inflates one entry, enforcing its declared size and the archive's limits while inflating,
   * then checks its CRC-32: an entry that does not inflate to exactly what its directory record
   * declares (size and checksum) is refused, naming it.
   */
  read(entry: ZipEntry): Uint8Array {
    const data = this.readUnchecked(entry);
    checkCrc(entry, data, this.codec);
    return data;
  }

  private readUnchecked(entry: ZipEntry): Uint8Array {
    const compressed = this.storedData(entry);
    const declared = entry.uncompressedSize;
    if (declared > this.maxEntryBytes) throw entryTooLarge(entry, this.maxEntryBytes);
    const budget = this.maxReadBytes - this.inflatedTotal;
    if (declared > budget) throw new ExchangeError(`The zip would inflate to more than the limit of ${formatBytes(this.maxReadBytes)}, so it was refused.`);
    if (entry.method === 0) {
      if (compressed.length !== declared) throw new ExchangeError(`The zip entry "${entry.name}" is damaged (its stored size does not match its declared size).`);
      this.inflatedTotal += declared;
      return compressed;
    }
    if (entry.method !== 8) throw new ExchangeError(`The zip entry "${entry.name}" uses a compression method (${entry.method}) Marginalia cannot read.`);
    const ahead = this.inflated.get(entry);
    if (ahead instanceof ExchangeError) throw ahead;
    if (ahead) {
      // Handed out once, as `read` does: the archive keeps no second copy of a 95 MB project.qde.
      this.inflated.delete(entry);
      this.inflatedTotal += declared;
      return ahead;
    }
    if (this.codec) {
      let inflated: Uint8Array;
      try {
        inflated = this.codec.inflate(compressed, declared);
      } catch {
        throw new ExchangeError(`The zip entry "${entry.name}" is damaged or inflates to more than its declared ${formatBytes(declared)}, so the file was refused.`);
      }
      checkInflatedSize(entry, inflated.length);
      this.inflatedTotal += declared;
      return inflated;
    }
    const out = new Uint8Array(declared);
    let written = 0;
    const inflater = new Inflate((chunk) => {
      if (written + chunk.length > declared) throw tooBig(entry);
      out.set(chunk, written);
      written += chunk.length;
    });
    // Small pushes: fflate inflates a whole pushed chunk before reporting its output, and deflate
    // can expand 1032-fold, so 64 KiB in means at most ~66 MB out before the size check runs.
    const CHUNK = 1 << 16;
    try {
      if (compressed.length === 0) inflater.push(compressed, true);
      for (let i = 0; i < compressed.length; i += CHUNK) inflater.push(compressed.subarray(i, i + CHUNK), i + CHUNK >= compressed.length);
    } catch (error) {
      if (error instanceof ExchangeError) throw error;
      throw damaged(entry);
    }
    checkInflatedSize(entry, written);
    this.inflatedTotal += written;
    return out;
  }

  /**
   * Inflates deflated entries through an asynchronous codec, a few at a time, each capped at its
   * declared size, so that `read` can then hand them out synchronously. Never rejects for a bad
   * entry: what `read` would throw for it (the messages fflate's inflate gives) is kept and
   * thrown when the entry is read, so a file is refused for the same reason, in the same order,
   * as by `read` alone. Entries `read` will refuse before inflating (a damaged header, an
   * unknown method) and stored ones are left to `read`; so is any entry not passed here, or
   * read a second time (`read` inflates it then with the synchronous DEFLATE).
   */
  async inflateAhead(entries: Iterable<ZipEntry>, codec: AsyncRawDeflateCodec): Promise<void> {
    const work: { entry: ZipEntry; compressed: Uint8Array }[] = [];
    for (const entry of new Set(entries)) {
      if (entry.method !== 8 || this.inflated.has(entry) || entry.uncompressedSize > this.maxEntryBytes) continue;
      try {
        work.push({ entry, compressed: this.storedData(entry) });
      } catch {
        continue;
      }
    }
    await forEachConcurrently(work, async ({ entry, compressed }) => {
      let result: Uint8Array | ExchangeError;
      try {
        result = await codec.inflate(compressed, entry.uncompressedSize);
        // Its CRC-32 is checked by `read`, when it is handed out.
        checkInflatedSize(entry, result.length);
      } catch (error) {
        result = error instanceof ExchangeError ? error : error instanceof RangeError ? tooBig(entry) : damaged(entry);
      }
      this.inflated.set(entry, result);
    });
  }
}

/**
 * Runs `task` on every item, a few at a time: enough to keep a codec that works off the calling
 * thread busy, few enough that thousands of entries never hold thousands of zlib states (about
 * 300 KB each when deflating) at once.
 */
async function forEachConcurrently<T>(items: readonly T[], task: (item: T) => Promise<void>, limit = 4): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

function tooBig(entry: ZipEntry): ExchangeError {
  return new ExchangeError(`The zip entry "${entry.name}" inflates to more than its declared ${formatBytes(entry.uncompressedSize)}, so the file was refused.`);
}

function damaged(entry: ZipEntry): ExchangeError {
  return new ExchangeError(`The zip entry "${entry.name}" is damaged and cannot be inflated.`);
}

function entryTooLarge(entry: ZipEntry, limit: number): ExchangeError {
  return new ExchangeError(`The zip entry "${entry.name}" declares ${formatBytes(entry.uncompressedSize)} of data, more than the limit of ${formatBytes(limit)} for one entry, so the file was refused.`);
}

/**
 * CRC-32 (the zip polynomial) of `data`: the host's native one when its codec has it (Node's
 * zlib.crc32, in Node since 20.15), else fflate's table-driven one. fflate keeps its CRC
 * internal but computes it for every file pushed through a ZipPassThrough, which hands the data
 * on without copying, so that public class is used here rather than a second CRC
 * implementation in this repository.
 */
export function crc32Of(data: Uint8Array, codec?: RawDeflateCodec): number {
  if (codec?.crc32) return codec.crc32(data) >>> 0;
  const summer = new ZipPassThrough('');
  summer.ondata = () => {};
  summer.push(data, true);
  return summer.crc >>> 0;
}

/** Throws when an entry's data does not have the CRC-32 its directory record declares (damaged or tampered with). */
function checkCrc(entry: ZipEntry, data: Uint8Array, codec?: RawDeflateCodec): void {
  if (crc32Of(data, codec) !== entry.crc32) throw new ExchangeError(`The zip entry "${entry.name}" is damaged (its CRC-32 checksum does not match its data), so the file was refused.`);
}

/** Throws when an entry inflated to other than its declared size (truncated data, or a codec that ignored its cap). */
function checkInflatedSize(entry: ZipEntry, length: number): void {
  if (length !== entry.uncompressedSize) throw new ExchangeError(`The zip entry "${entry.name}" is damaged (it inflates to ${length} bytes, not the ${entry.uncompressedSize} it declares).`);
}

/**
 * Opens a zip archive: finds the central directory, validates every entry name and the declared
 * sizes. Throws ExchangeError when the bytes are not a zip, an entry escapes its folder, an
 * entry is encrypted, or the declared sizes exceed the limit.
 */
export function openZip(bytes: Uint8Array, limits: ZipLimits = {}): ZipArchive {
  const maxInflated = limits.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const maxEntries = limits.maxEntries ?? 100_000;
  const notZip = () => new ExchangeError('The file is not a zip archive, so it cannot be a .qdpx project.');
  if (bytes.length < 22) throw notZip();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  let count = view.getUint16(eocd + 10, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || directoryOffset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === SIG_ZIP64_LOCATOR) {
    const record = Number(view.getBigUint64(eocd - 12, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== SIG_ZIP64_EOCD) throw notZip();
    count = Number(view.getBigUint64(record + 32, true));
    directorySize = Number(view.getBigUint64(record + 40, true));
    directoryOffset = Number(view.getBigUint64(record + 48, true));
  }
  if (directoryOffset + directorySize > bytes.length) throw notZip();
  if (count > maxEntries) throw new ExchangeError(`The zip has ${count} entries, more than the limit of ${maxEntries}, so it was refused.`);

  const utf8 = new TextDecoder('utf-8');
  const latin = new TextDecoder('latin1');
  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let p = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== SIG_CENTRAL) throw new ExchangeError('The zip archive is damaged (its central directory is incomplete).');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc32 = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = ((flags & 0x800) ? utf8 : latin).decode(rawName).replace(/\\/g, '/');
    // Zip64 sizes live in extra field 0x0001, in a fixed order, only for the fields set to 0xFFFFFFFF.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
          uncompressedSize = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
          compressedSize = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= e + 4 + size) localHeaderOffset = Number(view.getBigUint64(q, true));
      }
      e += 4 + size;
    }
    if (isUnsafeZipPath(name)) throw new ExchangeError(`The zip entry "${name}" points outside its folder, so the file was refused.`);
    if (flags & 0x1) throw new ExchangeError(`The zip entry "${name}" is encrypted, which Marginalia cannot read.`);
    if (uncompressedSize > maxInflated || declaredTotal + uncompressedSize > maxInflated) {
      throw new ExchangeError(`The zip would inflate to more than the limit of ${formatBytes(maxInflated)}, so it was refused.`);
    }
    declaredTotal += uncompressedSize;
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset, crc32, isDirectory: name.endsWith('/') });
    p = extraEnd + commentLength;
  }
  checkExtents(bytes, entries, directoryOffset);
  const maxRead = Math.min(maxInflated, limits.maxReadBytes ?? DEFAULT_MAX_READ_BYTES);
  return new ZipArchive(bytes, entries, maxRead, limits.codec, limits.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES);
}

/**
 * Refuses an archive whose entries share bytes: each entry (local header and data) must end
 * before the next one starts and before the central directory. Overlapping entries are how a
 * "better zip bomb" makes thousands of directory records inflate one small kernel of data over
 * and over; no zip writer produces them, so they mean a damaged or crafted file. Also refuses an
 * entry whose local header is missing or whose data runs past the directory.
 */
function checkExtents(bytes: Uint8Array, entries: readonly ZipEntry[], directoryOffset: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const extents = entries.map((entry) => {
    const at = entry.localHeaderOffset;
    if (at + 30 > directoryOffset || view.getUint32(at, true) !== SIG_LOCAL) {
      throw new ExchangeError(`The zip entry "${entry.name}" is damaged (its local header is missing).`);
    }
    const end = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + entry.compressedSize;
    return { entry, start: at, end };
  });
  extents.sort((a, b) => a.start - b.start);
  for (let i = 0; i < extents.length; i++) {
    const { entry, end } = extents[i]!;
    const next = extents[i + 1];
    if (next && end > next.start) {
      throw new ExchangeError(`The zip is damaged or crafted: its entries "${entry.name}" and "${next.entry.name}" overlap, so it was refused.`);
    }
    if (end > directoryOffset) throw new ExchangeError(`The zip is damaged or crafted: its entry "${entry.name}" runs into its central directory, so it was refused.`);
  }
}

/** A file to put into a zip. */
export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
  /** This entry's level, instead of the archive's. */
  readonly level?: number;
}

/** A zip entry whose data some host function deflates, or has deflated (fflate computes the CRC and sizes). */
class DeflatedByCodec extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly deflate: (data: Uint8Array) => Uint8Array,
    private readonly crc32?: (data: Uint8Array) => number,
  ) {
    super(filename);
    this.compression = 8;
  }

  /** Files are pushed whole (one chunk, final); a native CRC replaces fflate's when the host has one. */
  override push(chunk: Uint8Array, final?: boolean): void {
    if (!this.crc32) return super.push(chunk, final);
    this.size += chunk.length;
    this.crc = this.crc32(chunk) | 0;
    this.process(chunk as Uint8Array<ArrayBuffer>, final ?? false);
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.ondata(null, this.deflate(chunk) as Uint8Array<ArrayBuffer>, final);
  }
}

/** How to write a zip. */
export interface WriteZipOptions {
  /** 0 stores, 1–9 deflate (1 is fastest); default 6. Each file may set its own. */
  readonly level?: number;
  /** The time stamped on every entry, so the same input gives the same bytes; default 2000-01-01. */
  readonly modified?: Date;
}

/**
 * Writes a zip archive. `level` 0 stores, 1–9 deflate (1 is fastest); `modified` is the time
 * stamped on every entry, so the same input gives the same bytes; `codec` replaces fflate's
 * deflate with the host's.
 */
export function writeZip(files: readonly ZipInput[], options: WriteZipOptions & { codec?: RawDeflateCodec } = {}): Uint8Array {
  const codec = options.codec;
  const deflate = codec ? (file: ZipInput, level: number) => codec.deflate(file.data, level) : (file: ZipInput, level: number) => deflateSync(file.data, { level: level as DeflateOptions['level'] });
  return assembleZip(files, options, deflate, codec?.crc32);
}

/**
 * `writeZip` with an asynchronous codec: the entries are deflated first, a few at a time (a
 * host whose codec works off the calling thread runs them in parallel), then put together
 * exactly as `writeZip` does. The codec has no levels: level 0 stores, any other deflates at the
 * codec's own level.
 *
 * @example
 * const bytes = await writeZipAsync([{ name: 'project.qde', data }], { codec: streamCodec });
 */
export async function writeZipAsync(files: readonly ZipInput[], options: WriteZipOptions & { codec: AsyncRawDeflateCodec }): Promise<Uint8Array> {
  const deflated = new Map<ZipInput, Uint8Array>();
  await forEachConcurrently(
    files.filter((file) => entryLevel(file, options) !== 0),
    async (file) => void deflated.set(file, await options.codec.deflate(file.data)),
  );
  return assembleZip(files, options, (file) => deflated.get(file)!);
}

function entryLevel(file: ZipInput, options: WriteZipOptions): number {
  return file.level ?? options.level ?? 6;
}

/** The zip of `files` through fflate's Zip, each deflated entry's data given by `deflate`. */
function assembleZip(files: readonly ZipInput[], options: WriteZipOptions, deflate: (file: ZipInput, level: number) => Uint8Array, crc32?: (data: Uint8Array) => number): Uint8Array {
  const mtime = options.modified ?? new Date(Date.UTC(2000, 0, 1));
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const file of files) {
    const level = entryLevel(file, options);
    const entry = level === 0 ? new ZipPassThrough(file.name) : new DeflatedByCodec(file.name, () => deflate(file, level), crc32);
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(file.data, true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
