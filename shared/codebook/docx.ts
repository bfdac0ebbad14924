/**
 * The codebook as a Word document a research team can print, circulate and cite: a title page
 * block, an overview table of the whole tree (number, code, type, codings, documents, colour
 * swatch), then one section per code in tree order with its description, definition, inclusion
 * and exclusion criteria, anchor examples, passages actually coded with it, quoted with
 * their document's name, and the memos written on it (title, author, formatted text). Heading levels follow the tree (Word's Heading 1–6, so the navigation
 * pane and a generated table of contents work). Written with the `docx` package; returns bytes.
 */
import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { anchorQuotes, DEFAULT_QUOTES_PER_CODE, quotedLine, type QuotesPerCode } from './anchors.ts';
import { codeMemos, codeUsage, exampleLines, walkCodeTree, type CodebookData } from './tree.ts';
import { MEMO_NUMBERING, memoDocxParagraphs, parseMemoContent } from '../memos/richText.ts';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

/** Runs for a multi-line text, line breaks kept. */
function lines(text: string, style: { italics?: boolean; bold?: boolean; color?: string } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i === 0 ? 0 : 1, ...style }));
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function hex(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color.slice(1).toUpperCase() : '888888';
}

function headerCell(text: string, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' },
    children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })],
  });
}

function cell(children: Paragraph[], width: number, fill?: string): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, ...(fill ? { shading: { type: ShadingType.CLEAR, fill, color: 'auto' } } : {}), children });
}

export interface CodebookDocxOptions {
  /** Date shown under the title, e.g. `2026-11-21`; default today. */
  readonly date?: string;
  /** Passages quoted per code: a number (0 for none) or `'all'`; default 3. */
  readonly quotesPerCode?: QuotesPerCode;
}

/**
 * Writes the codebook as a .docx.
 *
 * @example
 * const bytes = await writeCodebookDocx(codebookFromBundle(bundle));
 * await host.saveFile('codebook.docx', bytes);
 */
export async function writeCodebookDocx(data: CodebookData, options: CodebookDocxOptions = {}): Promise<Uint8Array> {
  const usage = codeUsage(data.segments);
  const quotes = anchorQuotes(data.segments, data.documents, options.quotesPerCode ?? DEFAULT_QUOTES_PER_CODE);
  const entries = walkCodeTree(data.codes);
  const memos = codeMemos(data);
  const listInstances = { next: 1 };
  const hasCounts = data.segments !== undefined;
  const categories = data.codes.filter((c) => !c.isCodable).length;
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const documentsCoded = new Set((data.segments ?? []).map((s) => s.documentId)).size;

  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Codebook${data.title ? `: ${data.title}` : ''}`)] }),
    new Paragraph({
      children: [
        new TextRun(
          `${plural(data.codes.length, 'code')} (${plural(categories, 'category', 'categories')})` +
            (hasCounts ? `, ${plural(data.segments!.length, 'coding')} in ${plural(documentsCoded, 'document')}` : '') +
            `. Exported from Marginalia on ${date}.`,
        ),
      ],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Overview')] }),
  ];

  const rows = [
    new TableRow({
      tableHeader: true,
      children: [headerCell('No.', 10), headerCell('Code', 50), headerCell('Type', 14), headerCell('Codings', 10), headerCell('Documents', 10), headerCell('', 6)],
    }),
    ...entries.map(({ code, depth, number }) => {
      const used = usage.get(code.id);
      return new TableRow({
        cantSplit: true,
        children: [
          cell([new Paragraph(number)], 10),
          cell([new Paragraph({ indent: { left: depth * 240 }, children: [new TextRun({ text: code.name, bold: !code.isCodable })] })], 50),
          cell([new Paragraph(code.isCodable ? 'code' : 'category')], 14),
          cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(hasCounts ? String(used?.codings ?? 0) : '–')] })], 10),
          cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(hasCounts ? String(used?.documents ?? 0) : '–')] })], 10),
          cell([new Paragraph('')], 6, hex(code.color)),
        ],
      });
    }),
  ];
  body.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }));
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun('Codes')] }));

  for (const { code, depth, number, path } of entries) {
    const used = usage.get(code.id);
    body.push(new Paragraph({ heading: HEADINGS[Math.min(depth + 1, HEADINGS.length - 1)], keepNext: true, children: [new TextRun(`${number}  ${code.name}`)] }));
    const facts = [code.isCodable ? 'Code' : 'Category (groups codes; not applied itself)'];
    if (depth > 0) facts.push(`under ${path.slice(0, -1).join(' › ')}`);
    if (hasCounts) facts.push(used ? `${plural(used.codings, 'coding')} in ${plural(used.documents, 'document')}` : 'not applied yet');
    body.push(
      new Paragraph({
        keepNext: true,
        children: [new TextRun({ text: '■ ', color: hex(code.color), size: 28 }), new TextRun({ text: `${code.color}  ·  ${facts.join('  ·  ')}`, color: '595959', size: 18 })],
      }),
    );
    if (code.description.trim()) body.push(new Paragraph({ spacing: { after: 120 }, children: lines(code.description.trim()) }));
    for (const [label, value] of [
      ['Definition', code.definition],
      ['Include when', code.inclusion],
      ['Exclude when', code.exclusion],
    ] as const) {
      if (value.trim()) body.push(new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: `${label}: `, bold: true }), ...lines(value.trim())] }));
    }
    const examples = exampleLines(code);
    if (examples.length) {
      body.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: 'Examples', bold: true })] }));
      for (const example of examples) body.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(example)] }));
    }
    const passages = quotes.get(code.id);
    if (passages?.quotes.length) {
      body.push(
        new Paragraph({
          keepNext: true,
          spacing: { before: 120 },
          children: [new TextRun({ text: 'Coded passages', bold: true }), new TextRun({ text: ` (${quotedLine(passages)})`, color: '595959' })],
        }),
      );
      for (const anchor of passages.quotes) {
        body.push(
          new Paragraph({
            indent: { left: 567 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: hex(code.color), space: 8 } },
            spacing: { after: 40 },
            children: [...lines(`“${anchor.quote}${anchor.truncated ? ' …' : ''}”`, { italics: true })],
          }),
          new Paragraph({ indent: { left: 567 }, spacing: { after: 160 }, children: [new TextRun({ text: `— ${anchor.documentName}`, color: '595959', size: 18 })] }),
        );
      }
    }
    const onCode = memos.get(code.id);
    if (onCode?.length) {
      body.push(new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [new TextRun({ text: 'Memos', bold: true }), new TextRun({ text: ` (${onCode.length})`, color: '595959' })] }));
      for (const { memo, author } of onCode) {
        body.push(
          new Paragraph({
            keepNext: true,
            spacing: { before: 80 },
            children: [new TextRun({ text: memo.title.trim() || 'Untitled memo', bold: true, italics: true }), new TextRun({ text: `  —  ${author}, ${memo.createdAt.slice(0, 10)}`, color: '595959', size: 18 })],
          }),
          ...memoDocxParagraphs(parseMemoContent(memo.content, memo.plainText), { headingOffset: Math.min(depth + 2, 5), indent: 284, listInstances }),
        );
      }
    }
  }

  const document = new Document({
    creator: 'Marginalia',
    title: `Codebook${data.title ? `: ${data.title}` : ''}`,
    description: 'Codebook exported from Marginalia',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: { config: [MEMO_NUMBERING] },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18, color: '595959' })] })],
          }),
        },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
