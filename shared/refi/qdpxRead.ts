/**
 * Reads a REFI-QDA project (.qdpx) from any producer into a ProjectBundle, with a report of what
 * was imported, adjusted, skipped and why.
 *
 * Order of work, so that bad input changes nothing: open the zip defensively (zip.ts; a bare
 * project.qde is opened as a one-entry zip, projectFile.ts), parse the .qde (any name: ATLAS.ti
 * writes `<ProjectName>.qde`) and bring its names to the specification's (lenient.ts), check
 * every reference (references.ts:
 * an unknown code, note, source, variable or selection GUID refuses the file), and only then
 * build new objects, one phase per module in read/ over a shared context (read/context.ts).
 * Nothing passed in is modified; on any ExchangeError no bundle exists.
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
import type { Code, ProjectBundle, ProjectId } from '../model/index.ts';
import { ExchangeError } from '../common/errors.ts';
import { findSourceFile } from './internalFiles.ts';
import { normalizeTree } from './lenient.ts';
import type { OffsetConvention } from './offsets.ts';
import { openProjectFile } from './projectFile.ts';
import { checkRoot } from './qdc.ts';
import { readCodebook } from './read/codebook.ts';
import { child, children, createReadContext } from './read/context.ts';
import { readNotes } from './read/notes.ts';
import { readSelections } from './read/selections.ts';
import { readProjectSets } from './read/sets.ts';
import { readCaseVariables, readSources } from './read/sources.ts';
import { listCoders, readUsers } from './read/users.ts';
import { checkProjectReferences } from './references.ts';
import { ReportBuilder, type ImportReport } from '../common/report.ts';
import { applySidecarCodes, parseSidecar, SIDECAR_NAME, type Sidecar } from './sidecar.ts';
import { decodeXmlBytes, parseXml, type XmlElement } from './xmlReader.ts';
import { type AsyncRawDeflateCodec, type RawDeflateCodec, type ZipArchive, type ZipEntry } from './zip.ts';

export interface ReadQdpxOptions {
  /** Id of the project to import into; default the id in marginalia.json, else a new one. */
  readonly projectId?: ProjectId;
  /** Ceiling on what the zip may inflate to; default 1 GiB. */
  readonly maxInflatedBytes?: number;
  /** Ceiling on the declared size of one entry, the project document included; default 192 MiB (zip.ts). */
  readonly maxEntryBytes?: number;
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
  const { zip, isBareQde } = openProjectFile(bytes, { maxInflatedBytes: options.maxInflatedBytes, maxEntryBytes: options.maxEntryBytes, codec: options.codec });
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
  const { zip, isBareQde } = openProjectFile(bytes, { maxInflatedBytes: options.maxInflatedBytes, maxEntryBytes: options.maxEntryBytes });
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

/**
 * What readQdpx does once the project document is parsed: check the root and every reference,
 * then run the phases in read/ over one shared context, in order (users, codebook, sources,
 * selections, case variables, notes, sets, coders), and assemble the bundle. Every zip entry it
 * reads goes through `zip.read`.
 */
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
  const ctx = createReadContext({ zip, root, report, isBareQde, options, origin, sidecar, now, projectId });

  readUsers(ctx);
  readCodebook(ctx);
  readSources(ctx);
  readSelections(ctx);
  readCaseVariables(ctx);
  readNotes(ctx);
  readProjectSets(ctx);
  listCoders(ctx);

  const { coders, codes, documents, segments, memos, sets } = ctx;
  const projectDescription = child(root, 'Description')?.text ?? '';
  const created = root.attrs['creationDateTime'] ?? now;
  const bundle: ProjectBundle = {
    project: { id: projectId, name: root.attrs['name'] ?? 'Imported project', description: projectDescription, createdAt: created, modifiedAt: root.attrs['modifiedDateTime'] ?? created },
    coders,
    codes: applySidecarCodes(codes as Code[], sidecar),
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
