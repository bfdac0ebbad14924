import { describe, expect, it } from 'vitest';
import { Document, Packer } from 'docx';
import { unzipSync } from 'fflate';
import { MEMO_NUMBERING, memoDocxParagraphs, memoMarkdown, memoPlainText, parseMemoContent } from '../../../../shared/memos/richText.ts';
import { RICH_CONTENT, RICH_PLAIN } from './fixtures.ts';

describe('parseMemoContent', () => {
  it('reads every node of the contract into blocks', () => {
    const blocks = parseMemoContent(RICH_CONTENT, RICH_PLAIN);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'quote', 'list', 'list', 'passage-quote']);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 2, runs: [{ kind: 'text', text: 'Why they distrust' }] });
    expect(blocks[1]).toMatchObject({ runs: [{ text: 'The nurses are ' }, { text: 'trusted', bold: true }, { text: ' but ' }, { text: 'not', italic: true }, { text: ' the ' }, { text: 'ministry', underline: true }, { text: '.' }, { kind: 'break' }, { text: 'See ' }, { text: 'the survey', link: 'https://example.org/survey' }, { text: '.' }] });
    expect(blocks[3]).toEqual({
      kind: 'list',
      ordered: true,
      items: [
        { runs: [{ kind: 'text', text: 'first point' }], lists: [{ kind: 'list', ordered: false, items: [{ runs: [{ kind: 'text', text: 'nested point' }], lists: [] }] }] },
        { runs: [{ kind: 'text', text: 'second point' }], lists: [] },
      ],
    });
    expect(blocks[5]).toEqual({ kind: 'passage-quote', documentId: 'd0000000-0000-4000-8000-000000000001', documentName: 'Interview 1', start: 27, end: 49, runs: [{ kind: 'text', text: 'my arm hurt for a week' }] });
  });

  it('falls back to the plain text for empty, invalid or rootless content', () => {
    const expected = [{ kind: 'paragraph', runs: [{ kind: 'text', text: 'One' }, { kind: 'break' }, { kind: 'text', text: 'two' }] }, { kind: 'paragraph', runs: [{ kind: 'text', text: 'Three' }] }];
    for (const content of ['', '{not json', '{"text":"x"}', '[]', '{"root":{"children":[]}}']) expect(parseMemoContent(content, 'One\r\ntwo\n\n\nThree')).toEqual(expected);
  });

  it('keeps the text of nodes it does not know', () => {
    const content = JSON.stringify({ root: { children: [{ type: 'table', children: [{ type: 'tablecell', children: [{ type: 'text', text: 'cell text', format: 0 }] }] }, { type: 'paragraph', children: [{ type: 'mention', children: [{ type: 'text', text: '@Ana' }] }, { type: 'text', text: 'x', format: 'bold?' }] }] } });
    expect(memoPlainText(parseMemoContent(content, ''))).toBe('cell text\n\n@Anax');
  });
});

describe('memoMarkdown', () => {
  it('writes headings, emphasis, links, quotes, nested lists and passage quotes', () => {
    expect(memoMarkdown(parseMemoContent(RICH_CONTENT, RICH_PLAIN))).toBe(
      [
        '## Why they distrust',
        'The nurses are **trusted** but *not* the <u>ministry</u>.  \nSee [the survey](https://example.org/survey).',
        '> Trust is earned.',
        '1. first point\n   - nested point\n2. second point',
        '- a bullet',
        '> “my arm hurt for a week” — Interview 1',
      ].join('\n\n'),
    );
  });

  it('escapes markup typed as text and shifts headings inside a report', () => {
    const content = JSON.stringify({ root: { children: [{ type: 'heading', tag: 'h1', children: [{ type: 'text', text: 'Deep' }] }, { type: 'paragraph', children: [{ type: 'text', text: '# not a heading *nor emphasis*', format: 0 }] }] } });
    expect(memoMarkdown(parseMemoContent(content, ''), { headingOffset: 3 })).toBe('#### Deep\n\n\\# not a heading \\*nor emphasis\\*');
  });
});

describe('memoDocxParagraphs', () => {
  it('writes Word heading styles, numbered and bulleted lists, italic quotes and hyperlinks', async () => {
    const document = new Document({ numbering: { config: [MEMO_NUMBERING] }, sections: [{ children: memoDocxParagraphs(parseMemoContent(RICH_CONTENT, RICH_PLAIN)) }] });
    const files = unzipSync(new Uint8Array(await Packer.toArrayBuffer(document)));
    const xml = new TextDecoder().decode(files['word/document.xml']);
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"[^>]*>.*?the survey/);
    const rels = new TextDecoder().decode(files['word/_rels/document.xml.rels']);
    expect(rels).toContain('https://example.org/survey');
    // One numPr per list item: two numbered, one nested bullet, one bullet.
    expect((xml.match(/<w:numPr>/g) ?? []).length).toBe(4);
    expect(xml).toMatch(/<w:p>(?:(?!<\/w:p>).)*<w:i\/>(?:(?!<\/w:p>).)*Trust is earned\./);
    expect(xml).toContain('— Interview 1');
    expect(new TextDecoder().decode(files['word/numbering.xml'])).toContain('w:val="decimal"');
  });
});
