/**
 * The comparison as a report a paper can quote, in Markdown and Word: a method statement
 * (coders, documents, unit, threshold, pooling), the formulas with their citations, the date and
 * Marginalia's version, the table per code and pooled (three decimals; the CSV has full
 * precision), and the disagreements with their passages and what each coder did.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { FIGURE_COLUMNS, type ComparisonTable } from './comparisonTable.ts';
import type { DisagreementKind } from './disagreements.ts';
import { formatFigure } from './scope.ts';

/** One disagreement as the report quotes it. */
export interface ReportedDisagreement {
  readonly kind: DisagreementKind;
  readonly documentName: string;
  readonly start: number;
  readonly end: number;
  /** The passage's text (cut to a readable length by the caller if needed). */
  readonly passage: string;
  readonly versions: readonly { readonly coder: string; readonly codings: readonly { readonly code: string; readonly start: number; readonly end: number }[] }[];
}

export interface ComparisonReportInput {
  readonly projectName: string;
  readonly table: ComparisonTable;
  readonly method: string;
  readonly warnings: readonly string[];
  readonly disagreements: readonly ReportedDisagreement[];
  /** ISO timestamp of the report. */
  readonly generatedAt: string;
  readonly appVersion: string;
}

const KIND_WORDS: Record<DisagreementKind, string> = {
  'only-some': 'Only some coders coded it',
  'different-codes': 'Different codes',
  boundaries: 'Boundaries differ',
};

/** The formulas, each with its citation. */
export const FORMULAS: readonly { name: string; formula: string; citation: string }[] = [
  { name: 'Percent agreement', formula: 'the mean share of agreeing coder pairs per unit; two coders: (both + neither) / units', citation: 'Gwet, K. L. (2014). Handbook of Inter-Rater Reliability (4th ed.). Advanced Analytics.' },
  { name: 'Cohen’s κ', formula: 'κ = (pₒ − pₑ) / (1 − pₑ), pₑ from each coder’s own proportions (two coders)', citation: 'Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement, 20(1), 37–46.' },
  { name: 'Fleiss’ κ', formula: 'κ = (P̄ − P̄ₑ) / (1 − P̄ₑ), P̄ₑ from the pooled category proportions (two or more coders)', citation: 'Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin, 76(5), 378–382.' },
  { name: 'Krippendorff’s α-binary (|uα) and cuα', formula: 'α = 1 − Dₒ / Dₑ on the character continuum, per code (|uα) and over all compared codes (cuα)', citation: 'Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological Methodology, 25, 47–76; Krippendorff, K. (2019). Content Analysis (4th ed.). SAGE.' },
];

const dateOf = (iso: string) => iso.slice(0, 10);

/** Markdown's table cells cannot hold a pipe or a line break. */
const cellText = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/**
 * The report as Markdown.
 *
 * @example comparisonReportMarkdown({ projectName: 'Study', table, method, warnings: [], disagreements: [], generatedAt: new Date().toISOString(), appVersion: '0.1.0' })
 */
export function comparisonReportMarkdown(input: ComparisonReportInput): string {
  const { table } = input;
  const out: string[] = [];
  out.push(`# Inter-coder agreement: ${input.projectName}`, '');
  out.push(`Generated on ${dateOf(input.generatedAt)} by Marginalia ${input.appVersion}.`, '');
  out.push('## Method', '', input.method, '');
  for (const warning of input.warnings) out.push(`- ${warning}`);
  if (input.warnings.length) out.push('');
  out.push('### Formulas', '');
  for (const f of FORMULAS) out.push(`- **${f.name}**: ${f.formula}.`);
  out.push('', 'Figures are rounded to three decimals; “—” marks a figure that is undefined (the CSV export gives full precision and the reason).', '');
  out.push('## Agreement by code', '');
  const header = ['Code', ...table.coders.map((c) => `${c} segments`), 'Units', ...FIGURE_COLUMNS.map((c) => c.header)];
  out.push(`| ${header.map(cellText).join(' | ')} |`);
  out.push(`|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const row of [...table.rows, table.pooled]) {
    const label = row.codeId === null ? `**${row.label}**` : row.label;
    out.push(`| ${[cellText(label), ...row.segments.map(String), String(row.units), ...FIGURE_COLUMNS.map((c) => formatFigure(row.figures[c.key]))].join(' | ')} |`);
  }
  out.push('', `## Disagreements (${input.disagreements.length})`, '');
  if (input.disagreements.length === 0) out.push('The coders do not differ anywhere in what was compared.', '');
  input.disagreements.forEach((d, i) => {
    out.push(`### ${i + 1}. ${KIND_WORDS[d.kind]}: ${d.documentName}, characters ${d.start}–${d.end}`, '');
    out.push(`> ${d.passage.replace(/\n+/g, ' ')}`, '');
    for (const v of d.versions) {
      const what = v.codings.length ? v.codings.map((c) => `${c.code} (${c.start}–${c.end})`).join('; ') : 'nothing coded';
      out.push(`- ${v.coder}: ${what}`);
    }
    out.push('');
  });
  out.push('## References', '');
  for (const f of FORMULAS) out.push(`- ${f.citation}`);
  return `${out.join('\n')}\n`;
}

function headerCell(text: string): TableCell {
  return new TableCell({ shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' }, children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })] });
}

function bodyCell(text: string, options: { bold?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: 0, type: WidthType.AUTO },
    children: [new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: options.bold })] })],
  });
}

/** The report as a Word document (bytes). */
export async function comparisonReportDocx(input: ComparisonReportInput): Promise<Uint8Array> {
  const { table } = input;
  const children: (Paragraph | Table)[] = [];
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Inter-coder agreement: ${input.projectName}`)] }));
  children.push(new Paragraph({ children: [new TextRun({ text: `Generated on ${dateOf(input.generatedAt)} by Marginalia ${input.appVersion}.`, italics: true })] }));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Method')] }));
  children.push(new Paragraph({ children: [new TextRun(input.method)] }));
  for (const warning of input.warnings) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(warning)] }));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Formulas')] }));
  for (const f of FORMULAS) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${f.name}: `, bold: true }), new TextRun(`${f.formula}.`)] }));
  children.push(new Paragraph({ children: [new TextRun('Figures are rounded to three decimals; “—” marks a figure that is undefined (the CSV export gives full precision and the reason).')] }));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Agreement by code')] }));
  const header = ['Code', ...table.coders.map((c) => `${c} segments`), 'Units', ...FIGURE_COLUMNS.map((c) => c.header)];
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: header.map(headerCell) }),
        ...[...table.rows, table.pooled].map(
          (row) =>
            new TableRow({
              children: [
                bodyCell(row.label, { bold: row.codeId === null }),
                ...row.segments.map((n) => bodyCell(String(n), { right: true })),
                bodyCell(String(row.units), { right: true }),
                ...FIGURE_COLUMNS.map((c) => bodyCell(formatFigure(row.figures[c.key]), { right: true, bold: row.codeId === null })),
              ],
            }),
        ),
      ],
    }),
  );
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`Disagreements (${input.disagreements.length})`)] }));
  if (input.disagreements.length === 0) children.push(new Paragraph({ children: [new TextRun('The coders do not differ anywhere in what was compared.')] }));
  input.disagreements.forEach((d, i) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(`${i + 1}. ${KIND_WORDS[d.kind]}: ${d.documentName}, characters ${d.start}–${d.end}`)] }));
    children.push(new Paragraph({ indent: { left: 567 }, children: [new TextRun({ text: `“${d.passage.replace(/\n+/g, ' ')}”`, italics: true })] }));
    for (const v of d.versions) {
      const what = v.codings.length ? v.codings.map((c) => `${c.code} (${c.start}–${c.end})`).join('; ') : 'nothing coded';
      children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${v.coder}: `, bold: true }), new TextRun(what)] }));
    }
  });
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('References')] }));
  for (const f of FORMULAS) children.push(new Paragraph({ children: [new TextRun(f.citation)] }));
  const document = new Document({ creator: 'Marginalia', title: `Inter-coder agreement: ${input.projectName}`, sections: [{ children }] });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
