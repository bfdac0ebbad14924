/**
 * The exchange benchmark's project: 500 documents, 50 MB of text with accents, emoji and line
 * breaks, 200,000 codings by 3 coders on a 200-code tree, generated from a seed. Pure (no Node),
 * so the benchmark can build the same project inside Chromium too.
 */
import type { Code, CodeId, Coder, CoderId, Document, DocumentId, Memo, MemoId, ProjectBundle, ProjectId, Segment, SegmentId } from '../../shared/model/index.ts';
import { createRandom } from '../../shared/agreement/prng.ts';

const DOCUMENTS = 500;
const CHARS_PER_DOCUMENT = 100_000;
const CODINGS = 200_000;
const CODES = 200;

function guid(next: () => number): string {
  const hex = () => Math.floor(next() * 0x10000).toString(16).padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
}

const WORDS = ['the', 'participant', 'said', 'school', 'vaccine', 'we', 'were', 'afraid', 'naïve', 'Ünïcödé', 'garçon', 'interview', 'because', 'mother', 'doctor', 'never', 'trust', 'news', 'family', '😀', '😡', '🙏🏽', 'really', 'köszönöm', 'and', 'but', 'think', 'maybe', 'öt', 'ő'];

/** The generated project. Deterministic for a seed. */
export function generateProject(seed = 42): ProjectBundle {
  const next = createRandom(seed);
  const projectId = guid(next) as ProjectId;
  const created = '2026-01-15T10:00:00.000Z';
  const coders: Coder[] = ['Ana', 'Ben', 'Chloé'].map((name, i) => ({ id: guid(next) as CoderId, name, color: ['#4e79a7', '#f28e2b', '#e15759'][i]! }));
  const codes: Code[] = [];
  for (let i = 0; i < CODES; i++) {
    const parentId = i < 10 ? null : codes[Math.floor(next() * Math.min(i, 60))]!.id;
    codes.push({ id: guid(next) as CodeId, projectId, parentId, name: `Code ${i} – ${WORDS[i % WORDS.length]}`, color: '#59a14f', description: `What code ${i} captures.`, definition: i % 3 ? `Definition ${i}` : '', inclusion: '', exclusion: '', examples: '', isCodable: i >= 10, order: i });
  }
  const codable = codes.filter((c) => c.isCodable);
  const documents: Document[] = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const parts: string[] = [];
    let length = 0;
    while (length < CHARS_PER_DOCUMENT) {
      const word = WORDS[Math.floor(next() * WORDS.length)]!;
      const separator = next() < 0.02 ? '\n' : ' ';
      parts.push(word, separator);
      length += word.length + 1;
    }
    documents.push({ id: guid(next) as DocumentId, projectId, name: `Interview ${d + 1}`, text: parts.join(''), origin: 'txt', order: d, createdAt: created, variables: { group: d % 2 ? 'A' : 'B' } });
  }
  const segments: Segment[] = [];
  const perDocument = CODINGS / DOCUMENTS;
  for (const document of documents) {
    const text = document.text;
    for (let i = 0; i < perDocument; i++) {
      let start = Math.floor(next() * (text.length - 500));
      let end = start + 20 + Math.floor(next() * 400);
      // Never split an emoji: offsets sit on code point boundaries, as the editor makes them.
      if ((text.charCodeAt(start) & 0xfc00) === 0xdc00) start--;
      if ((text.charCodeAt(end) & 0xfc00) === 0xdc00) end++;
      segments.push({ id: guid(next) as SegmentId, projectId, documentId: document.id, codeId: codable[Math.floor(next() * codable.length)]!.id, coderId: coders[i % 3]!.id, start, end, createdAt: created });
    }
  }
  const memos: Memo[] = segments.slice(0, 100).map((segment, i) => ({ id: guid(next) as MemoId, projectId, target: { kind: 'segment', id: segment.id }, title: `Memo ${i}`, content: '', plainText: `Thoughts on passage ${i}.`, coderId: coders[0]!.id, createdAt: created, modifiedAt: created }));
  return { project: { id: projectId, name: 'Bench project', description: '', createdAt: created, modifiedAt: created }, coders, codes, documents, segments, memos, sets: [] };
}
