/**
 * Reads a REFI-QDA project (.qdpx) from any producer into a ProjectBundle, with a report of what
 * was imported, adjusted, skipped and why.
 *
 * Order of work, so that bad input changes nothing: open the zip defensively (zip.ts), parse the
 * .qde (any name: ATLAS.ti writes `<ProjectName>.qde`), check every reference (references.ts:
 * an unknown code, note, source, variable or selection GUID refuses the file), and only then
 * build new objects. Nothing passed in is modified; on any ExchangeError no bundle exists.
 *
 * What each REFI-QDA element becomes:
 * - `<User>` → Coder (colour from marginalia.json or the default palette; a producer's
 *   pseudo-user such as "ATLAS.ti" that codes nothing is left out).
 * - `<Code>` → Code (criteria parsed from the Description, see shared/codebook/description.ts).
 * - `<TextSource>` (and a PDF's text `<Representation>`) → Document, its text from
 *   `PlainTextContent` or the `internal://` file (looked up case-insensitively under sources/),
 *   BOM removed, CRLF/CR normalised to LF. Picture, audio and video sources, and sources whose
 *   text is missing, are skipped and reported; so are their selections.
 * - Each `<Coding>` of a `<PlainTextSelection>` → Segment: coder = the Coding's creatingUser,
 *   else the selection's, else the project's. Segment id = the selection's GUID when it holds
 *   one coding (NVivo, Marginalia), else the Coding's. Exact duplicates (same document, code,
 *   coder, range) are imported once. Offsets are converted per producer (offsets.ts) and
 *   checked against the quote in the selection's name.
 * - `<Note>` → Memo on whatever its `<NoteRef>`s point at (project, source, code, selection or
 *   coding); a note nothing points at becomes a project memo; a note pointed at from several
 *   places becomes one memo per place. A selection's or source's `<Description>` becomes a memo.
 * - `<Set>` → CodeSet (codes and documents); `<Variable>`/`<VariableValue>` (also through
 *   `<Case>`s that list sources, as MAXQDA writes them) → Document variables.
 */
import type {
  Code,
  CodeId,
  Coder,
  CoderId,
  CodeSet,
  Document,
  DocumentId,
  Memo,
  MemoId,
  MemoTarget,
  ProjectBundle,
  ProjectId,
  Segment,
  SegmentId,
} from '../model/index.ts';
import { stripBom } from '../text/codePoints.ts';
import { guidKey, readCodes, readOwnGuid } from './codebookXml.ts';
import { paletteColor } from './colors.ts';
import { ExchangeError } from './errors.ts';
import { deriveGuid } from './guid.ts';
import {
  conventionForOrigin,
  describeConvention,
  SPEC_CONVENTION,
  detectConvention,
  parseQuote,
  quoteMatches,
  SourceText,
  type OffsetConvention,
  type Quote,
} from './offsets.ts';
import { checkRoot, readSets } from './qdc.ts';
import { checkProjectReferences } from './references.ts';
import { ReportBuilder, type ImportReport } from './report.ts';
import { hashText, parseSidecar, SIDECAR_NAME, type Sidecar } from './sidecar.ts';
import { decodeXmlBytes, parseXml, type XmlElement } from './xmlReader.ts';
import { findSourceFile } from './internalFiles.ts';
import { normalizeTree } from './lenient.ts';
import { openProjectFile } from './projectFile.ts';
import { type AsyncRawDeflateCodec, type RawDeflateCodec, type ZipArchive, type ZipEntry } from './zip.ts';

export interface ReadQdpxOptions {
  /** Id of the project to import into; default the id in marginalia.json, else a new one. */
  readonly projectId?: ProjectId;
  /** Ceiling on what the zip may inflate to; default 1 GiB. */
  readonly maxInflatedBytes?: number;
  /** Timestamp for objects the file gives none; default the current time. */
  readonly now?: string;
  /** Read offsets under this convention instead of detecting it. */
  readonly offsets?: OffsetConvention;
  /** A native inflate from the host (Node's zlib), used instead of fflate's. */
  readonly codec?: RawDeflateCodec;
}

/** What reading a .qdpx gives. */
export interface ReadQdpxResult {
  readonly bundle: ProjectBundle;
  readonly report: ImportReport;
}

/** Finds the project document: `project.qde`, else the one .qde at the top, else any .qde. */
export function findQdeEntry(zip: ZipArchive): ZipEntry {
  const qdes = zip.entries.filter((e) => !e.isDirectory && e.name.toLowerCase().endsWith('.qde'));
  const top = qdes.filter((e) => !e.name.includes('/'));
  const found = top.find((e) => e.name.toLowerCase() === 'project.qde') ?? top[0] ?? qdes[0];
  if (!found) throw new ExchangeError('The file holds no .qde project document, so it is not a REFI-QDA project.');
  return found;
}

/** Decodes a source text file: UTF-8 (BOM or not) or UTF-16 with BOM; invalid UTF-8 is decoded with replacement characters and reported. */
function decodeSourceBytes(bytes: Uint8Array, name: string, report: ReportBuilder): { text: string; hadBom: boolean } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), hadBom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), hadBom: true };
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(hadBom ? 3 : 0)), hadBom };
  } catch {
    report.warning('source.encoding', 'A source text is not valid UTF-8; undecodable bytes were replaced with U+FFFD.', name);
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(hadBom ? 3 : 0)), hadBom };
  }
}

/** Shared by selections without NoteRefs; never pushed to. */
const NONE: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

interface PendingSelection {
  readonly element: XmlElement;
  readonly codings: readonly XmlElement[];
  readonly noteRefs: readonly XmlElement[];
  readonly description: string;
  readonly guid: string;
  readonly start: number;
  readonly end: number;
  readonly quote: Quote | null;
  readonly name: string;
  readonly creatingUser: string | undefined;
  readonly created: string | undefined;
}

interface PendingSource {
  readonly id: DocumentId;
  readonly element: XmlElement;
  readonly name: string;
  readonly text: SourceText;
  readonly selections: PendingSelection[];
  readonly created: string | undefined;
  readonly variables: Record<string, string>;
}

/**
 * Reads a .qdpx. Throws ExchangeError (one sentence) when the file is not a zip, an entry
 * escapes its folder, the zip inflates past the limit, the .qde is missing or malformed or has
 * a DOCTYPE, or a reference names an unknown GUID.
 *
 * @example
 * const { bundle, report } = readQdpx(bytes, { projectId });
 * bundle.segments.length // → 97 for the NVivo sample
 * report.adjusted        // e.g. offsets read as UTF-16 code units (NVivo), CRLF normalised
 */
export function readQdpx(bytes: Uint8Array, options: ReadQdpxOptions = {}): ReadQdpxResult {
  const { zip, isBareQde } = openProjectFile(bytes, { maxInflatedBytes: options.maxInflatedBytes, codec: options.codec });
  const qde = findQdeEntry(zip);
  const report = new ReportBuilder('qdpx');
  const root = parseQde(zip, qde, report);
  return readProject({ zip, qde, root, report, isBareQde }, options);
}

/** Options of readQdpxAsync: those of readQdpx, with an asynchronous native DEFLATE. */
export interface ReadQdpxAsyncOptions extends Omit<ReadQdpxOptions, 'codec'> {
  /** The host's inflate, e.g. the Compression Streams API in the renderer. */
  readonly codec: AsyncRawDeflateCodec;
}

/**
 * readQdpx with an asynchronous inflate: the project document is inflated and parsed, then the
 * files it names (marginalia.json, the sources' and notes' internal:// texts) are inflated
 * together, and the same synchronous reading as readQdpx's runs over them. Same result, same
 * report, same ExchangeErrors (a damaged or lying entry is refused when it is read, as there).
 *
 * @example
 * const { bundle, report } = await readQdpxAsync(bytes, { codec: streamCodec });
 */
export async function readQdpxAsync(bytes: Uint8Array, options: ReadQdpxAsyncOptions): Promise<ReadQdpxResult> {
  const { zip, isBareQde } = openProjectFile(bytes, { maxInflatedBytes: options.maxInflatedBytes });
  const qde = findQdeEntry(zip);
  await zip.inflateAhead([qde], options.codec);
  const report = new ReportBuilder('qdpx');
  const root = parseQde(zip, qde, report);
  await zip.inflateAhead(entriesToRead(zip, root), options.codec);
  return readProject({ zip, qde, root, report, isBareQde }, options);
}

/** Parses the project document and brings its names and values to the specification's (lenient.ts). */
function parseQde(zip: ZipArchive, qde: ZipEntry, report: ReportBuilder): XmlElement {
  const root = parseXml(decodeXmlBytes(zip.read(qde), qde.name), { fileName: qde.name });
  normalizeTree(root, report);
  return root;
}

/**
 * The entries readProject will read besides the .qde: marginalia.json and the internal:// text
 * files of sources (or a PDF's text representation) and notes that carry no text of their own.
 * Should it ever miss one, the entry is still read, with the synchronous inflate.
 */
function entriesToRead(zip: ZipArchive, root: XmlElement): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const sidecar = zip.find(SIDECAR_NAME);
  if (sidecar) entries.push(sidecar);
  const addTextFile = (element: XmlElement) => {
    const path = element.attrs['plainTextPath'];
    if (!path || element.children.some((c) => c.local === 'PlainTextContent')) return;
    try {
      const found = findSourceFile(zip, path);
      if (found) entries.push(found.entry);
    } catch {
      // A path that does not decode: reading it fails later, where readQdpx fails.
    }
  };
  const first = (element: XmlElement | undefined, local: string) => element?.children.find((c) => c.local === local);
  for (const source of first(root, 'Sources')?.children ?? []) {
    if (source.local === 'TextSource') addTextFile(source);
    else if (source.local === 'PDFSource') {
      const representation = first(source, 'Representation');
      if (representation) addTextFile(representation);
    }
  }
  for (const note of first(root, 'Notes')?.children ?? []) if (note.local === 'Note') addTextFile(note);
  return entries;
}

/** What readProject starts from: the opened file, its parsed project document, and the report begun while parsing. */
interface ProjectInput {
  readonly zip: ZipArchive;
  readonly qde: ZipEntry;
  readonly root: XmlElement;
  readonly report: ReportBuilder;
  /** A project.qde read on its own: it has no files besides itself. */
  readonly isBareQde: boolean;
}

/** What readQdpx does once the project document is parsed; every zip entry it reads goes through `zip.read`. */
function readProject(input: ProjectInput, options: Omit<ReadQdpxOptions, 'codec'>): ReadQdpxResult {
  const { zip, qde, root, report, isBareQde } = input;
  checkRoot(root, 'Project', qde.name, report);
  const origin = root.attrs['origin'] ?? 'unknown';
  report.setProducer(origin);
  if (!isBareQde && qde.name.toLowerCase() !== 'project.qde') report.adjusted('qde.name', `The project document is named "${qde.name}" rather than project.qde; it was read all the same.`);

  const problems = checkProjectReferences(root, { users: false, duplicateSelections: false });
  const firstError = problems.find((p) => p.severity === 'error');
  if (firstError) throw new ExchangeError(firstError.message);

  const sidecarEntry = zip.find(SIDECAR_NAME);
  const sidecar: Sidecar | null = sidecarEntry ? parseSidecar(zip.read(sidecarEntry), report) : null;
  const now = options.now ?? new Date().toISOString();
  const projectId = options.projectId ?? ((sidecar?.projectId || crypto.randomUUID()) as ProjectId);
  const child = (element: XmlElement, local: string) => element.children.find((c) => c.local === local);
  const children = (element: XmlElement | undefined, local: string) => (element ? element.children.filter((c) => c.local === local) : []);

  // Users.
  const users = new Map<string, { id: CoderId; name: string; element: XmlElement }>();
  children(child(root, 'Users'), 'User').forEach((element, index) => {
    const id = readOwnGuid(element, 'user', report, `user/${index}`) as CoderId;
    users.set(id, { id, name: element.attrs['name'] ?? element.attrs['id'] ?? `Coder ${index + 1}`, element });
  });

  // Codebook.
  const codebook = child(root, 'CodeBook');
  const { codes, noteRefs: codeNoteRefs } = readCodes(codebook ? child(codebook, 'Codes') : undefined, projectId, report);
  const codeIds = new Set<string>(codes.map((c) => c.id));

  // Variables.
  const variables = new Map<string, string>();
  for (const element of children(child(root, 'Variables'), 'Variable')) {
    variables.set(guidKey(element.attrs['guid'] ?? ''), element.attrs['name'] ?? 'Variable');
  }
  const readVariableValue = (element: XmlElement): [string, string] | null => {
    const ref = child(element, 'VariableRef')?.attrs['targetGUID'];
    if (ref === undefined) return null;
    const name = variables.get(guidKey(ref));
    const value = element.children.find((c) => c.local.endsWith('Value') && c.local !== 'VariableValue');
    return name === undefined || !value ? null : [name, value.text];
  };

  // Sources.
  const sources: PendingSource[] = [];
  /** Sources whose text had CRLF or CR line ends, which the model stores as LF. */
  const newlineSources = new Set<string>();
  const skippedSources = new Set<string>();
  const readSourceText = (element: XmlElement, name: string): string | null => {
    const content = child(element, 'PlainTextContent');
    if (content) return content.text;
    const path = element.attrs['plainTextPath'];
    if (!path) {
      report.skipped('source.no-plain-text', 'Sources that have no plain text (only a rich-text file) were skipped.', name);
      return null;
    }
    const found = findSourceFile(zip, path);
    if (!found) {
      if (isBareQde) {
        report.skipped('source.not-in-qde', 'Documents whose text is kept in a file beside the project document were skipped: a project.qde on its own carries only the texts written inside it.', name, 1, `plainTextPath ${path} with no PlainTextContent`);
      } else if (!path.toLowerCase().startsWith('internal://')) {
        report.skipped('source.external', 'Documents whose text lies outside the .qdpx, and is not in it under the same file name, were skipped.', name, 1, `relative://, absolute:// or file paths such as ${path}`);
      } else {
        report.skipped('source.missing-file', `Sources whose text file is missing from the .qdpx were skipped (first: ${path}).`, name);
      }
      return null;
    }
    if (found.isByName) {
      report.adjusted('source.found-by-name', 'Document texts that the file says lie elsewhere were found inside it by their file name.', name, 1, `${path} was read from ${found.entry.name}`);
    }
    const decoded = decodeSourceBytes(zip.read(found.entry), name, report);
    return stripBom(decoded.text);
  };
  const addTextSource = (element: XmlElement, fallbackName: string, ownerGuid?: string) => {
    const id = (ownerGuid !== undefined ? guidKey(ownerGuid) : readOwnGuid(element, 'source', report, `source/${sources.length}`)) as DocumentId;
    const name = element.attrs['name'] ?? fallbackName;
    const raw = readSourceText(element, name);
    if (raw === null) {
      skippedSources.add(id);
      const lost = children(element, 'PlainTextSelection').reduce((n, s) => n + children(s, 'Coding').length, 0);
      if (lost) report.skipped('source.skipped-codings', 'Codings in sources that were skipped were not imported.', name, lost);
      return;
    }
    const text = new SourceText(raw);
    if (text.hasCarriageReturns) newlineSources.add(id);
    const selections: PendingSelection[] = [];
    for (const selection of element.children) {
      if (selection.local !== 'PlainTextSelection') continue;
      const start = Number(selection.attrs['startPosition']);
      const end = Number(selection.attrs['endPosition']);
      const selectionName = selection.attrs['name'] ?? '';
      // Usually every child is a Coding: then the children list itself serves, without a copy.
      let codings: XmlElement[] = selection.children;
      let noteRefs: XmlElement[] = NONE;
      let description = '';
      if (!selection.children.every((part) => part.local === 'Coding')) {
        codings = [];
        noteRefs = [];
        for (const part of selection.children) {
          if (part.local === 'Coding') codings.push(part);
          else if (part.local === 'NoteRef') noteRefs.push(part);
          else if (part.local === 'Description') description = part.text;
        }
      }
      selections.push({
        element: selection,
        codings,
        noteRefs,
        description,
        guid: readOwnGuid(selection, 'selection', report, `${id}/selection/${selections.length}`),
        start,
        end,
        quote: parseQuote(selectionName),
        name: selectionName,
        creatingUser: selection.attrs['creatingUser'],
        created: selection.attrs['creationDateTime'],
      });
    }
    const values: Record<string, string> = {};
    for (const value of children(element, 'VariableValue')) {
      const pair = readVariableValue(value);
      if (pair) values[pair[0]] = pair[1];
    }
    sources.push({ id, element, name, text, selections, created: element.attrs['creationDateTime'], variables: values });
  };
  for (const element of child(root, 'Sources')?.children ?? []) {
    const name = element.attrs['name'] ?? '';
    if (element.local === 'TextSource') addTextSource(element, 'Untitled source');
    else if (element.local === 'PDFSource' && child(element, 'Representation')) {
      // The PDF's text representation becomes the document, under the PDF's own GUID (what sets list).
      const lost = children(element, 'PDFSelection').length;
      if (lost) report.skipped('source.pdf-selections', 'Selections drawn on PDF pages (boxes, not text) were skipped; selections in the PDF text were kept.', name, lost);
      addTextSource(child(element, 'Representation')!, name || 'PDF text', element.attrs['guid'] ?? '');
    } else if (/Source$/.test(element.local)) {
      skippedSources.add(guidKey(element.attrs['guid'] ?? ''));
      report.skipped(`source.${element.local}`, `${element.local.replace('Source', '')} sources were skipped: Marginalia codes text only.`, name);
    }
  }

  // Offsets: one convention for the whole file.
  const producerConvention = conventionForOrigin(origin);
  const decision = options.offsets
    ? { convention: options.offsets, checked: 0, matched: 0, overrodeProducer: false }
    : detectConvention(sources.map((s) => ({ text: s.text, selections: s.selections })), producerConvention);
  const convention = decision.convention;
  /** Codings whose positions mean other words under the convention read than under the specification's: what the offsets line counts. */
  let convertedCodings = 0;

  // Coders of codings.
  const placeholderCoders = new Map<string, Coder>();
  const projectUser = root.attrs['creatingUserGUID'];
  const coderFor = (...candidates: (string | undefined)[]): CoderId => {
    for (const raw of candidates) {
      if (raw === undefined || raw === '') continue;
      const key = guidKey(raw);
      if (users.has(key)) return key as CoderId;
      if (!placeholderCoders.has(key)) {
        report.warning('user.unknown', 'Codings by a user the file does not list were attributed to a placeholder coder.', raw);
        placeholderCoders.set(key, { id: key as CoderId, name: `Unknown coder ${key.slice(0, 8)}`, color: '#888888' });
      }
      return key as CoderId;
    }
    const key = deriveGuid(`unknown-coder:${origin}`);
    if (!placeholderCoders.has(key)) {
      report.adjusted('user.none', 'Codings that name no user were attributed to a coder named "Unknown coder".');
      placeholderCoders.set(key, { id: key as CoderId, name: 'Unknown coder', color: '#888888' });
    }
    return key as CoderId;
  };

  // Segments.
  const segments: Segment[] = [];
  const segmentIds = new Set<string>();
  const selectionSegments = new Map<string, SegmentId[]>();
  const codingSegments = new Map<string, SegmentId>();
  const pendingMemos: { guid: string; target: MemoTarget; title: string; text: string; user: string | undefined; created: string | undefined }[] = [];
  const documents: Document[] = [];
  const uniqueSegmentId = (candidate: string) => {
    let id = candidate;
    for (let n = 1; segmentIds.has(id); n++) id = deriveGuid(`${candidate}:${n}`);
    if (id !== candidate) report.warning('selection.duplicate-guid', 'Selections or codings sharing a GUID were given distinct segment ids.', candidate);
    segmentIds.add(id);
    return id as SegmentId;
  };
  for (const source of sources) {
    const text = source.text.text;
    // Segments by range in this document, to find exact duplicates (NVivo repeats ranges).
    type RangeEntry = { start: number; end: number; codeId: CodeId; coderId: CoderId; id: SegmentId };
    const byRange = new Map<number, RangeEntry[]>();
    let rangeSegments: RangeEntry[] = [];
    const findDuplicate = (start: number, end: number, codeId: CodeId, coderId: CoderId): SegmentId | undefined => {
      // Keyed by start (a small integer: cheap to hash); the few entries per start compare the rest.
      let list = byRange.get(start);
      if (!list) byRange.set(start, (list = []));
      rangeSegments = list;
      return list.find((s) => s.start === start && s.end === end && s.codeId === codeId && s.coderId === coderId)?.id;
    };
    for (const selection of source.selections) {
      const codings = selection.codings;
      if (!Number.isInteger(selection.start) || !Number.isInteger(selection.end) || selection.start < 0 || selection.end < 0) {
        report.skipped('selection.bad-offsets', 'Selections whose positions are not non-negative whole numbers were skipped.', selection.guid, Math.max(1, codings.length));
        continue;
      }
      if (selection.start > selection.end || selection.end > source.text.lengthIn(convention)) {
        report.skipped('selection.out-of-range', 'Selections whose positions lie outside their text (or end before they start) were skipped.', `${source.name} [${selection.start}, ${selection.end})`, Math.max(1, codings.length));
        continue;
      }
      let start = source.text.toModel(selection.start, convention);
      let end = source.text.toModel(selection.end, convention);
      const isConverted = start !== source.text.toModel(selection.start, SPEC_CONVENTION) || end !== source.text.toModel(selection.end, SPEC_CONVENTION);
      if (selection.quote && !quoteMatches(text, start, end, selection.quote)) {
        const moved = realign(text, start, end, selection.quote);
        if (moved) {
          report.adjusted('selection.realigned', 'Selections whose quoted text sat a few characters away from their positions were moved onto the quote.', `${source.name}: ${selection.name.slice(0, 40)}`);
          [start, end] = moved;
        } else {
          report.warning('selection.quote-mismatch', 'Some selection names do not match the text at their positions (they may be labels rather than quotes); the positions were kept.', `${source.name}: ${selection.name.slice(0, 40)}`);
        }
      }
      if (start === end) {
        report.skipped('selection.empty', 'Zero-length selections were skipped.', source.name, Math.max(1, codings.length));
        continue;
      }
      const description = selection.description;
      const ids: SegmentId[] = [];
      for (const coding of codings) {
        const codeRef = child(coding, 'CodeRef')?.attrs['targetGUID'];
        if (codeRef === undefined) {
          report.warning('coding.no-coderef', 'Codings without a CodeRef were skipped.', coding.attrs['guid']);
          continue;
        }
        const codeId = guidKey(codeRef) as CodeId;
        const coderId = coderFor(coding.attrs['creatingUser'], selection.creatingUser, projectUser);
        const codingUser = coding.attrs['creatingUser'];
        if (codingUser && selection.creatingUser && codingUser !== selection.creatingUser && guidKey(codingUser) !== guidKey(selection.creatingUser)) {
          report.adjusted('coding.user', 'Where a coding and the passage it codes name different coders, the codings were given to the coder who applied the code.', undefined, 1, "The Coding's creatingUser was taken over its PlainTextSelection's.");
        }
        // Codings with a NoteRef need their segment found again when notes are attached.
        const codingGuid = coding.attrs['guid'] ? guidKey(coding.attrs['guid']) : undefined;
        const remember = (id: SegmentId) => {
          if (codingGuid && coding.children.length > 1) codingSegments.set(codingGuid, id);
        };
        const existing = findDuplicate(start, end, codeId, coderId);
        if (existing) {
          report.skipped('coding.duplicate', 'Duplicate codings (same passage, code and coder) were imported once.', source.name);
          remember(existing);
          ids.push(existing);
          continue;
        }
        const id = uniqueSegmentId(codings.length === 1 ? selection.guid : (codingGuid ?? deriveGuid(`${selection.guid}:${ids.length}`)));
        rangeSegments.push({ start, end, codeId, coderId, id });
        remember(id);
        ids.push(id);
        segments.push({ id, projectId, documentId: source.id, codeId, coderId, start, end, createdAt: coding.attrs['creationDateTime'] ?? selection.created ?? now });
      }
      if (isConverted) convertedCodings += ids.length;
      if (selection.noteRefs.length) selectionSegments.set(selection.guid, ids);
      if (codings.length === 0 && description === '' && !selection.noteRefs.length) {
        report.skipped('selection.uncoded', 'Selections without any coding (and without a comment) were skipped.', source.name);
      }
      if (description !== '') {
        const target: MemoTarget = ids[0] ? { kind: 'segment', id: ids[0] } : { kind: 'document', id: source.id };
        const title = selection.quote ? `Comment on “${selection.quote.text.slice(0, 60)}”` : 'Comment';
        pendingMemos.push({ guid: deriveGuid(`selection-description:${selection.guid}`), target, title, text: description, user: selection.creatingUser, created: selection.created });
        report.adjusted('selection.description', "Selections' descriptions (comments) became memos on their segment, or on the document when nothing was coded.", source.name);
      }
    }
    // Codings on the whole source.
    for (const coding of children(source.element, 'Coding')) {
      const codeRef = child(coding, 'CodeRef')?.attrs['targetGUID'];
      if (codeRef === undefined || text.length === 0) continue;
      const codeId = guidKey(codeRef) as CodeId;
      const coderId = coderFor(coding.attrs['creatingUser'], source.element.attrs['creatingUser'], projectUser);
      const id = uniqueSegmentId(coding.attrs['guid'] ? guidKey(coding.attrs['guid']) : deriveGuid(`${source.id}:whole:${codeId}`));
      if (coding.attrs['guid']) codingSegments.set(guidKey(coding.attrs['guid']), id);
      segments.push({ id, projectId, documentId: source.id, codeId, coderId, start: 0, end: text.length, createdAt: coding.attrs['creationDateTime'] ?? now });
      report.adjusted('source.whole-coding', 'Codings of a whole source became segments spanning its whole text.', source.name);
    }
    const sourceDescription = child(source.element, 'Description')?.text ?? '';
    if (sourceDescription.trim() !== '') {
      pendingMemos.push({ guid: deriveGuid(`source-description:${source.id}`), target: { kind: 'document', id: source.id }, title: 'Description', text: sourceDescription, user: source.element.attrs['creatingUser'], created: source.created });
      report.adjusted('source.description', "Sources' descriptions became memos on their documents.", source.name);
    }
    if (newlineSources.has(source.id)) {
      report.adjusted('source.newlines', 'Windows line breaks in document texts became plain line breaks; the codings were moved with them, so they keep their words.', source.name, 1, 'CRLF and CR line ends were converted to LF (a byte-order mark, if any, was removed), and offsets moved accordingly.');
    }
    documents.push({
      id: source.id,
      projectId,
      name: source.name,
      text,
      origin: sidecar?.documents[source.id]?.origin ?? 'qdpx',
      order: documents.length,
      createdAt: source.created ?? now,
      variables: source.variables,
    });
  }

  if (convertedCodings) {
    const counting = producerWord(origin);
    const codings = `${convertedCodings} coding${convertedCodings === 1 ? '' : 's'}`;
    if (decision.overrodeProducer) {
      report.adjusted('offsets.detected', `Selection positions were read the way their quoted words fit, not the way ${counting} usually counts, so ${codings} land on the words they quote.`, undefined, 1,
        `Offsets were read as ${describeConvention(convention)}, because the quoted text of ${decision.matched} of ${decision.checked} checked selections matched that way (the usual convention of ${origin} is ${describeConvention(producerConvention)}).`);
    } else {
      report.adjusted('offsets.convention', `Selection positions were converted from ${counting}'s counting, so ${codings} land on the same words as in ${counting}.`, undefined, 1,
        `Offsets were read as ${describeConvention(convention)} (the convention of ${origin}) and converted to Marginalia's offsets.`);
    }
  }

  // Variables given through cases (MAXQDA writes per-source variables as nameless Cases).
  const documentById = new Map(documents.map((d) => [d.id as string, d]));
  for (const element of children(child(root, 'Cases'), 'Case')) {
    const values = children(element, 'VariableValue').map(readVariableValue).filter((v): v is [string, string] => v !== null);
    if (!values.length) continue;
    for (const ref of children(element, 'SourceRef')) {
      const document = documentById.get(guidKey(ref.attrs['targetGUID'] ?? ''));
      if (!document) continue;
      for (const [name, value] of values) if (!(name in document.variables)) document.variables[name] = value;
      report.adjusted('case.variables', 'Variable values given to cases were copied to the documents the cases list.', element.attrs['name'] ?? '(unnamed case)');
    }
  }

  // Notes → memos.
  const notes = new Map<string, XmlElement>();
  for (const element of children(child(root, 'Notes'), 'Note')) notes.set(readOwnGuid(element, 'note', report, `note/${notes.size}`), element);
  const noteTargets = new Map<string, MemoTarget[]>();
  const attach = (raw: string, target: MemoTarget) => {
    const key = guidKey(raw);
    const list = noteTargets.get(key);
    if (list) list.push(target);
    else noteTargets.set(key, [target]);
  };
  for (const ref of children(root, 'NoteRef')) attach(ref.attrs['targetGUID'] ?? '', { kind: 'project' });
  for (const [codeId, refs] of codeNoteRefs) for (const ref of refs) attach(ref, { kind: 'code', id: codeId });
  for (const source of sources) {
    for (const ref of children(source.element, 'NoteRef')) attach(ref.attrs['targetGUID'] ?? '', { kind: 'document', id: source.id });
    for (const selection of source.selections) {
      const ids = selectionSegments.get(selection.guid) ?? [];
      for (const ref of selection.noteRefs) {
        attach(ref.attrs['targetGUID'] ?? '', ids[0] ? { kind: 'segment', id: ids[0] } : { kind: 'document', id: source.id });
        if (ids.length > 1) report.adjusted('note.selection-shared', 'A memo on a selection with several codings was attached to its first segment.');
      }
      for (const coding of selection.codings) {
        if (coding.children.length < 2) continue;
        const id = coding.attrs['guid'] ? codingSegments.get(guidKey(coding.attrs['guid'])) : undefined;
        for (const ref of children(coding, 'NoteRef')) attach(ref.attrs['targetGUID'] ?? '', id ? { kind: 'segment', id } : { kind: 'document', id: source.id });
      }
    }
  }
  const memos: Memo[] = [];
  const memoIds = new Set<string>();
  const userOf = (raw: string | undefined): CoderId | null => {
    if (!raw) return null;
    const key = guidKey(raw);
    return users.has(key) ? (key as CoderId) : null;
  };
  for (const [guid, element] of notes) {
    const title = element.attrs['name'] ?? '';
    let text = child(element, 'PlainTextContent')?.text;
    if (text === undefined) {
      const path = element.attrs['plainTextPath'];
      const entry = path ? findSourceFile(zip, path)?.entry : undefined;
      if (entry) text = stripBom(decodeSourceBytes(zip.read(entry), title, report).text).replace(/\r\n?/g, '\n');
      else {
        text = '';
        if (path) report.warning('note.missing-file', 'Notes whose text file is missing were imported with no text.', title);
      }
    }
    const description = child(element, 'Description')?.text ?? '';
    if (description.trim() !== '') {
      text = text === '' ? description : `${description}\n\n${text}`;
      report.adjusted('note.description', "Notes' descriptions were put before their text.", title);
    }
    let targets = noteTargets.get(guid);
    if (!targets) {
      targets = [{ kind: 'project' }];
      report.adjusted('note.unattached', 'Notes attached to nothing became project memos.', title);
    } else if (targets.length > 1) {
      report.adjusted('note.shared', 'A note attached to several objects became one memo for each.', title);
    }
    targets.forEach((target, index) => {
      const id = (index === 0 ? guid : deriveGuid(`note-copy:${guid}:${index}`)) as MemoId;
      memoIds.add(id);
      const side = sidecar?.memos[id];
      memos.push({
        id,
        projectId,
        target,
        title,
        content: side && side.plainTextHash === hashText(text) ? side.content : '',
        plainText: text,
        coderId: userOf(element.attrs['creatingUser']),
        createdAt: element.attrs['creationDateTime'] ?? now,
        modifiedAt: element.attrs['modifiedDateTime'] ?? element.attrs['creationDateTime'] ?? now,
      });
    });
  }
  for (const pending of pendingMemos) {
    let id = pending.guid;
    for (let n = 1; memoIds.has(id); n++) id = deriveGuid(`${pending.guid}:${n}`);
    memoIds.add(id);
    memos.push({ id: id as MemoId, projectId, target: pending.target, title: pending.title, content: '', plainText: pending.text, coderId: userOf(pending.user), createdAt: pending.created ?? now, modifiedAt: pending.created ?? now });
  }

  // Sets.
  const sets: CodeSet[] = readSets(child(root, 'Sets'), projectId, report, {
    codes: codeIds,
    documents: new Set(documents.map((d) => d.id)),
    skippedDocuments: skippedSources,
    notes: new Set(notes.keys()),
  });

  // Coders: every listed user, except a producer's pseudo-user that nothing was attributed to.
  const used = new Set<string>();
  for (const segment of segments) used.add(segment.coderId);
  for (const memo of memos) if (memo.coderId) used.add(memo.coderId);
  const coders: Coder[] = [];
  let colorIndex = 0;
  for (const user of users.values()) {
    if (!used.has(user.id) && /^(atlas\.ti|maxqda|nvivo|qualcoder|taguette)$/i.test(user.name.trim())) {
      report.skipped('user.pseudo', `The producer's own pseudo-user ("${user.name}"), which coded nothing, was not imported as a coder.`, user.name);
      continue;
    }
    coders.push({ id: user.id, name: user.name, color: sidecar?.coders[user.id]?.color ?? paletteColor(colorIndex++) });
  }
  coders.push(...placeholderCoders.values());

  const projectDescription = child(root, 'Description')?.text ?? '';
  const created = root.attrs['creationDateTime'] ?? now;
  const bundle: ProjectBundle = {
    project: { id: projectId, name: root.attrs['name'] ?? 'Imported project', description: projectDescription, createdAt: created, modifiedAt: root.attrs['modifiedDateTime'] ?? created },
    coders,
    codes: codes as Code[],
    documents,
    segments,
    memos,
    sets,
  };
  for (const problem of problems) if (problem.severity === 'warning') report.warning('reference', problem.message);
  const skippedLinks = children(child(root, 'Links'), 'Link').length;
  if (skippedLinks) report.skipped('links', 'Links between objects were not imported (Marginalia has no links).', undefined, skippedLinks);
  const graphs = children(child(root, 'Graphs'), 'Graph').length;
  if (graphs) report.skipped('graphs', 'Graphs (network diagrams) were not imported.', undefined, graphs);
  return {
    bundle,
    report: report.finish({ documents: documents.length, codes: codes.length, segments: segments.length, coders: coders.length, memos: memos.length, sets: sets.length }),
  };
}

/** The producer's name without its version, for sentences: `NVivo for Windows 12.6` → `NVivo`. */
function producerWord(origin: string): string {
  const word = origin.trim().split(/\s+/)[0] ?? '';
  return word === '' || word === 'unknown' ? 'the producer' : word;
}

/** Moves a selection onto its quote when the quote occurs within 256 characters of where it claims to be. */
function realign(text: string, start: number, end: number, quote: Quote): [number, number] | null {
  const window = 256;
  const from = Math.max(0, start - window);
  const slice = text.slice(from, Math.min(text.length, start + window + quote.text.length * 4));
  // The quote's whitespace was collapsed: any run of whitespace in the text matches one space.
  const pattern = new RegExp(quote.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'), 'g');
  let best: RegExpExecArray | null = null;
  for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
    if (!best || Math.abs(from + match.index - start) < Math.abs(from + best.index - start)) best = match;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  if (!best) return null;
  const newStart = from + best.index;
  const length = quote.truncated ? end - start : best[0].length;
  return [newStart, Math.min(text.length, newStart + length)];
}
