/**
 * Looking into REFI-QDA files without importing them: the counts `marginalia info` prints, and
 * the reference and offset checks `marginalia validate` runs beside the schema. Both read only
 * what they need (the .qde, and for offsets the source texts) and report in REFI-QDA's own
 * terms (sources, selections, codings, users, notes).
 */
import { countCodePoints, stripBom } from '../text/codePoints.ts';
import { guidKey } from './codebookXml.ts';
import { ExchangeError } from '../common/errors.ts';
import { conventionForOrigin, SourceText } from './offsets.ts';
import { findQdeEntry } from './qdpxRead.ts';
import { checkProjectReferences } from './references.ts';
import { decodeXmlBytes, namespaceOf, parseXml, scanXml, type XmlElement } from './xmlReader.ts';
import { findInternalFile } from './internalFiles.ts';
import { openProjectFile } from './projectFile.ts';
import type { RawDeflateCodec, ZipArchive } from './zip.ts';

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
  if (root.local !== 'Project') throw new ExchangeError(`The document ${entry.name} is not a REFI-QDA project: its root element is <${root.name}>, not <Project>.`);
  return { root, qdeName: entry.name, qdeText };
}

/**
 * Counts what a .qdpx holds, reading only its .qde. Throws ExchangeError like `readQdpx`.
 *
 * @example
 * summarizeQdpx(bytes) // → { sources: 1, codes: 60, selections: 97, codings: 97, users: 2, notes: 0, codingsByUser: { floriansipos: 97 }, … }
 */
export function summarizeQdpx(bytes: Uint8Array, options: { maxInflatedBytes?: number; codec?: RawDeflateCodec } = {}): QdpxSummary {
  const { zip } = openProjectFile(bytes, options);
  const entry = findQdeEntry(zip);
  const text = decodeXmlBytes(zip.read(entry), entry.name);
  // Counted while reading, without building the tree: a large project's .qde is millions of elements.
  let root: XmlElement | undefined;
  const userNames = new Map<string, string>();
  const codingUsers: (string | undefined)[] = [];
  let sources = 0;
  let codes = 0;
  let selections = 0;
  let notes = 0;
  let sets = 0;
  scanXml(
    text,
    (element, ancestors) => {
      const depth = ancestors.length;
      if (depth === 0) {
        root = element;
        if (element.local !== 'Project') throw new ExchangeError(`The document ${entry.name} is not a REFI-QDA project: its root element is <${element.name}>, not <Project>.`);
        return;
      }
      const section = ancestors[1]?.local ?? element.local;
      const local = element.local;
      if (depth === 2) {
        if (section === 'Users' && local === 'User') userNames.set(guidKey(element.attrs['guid'] ?? ''), element.attrs['name'] ?? element.attrs['guid'] ?? '');
        else if (section === 'Sources' && local.endsWith('Source')) sources++;
        else if (section === 'Notes' && local === 'Note') notes++;
        else if (section === 'Sets' && local === 'Set') sets++;
      }
      if (section === 'CodeBook' && local === 'Code') codes++;
      else if (section === 'Sources') {
        if (local.endsWith('Selection')) selections++;
        else if (local === 'Coding') {
          const parent = ancestors[depth - 1]!;
          codingUsers.push(element.attrs['creatingUser'] ?? (parent.local.endsWith('Selection') ? parent.attrs['creatingUser'] : undefined));
        }
      }
    },
    { fileName: entry.name },
  );
  // Users may be listed after the codings that name them, so names are looked up at the end.
  const byUser: Record<string, number> = Object.create(null);
  for (const raw of codingUsers) {
    const name = raw === undefined ? '(no user)' : (userNames.get(guidKey(raw)) ?? raw);
    byUser[name] = (byUser[name] ?? 0) + 1;
  }
  return {
    name: root?.attrs['name'] ?? '',
    origin: root?.attrs['origin'] ?? 'unknown',
    sources,
    codes,
    selections,
    codings: codingUsers.length,
    users: userNames.size,
    notes,
    sets,
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
export function inspectQdpx(bytes: Uint8Array, options: { maxInflatedBytes?: number; codec?: RawDeflateCodec } = {}): Inspection {
  let zip: ZipArchive;
  let root: XmlElement;
  let xml: { name: string; text: string };
  let isBareQde: boolean;
  try {
    ({ zip, isBareQde } = openProjectFile(bytes, options));
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
    const entry = findInternalFile(zip, path);
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
      if (attribute === 'plainTextPath' ? !textOf(path) : !findInternalFile(zip, path)) {
        const what = `${element.local} "${element.attrs['name'] ?? element.attrs['guid']}" names the file ${path}`;
        // A project.qde on its own cannot carry the files it names: worth saying, not an error in the file.
        problems.push(
          isBareQde
            ? { severity: 'warning', message: `${what}, which a project.qde on its own does not carry (only texts written inside it as PlainTextContent are read).` }
            : { severity: 'error', message: `${what}, which is not in the .qdpx.` },
        );
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
  if (root.local !== 'CodeBook') return { problems: [{ severity: 'error', message: `The document is not a REFI-QDA codebook: its root element is <${root.name}>, not <CodeBook>.` }], xml: { name: 'codebook.qdc', text } };
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
