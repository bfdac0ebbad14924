/**
 * The live data the workbench shell itself needs, read reactively from Dexie (the source of
 * truth): the documents (to open one), the codes and coders (for the document view) and the
 * undo history (for the Undo and Redo labels). The panels read their own data through their
 * feature hooks (useDocuments, useProjects, useCoders, useCodebook).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { DocumentId, ProjectId } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../db/database.ts';
import { listCodes } from '../db/codeRepository.ts';
import { listCoders } from '../db/coderRepository.ts';
import { listDocuments, readDocumentText } from '../db/documentRepository.ts';
import { listSegmentsOfDocument } from '../db/segmentRepository.ts';
import { readHistoryState } from '../db/history.ts';

export function useProjectData(db: MarginaliaDatabase, projectId: ProjectId) {
  const documents = useLiveQuery(() => listDocuments(db, projectId), [db, projectId]);
  const codes = useLiveQuery(() => listCodes(db, projectId), [db, projectId]);
  const coders = useLiveQuery(() => listCoders(db), [db]);
  const history = useLiveQuery(() => readHistoryState(db, projectId), [db, projectId]);
  return { documents, codes, coders, history };
}

/**
 * The open document's text and segments. Two live queries, so a new coding re-reads only the
 * segments, never the (immutable, possibly megabytes long) text; both results carry their
 * document id, and nothing is returned until both belong to the document asked for, so the view
 * never paints one document's segments over another's text.
 */
export function useOpenDocument(db: MarginaliaDatabase, documentId: DocumentId | null) {
  const text = useLiveQuery(async () => ({ documentId, text: documentId ? ((await readDocumentText(db, documentId)) ?? null) : null }), [db, documentId]);
  const segments = useLiveQuery(async () => ({ documentId, segments: documentId ? await listSegmentsOfDocument(db, documentId) : [] }), [db, documentId]);
  if (text?.documentId !== documentId || segments?.documentId !== documentId) return { text: undefined, segments: undefined };
  return { text: text.text, segments: segments.segments };
}
