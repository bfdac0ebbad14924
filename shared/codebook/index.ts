/**
 * Codebook rules and the format-neutral codebook files: the tree walk and usage counts, the
 * criteria layout in a description, CSV (read and write), Markdown and DOCX writers, anchor
 * quotes, and the merge of an imported codebook into the project's. This folder never imports
 * shared/refi (REFI-QDA builds on it); `exportCodebook` in shared/exchange picks a writer for
 * any format, .qdc included.
 */
export { codebookFromBundle, type CodebookData } from './tree.ts';
export { readCodebookCsv } from './csv.ts';
export { writeCodebookMarkdown } from './markdown.ts';
export { writeCodebookDocx } from './docx.ts';
export { mergeCodebook, type MergeReport } from './merge.ts';
export type { QuotesPerCode } from './anchors.ts';
