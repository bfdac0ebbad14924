import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { Memo, MemoId, MemoTarget, ProjectBundle } from '../../../../shared/model/index.ts';
import { describeMemoTargets, memoRecords, memoReportDocx, memoReportMarkdown } from '../../../../shared/memos/report.ts';
import { smallBundle } from '../refi/helpers.ts';
import { RICH_CONTENT, RICH_PLAIN } from './fixtures.ts';

const base = smallBundle();
const doc = base.documents[0]!;
let n = 50;
const memo = (target: MemoTarget, title: string, plainText: string, created: string, content = ''): Memo => ({
  id: `f0000000-0000-4000-8000-0000000000${n++}` as MemoId,
  projectId: base.project.id,
  target,
  title,
  content,
  plainText,
  coderId: base.coders[1]!.id,
  createdAt: created,
  modifiedAt: '2026-04-01T12:30:00.000Z',
});
const passageStart = doc.text.indexOf('they said');
const bundle: ProjectBundle = {
  ...base,
  memos: [
    ...base.memos,
    memo({ kind: 'passage', id: doc.id, start: passageStart, end: passageStart + 9 }, 'Who are they?', 'Ask.', '2026-03-02T08:00:00.000Z'),
    memo({ kind: 'document', id: doc.id }, 'Rich one', RICH_PLAIN, '2026-03-03T08:00:00.000Z', RICH_CONTENT),
  ],
};

describe('memoReportMarkdown', () => {
  const md = memoReportMarkdown(bundle, { date: '2026-05-01' });

  it('groups memos: project, then each document (its memos, then its passages by position), then codes', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Memos: Vaccine talk \\<pilot\\>',
      '## Project',
      '### Plan',
      '## Documents',
      '### Interview 1',
      '#### About interview 1',
      '#### Rich one',
      '###### Why they distrust', // the memo's h2, below its level-4 title
      '#### Strong word',
      '#### Who are they?',
      '## Codes',
      '### Risk › Vaccine harms',
      '#### Scope',
    ]);
    expect(md).toContain('6 memos. Exported from Marginalia on 2026-05-01.');
  });

  it('quotes each passage with its code, and gives author and dates', () => {
    expect(md).toContain('#### Strong word\n\n*Ana · created 2026-03-01 09:00*\n\n> “It is poison 😡”\n\nOn a passage coded *Risk › Vaccine harms*.');
    expect(md).toContain('#### Who are they?\n\n*Ben “B” \\<Smith\\> & co · created 2026-03-02 08:00 · modified 2026-04-01 12:30*\n\n> “they said”\n\nOn an uncoded passage.\n\nAsk.');
    expect(md).toContain('The nurses are **trusted** but *not*');
    expect(md).toContain('1. first point\n   - nested point');
  });

  it('says so when there are no memos', () => {
    expect(memoReportMarkdown({ ...bundle, memos: [] }, { date: '2026-05-01' })).toBe('# Memos: Vaccine talk \\<pilot\\>\n\nThis project has no memos yet.\n\nExported from Marginalia on 2026-05-01.\n');
  });
});

describe('memoReportDocx', () => {
  const textOf = async (b: ProjectBundle) => {
    const xml = new TextDecoder().decode(unzipSync(await memoReportDocx(b, { date: '2026-05-01' }))['word/document.xml']);
    return { xml, text: [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('') };
  };

  it('holds every memo title, text, passage, document and code, with Word headings', async () => {
    const { xml, text } = await textOf(bundle);
    for (const needle of ['Memos: Vaccine talk &lt;pilot&gt;', 'Project', 'Plan', 'Read everything twice.', 'Interview 1', 'About interview 1', 'Strong word', '“It is poison 😡”', 'On a passage coded Risk › Vaccine harms', 'Who are they?', '“they said”', 'Scope', 'Keep narrow.', 'Why they distrust', 'Trust is earned.']) expect(text).toContain(needle);
    expect(text.indexOf('Plan')).toBeLessThan(text.indexOf('About interview 1'));
    expect(text.indexOf('Strong word')).toBeLessThan(text.indexOf('Who are they?'));
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
  });

  it('says so when there are no memos', async () => {
    expect((await textOf({ ...bundle, memos: [] })).text).toContain('This project has no memos yet.');
  });
});

describe('memoRecords', () => {
  it('gives offsets in code points when asked', () => {
    // 'It is poison 😡 they said.': the emoji is two UTF-16 units, one code point.
    expect(memoRecords(bundle, { offsets: 'codePoints' }).find((r) => r.title === 'Who are they?')!.target).toMatchObject({ start: passageStart - 1, end: passageStart + 8 });
  });

  it('spells out what each memo is attached to', () => {
    const records = memoRecords(bundle);
    expect(records.map((r) => r.title)).toEqual(['Plan', 'About interview 1', 'Rich one', 'Strong word', 'Who are they?', 'Scope']);
    expect(records.find((r) => r.title === 'Strong word')!.target).toEqual({ kind: 'segment', document: 'Interview 1', code: 'Risk › Vaccine harms', passage: 'It is poison 😡', start: 0, end: 15 });
    expect(records.find((r) => r.title === 'Who are they?')).toMatchObject({ author: 'Ben “B” <Smith> & co', target: { kind: 'passage', document: 'Interview 1', passage: 'they said', start: passageStart, end: passageStart + 9 }, plainText: 'Ask.' });
  });
});

describe('describeMemoTargets', () => {
  it('counts memos by what they are on', () => {
    expect(describeMemoTargets(bundle.memos)).toBe('6 memos: 1 on the project, 2 on documents, 1 on a code, 1 on a coded passage, 1 on an uncoded passage.');
    expect(describeMemoTargets([])).toBe('');
  });
});
