/**
 * Looking into REFI-QDA files without importing them: the counts `marginalia info` prints, and
 * the reference and offset checks `marginalia validate` runs beside the schema. Both read only
 * what they need (the .qde, and for offsets the source texts) and report in REFI-QDA's own
 * terms (sources, selections, codings, users, notes).
 */
import { countCodePoints, stripBom } from '../text/codePoints.ts';
import { guidKey } from './codebookXml.ts';
import { ExchangeError } from './errors.ts';
import { conventionForOrigin, SourceText } from './offsets.ts';
import { findQdeEntry } from './qdpxRead.ts';
import { checkProjectReferences } from './references.ts';
import { decodeXmlBytes, namespaceOf, parseXml, type XmlElement } from './xmlReader.ts';
import { openZip, type ZipArchive } from './zip.ts';

/** Counts of a project file, as `marginalia info` prints them. */
export interface QdpxSummary {
  readonly name: string;
  readonly origin: string;
  /** Source elements of any kind (text, PDF, picture, audio, video). */
  readonly sources: number;
  readonly codes: number;
  /** Selection elements of any kind. */
  readonly selections: number;
  readonly codings: number;
  readonly users: number;
  readonly notes: number;
  readonly sets: number;
  /** User name → number of codings (the Coding's creatingUser, else its selection's). */
  readonly codingsByUser: Record<string, number>;
}

function* descendants(element: XmlElement): Generator<XmlElement> {
  const stack = [...element.children].reverse();
  while (stack.length) {
    const next = stack.pop()!;
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
}

function readProjectRoot(zip: ZipArchive): { root: XmlElement; qdeName: string; qdeText: string } {
  const entry = findQdeEntry(zip);
  const qdeText = decodeXmlBytes(zip.read(entry), entry.name);
  const root = parseXml(qdeText, { fileName: entry.name });
  if (root.local !== 'Project') throw new ExchangeError(`${entry.name} is not a REFI-QDA project: its root element is <${root.name}>, not <Project>.`);
  return { root, qdeName: entry.name, qdeText };
}

/**
 * Counts what a .qdpx holds, reading only its .qde. Throws ExchangeError like `readQdpx`.
 *
 * @example
 * summarizeQdpx(bytes) // → { sources: 1, codes: 60, selections: 97, codings: 97, users: 2, notes: 0, codingsByUser: { floriansipos: 97 }, … }
 */
export function summarizeQdpx(bytes: Uint8Array, options: { maxInflatedBytes?: number } = {}): QdpxSummary {
  const { root } = readProjectRoot(openZip(bytes, options));
  const section = (local: string) => root.children.find((c) => c.local === local);
  const userNames = new Map<string, string>();
  for (const user of section('Users')?.children ?? []) if (user.local === 'User') userNames.set(guidKey(user.attrs['guid'] ?? ''), user.attrs['name'] ?? user.attrs['guid'] ?? '');
  let codes = 0;
  const codebook = section('CodeBook');
  if (codebook) for (const element of descendants(codebook)) if (element.local === 'Code') codes++;
  let selections = 0;
  let codings = 0;
  const byUser: Record<string, number> = Object.create(null);
  const sources = section('Sources');
  if (sources) {
    const stack: { element: XmlElement; selectionUser: string | undefined }[] = sources.children.map((element) => ({ element, selectionUser: undefined }));
    while (stack.length) {
      const { element, selectionUser } = stack.pop()!;
      let user = selectionUser;
      if (element.local.endsWith('Selection')) {
        selections++;
        user = element.attrs['creatingUser'];
      } else if (element.local === 'Coding') {
        codings++;
        const raw = element.attrs['creatingUser'] ?? selectionUser;
        const name = raw === undefined ? '(no user)' : (userNames.get(guidKey(raw)) ?? raw);
        byUser[name] = (byUser[name] ?? 0) + 1;
        continue;
      }
      for (const next of element.children) stack.push({ element: next, selectionUser: user });
    }
  }
  const count = (local: string, child: string) => section(local)?.children.filter((c) => c.local === child).length ?? 0;
  return {
    name: root.attrs['name'] ?? '',
    origin: root.attrs['origin'] ?? 'unknown',
    sources: sources?.children.filter((c) => c.local.endsWith('Source')).length ?? 0,
    codes,
    selections,
    codings,
    users: userNames.size,
    notes: count('Notes', 'Note'),
    sets: count('Sets', 'Set'),
    codingsByUser: { ...byUser },
  };
}

/** One problem `validate` reports. */
export interface InspectionProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** What `inspectQdpx` found, plus the XML the schema check needs. */
export interface Inspection {
  readonly problems: InspectionProblem[];
  /** The .qde (or .qdc) document, for schema validation; absent when it could not be read. */
  readonly xml?: { readonly name: string; readonly text: string };
}

/**
 * Checks a .qdpx beyond its schema: the zip itself, references between GUIDs, source files the
 * project names but does not contain, and selection offsets outside their text. Never throws:
 * what would make `readQdpx` throw is reported as an error.
 */
export function inspectQdpx(bytes: Uint8Array, options: { maxInflatedBytes?: number } = {}): Inspection {
  let zip: ZipArchive;
  let root: XmlElement;
  let xml: { name: string; text: string };
  try {
    zip = openZip(bytes, options);
    const read = readProjectRoot(zip);
    root = read.root;
    xml = { name: read.qdeName, text: read.qdeText };
  } catch (error) {
    if (error instanceof ExchangeError) return { problems: [{ severity: 'error', message: error.message }] };
    throw error;
  }
  const problems: InspectionProblem[] = [];
  const namespace = namespaceOf(root);
  if (!namespace?.startsWith('urn:QDA-XML:')) problems.push({ severity: 'warning', message: `The root element is not in a urn:QDA-XML: namespace (found ${namespace ?? 'none'}).` });
  problems.push(...checkProjectReferences(root));
  const convention = conventionForOrigin(root.attrs['origin'] ?? '');
  const texts = new Map<string, SourceText | null>();
  const textOf = (path: string): SourceText | null => {
    if (texts.has(path)) return texts.get(path)!;
    const file = decodeURIComponent(path.slice('internal://'.length)).replace(/^\/+/, '').toLowerCase();
    const entry = zip.entries.find((e) => !e.isDirectory && (e.name.toLowerCase() === `sources/${file}` || e.name.toLowerCase() === file || e.name.toLowerCase().endsWith(`/${file}`)));
    let text: SourceText | null = null;
    if (entry) {
      try {
        text = new SourceText(stripBom(new TextDecoder('utf-8').decode(zip.read(entry))));
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        problems.push({ severity: 'error', message: error.message });
      }
    }
    texts.set(path, text);
    return text;
  };
  for (const element of descendants(root)) {
    for (const attribute of ['plainTextPath', 'richTextPath', 'path']) {
      const path = element.attrs[attribute];
      if (!path?.toLowerCase().startsWith('internal://')) continue;
      if (attribute === 'plainTextPath' ? !textOf(path) : !hasInternalFile(zip, path)) {
        problems.push({ severity: 'error', message: `${element.local} "${element.attrs['name'] ?? element.attrs['guid']}" names the file ${path}, which is not in the .qdpx.` });
      }
    }
    if (element.local !== 'TextSource' && element.local !== 'Representation' && element.local !== 'Transcript') continue;
    const inline = element.children.find((c) => c.local === 'PlainTextContent');
    const path = element.attrs['plainTextPath'];
    const text = inline ? new SourceText(inline.text) : path?.toLowerCase().startsWith('internal://') ? textOf(path) : null;
    if (!text) continue;
    const specLength = countCodePoints(text.raw);
    const ownLength = text.lengthIn(convention);
    for (const selection of element.children) {
      if (selection.local !== 'PlainTextSelection') continue;
      const start = Number(selection.attrs['startPosition']);
      const end = Number(selection.attrs['endPosition']);
      const label = `PlainTextSelection ${selection.attrs['guid'] ?? ''} in "${element.attrs['name'] ?? ''}"`;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0) problems.push({ severity: 'error', message: `${label} has positions that are not non-negative whole numbers.` });
      else if (end < start) problems.push({ severity: 'error', message: `${label} ends (${end}) before it starts (${start}).` });
      else if (end > Math.max(specLength, ownLength)) problems.push({ severity: 'error', message: `${label} ends at ${end}, past the end of its text (${specLength} code points).` });
      else if (end > specLength) problems.push({ severity: 'warning', message: `${label} ends at ${end}, past the text's ${specLength} code points: the producer counts ${convention.unit === 'utf16' ? 'UTF-16 code units' : 'differently'}, not code points as the specification says.` });
    }
  }
  return { problems, xml };
}

function hasInternalFile(zip: ZipArchive, path: string): boolean {
  const file = decodeURIComponent(path.slice('internal://'.length)).replace(/^\/+/, '').toLowerCase();
  return zip.entries.some((e) => !e.isDirectory && (e.name.toLowerCase() === `sources/${file}` || e.name.toLowerCase() === file || e.name.toLowerCase().endsWith(`/${file}`)));
}

/**
 * Checks a .qdc beyond its schema: that it parses, that its root is a CodeBook, that code GUIDs
 * are unique and that every set member names a code. Never throws.
 */
export function inspectQdc(bytes: Uint8Array): Inspection {
  let text: string;
  let root: XmlElement;
  try {
    text = decodeXmlBytes(bytes, 'The codebook');
    root = parseXml(text, { fileName: 'the codebook' });
  } catch (error) {
    if (error instanceof ExchangeError) return { problems: [{ severity: 'error', message: error.message }] };
    throw error;
  }
  const problems: InspectionProblem[] = [];
  if (root.local !== 'CodeBook') return { problems: [{ severity: 'error', message: `The file is not a REFI-QDA codebook: its root element is <${root.name}>.` }], xml: { name: 'codebook.qdc', text } };
  const codes = new Set<string>();
  for (const element of descendants(root)) {
    if (element.local === 'Code') {
      const key = guidKey(element.attrs['guid'] ?? '');
      if (codes.has(key)) problems.push({ severity: 'error', message: `The code GUID ${element.attrs['guid']} is declared more than once.` });
      codes.add(key);
    }
  }
  for (const element of descendants(root)) {
    if (element.local !== 'MemberCode') continue;
    const raw = element.attrs['guid'] ?? element.attrs['targetGUID'];
    if (raw === undefined || !codes.has(guidKey(raw))) problems.push({ severity: 'error', message: `A set lists the code ${raw ?? '(no guid)'}, which the codebook does not define.` });
  }
  return { problems, xml: { name: 'codebook.qdc', text } };
}
