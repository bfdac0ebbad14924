/**
 * What the exchange dialogs need besides the database: the formats offered, file names and
 * filters for save and open dialogs, reading a codebook file of either kind, the menu entries,
 * and a way to let the window paint before heavy synchronous work.
 */
import type { FileFilter } from '../../../shared/bridge.ts';
import type { Code, CodeSet, ProjectId } from '../../../shared/model/index.ts';
import { readCodebookCsv } from '../../../shared/codebook/index.ts';
import { CODEBOOK_FORMATS, type CodebookFormat } from '../../../shared/exchange/codebookExport.ts';
import { readQdc, type ImportReport } from '../../../shared/refi/index.ts';

/** The codebook formats offered, in the order shown, with what each is for. */
export const CODEBOOK_EXPORT_CHOICES: readonly { format: CodebookFormat; label: string; hint: string; filter: string }[] = [
  { format: 'qdc', label: 'REFI-QDA codebook (.qdc)', hint: 'For ATLAS.ti, MAXQDA, NVivo, QualCoder and other QDA software.', filter: 'REFI-QDA codebook' },
  { format: 'csv', label: 'CSV (.csv)', hint: 'A spreadsheet, one code per row; Marginalia can import it again.', filter: 'CSV' },
  { format: 'md', label: 'Markdown (.md)', hint: 'Readable text with definitions and examples.', filter: 'Markdown' },
  { format: 'docx', label: 'Word document (.docx)', hint: 'A printable codebook with definitions, criteria and examples.', filter: 'Word document' },
];

/** The memo report's formats, in the order shown. */
export type MemoReportFormat = 'docx' | 'md';

export const MEMO_REPORT_CHOICES: readonly { format: MemoReportFormat; label: string; hint: string; filter: string; extension: string; mimeType: string }[] = [
  { format: 'docx', label: 'Word document (.docx)', hint: 'A printable report: every memo under what it is attached to, passages quoted.', filter: 'Word document', extension: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { format: 'md', label: 'Markdown (.md)', hint: 'The same report as readable text.', filter: 'Markdown', extension: 'md', mimeType: 'text/markdown' },
];

/** The suggested name and filter for saving the memo report of `projectName` as `format`. */
export function memoReportSaveTarget(projectName: string, format: MemoReportFormat): { defaultName: string; filters: FileFilter[] } {
  const choice = MEMO_REPORT_CHOICES.find((c) => c.format === format)!;
  return { defaultName: `${safeFileName(projectName)} memos.${choice.extension}`, filters: [{ name: choice.filter, extensions: [choice.extension] }] };
}

export const PROJECT_FILTERS: FileFilter[] = [{ name: 'REFI-QDA project', extensions: ['qdpx'] }];
/** What File → Import project… opens: a .qdpx, or a project.qde on its own (its texts inside it). */
export const PROJECT_IMPORT_FILTERS: FileFilter[] = [{ name: 'REFI-QDA project', extensions: ['qdpx', 'qde'] }];
export const CODEBOOK_IMPORT_FILTERS: FileFilter[] = [{ name: 'Codebooks (REFI-QDA .qdc, CSV)', extensions: ['qdc', 'csv'] }];

/**
 * A project name made safe as a file name on every platform (no `/ \ : * ? " < > |`).
 *
 * @example
 * safeFileName('Demo: Oakland debate') // → 'Demo - Oakland debate'
 */
export function safeFileName(name: string): string {
  const printable = [...name].map((ch) => (ch < ' ' ? ' ' : ch)).join('');
  const safe = printable
    .replace(/\s*:\s*/g, ' - ')
    .replace(/[\\/*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return safe || 'Marginalia project';
}

/** The suggested name and filter for saving the codebook of `projectName` as `format`. */
export function codebookSaveTarget(projectName: string, format: CodebookFormat): { defaultName: string; filters: FileFilter[] } {
  const { extension } = CODEBOOK_FORMATS[format];
  const choice = CODEBOOK_EXPORT_CHOICES.find((c) => c.format === format)!;
  return { defaultName: `${safeFileName(projectName)} codebook.${extension}`, filters: [{ name: choice.filter, extensions: [extension] }] };
}

/** The file name without its last extension, e.g. for the name of a project made from it. */
export function baseName(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const name = fileName.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** What a codebook file holds. */
export interface CodebookFile {
  codes: Code[];
  sets: CodeSet[];
  report: ImportReport;
}

/**
 * Reads a .qdc or a codebook CSV, chosen by extension, else by content (XML starts with `<`).
 * Throws ExchangeError (one sentence) for a file that is neither.
 */
export function readCodebookFile(fileName: string, bytes: Uint8Array, projectId?: ProjectId): CodebookFile {
  const lower = fileName.toLowerCase();
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  const isCsv = lower.endsWith('.csv') || (!lower.endsWith('.qdc') && !lower.endsWith('.xml') && !head.startsWith('<'));
  if (isCsv) {
    const { codes, report } = readCodebookCsv(new TextDecoder().decode(bytes), { projectId });
    return { codes, sets: [], report };
  }
  return readQdc(bytes, { projectId });
}

/** `n word` or `n words`. */
export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

/**
 * Resolves after the browser has painted, so a progress indicator shows before synchronous
 * work starts. A hidden window runs no animation frames, hence the timeout as well.
 */
export function yieldToPaint(): Promise<void> {
  return new Promise((resolve) => {
    let isDone = false;
    const finish = () => {
      if (isDone) return;
      isDone = true;
      resolve();
    };
    requestAnimationFrame(() => setTimeout(finish));
    setTimeout(finish, 100);
  });
}
