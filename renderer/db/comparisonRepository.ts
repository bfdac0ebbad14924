/**
 * What a comparison of coders reads from the database: the project's codes, its documents with
 * their texts' lengths (not the texts), its segments, and the coders. The segments come from
 * the segment packs (segmentPacks.ts: one row per document), which is what makes a comparison of
 * 100,000s of codings read in a fraction of a second instead of seconds.
 */
import type { CodersInProject } from '../../shared/agreement/projects.ts';
import type { Coder, CoderId, DocumentId, ProjectId, Segment } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from './database.ts';
import { readSegmentPacks, unpackSegments } from './segmentPacks.ts';

/** Colour of a coder who coded in the project but is missing from the database. */
const UNKNOWN_CODER_COLOR = '#888888';

/** Documents in project order, each with its text's length. */
export type DocumentsToCompare = { id: DocumentId; name: string; textLength: number }[];

/**
 * The project as a comparison of its coders reads it. Coders: every coder in the database, plus
 * "Unknown coder" for any id that coded here without a coder row (as readProjectBundle does).
 *
 * @example compareInScope(await readCodersInProject(db, projectId), { coders: [ana.id, bea.id], unit: 'characters' })
 */
export async function readCodersInProject(db: MarginaliaDatabase, projectId: ProjectId): Promise<CodersInProject & { documents: DocumentsToCompare }> {
  const { rows, codes, coders } = await db.transaction('r', [db.projects, db.documents, db.codes, db.coders], async () => {
    if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
    const [rows, codes, coders] = await Promise.all([
      db.documents.where('[projectId+order]').between([projectId, -Infinity], [projectId, Infinity]).toArray(),
      db.codes.where('projectId').equals(projectId).toArray(),
      db.coders.toArray(),
    ]);
    return { rows, codes, coders };
  });
  const packs = await readSegmentPacks(db, projectId, rows.map((d) => d.id));
  const segments: Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>[] = [];
  for (const pack of packs) unpackSegments(pack, segments);
  const known = new Set<CoderId>(coders.map((c) => c.id));
  const all: Coder[] = [...coders];
  for (const pack of packs) {
    for (const id of pack.coderIds) {
      if (known.has(id)) continue;
      known.add(id);
      all.push({ id, name: 'Unknown coder', color: UNKNOWN_CODER_COLOR });
    }
  }
  return {
    coders: all,
    codes,
    documents: rows.map((row, i) => ({ id: row.id, name: row.name, textLength: packs[i]!.textLength })),
    segments,
  };
}
