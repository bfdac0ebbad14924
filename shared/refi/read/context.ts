/**
 * What the phases of reading a REFI-QDA project share (users.ts, codebook.ts, sources.ts,
 * selections.ts, notes.ts, sets.ts; composed by readProject in ../qdpxRead.ts): the opened file
 * and its parsed project document, the report, and what each phase leaves for the next. A phase
 * reads only what earlier phases filled in, in that order, and adds to the collections here;
 * nothing passed in is modified.
 */
import type { Code, CodeId, Coder, CoderId, CodeSet, Document, DocumentId, Memo, MemoTarget, ProjectId, Segment, SegmentId } from '../../model/index.ts';
import type { SourceText, OffsetConvention, Quote } from '../offsets.ts';
import type { ReportBuilder } from '../../common/report.ts';
import type { Sidecar } from '../sidecar.ts';
import type { XmlElement } from '../xmlReader.ts';
import type { ZipArchive } from '../zip.ts';
import { guidKey } from '../codebookXml.ts';

/** What the phases read with besides the file: the options of readQdpx without the codec. */
export interface ReadContextOptions {
  readonly projectId?: ProjectId;
  readonly now?: string;
  readonly offsets?: OffsetConvention;
}

/** A `<PlainTextSelection>` as read, before its positions are converted. */
export interface PendingSelection {
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

/** A text source whose text was found, before it becomes a Document. */
export interface PendingSource {
  readonly id: DocumentId;
  readonly element: XmlElement;
  readonly name: string;
  readonly text: SourceText;
  readonly selections: PendingSelection[];
  readonly created: string | undefined;
  readonly variables: Record<string, string>;
}

/** A memo made of a description (of a selection or source), attached once segments exist. */
export interface PendingMemo {
  readonly guid: string;
  readonly target: MemoTarget;
  readonly title: string;
  readonly text: string;
  readonly user: string | undefined;
  readonly created: string | undefined;
}

/** A listed `<User>`. */
export interface ListedUser {
  readonly id: CoderId;
  readonly name: string;
  readonly element: XmlElement;
}

/** The state of one reading, shared by its phases. */
export interface ReadContext {
  readonly zip: ZipArchive;
  readonly root: XmlElement;
  readonly report: ReportBuilder;
  /** A project.qde read on its own: it has no files besides itself. */
  readonly isBareQde: boolean;
  readonly options: ReadContextOptions;
  /** The project's `origin`, or `unknown`. */
  readonly origin: string;
  readonly sidecar: Sidecar | null;
  readonly now: string;
  readonly projectId: ProjectId;
  /** users.ts */
  readonly users: Map<string, ListedUser>;
  /** codebook.ts */
  codes: Code[];
  codeNoteRefs: Map<CodeId, string[]>;
  readonly codeIds: Set<string>;
  /** Variable GUID → name (codebook.ts). */
  readonly variables: Map<string, string>;
  /** sources.ts */
  readonly sources: PendingSource[];
  readonly skippedSources: Set<string>;
  /** Sources whose text had CRLF or CR line ends, which the model stores as LF. */
  readonly newlineSources: Set<string>;
  /** selections.ts */
  readonly placeholderCoders: Map<string, Coder>;
  readonly documents: Document[];
  readonly segments: Segment[];
  readonly selectionSegments: Map<string, SegmentId[]>;
  readonly codingSegments: Map<string, SegmentId>;
  /** Selection GUID → its range in model offsets, for selections that code nothing (comments on a passage). */
  readonly selectionPassages: Map<string, { readonly start: number; readonly end: number }>;
  readonly pendingMemos: PendingMemo[];
  /** notes.ts */
  readonly notes: Map<string, XmlElement>;
  readonly memos: Memo[];
  /** sets.ts */
  sets: CodeSet[];
  /** users.ts, last */
  readonly coders: Coder[];
}

/** A new context over a parsed project document; every collection starts empty. */
export function createReadContext(fields: Pick<ReadContext, 'zip' | 'root' | 'report' | 'isBareQde' | 'options' | 'origin' | 'sidecar' | 'now' | 'projectId'>): ReadContext {
  return {
    ...fields,
    users: new Map(),
    codes: [],
    codeNoteRefs: new Map(),
    codeIds: new Set(),
    variables: new Map(),
    sources: [],
    skippedSources: new Set(),
    newlineSources: new Set(),
    placeholderCoders: new Map(),
    documents: [],
    segments: [],
    selectionSegments: new Map(),
    codingSegments: new Map(),
    selectionPassages: new Map(),
    pendingMemos: [],
    notes: new Map(),
    memos: [],
    sets: [],
    coders: [],
  };
}

/** The first child element with this local name. */
export const child = (element: XmlElement, local: string): XmlElement | undefined => element.children.find((c) => c.local === local);

/** The child elements with this local name (none for no element). */
export const children = (element: XmlElement | undefined, local: string): XmlElement[] => (element ? element.children.filter((c) => c.local === local) : []);

/** Shared by selections without NoteRefs; never pushed to. */
export const NONE: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/** A `<VariableValue>` as [variable name, value], or null when it names no known variable. */
export function readVariableValue(ctx: ReadContext, element: XmlElement): [string, string] | null {
  const ref = child(element, 'VariableRef')?.attrs['targetGUID'];
  if (ref === undefined) return null;
  const name = ctx.variables.get(guidKey(ref));
  const value = element.children.find((c) => c.local.endsWith('Value') && c.local !== 'VariableValue');
  return name === undefined || !value ? null : [name, value.text];
}

/** Decodes a source text file: UTF-8 (BOM or not) or UTF-16 with BOM; invalid UTF-8 is decoded with replacement characters and reported. */
export function decodeSourceBytes(bytes: Uint8Array, name: string, report: ReportBuilder): { text: string; hadBom: boolean } {
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
