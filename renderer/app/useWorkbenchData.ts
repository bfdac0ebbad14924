/** The live data of the open project, read reactively from Dexie (the source of truth). */
import { useLiveQuery } from 'dexie-react-hooks';
import type { DocumentId, ProjectId } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../db/database.ts';
import { listCodes, countSegments } from '../db/codeRepository.ts';
import { listCoders } from '../db/coderRepository.ts';
import { listDocuments, readDocumentText } from '../db/documentRepository.ts';
import { listSegmentsOfDocument } from '../db/segmentRepository.ts';
import { listProjects } from '../db/projectRepository.ts';
import { readHistoryState } from '../db/history.ts';

export function useProjectData(db: MarginaliaDatabase, projectId: ProjectId) {
  const documents = useLiveQuery(() => listDocuments(db, projectId), [db, projectId]);
  const codes = useLiveQuery(() => listCodes(db, projectId), [db, projectId]);
  const coders = useLiveQuery(() => listCoders(db), [db]);
  const counts = useLiveQuery(() => countSegments(db, projectId), [db, projectId]);
  const projects = useLiveQuery(() => listProjects(db), [db]);
  const history = useLiveQuery(() => readHistoryState(db, projectId), [db, projectId]);
  return { documents, codes, coders, counts, projects, history };
}

/**
 * The open document's text and segments, read in ONE live query so the view never paints one
 * document's segments over another's text (and paints once, not twice, when a document opens).
 */
export function useOpenDocument(db: MarginaliaDatabase, documentId: DocumentId | null) {
  const open = useLiveQuery(
    async () => {
      if (!documentId) return { documentId, text: null, segments: [] };
      const [text, segments] = await Promise.all([readDocumentText(db, documentId), listSegmentsOfDocument(db, documentId)]);
      return { documentId, text: text ?? null, segments };
    },
    [db, documentId],
  );
  // While the new query runs, useLiveQuery still holds the previous document's result.
  return open && open.documentId === documentId ? open : { documentId, text: undefined, segments: undefined };
}
