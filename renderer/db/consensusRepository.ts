/**
 * The consensus coder's work: settling places where the compared coders differ (and accepting
 * agreements) as codings of a coder the researcher names, each settlement ONE undoable step that
 * writes the codings and a decision row (so a place settled as "neither" is settled too).
 *
 * Settling a place again replaces the earlier decision: the consensus coder's codings lying
 * inside the place are taken away first.
 */
import { resolvePlace, type Place, type Resolution } from '../../shared/agreement/disagreements.ts';
import type { Coder, CoderId, ConsensusDecision, DecisionId, ProjectId, Segment, SegmentId } from '../../shared/model/index.ts';
import type { MarginaliaDatabase } from './database.ts';
import { recordAction, type ActionRecorder } from './history.ts';
import { newId, now } from './ids.ts';

/** The coder called `name` (any letter case), created with `color` when there is none. */
export async function findOrCreateConsensusCoder(db: MarginaliaDatabase, name: string, color: string): Promise<Coder> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('Name the consensus coder first.');
  return db.transaction('rw', db.coders, async () => {
    const existing = (await db.coders.toArray()).find((c) => c.name.trim().toLocaleLowerCase() === trimmed.toLocaleLowerCase());
    if (existing) return existing;
    const coder: Coder = { id: newId<CoderId>(), name: trimmed, color };
    await db.coders.add(coder);
    return coder;
  });
}

/** Every decision of a consensus coder in a project. */
export async function listDecisions(db: MarginaliaDatabase, projectId: ProjectId, consensusCoderId: CoderId): Promise<ConsensusDecision[]> {
  return db.decisions.where('[projectId+consensusCoderId]').equals([projectId, consensusCoderId]).toArray();
}

/** The key a place and its decision share: document and range. */
export function placeKey(place: Pick<Place, 'documentId' | 'start' | 'end'>): string {
  return `${place.documentId}:${place.start}-${place.end}`;
}

/** The consensus coder's decisions by place key, read once per action. */
async function decisionsByPlace(db: MarginaliaDatabase, projectId: ProjectId, consensusCoderId: CoderId): Promise<Map<string, ConsensusDecision[]>> {
  const byPlace = new Map<string, ConsensusDecision[]>();
  for (const d of await listDecisions(db, projectId, consensusCoderId)) byPlace.set(placeKey(d), [...(byPlace.get(placeKey(d)) ?? []), d]);
  return byPlace;
}

async function writeDecision(
  db: MarginaliaDatabase,
  recorder: ActionRecorder,
  earlierByPlace: ReadonlyMap<string, ConsensusDecision[]>,
  projectId: ProjectId,
  consensusCoderId: CoderId,
  place: Place,
  resolution: Resolution | { kind: 'agreement' },
): Promise<void> {
  // An earlier decision on this place, and the consensus codings inside it, give way.
  const earlier = earlierByPlace.get(placeKey(place)) ?? [];
  await recorder.bulkDelete('decisions', earlier.map((d) => d.id));
  const inside = await db.segments
    .where('documentId')
    .equals(place.documentId)
    .filter((s) => s.coderId === consensusCoderId && s.start >= place.start && s.end <= place.end)
    .primaryKeys();
  await recorder.bulkDelete('segments', inside);
  const codings = resolution.kind === 'agreement' ? resolvePlace(place, { kind: 'coder', coderId: place.versions[0]!.coderId }) : resolvePlace(place, resolution);
  const at = now();
  const segments: Segment[] = codings.map((c) => ({ id: newId<SegmentId>(), projectId, documentId: place.documentId, codeId: c.codeId, coderId: consensusCoderId, start: c.start, end: c.end, createdAt: at }));
  await recorder.bulkPut('segments', segments);
  const decision: ConsensusDecision = {
    id: newId<DecisionId>(),
    projectId,
    documentId: place.documentId,
    start: place.start,
    end: place.end,
    consensusCoderId,
    kind: resolution.kind,
    ...(resolution.kind === 'coder' ? { keptCoderId: resolution.coderId } : {}),
    decidedAt: at,
  };
  await recorder.put('decisions', decision);
}

/** Settles one place as one undoable step named `label`. */
export async function settlePlace(db: MarginaliaDatabase, projectId: ProjectId, consensusCoderId: CoderId, place: Place, resolution: Resolution, label: string): Promise<void> {
  await recordAction(db, projectId, label, async (recorder) => writeDecision(db, recorder, await decisionsByPlace(db, projectId, consensusCoderId), projectId, consensusCoderId, place, resolution));
}

/** Accepts every given agreement into the consensus as one undoable step; returns how many. */
export async function acceptAgreements(db: MarginaliaDatabase, projectId: ProjectId, consensusCoderId: CoderId, agreements: readonly Place[]): Promise<number> {
  if (agreements.length === 0) return 0;
  const label = `Accept ${agreements.length} agreement${agreements.length === 1 ? '' : 's'} into the consensus`;
  await recordAction(db, projectId, label, async (recorder) => {
    const earlier = await decisionsByPlace(db, projectId, consensusCoderId);
    for (const place of agreements) await writeDecision(db, recorder, earlier, projectId, consensusCoderId, place, { kind: 'agreement' });
  });
  return agreements.length;
}
