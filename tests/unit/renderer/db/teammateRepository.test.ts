import { code, openTestDatabase, seedWorkspace, FIRST_TEXT, SECOND_TEXT, uniqueDatabaseName, type Workspace } from './testDatabase.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeId, CoderId, DocumentId, ProjectBundle, ProjectId, SegmentId } from '../../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { applyTeammateImport, planTeammateImportInto } from '../../../../renderer/db/teammateRepository.ts';
import { undoLastAction } from '../../../../renderer/db/history.ts';
import { listSegmentsOfProject } from '../../../../renderer/db/segmentRepository.ts';
import { listCodes } from '../../../../renderer/db/codeRepository.ts';

let db: MarginaliaDatabase;
let ws: Workspace;

beforeEach(async () => {
  db = openTestDatabase(uniqueDatabaseName());
  ws = await seedWorkspace(db);
});
afterEach(async () => {
  await db.delete();
});

const NOW = '2026-02-01T00:00:00.000Z';

/** A teammate's export of the same study: the documents under other ids and names, "Trust" by path, a new code, and two coders (one named like ours). */
function teammateBundle(): ProjectBundle {
  const tp = 'theirs' as ProjectId;
  const trust = { id: 'their-trust' as CodeId, projectId: tp, parentId: null, name: 'Trust', color: '#123456', description: '', definition: '', inclusion: '', exclusion: '', examples: '', isCodable: true, order: 0 };
  const hope = { ...trust, id: 'their-hope' as CodeId, name: 'Hope', order: 1 };
  const seg = (id: string, documentId: string, codeId: CodeId, coderId: string, start: number, end: number) => ({
    id: id as SegmentId, projectId: tp, documentId: documentId as DocumentId, codeId, coderId: coderId as CoderId, start, end, createdAt: NOW,
  });
  return {
    project: { id: tp, name: 'Theirs', description: '', createdAt: NOW, modifiedAt: NOW },
    coders: [{ id: 'their-ana' as CoderId, name: 'ana', color: '#000000' }, { id: 'cy' as CoderId, name: 'Cy', color: '#111111' }],
    codes: [trust, hope],
    documents: [
      { id: 'x1' as DocumentId, projectId: tp, name: 'interview-1.txt', text: FIRST_TEXT, origin: 'txt', order: 0, createdAt: NOW, variables: {} },
      { id: 'x2' as DocumentId, projectId: tp, name: 'interview-2.txt', text: SECOND_TEXT, origin: 'txt', order: 1, createdAt: NOW, variables: {} },
    ],
    segments: [seg('t1', 'x1', trust.id, 'cy', 3, 9), seg('t2', 'x2', hope.id, 'cy', 0, 6), seg('t3', 'x1', trust.id, 'their-ana', 0, 5)],
    memos: [],
    sets: [],
  };
}

describe('teammate import', () => {
  it('plans against every coder on this computer, so a namesake of ours is named', async () => {
    const plan = await planTeammateImportInto(db, ws.projectId, teammateBundle());
    expect(plan.coders.map((c) => [c.theirs.name, c.sameAs?.name ?? null])).toEqual([['Cy', null], ['ana', 'Ana']]);
    expect(plan.newCodes.map((c) => c.name)).toEqual(['Hope']);
  });

  it('writes the codings under their coders and new codes in one undoable step, changing nothing else', async () => {
    await code(db, ws, ws.trust.id, ws.ana, 0, 5);
    const codesBefore = await listCodes(db, ws.projectId);
    const outcome = await applyTeammateImport(db, ws.projectId, teammateBundle(), new Map([['their-ana' as CoderId, ws.ana.id]]), 'Import coding from “theirs.qdpx”');
    // Ana's [0, 5) "Trust" is already ours: the teammate file's copy of it is not added twice.
    expect(outcome).toEqual({ codings: 2, newCodes: 1, newCoders: ['Cy'] });
    const segments = await listSegmentsOfProject(db, ws.projectId);
    const cy = (await db.coders.toArray()).find((c) => c.name === 'Cy')!;
    expect(segments.filter((s) => s.coderId === cy.id).map((s) => [s.documentId, s.start, s.end])).toEqual(
      expect.arrayContaining([[ws.documentId, 3, 9], [ws.secondDocumentId, 0, 6]]),
    );
    const codesAfter = await listCodes(db, ws.projectId);
    expect(codesAfter.filter((c) => !codesBefore.some((b) => b.id === c.id)).map((c) => c.name)).toEqual(['Hope']);
    expect(codesAfter.filter((c) => codesBefore.some((b) => b.id === c.id))).toEqual(codesBefore);

    expect(await undoLastAction(db, ws.projectId)).toBe('Import coding from “theirs.qdpx”');
    expect((await listSegmentsOfProject(db, ws.projectId)).map((s) => s.coderId)).toEqual([ws.ana.id]);
    expect(await listCodes(db, ws.projectId)).toEqual(codesBefore);
  });

  it('keeps a namesake apart when the researcher says it is someone else', async () => {
    const outcome = await applyTeammateImport(db, ws.projectId, teammateBundle(), new Map([['their-ana' as CoderId, null]]), 'Import');
    expect(outcome.newCoders).toEqual(['Cy', 'ana (imported)']);
    expect((await listSegmentsOfProject(db, ws.projectId)).some((s) => s.coderId === ws.ana.id)).toBe(false);
  });

  it('adds nothing the second time the same file is imported', async () => {
    const answers = new Map([['their-ana' as CoderId, ws.ana.id]]);
    await applyTeammateImport(db, ws.projectId, teammateBundle(), answers, 'Import');
    const before = await listSegmentsOfProject(db, ws.projectId);
    const cy = (await db.coders.toArray()).find((c) => c.name === 'Cy')!;
    const again = await applyTeammateImport(db, ws.projectId, teammateBundle(), new Map([...answers, ['cy' as CoderId, cy.id]]), 'Import');
    expect(again.codings).toBe(0);
    expect(await listSegmentsOfProject(db, ws.projectId)).toHaveLength(before.length);
  });
});
