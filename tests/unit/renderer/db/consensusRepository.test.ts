import { code, openTestDatabase, seedWorkspace, uniqueDatabaseName, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { findPlaces } from '../../../../shared/agreement/disagreements.ts';
import { acceptAgreements, findOrCreateConsensusCoder, listDecisions, settlePlace } from '../../../../renderer/db/consensusRepository.ts';
import { undoLastAction } from '../../../../renderer/db/history.ts';
import { listSegmentsOfProject } from '../../../../renderer/db/segmentRepository.ts';

let db: MarginaliaDatabase;
let ws: Workspace;
beforeEach(async () => {
  db = openTestDatabase(uniqueDatabaseName());
  ws = await seedWorkspace(db);
});
afterEach(async () => {
  await db.delete();
});

async function places() {
  return findPlaces({ coders: [ws.ana.id, ws.bea.id], segments: await listSegmentsOfProject(db, ws.projectId) });
}
async function consensusSpans(consensusId: string) {
  return (await listSegmentsOfProject(db, ws.projectId)).filter((s) => s.coderId === consensusId).map((s) => [s.codeId === ws.trust.id ? 'trust' : 'fear', s.start, s.end]);
}

describe('consensus decisions', () => {
  it('finds the consensus coder by name in any case, or creates it once', async () => {
    const first = await findOrCreateConsensusCoder(db, ' Consensus ', '#444444');
    expect(first.name).toBe('Consensus');
    expect((await findOrCreateConsensusCoder(db, 'consensus', '#000000')).id).toBe(first.id);
    await expect(findOrCreateConsensusCoder(db, '  ', '#000000')).rejects.toThrow('Name the consensus coder first.');
  });

  it('writes the chosen version as consensus codings with a decision, in one undoable step', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    await code(db, ws, ws.trust.id, ws.bea, 4, 14);
    const consensus = await findOrCreateConsensusCoder(db, 'Consensus', '#444444');
    const [place] = (await places()).disagreements;
    await settlePlace(db, ws.projectId, consensus.id, place!, { kind: 'intersection' }, 'Settle: intersection');
    expect(await consensusSpans(consensus.id)).toEqual([['trust', 4, 10]]);
    expect((await listDecisions(db, ws.projectId, consensus.id)).map((d) => [d.kind, d.start, d.end])).toEqual([['intersection', 0, 14]]);
    expect(await undoLastAction(db, ws.projectId)).toBe('Settle: intersection');
    expect(await consensusSpans(consensus.id)).toEqual([]);
    expect(await listDecisions(db, ws.projectId, consensus.id)).toEqual([]);
  });

  it('replaces an earlier decision on the same place, and remembers "neither"', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 10);
    await code(db, ws, ws.fear.id, ws.bea, 0, 10);
    const consensus = await findOrCreateConsensusCoder(db, 'Consensus', '#444444');
    const [place] = (await places()).disagreements;
    await settlePlace(db, ws.projectId, consensus.id, place!, { kind: 'both' }, 'Settle: both');
    expect(await consensusSpans(consensus.id)).toEqual(expect.arrayContaining([['trust', 0, 10], ['fear', 0, 10]]));
    await settlePlace(db, ws.projectId, consensus.id, place!, { kind: 'neither' }, 'Settle: neither');
    expect(await consensusSpans(consensus.id)).toEqual([]);
    expect((await listDecisions(db, ws.projectId, consensus.id)).map((d) => d.kind)).toEqual(['neither']);
    // The consensus coder's own codings do not make new places among the compared coders.
    expect((await places()).disagreements).toHaveLength(1);
  });

  it('accepts every agreement in one step', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    await code(db, ws, ws.trust.id, ws.bea, 0, 5);
    await code(db, ws, ws.fear.id, ws.ana, 20, 30);
    await code(db, ws, ws.fear.id, ws.bea, 20, 30);
    const consensus = await findOrCreateConsensusCoder(db, 'Consensus', '#444444');
    expect(await acceptAgreements(db, ws.projectId, consensus.id, (await places()).agreements)).toBe(2);
    expect(await consensusSpans(consensus.id)).toEqual(expect.arrayContaining([['trust', 0, 5], ['fear', 20, 30]]));
    expect(await undoLastAction(db, ws.projectId)).toBe('Accept 2 agreements into the consensus');
    expect(await consensusSpans(consensus.id)).toEqual([]);
  });
});
