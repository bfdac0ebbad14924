/**
 * Segment packs: each document's codings in a compact form (one row per document, typed arrays
 * and two small dictionaries), so a comparison reads 500 rows instead of 100,000 segment rows.
 * IndexedDB's cost is per row (a 100,000-row getAll took seconds in Chromium), not per byte.
 *
 * A pack is a cache, never the truth: the segments table is. Invariant: a pack that exists
 * matches its document's segments and text. It is kept by a Dexie middleware that sees every
 * write, whoever makes it (repositories, undo, imports, tests seeding the database):
 * - every read-write transaction touching `segments`, `documents` or `documentTexts` also takes
 *   `segmentPacks`;
 * - before a write to one of them, the packs of the documents it touches are deleted (a segment's
 *   document is read from the row written and from the row replaced; a range deletion drops
 *   every pack).
 * A missing pack is rebuilt from the segments when a comparison needs it ({@link readSegmentPacks}).
 */
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTransaction, type Middleware } from 'dexie';
import type { CodeId, CoderId, DocumentId, ProjectId, Segment } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from './database.ts';

/** One document's segments, as parallel arrays; `coders[i]` and `codes[i]` index the dictionaries. */
export interface SegmentPackRow {
  documentId: DocumentId;
  projectId: ProjectId;
  /** The document text's length in UTF-16 code units. */
  textLength: number;
  coderIds: CoderId[];
  codeIds: CodeId[];
  coders: Int32Array;
  codes: Int32Array;
  starts: Float64Array;
  ends: Float64Array;
}

export const SEGMENT_PACKS = 'segmentPacks';
const WATCHED = new Set(['segments', 'documents', 'documentTexts']);

/** Builds a document's pack from its segments (any order) and its text's length. */
export function packSegments(
  documentId: DocumentId, projectId: ProjectId, textLength: number,
  segments: ReadonlyArray<Pick<Segment, 'codeId' | 'coderId' | 'start' | 'end'>>,
): SegmentPackRow {
  const coderIds: CoderId[] = [];
  const codeIds: CodeId[] = [];
  const coderIndex = new Map<CoderId, number>();
  const codeIndex = new Map<CodeId, number>();
  const n = segments.length;
  const pack: SegmentPackRow = {
    documentId, projectId, textLength, coderIds, codeIds,
    coders: new Int32Array(n), codes: new Int32Array(n), starts: new Float64Array(n), ends: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const s = segments[i]!;
    let k = coderIndex.get(s.coderId);
    if (k === undefined) coderIndex.set(s.coderId, (k = coderIds.push(s.coderId) - 1));
    let c = codeIndex.get(s.codeId);
    if (c === undefined) codeIndex.set(s.codeId, (c = codeIds.push(s.codeId) - 1));
    pack.coders[i] = k;
    pack.codes[i] = c;
    pack.starts[i] = s.start;
    pack.ends[i] = s.end;
  }
  return pack;
}

/** The segments of a pack, with only what a comparison reads. */
export function unpackSegments(pack: SegmentPackRow, into: Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>[]): void {
  const { documentId, coderIds, codeIds, coders, codes, starts, ends } = pack;
  for (let i = 0; i < starts.length; i++) {
    into.push({ documentId, codeId: codeIds[codes[i]!]!, coderId: coderIds[coders[i]!]!, start: starts[i]!, end: ends[i]! });
  }
}

function storesOf(trans: DBCoreTransaction): DOMStringList | undefined {
  return (trans as unknown as IDBTransaction).objectStoreNames;
}

/** The middleware that drops the packs a write makes stale (see the file's comment). */
export const segmentPackMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'segmentPacks',
  // Below Dexie's hooks middleware (level 2): it sees the writes as hooks leave them.
  level: 1.5,
  create(down) {
    const hasPacks = down.schema.tables.some((t) => t.name === SEGMENT_PACKS);
    if (!hasPacks) return down;
    const packs = down.table(SEGMENT_PACKS);
    // Promise chains, not async/await: Dexie's zone (the transaction the layers below look up)
    // follows Dexie's promises only.
    const dropPacks = (trans: DBCoreTransaction, documentIds: Iterable<unknown>): PromiseLike<unknown> => {
      const keys = [...new Set(documentIds)].filter((id) => typeof id === 'string');
      return keys.length ? packs.mutate({ type: 'delete', trans, keys }) : Dexie.Promise.resolve();
    };
    const dropAll = (trans: DBCoreTransaction) => packs.mutate({ type: 'deleteRange', trans, range: { type: 3 /* DBCoreRangeType.Any */, lower: undefined, upper: undefined } });
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && !stores.includes(SEGMENT_PACKS) && stores.some((s) => WATCHED.has(s)) ? [...stores, SEGMENT_PACKS] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!WATCHED.has(name)) return table;
        const keyOf = table.schema.primaryKey.extractKey;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            const stores = storesOf(req.trans);
            if (stores && !stores.contains(SEGMENT_PACKS)) return Dexie.Promise.reject(new Error(`A write to ${name} outside a transaction holding ${SEGMENT_PACKS}.`));
            let dropped: PromiseLike<unknown>;
            const keysKnown = req.type === 'delete' || req.type === 'deleteRange' || req.keys !== undefined || keyOf !== null;
            if (req.type === 'deleteRange' || !keysKnown) {
              dropped = dropAll(req.trans);
            } else {
              const keys: unknown[] = req.type === 'delete' ? req.keys : (req.keys ?? (keyOf ? req.values.map(keyOf) : []));
              if (name === 'segments') {
                // The document of every row written, and of every row it replaces or deletes (an add replaces none).
                const documentIds: unknown[] = req.type === 'delete' ? [] : req.values.map((v: Partial<Segment> | undefined) => v?.documentId);
                const olds: PromiseLike<(Partial<Segment> | undefined)[]> = req.type !== 'add' && keys.length ? table.getMany({ trans: req.trans, keys }) : Dexie.Promise.resolve([]);
                dropped = olds.then((rows) => {
                  for (const old of rows) if (old) documentIds.push(old.documentId);
                  return dropPacks(req.trans, documentIds);
                });
              } else {
                // documents and documentTexts are keyed by the document's id.
                dropped = dropPacks(req.trans, keys);
              }
            }
            return dropped.then(() => table.mutate(req)) as Promise<DBCoreMutateResponse>;
          },
        };
      },
    };
  },
};

/**
 * The packs of `documents` (all of one project), rebuilding the missing ones from the segments
 * and texts. One snapshot: when every pack exists it is one read-only transaction; otherwise one
 * read-write transaction reads the present packs and writes the rebuilt ones.
 */
export async function readSegmentPacks(db: MarginaliaDatabase, projectId: ProjectId, documentIds: readonly DocumentId[]): Promise<SegmentPackRow[]> {
  const present = await db.transaction('r', db.segmentPacks, () => db.segmentPacks.bulkGet([...documentIds]));
  if (present.every((p) => p !== undefined)) return present as SegmentPackRow[];
  return db.transaction('rw', [db.segmentPacks, db.segments, db.documentTexts], async () => {
    const packs = await db.segmentPacks.bulkGet([...documentIds]);
    const missing = documentIds.filter((_, i) => packs[i] === undefined);
    const wanted = new Set<string>(missing);
    const byDocument = new Map<string, Segment[]>(missing.map((id) => [id, []]));
    // Many documents: one pass over the project's segments; a few: their documents' segments.
    const segments = missing.length > 20
      ? await db.segments.where('projectId').equals(projectId).toArray()
      : await db.segments.where('documentId').anyOf(missing).toArray();
    for (const s of segments) if (wanted.has(s.documentId)) byDocument.get(s.documentId)!.push(s);
    const texts = await db.documentTexts.bulkGet(missing);
    const rebuilt = missing.map((id, i) => packSegments(id, projectId, texts[i]?.text.length ?? 0, byDocument.get(id)!));
    await db.segmentPacks.bulkPut(rebuilt);
    const byId = new Map(rebuilt.map((p) => [p.documentId, p]));
    return documentIds.map((id, i) => packs[i] ?? byId.get(id)!);
  });
}
