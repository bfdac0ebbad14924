/**
 * The review's data: the places where the compared coders differ and agree (shared/agreement
 * findPlaces, over the project's live codings), which of them the consensus coder has settled,
 * the texts to quote, and the actions that settle them. Every settlement is one undoable step
 * (renderer/db/consensusRepository.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { findPlaces, type Place, type PlaceList, type Resolution } from '../../../shared/agreement/disagreements.ts';
import type { CodeId, CoderId, DocumentId } from '../../../shared/model/index.ts';
import { acceptAgreements, listDecisions, placeKey, settlePlace } from '../../db/consensusRepository.ts';
import { listDocuments, readDocumentText } from '../../db/documentRepository.ts';
import { listSegmentsOfProject } from '../../db/segmentRepository.ts';
import { useWorkspace } from '../../ui/workspace.tsx';

export interface ReviewScope {
  coderIds: readonly CoderId[];
  codeIds: ReadonlySet<CodeId> | null;
  documentIds: readonly DocumentId[] | null;
  consensusCoderId: CoderId;
}

export interface ReviewData {
  places: PlaceList;
  /** Place keys the consensus coder has settled. */
  settled: ReadonlySet<string>;
  texts: ReadonlyMap<DocumentId, string>;
  documentNames: ReadonlyMap<DocumentId, string>;
}

/** The review of `scope`, kept current (`undefined` while reading). */
export function useReviewData(scope: ReviewScope): ReviewData | undefined {
  const { db, project } = useWorkspace();
  const documents = useLiveQuery(() => listDocuments(db, project.id), [db, project.id]);
  const segments = useLiveQuery(() => listSegmentsOfProject(db, project.id), [db, project.id]);
  const decisions = useLiveQuery(() => listDecisions(db, project.id, scope.consensusCoderId), [db, project.id, scope.consensusCoderId]);
  const places = useMemo(
    () => (segments ? findPlaces({ coders: scope.coderIds, codeIds: scope.codeIds, documentIds: scope.documentIds ?? documents?.map((d) => d.id) ?? null, segments }) : undefined),
    [segments, scope.coderIds, scope.codeIds, scope.documentIds, documents],
  );
  const documentKey = places ? [...new Set(places.disagreements.map((p) => p.documentId))].join(',') : '';
  const texts = useLiveQuery(async () => {
    const map = new Map<DocumentId, string>();
    for (const id of documentKey ? (documentKey.split(',') as DocumentId[]) : []) map.set(id, (await readDocumentText(db, id)) ?? '');
    return map;
  }, [db, documentKey]);
  return useMemo(() => {
    if (!places || !decisions || !texts || !documents) return undefined;
    return {
      places,
      settled: new Set(decisions.map((d) => placeKey(d))),
      texts,
      documentNames: new Map(documents.map((d) => [d.id, d.name])),
    };
  }, [places, decisions, texts, documents]);
}

/** Settling places, as functions that report their own outcome. */
export function useReviewActions(consensusCoderId: CoderId) {
  const { db, project, run } = useWorkspace();
  return useMemo(
    () => ({
      settle(place: Place, resolution: Resolution, label: string): Promise<void> {
        return run(() => settlePlace(db, project.id, consensusCoderId, place, resolution, label));
      },
      acceptAgreements(agreements: readonly Place[]): Promise<void> {
        return run(async () => {
          await acceptAgreements(db, project.id, consensusCoderId, agreements);
        }, `Accepted ${agreements.length} agreement${agreements.length === 1 ? '' : 's'} into the consensus.`);
      },
    }),
    [db, project.id, consensusCoderId, run],
  );
}
