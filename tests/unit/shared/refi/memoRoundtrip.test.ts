/**
 * Memos through a .qdpx and back: every kind of target (a passage nobody coded included), several
 * memos on one thing, rich content from marginalia.json, authors and dates; the export validated
 * with xmllint against Project.xsd, and the passage's XML read here by regular expressions.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentId, Memo, MemoId, MemoTarget } from '../../../../shared/model/index.ts';
import { findBundleProblem, readQdpx, writeQdpx, writeProjectXml } from '../../../../shared/refi/index.ts';
import { PROJECT_ID, qdeOf, smallBundle, xmllint } from './helpers.ts';

const bundle = smallBundle();
const doc = bundle.documents[0]!;
// 'It is poison 😡 they said.\n…': "they said" starts after the emoji, two UTF-16 units but one code point.
const start = doc.text.indexOf('they said');
const end = start + 'they said'.length;
const passage: MemoTarget = { kind: 'passage', id: doc.id, start, end };
const rich = (text: string) => JSON.stringify({ root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text, format: 1 }] }] } });
let n = 10;
const memo = (target: MemoTarget, title: string, plainText: string, coder: number | null, created: string, modified: string): Memo => ({
  id: `f0000000-0000-4000-8000-0000000000${n++}` as MemoId,
  projectId: PROJECT_ID,
  target,
  title,
  content: rich(plainText),
  plainText,
  coderId: coder === null ? null : bundle.coders[coder]!.id,
  createdAt: created,
  modifiedAt: modified,
});
const memos: Memo[] = [
  ...bundle.memos,
  memo(passage, 'Who is “they”?', 'Ask in the second interview.', 0, '2026-03-03T08:00:00.000Z', '2026-03-04T09:30:00.000Z'),
  memo(passage, 'Second thought', 'Maybe the nurses.', 1, '2026-03-05T08:00:00.000Z', '2026-03-05T08:10:00.000Z'),
  memo({ kind: 'code', id: bundle.codes[1]!.id }, 'Scope, again', 'Also rumours.', null, '2026-03-06T08:00:00.000Z', '2026-03-06T08:00:00.000Z'),
  memo({ kind: 'segment', id: bundle.segments[0]!.id }, 'Second on the segment', 'Tone: angry.', 1, '2026-03-07T08:00:00.000Z', '2026-03-07T08:00:00.000Z'),
  memo({ kind: 'project' }, 'Journal', 'Day 2.', 0, '2026-03-08T08:00:00.000Z', '2026-03-08T08:00:00.000Z'),
];
const withMemos = { ...bundle, memos };

describe('memos in a .qdpx', () => {
  it('writes a passage memo as a PlainTextSelection with NoteRefs and no Coding, in code points, valid against Project.xsd', () => {
    const xml = writeProjectXml(withMemos);
    expect(xmllint(xml, 'Project.xsd')).toMatchObject({ valid: true });
    const selections = [...xml.matchAll(/<PlainTextSelection [^>]*>(.*?)<\/PlainTextSelection>/g)];
    const comment = selections.filter((m) => !m[1]!.includes('<Coding'));
    expect(comment).toHaveLength(1);
    // One code point for the emoji: the UTF-16 offsets minus one.
    expect(comment[0]![0]).toContain(`startPosition="${start - 1}" endPosition="${end - 1}"`);
    expect(comment[0]![0]).toContain('name="they said"');
    expect([...comment[0]![1]!.matchAll(/<NoteRef targetGUID="([^"]+)"\/>/g)].map((m) => m[1])).toEqual([memos[4]!.id, memos[5]!.id]);
  });

  it('reads every memo back on the same thing, with its title, text, formatting, author and dates', () => {
    const bytes = writeQdpx(withMemos);
    expect(xmllint(qdeOf(bytes), 'Project.xsd')).toMatchObject({ valid: true });
    const back = readQdpx(bytes, { projectId: PROJECT_ID }).bundle;
    const key = (m: Memo) => [m.id, m.title, m.plainText.replace(/\r\n/g, '\n'), m.content, m.coderId, m.createdAt, m.modifiedAt, JSON.stringify(m.target)];
    expect(back.memos.map(key).sort()).toEqual(memos.map(key).sort());
    expect(back.memos.filter((m) => m.target.kind === 'passage')).toHaveLength(2);
    expect(back.segments).toHaveLength(bundle.segments.length);
  });

  it('refuses a passage memo that lies outside its document', () => {
    const outside = { ...withMemos, memos: [memo({ kind: 'passage', id: doc.id, start: 3, end: doc.text.length + 1 }, 'Too far', 'x', 0, '2026-03-03T08:00:00.000Z', '2026-03-03T08:00:00.000Z')] };
    expect(findBundleProblem(outside)).toBe(`The memo “Too far” is attached to a passage of “Interview 1” that lies outside its text or covers none ([3, ${doc.text.length + 1})).`);
    const nowhere = { ...withMemos, memos: [memo({ kind: 'passage', id: 'd0000000-0000-4000-8000-00000000dead' as DocumentId, start: 0, end: 1 }, 'Lost', 'x', 0, '2026-03-03T08:00:00.000Z', '2026-03-03T08:00:00.000Z')] };
    expect(findBundleProblem(nowhere)).toBe('The memo “Lost” is attached to a passage that the project does not contain.');
  });
});
