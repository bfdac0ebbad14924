import { describe, expect, it } from 'vitest';
import type { Code, CodeId, CoderId, DocumentId, Memo, MemoId, MemoTarget, ProjectId, SegmentId } from '../../../../shared/model/index.ts';
import {
  describeAttachment,
  findHits,
  indexMemos,
  makeSnippet,
  normalizeForSearch,
  prepareSearch,
  queryMemos,
  searchableText,
  searchWords,
  type MemoLookups,
} from '../../../../shared/memos/query.ts';

const doc1 = 'd1' as DocumentId;
const doc2 = 'd2' as DocumentId;
const framing = 'c-framing' as CodeId;
const childProtection = 'c-child' as CodeId;
const trust = 'c-trust' as CodeId;
const seg1 = 's1' as SegmentId;
const seg2 = 's2' as SegmentId;
const ana = 'ana' as CoderId;
const ben = 'ben' as CoderId;

const codes: Pick<Code, 'id' | 'parentId' | 'name' | 'order'>[] = [
  { id: framing, parentId: null, name: 'Framing', order: 0 },
  { id: childProtection, parentId: framing, name: 'Child protection', order: 0 },
  { id: trust, parentId: null, name: 'Trust', order: 1 },
];

const lookups: MemoLookups = {
  documents: new Map([
    [doc1, { name: 'Interview 3' }],
    [doc2, { name: 'News report' }],
  ]),
  codes,
  segments: new Map([
    [seg1, { documentId: doc1, codeId: childProtection, start: 10, end: 20 }],
    [seg2, { documentId: doc2, codeId: trust, start: 0, end: 5 }],
  ]),
  coders: new Map([
    [ana, { name: 'Ana Ruiz' }],
    [ben, { name: 'Ben Okafor' }],
  ]),
};

function memo(id: string, target: MemoTarget, fields: Partial<Memo> = {}): Memo {
  return {
    id: id as MemoId,
    projectId: 'p' as ProjectId,
    target,
    title: '',
    content: '',
    plainText: '',
    coderId: ana,
    createdAt: '2026-01-01T10:00:00.000Z',
    modifiedAt: '2026-01-01T10:00:00.000Z',
    ...fields,
  };
}

const memos: Memo[] = [
  memo('m-project', { kind: 'project' }, { title: 'Research questions', plainText: 'What counts as policing?', createdAt: '2026-01-01T09:00:00.000Z', modifiedAt: '2026-01-05T09:00:00.000Z' }),
  memo('m-doc', { kind: 'document', id: doc1 }, { title: 'Interview context', plainText: 'Recorded in a café in Oakland.', coderId: ben, createdAt: '2026-01-02T09:00:00.000Z', modifiedAt: '2026-01-02T09:00:00.000Z' }),
  memo('m-code', { kind: 'code', id: childProtection }, { title: 'When to use', plainText: 'Protection of minors, not of adults.', createdAt: '2026-01-03T09:00:00.000Z', modifiedAt: '2026-01-04T09:00:00.000Z' }),
  memo('m-seg', { kind: 'segment', id: seg1 }, { title: 'Strong claim', plainText: 'The speaker frames policing as protection.', coderId: ben, createdAt: '2026-01-04T09:00:00.000Z', modifiedAt: '2026-01-06T09:00:00.000Z' }),
  memo('m-passage', { kind: 'passage', id: doc2, start: 3, end: 9 }, { title: 'Odd wording', plainText: 'Check the source.', coderId: null, createdAt: '2026-01-05T09:00:00.000Z', modifiedAt: '2026-01-03T09:00:00.000Z' }),
  memo('m-seg-trust', { kind: 'segment', id: seg2 }, { title: 'Trust and doubt', plainText: 'Doubt about the police.', createdAt: '2026-01-06T09:00:00.000Z', modifiedAt: '2026-01-01T09:00:00.000Z' }),
];

const ids = (entries: readonly { memo: Memo }[]) => entries.map((entry) => entry.memo.id);

describe('describeAttachment', () => {
  it('names the project, a document, a code by its path, a coding and a passage', () => {
    expect(describeAttachment({ kind: 'project' }, lookups)).toBe('Project');
    expect(describeAttachment({ kind: 'document', id: doc1 }, lookups)).toBe('Document: Interview 3');
    expect(describeAttachment({ kind: 'code', id: childProtection }, lookups)).toBe('Code: Framing › Child protection');
    expect(describeAttachment({ kind: 'segment', id: seg1 }, lookups)).toBe('Coding of Child protection in Interview 3');
    expect(describeAttachment({ kind: 'passage', id: doc2, start: 3, end: 9 }, lookups)).toBe('Passage in News report');
  });

  it('says so when the thing a memo is attached to is gone', () => {
    expect(describeAttachment({ kind: 'document', id: 'gone' as DocumentId }, lookups)).toBe('Document: (deleted document)');
    expect(describeAttachment({ kind: 'code', id: 'gone' as CodeId }, lookups)).toBe('Code: (deleted code)');
    expect(describeAttachment({ kind: 'segment', id: 'gone' as SegmentId }, lookups)).toBe('Coding (deleted)');
  });
});

describe('indexMemos', () => {
  it('labels each memo and names its author, or says the author is unknown', () => {
    const index = indexMemos(memos, lookups);
    expect(index.entries.map((e) => [e.attachment, e.author])).toEqual([
      ['Project', 'Ana Ruiz'],
      ['Document: Interview 3', 'Ben Okafor'],
      ['Code: Framing › Child protection', 'Ana Ruiz'],
      ['Coding of Child protection in Interview 3', 'Ben Okafor'],
      ['Passage in News report', 'Unknown author'],
      ['Coding of Trust in News report', 'Ana Ruiz'],
    ]);
  });

  it('reuses the normalised text of unchanged memos and recomputes a changed one', () => {
    const first = indexMemos(memos, lookups);
    expect(prepareSearch(first, 0, 100)).toBe(memos.length);
    const changed = memos.map((m) => (m.id === 'm-doc' ? { ...m, plainText: 'Now in a Bar' } : { ...m }));
    const second = indexMemos(changed, lookups, first);
    expect(second.entries[0]!.searchable).toBe(first.entries[0]!.searchable);
    expect(second.entries[1]!.searchable).toBeUndefined();
    expect(searchableText(second.entries[1]!)).toEqual({ title: 'interview context', text: 'now in a bar' });
    expect(ids(queryMemos(second, { search: 'bar' }))).toEqual(['m-doc']);
  });

  it('prepares the search a slice at a time', () => {
    const index = indexMemos(memos, lookups);
    expect(prepareSearch(index, 0, 4)).toBe(4);
    expect(index.entries.map((e) => e.searchable !== undefined)).toEqual([true, true, true, true, false, false]);
    expect(prepareSearch(index, 4, 4)).toBe(6);
    expect(index.entries[4]!.searchable).toEqual({ title: 'odd wording', text: 'check the source.' });
  });
});

describe('normalizeForSearch and searchWords', () => {
  it('lower-cases and strips accents', () => {
    expect(normalizeForSearch('Café ÉTÉ Ñandú')).toBe('cafe ete nandu');
    expect(normalizeForSearch('plain ASCII')).toBe('plain ascii');
  });

  it('splits a query into normalised words and ignores blanks', () => {
    expect(searchWords('  Trust  ÉLAN ')).toEqual(['trust', 'elan']);
    expect(searchWords('   ')).toEqual([]);
  });
});

describe('queryMemos', () => {
  const index = indexMemos(memos, lookups);

  it('shows every memo, most recently modified first, for an empty query', () => {
    expect(ids(queryMemos(index, {}, codes))).toEqual(['m-seg', 'm-project', 'm-code', 'm-passage', 'm-doc', 'm-seg-trust']);
  });

  it('filters by kinds', () => {
    expect(ids(queryMemos(index, { kinds: ['segment', 'passage'] }, codes))).toEqual(['m-seg', 'm-passage', 'm-seg-trust']);
  });

  it('filters by authors, null standing for memos without one', () => {
    expect(ids(queryMemos(index, { authors: [ben] }, codes))).toEqual(['m-seg', 'm-doc']);
    expect(ids(queryMemos(index, { authors: [null] }, codes))).toEqual(['m-passage']);
  });

  it('filters by code: memos on the code and on its codings, with sub-codes when asked', () => {
    expect(ids(queryMemos(index, { codeId: childProtection }, codes))).toEqual(['m-seg', 'm-code']);
    expect(ids(queryMemos(index, { codeId: framing }, codes))).toEqual([]);
    expect(ids(queryMemos(index, { codeId: framing, includeSubCodes: true }, codes))).toEqual(['m-seg', 'm-code']);
    expect(ids(queryMemos(index, { codeId: trust }, codes))).toEqual(['m-seg-trust']);
  });

  it('finds memos where every word occurs in the title or the text, ignoring case and accents', () => {
    expect(ids(queryMemos(index, { search: 'polic' }, codes))).toEqual(['m-seg', 'm-project', 'm-seg-trust']);
    expect(ids(queryMemos(index, { search: 'POLICING protection' }, codes))).toEqual(['m-seg']);
    expect(ids(queryMemos(index, { search: 'cafe interview' }, codes))).toEqual(['m-doc']);
    expect(ids(queryMemos(index, { search: 'cafe nowhere' }, codes))).toEqual([]);
  });

  it('combines filters and search', () => {
    expect(ids(queryMemos(index, { kinds: ['segment'], search: 'police' }, codes))).toEqual(['m-seg-trust']);
  });

  it('sorts by each column in both directions', () => {
    const sorted = (key: 'title' | 'attachment' | 'author' | 'created' | 'modified', direction: 'asc' | 'desc') => ids(queryMemos(index, { sort: { key, direction } }, codes));
    expect(sorted('title', 'asc')).toEqual(['m-doc', 'm-passage', 'm-project', 'm-seg', 'm-seg-trust', 'm-code']);
    expect(sorted('title', 'desc')).toEqual(['m-code', 'm-seg-trust', 'm-seg', 'm-project', 'm-passage', 'm-doc']);
    expect(sorted('created', 'asc')).toEqual(['m-project', 'm-doc', 'm-code', 'm-seg', 'm-passage', 'm-seg-trust']);
    expect(sorted('modified', 'asc')).toEqual(['m-seg-trust', 'm-doc', 'm-passage', 'm-code', 'm-project', 'm-seg']);
    expect(sorted('attachment', 'asc')).toEqual(['m-code', 'm-seg', 'm-seg-trust', 'm-doc', 'm-passage', 'm-project']);
    // Ties (two memos by Ana, two by Ben) fall back to the newest modified first.
    expect(sorted('author', 'asc')).toEqual(['m-project', 'm-code', 'm-seg-trust', 'm-seg', 'm-doc', 'm-passage']);
  });
});

describe('findHits', () => {
  it('finds every occurrence of every word, case-insensitively', () => {
    expect(findHits('Trust, distrust and TRUST', ['trust'])).toEqual([
      { start: 0, end: 5 },
      { start: 10, end: 15 },
      { start: 20, end: 25 },
    ]);
  });

  it('maps accent-insensitive hits back to the original letters, accents included', () => {
    // 'Café' precomposed (é = U+00E9) and decomposed (e + U+0301).
    expect(findHits('Un café', ['cafe'])).toEqual([{ start: 3, end: 7 }]);
    expect(findHits('Un cafe\u0301 noir', ['cafe'])).toEqual([{ start: 3, end: 8 }]);
    expect(findHits('ÉTÉ', ['ete'])).toEqual([{ start: 0, end: 3 }]);
  });

  it('counts positions in UTF-16 units past emoji', () => {
    // 🙂 is two UTF-16 units; 👩‍🔬 is five (two pairs and a zero-width joiner).
    expect(findHits('🙂 Café', ['cafe'])).toEqual([{ start: 3, end: 7 }]);
    expect(findHits('👩‍🔬 la policía', ['policia'])).toEqual([{ start: 9, end: 16 }]);
  });

  it('merges overlapping hits of different words', () => {
    expect(findHits('policing', ['polic', 'licing'])).toEqual([{ start: 0, end: 8 }]);
  });

  it('finds nothing for no words', () => {
    expect(findHits('anything', [])).toEqual([]);
  });
});

describe('makeSnippet', () => {
  it('starts at the beginning when the first hit is near it, and collapses whitespace', () => {
    expect(makeSnippet('First line.\n\nSecond   line.', ['second'])).toEqual({ text: 'First line. Second line.', hits: [{ start: 12, end: 18 }] });
  });

  it('starts a little before a far hit, at a word boundary, and marks where text was left out', () => {
    const text = `${'word '.repeat(40)}the café scene and more ${'tail '.repeat(60)}`;
    const snippet = makeSnippet(text, ['cafe'], 60);
    expect(snippet.text.startsWith('…word')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(62);
    expect(snippet.hits).toHaveLength(1);
    const [hit] = snippet.hits;
    expect(snippet.text.slice(hit!.start, hit!.end)).toBe('café');
  });

  it('places hits after emoji in the snippet at the right UTF-16 positions', () => {
    const snippet = makeSnippet('🙂 Café 👩‍🔬 et CAFÉ', ['cafe']);
    expect(snippet).toEqual({ text: '🙂 Café 👩‍🔬 et CAFÉ', hits: [{ start: 3, end: 7 }, { start: 17, end: 21 }] });
  });

  it('never cuts a surrogate pair at its end', () => {
    const snippet = makeSnippet('abc🙂def', [], 4);
    expect(snippet.text).toBe('abc🙂…');
  });

  it('is the plain start of the text without a search', () => {
    expect(makeSnippet('Short memo.', [])).toEqual({ text: 'Short memo.', hits: [] });
  });
});
