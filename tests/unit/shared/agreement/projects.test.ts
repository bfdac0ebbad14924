import { describe, expect, it } from 'vitest';
import type { Code, CodeId, Coder, CoderId, Document, DocumentId, ProjectBundle, ProjectId, Segment, SegmentId } from '../../../../shared/model/index.ts';
import { ComparisonError, codebookOrder, codePaths, compareCoders, compareProjects } from '../../../../shared/agreement/index.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const PROJECT = 'p' as ProjectId;

function makeCode(id: string, name: string, parentId: string | null = null): Code {
  return {
    id: id as CodeId, projectId: PROJECT, parentId: parentId as CodeId | null, name, color: '#336699', description: '', definition: '',
    inclusion: '', exclusion: '', examples: '', isCodable: true, order: 0,
  };
}
function makeDocument(id: string, name: string, text: string): Document {
  return { id: id as DocumentId, projectId: PROJECT, name, text, origin: 'qdpx', order: 0, createdAt: NOW, variables: {} };
}
function makeCoder(id: string, name: string): Coder {
  return { id: id as CoderId, name, color: '#000000' };
}
let nextSegment = 0;
function makeSegment(documentId: string, codeId: string, coderId: string, start: number, end: number): Segment {
  return {
    id: `s${nextSegment++}` as SegmentId, projectId: PROJECT, documentId: documentId as DocumentId, codeId: codeId as CodeId,
    coderId: coderId as CoderId, start, end, createdAt: NOW,
  };
}
function makeBundle(name: string, parts: Partial<ProjectBundle>): ProjectBundle {
  return {
    project: { id: PROJECT, name, description: '', createdAt: NOW, modifiedAt: NOW },
    coders: [], codes: [], documents: [], segments: [], memos: [], sets: [], ...parts,
  };
}

const T1 = 'x'.repeat(100);
const T2 = 'y'.repeat(50);
const T2_EDITED = 'y'.repeat(60);

describe('codePaths', () => {
  it('joins names from the top-level code down', () => {
    const paths = codePaths([makeCode('h', 'Harm'), makeCode('p', 'Physical', 'h')]);
    expect(paths.get('p' as CodeId)).toBe('Harm / Physical');
  });
});

describe('compareProjects', () => {
  const ann = makeBundle('ann', {
    coders: [makeCoder('u-ann', 'Ann')],
    codes: [makeCode('g-harm', 'Harm'), makeCode('a-phys', 'Physical', 'g-harm'), makeCode('a-extra', 'Extra')],
    documents: [makeDocument('a1', 'Interview 1', T1), makeDocument('a2', 'Interview 2', T2)],
    segments: [makeSegment('a1', 'g-harm', 'u-ann', 0, 10), makeSegment('a1', 'a-phys', 'u-ann', 20, 30)],
  });
  const bob = makeBundle('bob', {
    coders: [makeCoder('u-bob', 'Bob')],
    codes: [makeCode('g-harm', 'Harm'), makeCode('b-phys', 'Physical', 'g-harm'), makeCode('b-other', 'Other')],
    documents: [makeDocument('b1', 'renamed', T1), makeDocument('b2', 'Interview 2', T2_EDITED), makeDocument('b3', 'Only B', 'z')],
    segments: [
      makeSegment('b1', 'g-harm', 'u-bob', 0, 10), makeSegment('b1', 'b-phys', 'u-bob', 20, 25),
      makeSegment('b3', 'g-harm', 'u-bob', 0, 1), makeSegment('b1', 'b-other', 'u-bob', 0, 5),
    ],
  });
  const comparison = compareProjects(ann, bob, { units: ['characters'] });
  const characters = comparison.report.byUnit.characters!;

  it('matches documents by text, then by name, and codes by GUID, then by name path', () => {
    expect(comparison.documents.map((d) => d.name)).toEqual(['Interview 1', 'Interview 2']);
    expect(comparison.codes.map((c) => c.path)).toEqual(['Harm', 'Harm / Physical']);
    expect(comparison.coders.map((c) => c.name)).toEqual(['ann', 'bob']);
  });

  it('lists what only one side has, and warns about a document matched by name with a different text', () => {
    expect(comparison.unmatched.documents).toEqual(['Only B (only in bob)']);
    expect(comparison.unmatched.codes).toEqual(['Extra (only in ann)', 'Other (only in bob)']);
    expect(comparison.warnings.join(' ')).toMatch(/Interview 2.*matched by name only/);
  });

  it('Harm: both coded [0,10) of 160 compared characters (100 + max(50, 60)) → Po 1, κ 1', () => {
    const harm = characters.byCode[0]!;
    expect(harm.units).toBe(160);
    expect(harm.cohenKappa.value).toBeCloseTo(1, 12);
  });

  it('Physical (matched by path): ann 10, bob 5, both 5 → Po 155/160; Pe = (10·5 + 150·155)/160² → κ = 1500/2300 = 15/23', () => {
    const physical = characters.byCode[1]!;
    expect(physical.percentAgreement.value).toBeCloseTo(155 / 160, 12);
    expect(physical.cohenKappa.value).toBeCloseTo(15 / 23, 12);
    expect(physical.segments).toEqual({ 'coder-a': 1, 'coder-b': 1 });
  });
});

describe('compareCoders', () => {
  const bundle = makeBundle('team', {
    coders: [makeCoder('u1', 'Ann'), makeCoder('u2', 'Bob'), makeCoder('u3', 'Cat')],
    codes: [makeCode('c', 'Harm')],
    documents: [makeDocument('d', 'Interview', T1)],
    segments: [makeSegment('d', 'c', 'u1', 0, 10), makeSegment('d', 'c', 'u2', 0, 10), makeSegment('d', 'c', 'u3', 50, 60)],
  });

  it('compares the named coders (names match case-insensitively as a fallback) and leaves the others out', () => {
    const comparison = compareCoders(bundle, ['Ann', 'bob'], { units: ['characters'] });
    expect(comparison.coders.map((c) => c.name)).toEqual(['Ann', 'Bob']);
    expect(comparison.report.byUnit.characters!.pooled.cohenKappa.value).toBeCloseTo(1, 12);
    expect(comparison.warnings).toEqual(['Codings by 1 other user(s) of the project are left out.']);
  });

  it('takes three coders', () => {
    const comparison = compareCoders(bundle, ['Ann', 'Bob', 'Cat']);
    expect(comparison.report.coders).toHaveLength(3);
    expect(comparison.report.byUnit.characters!.pooled.cohenKappa.value).toBeNull();
    expect(comparison.report.byUnit.characters!.pooled.fleissKappa.value).not.toBeNull();
  });

  it('refuses an unknown coder, naming the coders there are, and fewer than two', () => {
    expect(() => compareCoders(bundle, ['Ann', 'Zed'])).toThrow(ComparisonError);
    expect(() => compareCoders(bundle, ['Ann', 'Zed'])).toThrow('No coder named "Zed" in the project; its coders are: Ann, Bob, Cat.');
    expect(() => compareCoders(bundle, ['Ann'])).toThrow(/at least two coders/);
    expect(() => compareCoders(bundle, ['Ann', 'Ann'])).toThrow(/only once/);
  });
});

describe('codebookOrder', () => {
  it('walks the tree depth-first, siblings by order then name', () => {
    const other = { ...makeCode('o', 'Other'), order: 2 };
    const harm = { ...makeCode('h', 'Harm'), order: 1 };
    const physical = makeCode('p', 'Physical', 'h');
    const emotional = makeCode('e', 'Emotional', 'h');
    expect(codebookOrder([other, physical, harm, emotional]).map((c) => c.name)).toEqual(['Harm', 'Emotional', 'Physical', 'Other']);
  });
});
