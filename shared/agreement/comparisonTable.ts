/**
 * A scoped comparison as a table: one row per compared code (codebook order) and the pooled
 * row, with each coder's segments and the five figures. The app's table and its CSV export read
 * the same rows, so what is shown rounded is exported at full precision.
 */
import Papa from 'papaparse';
import type { CodeId } from '../model/index.ts';
import type { Coefficient } from './coefficient.ts';
import type { AgreementRow } from './codings.ts';
import type { ScopedComparison } from './scope.ts';

/** The figure columns, in table order, with the header a reader sees. */
export const FIGURE_COLUMNS = [
  { key: 'percentAgreement', header: 'Agreement' },
  { key: 'cohenKappa', header: 'Cohen’s κ' },
  { key: 'fleissKappa', header: 'Fleiss’ κ' },
  { key: 'alphaBinary', header: 'α-binary' },
  { key: 'cuAlpha', header: 'cuα' },
] as const satisfies readonly { key: keyof AgreementRow; header: string }[];

export type FigureKey = (typeof FIGURE_COLUMNS)[number]['key'];

/** One row of the table. */
export interface ComparisonTableRow {
  /** The code's path, or "All codes (pooled)". */
  readonly label: string;
  /** `null` on the pooled row. */
  readonly codeId: CodeId | null;
  /** Segments per coder, in the comparison's coder order. */
  readonly segments: readonly number[];
  readonly units: number;
  readonly figures: Readonly<Record<FigureKey, Coefficient>>;
}

export interface ComparisonTable {
  readonly coders: readonly string[];
  readonly rows: readonly ComparisonTableRow[];
  readonly pooled: ComparisonTableRow;
}

export const POOLED_LABEL = 'All codes (pooled)';

/**
 * The table of a comparison for its unit.
 *
 * @example comparisonTable(compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'characters' })).pooled.figures.cohenKappa
 */
export function comparisonTable(comparison: ScopedComparison): ComparisonTable {
  const unitReport = comparison.report.byUnit[comparison.unit];
  if (!unitReport) throw new RangeError(`The comparison has no ${comparison.unit} figures.`);
  const path = new Map(comparison.codes.map((c) => [c.id, c.path]));
  const toRow = (row: AgreementRow, label: string): ComparisonTableRow => ({
    label,
    codeId: row.codeId,
    segments: comparison.coders.map((c) => row.segments[c.id] ?? 0),
    units: row.units,
    figures: {
      percentAgreement: row.percentAgreement,
      cohenKappa: row.cohenKappa,
      fleissKappa: row.fleissKappa,
      alphaBinary: row.alphaBinary,
      cuAlpha: row.cuAlpha,
    },
  });
  const byCode = new Map(unitReport.byCode.map((row) => [row.codeId, row]));
  const rows = comparison.codes.flatMap((code) => {
    const row = byCode.get(code.id);
    return row ? [toRow(row, path.get(code.id) ?? code.id)] : [];
  });
  return { coders: comparison.coders.map((c) => c.name), rows, pooled: toRow(unitReport.pooled, POOLED_LABEL) };
}

/**
 * The table as CSV fields and records at full precision; an undefined figure is an empty cell
 * with its reason in the column after it.
 *
 * @example comparisonCsv(table).fields // → ['code', 'Ana segments', 'Ben segments', 'units', 'Agreement', 'Agreement undefined because', …]
 */
export function comparisonCsv(table: ComparisonTable): { fields: string[]; records: (string | number | null)[][] } {
  const fields = ['code', ...table.coders.map((name) => `${name} segments`), 'units', ...FIGURE_COLUMNS.flatMap((c) => [c.header, `${c.header} undefined because`])];
  const records = [...table.rows, table.pooled].map((row) => [
    row.label,
    ...row.segments,
    row.units,
    ...FIGURE_COLUMNS.flatMap((c) => [row.figures[c.key].value, row.figures[c.key].reason ?? null]),
  ]);
  return { fields, records };
}

/**
 * The table as CSV text (RFC 4180, CRLF, a UTF-8 BOM so spreadsheet programs read the Greek
 * letters and accents right), with the method statement as a last, separate line.
 */
export function comparisonCsvText(table: ComparisonTable, method: string): string {
  const { fields, records } = comparisonCsv(table);
  const body = Papa.unparse({ fields, data: records }, { newline: '\r\n' });
  return `\uFEFF${body}\r\n\r\n${Papa.unparse([[`Method: ${method}`]], { newline: '\r\n' })}\r\n`;
}
