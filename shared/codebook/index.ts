/**
 * Codebook exchange: writers for REFI-QDA .qdc, CSV, Markdown and DOCX, readers for .qdc and
 * CSV, and the merge of an imported codebook into the project's. `exportCodebook` gives bytes
 * for any format, ready for a save dialog.
 */
import { writeQdc } from '../refi/qdc.ts';
import { writeCodebookCsv } from './csv.ts';
import { writeCodebookDocx } from './docx.ts';
import { writeCodebookMarkdown } from './markdown.ts';
import type { CodebookData } from './tree.ts';

export { CRITERIA_MARKER, formatCodeDescription, parseCodeDescription, type CodeCriteria } from './description.ts';
export { codebookFromBundle, codeUsage, walkCodeTree, type CodebookData, type CodeUsage, type TreeEntry } from './tree.ts';
export { CODEBOOK_CSV_COLUMNS, joinCodePath, readCodebookCsv, splitCodePath, writeCodebookCsv, type ReadCodebookCsvOptions } from './csv.ts';
export { escapeMarkdown, writeCodebookMarkdown } from './markdown.ts';
export { writeCodebookDocx, type CodebookDocxOptions } from './docx.ts';
export { mergeCodebook, type MergeEntry, type MergeField, type MergeOptions, type MergeReport } from './merge.ts';
export { anchorQuotes, type AnchorQuote } from './anchors.ts';
export { readQdc, writeQdc } from '../refi/qdc.ts';

/** Formats `exportCodebook` writes. */
export type CodebookFormat = 'qdc' | 'csv' | 'md' | 'docx';

/** File extension and MIME type per format, for save dialogs and downloads. */
export const CODEBOOK_FORMATS: Readonly<Record<CodebookFormat, { extension: string; mimeType: string }>> = {
  qdc: { extension: 'qdc', mimeType: 'application/xml' },
  csv: { extension: 'csv', mimeType: 'text/csv' },
  md: { extension: 'md', mimeType: 'text/markdown' },
  docx: { extension: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

/**
 * The codebook in one of the export formats, as bytes (CSV with a UTF-8 BOM, for Excel).
 *
 * @example
 * const bytes = await exportCodebook('docx', codebookFromBundle(bundle));
 */
export async function exportCodebook(format: CodebookFormat, data: CodebookData, options: { csvBom?: boolean } = {}): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  switch (format) {
    case 'qdc':
      return encoder.encode(writeQdc({ codes: data.codes, sets: data.sets }));
    case 'csv':
      return encoder.encode(writeCodebookCsv(data, { bom: options.csvBom ?? true }));
    case 'md':
      return encoder.encode(writeCodebookMarkdown(data));
    case 'docx':
      return writeCodebookDocx(data);
  }
}
