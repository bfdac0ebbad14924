/**
 * A codebook in any export format, as bytes for a save dialog or a download: REFI-QDA .qdc from
 * shared/refi, CSV, Markdown and DOCX from shared/codebook. This is the one module above both,
 * so neither has to import the other's writers.
 */
import { writeCodebookCsv } from '../codebook/csv.ts';
import { writeCodebookDocx } from '../codebook/docx.ts';
import { writeCodebookMarkdown } from '../codebook/markdown.ts';
import type { QuotesPerCode } from '../codebook/anchors.ts';
import type { CodebookData } from '../codebook/tree.ts';
import { writeQdc } from '../refi/qdc.ts';

/** Formats `exportCodebook` writes. */
export type CodebookFormat = 'qdc' | 'csv' | 'md' | 'docx';

/** File extension and MIME type per format, for save dialogs and downloads. */
export const CODEBOOK_FORMATS: Readonly<Record<CodebookFormat, { extension: string; mimeType: string }>> = {
  qdc: { extension: 'qdc', mimeType: 'application/xml' },
  csv: { extension: 'csv', mimeType: 'text/csv' },
  md: { extension: 'md', mimeType: 'text/markdown' },
  docx: { extension: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

export interface ExportCodebookOptions {
  /** CSV only: start with a UTF-8 byte-order mark, for Excel; default true. */
  readonly csvBom?: boolean;
  /** Markdown and DOCX only: passages quoted per code, a number or `'all'`; default 3. */
  readonly quotesPerCode?: QuotesPerCode;
}

/**
 * The codebook in one of the export formats, as bytes (CSV with a UTF-8 BOM, for Excel).
 *
 * @example
 * const bytes = await exportCodebook('docx', codebookFromBundle(bundle));
 */
export async function exportCodebook(format: CodebookFormat, data: CodebookData, options: ExportCodebookOptions = {}): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  switch (format) {
    case 'qdc':
      return encoder.encode(writeQdc({ codes: data.codes, sets: data.sets }));
    case 'csv':
      return encoder.encode(writeCodebookCsv(data, { bom: options.csvBom ?? true }));
    case 'md':
      return encoder.encode(writeCodebookMarkdown(data, { quotesPerCode: options.quotesPerCode }));
    case 'docx':
      return writeCodebookDocx(data, { quotesPerCode: options.quotesPerCode });
  }
}
