/**
 * Codebook rules and the format-neutral codebook files: the tree walk and usage counts, the
 * criteria layout in a description, CSV (read and write), Markdown and DOCX writers, anchor
 * quotes, and the merge of an imported codebook into the project's. This folder never imports
 * shared/refi (REFI-QDA builds on it); `exportCodebook` in shared/exchange picks a writer for
 * any format, .qdc included.
 */
export { CRITERIA_MARKER, formatCodeDescription, parseCodeDescription, type CodeCriteria } from './description.ts';
export { codebookFromBundle, codeUsage, walkCodeTree, type CodebookData, type CodeUsage, type TreeEntry } from './tree.ts';
export { CODEBOOK_CSV_COLUMNS, joinCodePath, readCodebookCsv, splitCodePath, writeCodebookCsv, type ReadCodebookCsvOptions } from './csv.ts';
export { escapeMarkdown, writeCodebookMarkdown, type CodebookMarkdownOptions } from './markdown.ts';
export { writeCodebookDocx, type CodebookDocxOptions } from './docx.ts';
export { mergeCodebook, type MergeEntry, type MergeField, type MergeOptions, type MergeReport } from './merge.ts';
export { anchorQuotes, DEFAULT_QUOTES_PER_CODE, quotedLine, type AnchorQuote, type CodeQuotes, type QuotesPerCode } from './anchors.ts';
