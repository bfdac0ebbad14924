/**
 * Undo and redo that survive a reload: every coding, codebook and memo change is written
 * together with a history entry holding each touched row before and after, in ONE Dexie
 * transaction. Undo writes the "before" rows back; redo writes the "after" rows.
 *
 * Invariant: history entries of a project with `undone = 1` are exactly the redo stack; any
 * new action clears it (as in every editor).
 *
 * Memos are the exception to "write the rows back": typing in a memo is not an undo step, so a
 * memo's words at undo time are newer than any history entry. Undo and redo of a memo change
 * therefore restore only where the memo is attached (and whether it exists), never its title or
 * text; and the entry itself is brought up to date with the latest words, so that undoing
 * "Add memo" and redoing it brings back everything that was typed.
 */
import type { Transaction } from 'dexie';
import type { Memo, Segment } from '../../shared/model/index.ts';
import { allTables, type HistoryEntry, type MarginaliaDatabase, type RowChange, type UndoableTable } from './database.ts';

/** How many actions a project's history keeps; older ones fall off. */
export const HISTORY_LIMIT = 1000;

/** Records row changes inside a `recordAction` callback. */
export interface ActionRecorder {
  /** Inserts or replaces a row; its previous state is captured for undo. */
  put<T extends { id: string }>(table: UndoableTable, row: T): Promise<void>;
  /** Deletes a row by id; its previous state is captured for undo. */
  delete(table: UndoableTable, id: string): Promise<void>;
  /** Deletes many rows at once (e.g. every segment of a deleted code). */
  bulkDelete(table: UndoableTable, ids: string[]): Promise<void>;
  /** Inserts or replaces many rows at once. */
  bulkPut<T extends { id: string }>(table: UndoableTable, rows: T[]): Promise<void>;
}

/**
 * Runs `action` as one transaction and records it as one undoable step named `label`.
 * Throws (and writes nothing) if the action throws.
 */
export async function recordAction<R>(
  db: MarginaliaDatabase,
  projectId: string,
  label: string,
  action: (recorder: ActionRecorder, tx: Transaction) => Promise<R>,
): Promise<R> {
  return db.transaction('rw', allTables(db), async (tx) => {
    const changes: RowChange[] = [];
    const recorder: ActionRecorder = {
      async put(table, row) {
        const before = await db.table(table).get(row.id);
        await db.table(table).put(row);
        changes.push({ table, key: row.id, before, after: row });
      },
      async delete(table, id) {
        const before = await db.table(table).get(id);
        if (before === undefined) return;
        await db.table(table).delete(id);
        changes.push({ table, key: id, before, after: undefined });
      },
      async bulkDelete(table, ids) {
        const befores = await db.table(table).bulkGet(ids);
        await db.table(table).bulkDelete(ids);
        ids.forEach((id, i) => {
          if (befores[i] !== undefined) changes.push({ table, key: id, before: befores[i], after: undefined });
        });
      },
      async bulkPut(table, rows) {
        const befores = await db.table(table).bulkGet(rows.map((r) => r.id));
        await db.table(table).bulkPut(rows);
        rows.forEach((row, i) => changes.push({ table, key: row.id, before: befores[i], after: row }));
      },
    };
    const result = await action(recorder, tx);
    // A row written back unchanged is no change: an action that changes nothing is no undo step.
    const real = changes.filter((c) => !sameRow(c.before, c.after));
    changes.length = 0;
    changes.push(...real);
    if (changes.length > 0) {
      await db.history.where('[projectId+undone]').equals([projectId, 1]).delete();
      await db.history.add({ projectId, label, changes, undone: 0, at: new Date().toISOString() } satisfies HistoryEntry);
      await trimHistory(db, projectId);
    }
    return result;
  });
}

function sameRow(a: unknown, b: unknown): boolean {
  return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

async function trimHistory(db: MarginaliaDatabase, projectId: string): Promise<void> {
  const count = await db.history.where('projectId').equals(projectId).count();
  if (count <= HISTORY_LIMIT) return;
  const oldest = await db.history.where('projectId').equals(projectId).limit(count - HISTORY_LIMIT).primaryKeys();
  await db.history.bulkDelete(oldest);
}

/** The fields of a memo that typing changes (see saveMemoContent): never rolled back by undo. */
const TYPED_MEMO_FIELDS = ['title', 'content', 'plainText', 'modifiedAt'] as const;

function withTypedFields(row: Memo | undefined, current: Memo): Memo | undefined {
  if (row === undefined) return undefined;
  const next = { ...row };
  for (const field of TYPED_MEMO_FIELDS) next[field] = current[field];
  return next;
}

/** Writes one side of an entry's changes; returns the changes with memos' typed fields brought up to date. */
async function writeRows(db: MarginaliaDatabase, changes: RowChange[], side: 'before' | 'after'): Promise<RowChange[]> {
  const ordered = side === 'before' ? [...changes].reverse() : changes;
  const documentExists = new Map<string, boolean>();
  const updated = new Map<RowChange, RowChange>();
  for (const change of ordered) {
    let row = change[side];
    // A deleted document (not undoable) takes its codings with it for good.
    if (row !== undefined && change.table === 'segments') {
      const documentId = (row as Segment).documentId;
      if (!documentExists.has(documentId)) documentExists.set(documentId, (await db.documents.get(documentId)) !== undefined);
      if (!documentExists.get(documentId)) continue;
    }
    if (change.table === 'memos') {
      const current = await db.memos.get(change.key as Memo['id']);
      if (current) {
        const fresh: RowChange = { ...change, before: withTypedFields(change.before as Memo | undefined, current), after: withTypedFields(change.after as Memo | undefined, current) };
        updated.set(change, fresh);
        row = fresh[side];
      }
    }
    if (row === undefined) await db.table(change.table).delete(change.key);
    else await db.table(change.table).put(row);
  }
  return changes.map((change) => updated.get(change) ?? change);
}

/** What undo and redo would do next, for menu labels and tooltips. */
export interface HistoryState {
  undoLabel: string | null;
  redoLabel: string | null;
}

export async function readHistoryState(db: MarginaliaDatabase, projectId: string): Promise<HistoryState> {
  const lastDone = await db.history.where('[projectId+undone]').equals([projectId, 0]).last();
  const firstUndone = await db.history.where('[projectId+undone]').equals([projectId, 1]).first();
  return { undoLabel: lastDone?.label ?? null, redoLabel: firstUndone?.label ?? null };
}

/** Undoes the project's last action; returns its label, or null when there is nothing to undo. */
export async function undoLastAction(db: MarginaliaDatabase, projectId: string): Promise<string | null> {
  return db.transaction('rw', allTables(db), async () => {
    const entry = await db.history.where('[projectId+undone]').equals([projectId, 0]).last();
    if (!entry) return null;
    const changes = await writeRows(db, entry.changes, 'before');
    await db.history.update(entry.seq!, { undone: 1, changes });
    return entry.label;
  });
}

/** Redoes the project's most recently undone action; returns its label, or null. */
export async function redoLastUndone(db: MarginaliaDatabase, projectId: string): Promise<string | null> {
  return db.transaction('rw', allTables(db), async () => {
    const entry = await db.history.where('[projectId+undone]').equals([projectId, 1]).first();
    if (!entry) return null;
    const changes = await writeRows(db, entry.changes, 'after');
    await db.history.update(entry.seq!, { undone: 0, changes });
    return entry.label;
  });
}
