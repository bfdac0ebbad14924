/**
 * Test fixtures for the repositories: a fresh MarginaliaDatabase (the real schema) on
 * fake-indexeddb under a unique name per test, and a small seeded workspace.
 *
 * `fake-indexeddb/auto` must be evaluated before Dexie reads the global `indexedDB`, so every
 * repository test imports this module before any repository.
 */
import 'fake-indexeddb/auto';
import type { Code, CodeId, Coder, DocumentId, Memo, MemoId, MemoTarget, ProjectId, Segment } from '../../../../shared/model/index.ts';
import { MarginaliaDatabase } from '../../../../renderer/db/database.ts';
import { createCode } from '../../../../renderer/db/codeRepository.ts';
import { createCoder } from '../../../../renderer/db/coderRepository.ts';
import { listDocuments } from '../../../../renderer/db/documentRepository.ts';
import { createProject } from '../../../../renderer/db/projectRepository.ts';
import { applyCode } from '../../../../renderer/db/segmentRepository.ts';

export function uniqueDatabaseName(): string {
  return `marginalia-test-${crypto.randomUUID()}`;
}

export function openTestDatabase(name = uniqueDatabaseName()): MarginaliaDatabase {
  return new MarginaliaDatabase(name);
}

/** 60 characters, so offsets up to 60 are valid. */
export const FIRST_TEXT = 'We met Ana at the centre. She said the rules changed in May.';
export const SECOND_TEXT = 'Second interview: nobody trusts the new outreach workers.';

export interface Workspace {
  projectId: ProjectId;
  documentId: DocumentId;
  secondDocumentId: DocumentId;
  /** The current coder. */
  ana: Coder;
  bea: Coder;
  trust: Code;
  fear: Code;
}

/** Two coders (Ana current), a project with two documents and two codes. */
export async function seedWorkspace(db: MarginaliaDatabase, projectName = 'Outreach study'): Promise<Workspace> {
  const bea = await createCoder(db, 'Bea', '#3cb44b');
  const ana = await createCoder(db, 'Ana', '#e6194b');
  const project = await createProject(db, projectName, {
    documents: [
      { name: 'Interview 1', text: FIRST_TEXT, origin: 'txt' },
      { name: 'Interview 2', text: SECOND_TEXT, origin: 'txt' },
    ],
  });
  const [first, second] = await listDocuments(db, project.id);
  const trust = await createCode(db, project.id, { name: 'Trust' });
  const fear = await createCode(db, project.id, { name: 'Fear' });
  return { projectId: project.id, documentId: first!.id, secondDocumentId: second!.id, ana, bea, trust, fear };
}

/** Applies `code` for `coder` to `[start, end)` of the workspace's first document (or `documentId`). */
export async function code(db: MarginaliaDatabase, ws: Workspace, codeId: CodeId, coder: Coder, start: number, end: number, documentId: DocumentId = ws.documentId): Promise<Segment> {
  return applyCode(db, { projectId: ws.projectId, documentId, codeId, coderId: coder.id, start, end });
}

/** Writes a memo row directly (memos have no repository under test here). */
export async function addMemo(db: MarginaliaDatabase, projectId: ProjectId, target: MemoTarget, title = 'Memo'): Promise<Memo> {
  const memo: Memo = {
    id: crypto.randomUUID() as MemoId,
    projectId,
    target,
    title,
    content: '',
    plainText: title,
    coderId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    modifiedAt: '2026-01-01T00:00:00.000Z',
  };
  await db.memos.add(memo);
  return memo;
}

/** Every row of the undoable tables, ordered by id: compare before and after an undo. */
export async function undoableRows(db: MarginaliaDatabase): Promise<{ codes: Code[]; segments: Segment[]; memos: Memo[] }> {
  return { codes: await db.codes.toArray(), segments: await db.segments.toArray(), memos: await db.memos.toArray() };
}

/** Segments as `[start, end]` pairs sorted by start, for compact expectations. */
export function spans(segments: readonly Segment[]): [number, number][] {
  return segments.map((s): [number, number] => [s.start, s.end]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
