/** Phase 6 of reading a project: `<Sets>` of codes and documents (qdc.ts reads them, strictly). */
import { readSets } from '../qdc.ts';
import { child, type ReadContext } from './context.ts';

/** Reads `<Sets>` into `ctx.sets`. */
export function readProjectSets(ctx: ReadContext): void {
  const { root, report, projectId, skippedSources, documents, notes, codeIds } = ctx;
  // Sets.
  ctx.sets = readSets(child(root, 'Sets'), projectId, report, {
    codes: codeIds,
    documents: new Set(documents.map((d) => d.id)),
    skippedDocuments: skippedSources,
    notes: new Set(notes.keys()),
  });
}
