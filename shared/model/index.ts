/**
 * The domain model of Marginalia: one word per concept (Project, Document, Code, Codebook,
 * Segment, Memo, Coder), shared by the renderer, the Electron shell and the command line.
 *
 * Invariants every module may rely on:
 * - A Document's `text` is LF-normalised and immutable once imported.
 * - A Segment is `[start, end)` in UTF-16 code units of that text (JavaScript string indices),
 *   with `0 <= start < end <= text.length`. Conversion to code points (REFI-QDA) happens only
 *   at the exchange boundary (shared/text/codePoints.ts).
 * - Ids are GUIDs (lower-case 8-4-4-4-12 hex), so they travel unchanged through REFI-QDA.
 */

/** A nominal string type: a `CodeId` cannot be passed where a `DocumentId` is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type ProjectId = Brand<string, 'ProjectId'>;
export type DocumentId = Brand<string, 'DocumentId'>;
export type CodeId = Brand<string, 'CodeId'>;
export type SegmentId = Brand<string, 'SegmentId'>;
export type MemoId = Brand<string, 'MemoId'>;
export type CoderId = Brand<string, 'CoderId'>;
export type CodeSetId = Brand<string, 'CodeSetId'>;
export type DecisionId = Brand<string, 'DecisionId'>;

/** ISO 8601 timestamp, e.g. `2026-11-21T09:30:00.000Z`. */
export type Timestamp = string;

export interface Project {
  id: ProjectId;
  name: string;
  description: string;
  createdAt: Timestamp;
  modifiedAt: Timestamp;
}

/** A person who codes. Coders are global (one researcher works across projects). */
export interface Coder {
  id: CoderId;
  name: string;
  /** `#rrggbb` */
  color: string;
}

/** Where a document's text came from. */
export type DocumentOrigin = 'txt' | 'md' | 'paste' | 'html' | 'docx' | 'pdf' | 'qdpx' | 'demo';

export interface Document {
  id: DocumentId;
  projectId: ProjectId;
  name: string;
  /** LF-normalised plain text; immutable once imported. */
  text: string;
  origin: DocumentOrigin;
  /** Display order in the document list. */
  order: number;
  createdAt: Timestamp;
  /** Document variables (REFI-QDA VariableValue), name → value as text. */
  variables: Record<string, string>;
}

export interface Code {
  id: CodeId;
  projectId: ProjectId;
  /** `null` for a top-level code. */
  parentId: CodeId | null;
  name: string;
  /** `#rrggbb` */
  color: string;
  description: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  /** Anchor examples, one per line; quotes from the texts. */
  examples: string;
  /** `false` for a category that only groups codes (REFI-QDA `isCodable="false"`). */
  isCodable: boolean;
  /** Position among its siblings (ascending). */
  order: number;
  /**
   * The number key (1–9) that applies this code, pinned to it (see shared/coding/quickKeys.ts).
   * Absent (or null) for no key; at most one code of a project holds each key.
   */
  quickKey?: number | null;
}

/** One coded passage: a Code applied by a Coder to `[start, end)` of a Document. */
export interface Segment {
  id: SegmentId;
  projectId: ProjectId;
  documentId: DocumentId;
  codeId: CodeId;
  coderId: CoderId;
  /** UTF-16 code units, inclusive. */
  start: number;
  /** UTF-16 code units, exclusive. */
  end: number;
  createdAt: Timestamp;
}

/**
 * What a memo is written about. A `passage` is text nobody coded: a comment on `[start, end)` of
 * document `id` (UTF-16 units, as a Segment), which REFI-QDA writes as a PlainTextSelection that
 * carries a NoteRef and no Coding.
 */
export type MemoTarget =
  | { kind: 'project' }
  | { kind: 'document'; id: DocumentId }
  | { kind: 'code'; id: CodeId }
  | { kind: 'segment'; id: SegmentId }
  | { kind: 'passage'; id: DocumentId; start: number; end: number };

/** The kinds of thing a memo can be attached to. */
export type MemoTargetKind = MemoTarget['kind'];

export interface Memo {
  id: MemoId;
  projectId: ProjectId;
  target: MemoTarget;
  title: string;
  /** Lexical editor state as JSON, or '' for a memo that only has plain text (e.g. imported). */
  content: string;
  /** The memo as plain text, for search and export. */
  plainText: string;
  coderId: CoderId | null;
  createdAt: Timestamp;
  modifiedAt: Timestamp;
}

/** A named group of codes and/or documents (REFI-QDA Set). */
export interface CodeSet {
  id: CodeSetId;
  projectId: ProjectId;
  name: string;
  description: string;
  codeIds: CodeId[];
  documentIds: DocumentId[];
}

/** How a researcher settled a place where coders differ (see shared/agreement/disagreements.ts). */
export type DecisionKind = 'coder' | 'both' | 'union' | 'intersection' | 'neither' | 'adjust' | 'agreement';

/**
 * A consensus decision: the researcher settled the place `[start, end)` of a document where the
 * compared coders differed (or accepted an agreement). What it decided is written as codings of
 * the consensus coder; this row remembers that the place is settled, even when the decision was
 * to code nothing.
 */
export interface ConsensusDecision {
  id: DecisionId;
  projectId: ProjectId;
  documentId: DocumentId;
  start: number;
  end: number;
  consensusCoderId: CoderId;
  kind: DecisionKind;
  /** The coder whose version was kept, for `kind: 'coder'`. */
  keptCoderId?: CoderId;
  decidedAt: Timestamp;
}

/**
 * Everything one project holds, as plain data: what the exchange formats read and write
 * and what the agreement engine compares.
 */
export interface ProjectBundle {
  project: Project;
  coders: Coder[];
  codes: Code[];
  documents: Document[];
  segments: Segment[];
  memos: Memo[];
  sets: CodeSet[];
}
