/**
 * Writes a whole project as a REFI-QDA .qdpx: a zip holding `project.qde` (valid against
 * Project.xsd; streamed through xmlbuilder without indentation, see xmlWriter.ts), each
 * document's text as `sources/<GUID>.txt` (UTF-8, no BOM, LF) referenced as
 * `internal://<GUID>.txt`, and `marginalia.json` (see sidecar.ts).
 *
 * Mapping:
 * - Coders → `<User>`; codes → `<CodeBook>` (criteria in the Description, see
 *   shared/codebook/description.ts); documents → `<TextSource>` in display order; document
 *   variables → `<Variables>` (Text) and `<VariableValue>`.
 * - Each segment → one `<PlainTextSelection>` (guid = segment id, `creatingUser` = coder, name =
 *   the first 40 code points of the quote, so any reader can check the offsets) holding one
 *   `<Coding>` (guid derived from the segment id) with its `<CodeRef>`.
 * - Memos → `<Note>` (name = title, `PlainTextContent` = plain text), attached with `<NoteRef>`
 *   on the Project, TextSource, Code or PlainTextSelection. A memo on an uncoded passage is a
 *   `<PlainTextSelection>` of its own carrying the NoteRef and no Coding (one selection per
 *   distinct range, so several memos on one passage share it), as the specification does for
 *   comments. Sets → `<Set>` with MemberCode and MemberSource.
 * - Offsets are Unicode code points, as the specification says.
 *
 * The bundle is checked first: a segment, memo or set pointing at something the project does
 * not contain is refused with ExchangeError rather than written as a broken reference.
 *
 * Output is reproducible (same bundle, same bytes): derived GUIDs, fixed zip time stamps. For
 * speed on large projects see `WriteQdpxOptions.compressionLevel` and `codec`;
 * `writeQdpxAsync` is the same writer for a host whose native DEFLATE is asynchronous.
 */
import type { Code, Document, Memo, ProjectBundle, Segment } from '../model/index.ts';
import { indexCodePoints, sliceCodePoints, utf16ToCodePoint } from '../text/codePoints.ts';
import { checkBundle } from './bundleCheck.ts';
import { writeCodes } from './codebookXml.ts';
import { deriveGuid, isCanonicalGuid, normalizeGuid } from '../common/guid.ts';
import { MARGINALIA_ORIGIN } from './qdc.ts';
import { buildSidecar, SIDECAR_NAME } from './sidecar.ts';
import { XmlWriter } from './xmlWriter.ts';
import { writeZip, writeZipAsync, type AsyncRawDeflateCodec, type RawDeflateCodec, type ZipInput } from './zip.ts';

/** Namespace of the REFI-QDA 1.0 project. */
export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';

export interface WriteQdpxOptions {
  /** `origin` attribute; default `Marginalia 0.1`. */
  readonly origin?: string;
  /**
   * Deflate level 0–9 for every entry. Default: 6 up to 8 MB of text; above that 1 for
   * project.qde and the texts, except that without a `codec` (and in writeQdpxAsync) the texts
   * are stored uncompressed (fflate would need seconds for them; the file is larger instead).
   */
  readonly compressionLevel?: number;
  /** Write marginalia.json (default true). */
  readonly includeSidecar?: boolean;
  /** A native DEFLATE from the host (Node's zlib), used instead of fflate's. */
  readonly codec?: RawDeflateCodec;
}

/** Above this much text a project counts as large for compression (see writeQdpx). */
const LARGE_TEXT_BYTES = 8 * 1024 * 1024;

/** Length of the quote written as each selection's name (other tools show it; readers check offsets with it). */
const PREVIEW_CODE_POINTS = 40;

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** The timestamp if it is a valid xsd:dateTime, else undefined (the attribute is then left out). */
function dateTime(value: string | undefined): string | undefined {
  return value !== undefined && DATE_TIME.test(value) ? value : undefined;
}

/** The GUID written for a model id (model ids are GUIDs; anything else gets a stable derived one). */
export function exportGuid(id: string): string {
  return isCanonicalGuid(id) ? id : (normalizeGuid(id) ?? deriveGuid(`id:${id}`));
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The project document (project.qde) as XML text. Exposed for tests and for validation. */
export function writeProjectXml(bundle: ProjectBundle, options: WriteQdpxOptions = {}): string {
  return buildProjectXml(bundle, options).finish();
}

function buildProjectXml(bundle: ProjectBundle, options: WriteQdpxOptions): XmlWriter {
  checkBundle(bundle);
  const id = memoizedExportGuid();
  const memosByTarget = groupBy(bundle.memos, (m) => (m.target.kind === 'project' ? 'project' : `${m.target.kind}:${m.target.id}`));
  const noteRefs = (key: string) => (memosByTarget.size === 0 ? [] : (memosByTarget.get(key) ?? []).map((m: Memo) => id(m.id)));
  const segmentsWithMemos = new Set<string>(bundle.memos.flatMap((m) => (m.target.kind === 'segment' ? [m.target.id] : [])));
  const documents = [...bundle.documents].sort((a, b) => a.order - b.order);
  const segmentsByDocument = groupBy(bundle.segments, (s) => s.documentId);
  const passagesByDocument = groupBy(
    bundle.memos.flatMap((m) => (m.target.kind === 'passage' ? [{ memo: m, documentId: m.target.id, start: m.target.start, end: m.target.end }] : [])),
    (p) => p.documentId,
  );
  const variableNames = [...new Set(documents.flatMap((d) => Object.keys(d.variables)))].sort();
  const variableGuid = (name: string) => deriveGuid(`variable:${name}`);

  const w = new XmlWriter();
  w.start('Project', {
    xmlns: PROJECT_NAMESPACE,
    name: bundle.project.name,
    origin: options.origin ?? MARGINALIA_ORIGIN,
    creationDateTime: dateTime(bundle.project.createdAt),
    modifiedDateTime: dateTime(bundle.project.modifiedAt),
  });
  if (bundle.coders.length) {
    w.start('Users');
    for (const coder of bundle.coders) w.element('User', { guid: id(coder.id), name: coder.name });
    w.end();
  }
  if (bundle.codes.length) {
    const exported: Code[] = bundle.codes.map((c) => ({ ...c, id: id(c.id) as Code['id'], parentId: c.parentId === null ? null : (id(c.parentId) as Code['id']) }));
    const original = new Map(bundle.codes.map((c) => [id(c.id), c.id]));
    w.start('CodeBook');
    writeCodes(w, exported, (codeId) => noteRefs(`code:${original.get(codeId)}`));
    w.end();
  }
  if (variableNames.length) {
    w.start('Variables');
    for (const name of variableNames) w.element('Variable', { guid: variableGuid(name), name, typeOfVariable: 'Text' });
    w.end();
  }
  if (documents.length) {
    w.start('Sources');
    for (const document of documents) writeTextSource(w, document, segmentsByDocument.get(document.id) ?? [], passagesByDocument.get(document.id) ?? [], noteRefs, variableGuid, id, segmentsWithMemos);
    w.end();
  }
  if (bundle.memos.length) {
    w.start('Notes');
    for (const memo of bundle.memos) {
      w.start('Note', {
        guid: id(memo.id),
        name: memo.title,
        creatingUser: memo.coderId === null ? undefined : id(memo.coderId),
        creationDateTime: dateTime(memo.createdAt),
        modifiedDateTime: dateTime(memo.modifiedAt),
      });
      w.element('PlainTextContent', undefined, memo.plainText);
      w.end();
    }
    w.end();
  }
  if (bundle.sets.length) {
    w.start('Sets');
    for (const set of bundle.sets) {
      w.start('Set', { guid: id(set.id), name: set.name });
      if (set.description !== '') w.element('Description', undefined, set.description);
      for (const codeId of set.codeIds) w.element('MemberCode', { targetGUID: id(codeId) });
      for (const documentId of set.documentIds) w.element('MemberSource', { targetGUID: id(documentId) });
      w.end();
    }
    w.end();
  }
  if (bundle.project.description !== '') w.element('Description', undefined, bundle.project.description);
  for (const target of noteRefs('project')) w.element('NoteRef', { targetGUID: target });
  w.end();
  return w;
}

/** A memo on an uncoded passage of a document, with its range (UTF-16 units). */
interface PassageMemo {
  readonly memo: Memo;
  readonly documentId: string;
  readonly start: number;
  readonly end: number;
}

/** `exportGuid` with a cache, for ids written many times (coders, codes). */
function memoizedExportGuid(): (id: string) => string {
  const cache = new Map<string, string>();
  return (value: string) => {
    let guid = cache.get(value);
    if (guid === undefined) cache.set(value, (guid = exportGuid(value)));
    return guid;
  };
}

function writeTextSource(
  w: XmlWriter,
  document: Document,
  segments: readonly Segment[],
  passages: readonly PassageMemo[],
  noteRefs: (key: string) => string[],
  variableGuid: (name: string) => string,
  id: (value: string) => string,
  segmentsWithMemos: ReadonlySet<string>,
): void {
  const guid = id(document.id);
  w.start('TextSource', { guid, name: document.name, plainTextPath: `internal://${guid}.txt`, creationDateTime: dateTime(document.createdAt) });
  const text = document.text;
  const index = indexCodePoints(text);
  const previewOf = (from: number, to: number) => {
    const quote = text.slice(from, Math.min(to, from + 2 * PREVIEW_CODE_POINTS + 2));
    const preview = sliceCodePoints(quote, PREVIEW_CODE_POINTS);
    return preview.length < to - from ? `${preview}…` : preview;
  };
  const sorted = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const segment of sorted) {
    const start = utf16ToCodePoint(index, segment.start);
    const end = utf16ToCodePoint(index, segment.end);
    const name = previewOf(segment.start, segment.end);
    const coder = id(segment.coderId);
    w.start('PlainTextSelection', { guid: exportGuid(segment.id), name, startPosition: start, endPosition: end, creatingUser: coder, creationDateTime: dateTime(segment.createdAt) });
    // The Coding's date is the selection's: left out, readers take the selection's.
    w.start('Coding', { guid: deriveGuid(`coding:${segment.id}`), creatingUser: coder });
    w.element('CodeRef', { targetGUID: id(segment.codeId) });
    w.end();
    if (segmentsWithMemos.has(segment.id)) for (const target of noteRefs(`segment:${segment.id}`)) w.element('NoteRef', { targetGUID: target });
    w.end();
  }
  // Comments: one selection per distinct passage, carrying its memos' NoteRefs and no Coding.
  const byRange = groupBy(passages, (p) => `${p.start}:${p.end}`);
  const ranges = [...byRange.values()].sort((a, b) => a[0]!.start - b[0]!.start || a[0]!.end - b[0]!.end);
  for (const group of ranges) {
    const { start, end } = group[0]!;
    const first = group.reduce((a, b) => (a.memo.createdAt <= b.memo.createdAt ? a : b)).memo;
    w.start('PlainTextSelection', {
      guid: deriveGuid(`passage:${document.id}:${start}:${end}`),
      name: previewOf(start, end),
      startPosition: utf16ToCodePoint(index, start),
      endPosition: utf16ToCodePoint(index, end),
      creatingUser: first.coderId === null ? undefined : id(first.coderId),
      creationDateTime: dateTime(first.createdAt),
    });
    for (const passage of group) w.element('NoteRef', { targetGUID: id(passage.memo.id) });
    w.end();
  }
  for (const target of noteRefs(`document:${document.id}`)) w.element('NoteRef', { targetGUID: target });
  for (const name of Object.keys(document.variables).sort()) {
    w.start('VariableValue');
    w.element('VariableRef', { targetGUID: variableGuid(name) });
    w.element('TextValue', undefined, document.variables[name]);
    w.end();
  }
  w.end();
}

/** The zip's modification time: the project's, clamped to what zip can store. */
function zipTime(modifiedAt: string): Date {
  const time = Date.parse(modifiedAt);
  if (Number.isNaN(time)) return new Date(Date.UTC(2000, 0, 1));
  const year = new Date(time).getUTCFullYear();
  return year < 1980 || year > 2099 ? new Date(Date.UTC(2000, 0, 1)) : new Date(time);
}

/** The files of a .qdpx and how to zip them: what writeQdpx and writeQdpxAsync share. */
function qdpxEntries(bundle: ProjectBundle, options: Omit<WriteQdpxOptions, 'codec'>, canDeflateTextsQuickly: boolean): { files: ZipInput[]; level: number; modified: Date } {
  const encoder = new TextEncoder();
  const texts = bundle.documents.map((document) => ({ name: `sources/${exportGuid(document.id)}.txt`, data: encoder.encode(document.text) }));
  const textBytes = texts.reduce((n, t) => n + t.data.length, 0);
  // Small projects: level 6. Large ones: level 1, and the texts are stored unless a native codec
  // can deflate them at level 1 (the file gets larger instead): fflate needs seconds for tens of
  // megabytes, and so does the Compression Streams API, which is fixed at level 6 (2.2 s for
  // the benchmark's 50 MB of text in Chromium 156, against 0.4 s for Node's zlib at level 1).
  const large = textBytes > LARGE_TEXT_BYTES;
  const level = options.compressionLevel ?? (large ? 1 : 6);
  const textLevel = options.compressionLevel ?? (large && !canDeflateTextsQuickly ? 0 : level);
  const files: ZipInput[] = [{ name: 'project.qde', data: buildProjectXml(bundle, options).finishBytes() }, ...texts.map((t) => ({ ...t, level: textLevel }))];
  if (options.includeSidecar ?? true) {
    files.push({ name: SIDECAR_NAME, data: encoder.encode(JSON.stringify(buildSidecar(bundle, exportGuid))) });
  }
  return { files, level, modified: zipTime(bundle.project.modifiedAt) };
}

/**
 * Writes a project as .qdpx bytes.
 *
 * @example
 * const bytes = writeQdpx(bundle);           // Uint8Array, a zip
 * await host.saveFile('project.qdpx', bytes);
 */
export function writeQdpx(bundle: ProjectBundle, options: WriteQdpxOptions = {}): Uint8Array {
  const { files, level, modified } = qdpxEntries(bundle, options, options.codec !== undefined);
  return writeZip(files, { level, modified, codec: options.codec });
}

/** Options of writeQdpxAsync: those of writeQdpx, with an asynchronous native DEFLATE. */
export interface WriteQdpxAsyncOptions extends Omit<WriteQdpxOptions, 'codec'> {
  /**
   * The host's DEFLATE, e.g. the Compression Streams API in the renderer. It has no level:
   * `compressionLevel` 0 still stores, any other level deflates at the codec's own (zlib's 6).
   */
  readonly codec: AsyncRawDeflateCodec;
}

/**
 * writeQdpx with an asynchronous DEFLATE: the same project.qde, texts and sidecar, the same
 * entries stored or deflated as writeQdpx without a codec (a large project's texts stored),
 * the same zip around them. Only the deflated bytes differ (the codec's level is its own).
 *
 * @example
 * const bytes = await writeQdpxAsync(bundle, { codec: streamCodec });
 */
export async function writeQdpxAsync(bundle: ProjectBundle, options: WriteQdpxAsyncOptions): Promise<Uint8Array> {
  const { files, level, modified } = qdpxEntries(bundle, options, false);
  return writeZipAsync(files, { level, modified, codec: options.codec });
}
