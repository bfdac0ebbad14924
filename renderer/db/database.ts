/**
 * The IndexedDB schema (Dexie), the single source of truth for a researcher's work.
 *
 * Schema versions are append-only: a shipped `version(n)` is never edited; a change adds
 * `version(n + 1)` with an upgrade function.
 *
 * A document's text lives in its own table (`documentTexts`) so the document list and counts
 * never load megabytes of text.
 */
import Dexie, { type EntityTable } from 'dexie';
import { assignDefaultQuickKeys, withQuickKey } from '../../shared/coding/quickKeys.ts';
import type { Code, CodeSet, Coder, ConsensusDecision, Document, Memo, Project, Segment } from '../../shared/model/index.ts';
import { segmentPackMiddleware, type SegmentPackRow } from './segmentPacks.ts';

/** A Document row without its text (the text is in `documentTexts`). */
export type DocumentRow = Omit<Document, 'text'>;

export interface DocumentTextRow {
  documentId: Document['id'];
  text: string;
}

/** One undoable change to one row: the row before and after (`undefined` = absent). */
export interface RowChange {
  table: UndoableTable;
  key: string;
  before: unknown;
  after: unknown;
}

/** One user action in the undo history of a project. */
export interface HistoryEntry {
  seq?: number;
  projectId: string;
  /** What the action was, as a user would say it: "Apply code “Sex workers”". */
  label: string;
  changes: RowChange[];
  /** 1 when undone (and so redoable); numbers because IndexedDB cannot index booleans. */
  undone: 0 | 1;
  at: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Tables whose changes go through the undo history. */
export type UndoableTable = 'codes' | 'segments' | 'memos' | 'sets' | 'decisions';

export class MarginaliaDatabase extends Dexie {
  projects!: EntityTable<Project, 'id'>;
  coders!: EntityTable<Coder, 'id'>;
  documents!: EntityTable<DocumentRow, 'id'>;
  documentTexts!: EntityTable<DocumentTextRow, 'documentId'>;
  codes!: EntityTable<Code, 'id'>;
  segments!: EntityTable<Segment, 'id'>;
  memos!: EntityTable<Memo, 'id'>;
  sets!: EntityTable<CodeSet, 'id'>;
  history!: EntityTable<HistoryEntry, 'seq'>;
  settings!: EntityTable<SettingRow, 'key'>;
  decisions!: EntityTable<ConsensusDecision, 'id'>;
  /** A cache of each document's segments for comparisons (segmentPacks.ts); never the truth. */
  segmentPacks!: EntityTable<SegmentPackRow, 'documentId'>;

  constructor(name = 'marginalia') {
    super(name);
    this.version(1).stores({
      projects: 'id, name',
      coders: 'id, name',
      documents: 'id, projectId, [projectId+order]',
      documentTexts: 'documentId',
      codes: 'id, projectId, parentId',
      segments: 'id, projectId, documentId, codeId, coderId, [documentId+codeId+coderId]',
      memos: 'id, projectId',
      sets: 'id, projectId',
      history: '++seq, projectId, [projectId+undone]',
      settings: 'key',
    });
    // Quick keys pinned to codes: a project whose codes hold no key gets the keys its codebook
    // showed until now (the first nine codable codes in tree order), so nothing moves.
    this.version(2)
      .stores({})
      .upgrade(async (tx) => {
        const codes = tx.table<Code, string>('codes');
        const byProject = new Map<string, Code[]>();
        await codes.each((code) => {
          const list = byProject.get(code.projectId);
          if (list) list.push(code);
          else byProject.set(code.projectId, [code]);
        });
        const given = new Map<string, number>();
        for (const list of byProject.values()) {
          const byId = new Map(list.map((c) => [c.id, c]));
          const patches = assignDefaultQuickKeys(list);
          for (const p of patches) given.set(p.id, p.quickKey!);
          if (patches.length) await codes.bulkPut(patches.map((p) => withQuickKey(byId.get(p.id)!, p.quickKey)));
        }
        if (given.size === 0) return;
        // Undo and redo write whole rows back: the stored rows of a code get its key too, or
        // undoing a rename made before the upgrade would take the code's key away.
        await tx
          .table<HistoryEntry, number>('history')
          .toCollection()
          .modify((entry) => {
            for (const change of entry.changes) {
              const key = change.table === 'codes' ? given.get(change.key) : undefined;
              if (key === undefined) continue;
              if (change.before !== undefined) change.before = { ...(change.before as Code), quickKey: key };
              if (change.after !== undefined) change.after = { ...(change.after as Code), quickKey: key };
            }
          });
      });
    // Memos are found by what they are attached to (`target.id`: a document, code or segment id,
    // or the document of a passage) and listed by kind; no row changes.
    this.version(3).stores({ memos: 'id, projectId, target.id, [projectId+target.kind]' });
    // Consensus decisions (settling where coders differ): a new table, nothing to migrate. Memos
    // also get an index by modified time, so a long memo list can show its newest first.
    this.version(4).stores({ decisions: 'id, projectId, [projectId+consensusCoderId]', memos: 'id, projectId, target.id, [projectId+target.kind], [projectId+modifiedAt]' });
    // Segment packs (segmentPacks.ts): a cache of each document's segments, so a comparison reads
    // one row per document. It starts empty; a missing pack is built when a comparison needs it.
    this.version(5).stores({ segmentPacks: 'documentId, projectId' });
    this.use(segmentPackMiddleware);
  }
}

/** All tables an action may touch, for `db.transaction('rw', ...)`. */
export function allTables(db: MarginaliaDatabase) {
  return [db.projects, db.coders, db.documents, db.documentTexts, db.codes, db.segments, db.memos, db.sets, db.history, db.settings, db.decisions];
}
