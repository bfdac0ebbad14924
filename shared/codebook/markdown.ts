/**
 * The codebook as Markdown, for reading, diffing and pasting into a methods appendix: one
 * section per code in tree order with its outline number, colour, whether it is a category,
 * how often it was applied, its description and criteria, its anchor examples and quotes from
 * the data with their document, and the memos written on it (title, author, formatted text). Heading levels follow the tree down to `######`; deeper codes
 * get a bold line instead. User text is escaped so names and descriptions never turn into
 * Markdown markup.
 */
import { anchorQuotes, DEFAULT_QUOTES_PER_CODE, quotedLine, type QuotesPerCode } from './anchors.ts';
import { codeMemos, codeUsage, exampleLines, walkCodeTree, type CodebookData } from './tree.ts';
import { memoMarkdown, parseMemoContent } from '../memos/richText.ts';

/**
 * Escapes what Markdown would read as inline markup (emphasis, code, links, HTML, tables), so a
 * code name or description prints as written. Intraword underscores are left alone (Markdown
 * does not read them as emphasis).
 *
 * @example
 * escapeMarkdown('*very* <important>') // → '\\*very\\* \\<important\\>'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]<>|]/g, '\\$&')
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
    .replace(/~~/g, '\\~\\~')
    .replace(/!(?=\\\[)/g, '\\!');
}

/** Escapes what would start a block at the start of a line: a heading, a list item, a setext underline or a rule. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|=+(?=\s*$)|-+(?=\s*$)|\d+[.)](?=\s|$))/, (_m, space: string, marker: string) => `${space}\\${marker}`);
}

/** A multi-line text as Markdown paragraphs (single line breaks kept as hard breaks). */
function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => escapeLineStart(escapeMarkdown(line))).join('  \n'))
    .join('\n\n');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface CodebookMarkdownOptions {
  /** Passages quoted per code: a number (0 for none) or `'all'`; default 3. */
  readonly quotesPerCode?: QuotesPerCode;
}

/**
 * Writes the codebook as Markdown.
 *
 * @example
 * writeCodebookMarkdown({ title: 'Vaccine talk', codes, segments, documents })
 * // → '# Codebook: Vaccine talk\n\n…\n## 1 Risk\n…'
 */
export function writeCodebookMarkdown(data: CodebookData, options: CodebookMarkdownOptions = {}): string {
  const usage = codeUsage(data.segments);
  const quotes = anchorQuotes(data.segments, data.documents, options.quotesPerCode ?? DEFAULT_QUOTES_PER_CODE);
  const entries = walkCodeTree(data.codes);
  const memos = codeMemos(data);
  const categories = data.codes.filter((c) => !c.isCodable).length;
  const out: string[] = [`# Codebook${data.title ? `: ${escapeMarkdown(data.title)}` : ''}`, ''];
  const totals = data.segments ? `, ${plural(data.segments.length, 'coding')} in ${plural(new Set(data.segments.map((s) => s.documentId)).size, 'document')}` : '';
  out.push(`${plural(data.codes.length, 'code')} (${categories === 1 ? '1 category' : `${categories} categories`})${totals}.`, '');
  for (const { code, depth, number } of entries) {
    const heading = `${number} ${escapeMarkdown(code.name)}`;
    out.push(depth < 5 ? `${'#'.repeat(depth + 2)} ${heading}` : `**${heading}**`, '');
    const used = usage.get(code.id);
    const facts = [code.isCodable ? 'Code' : 'Category (groups codes, not applied)', `colour \`${code.color}\``];
    if (data.segments) facts.push(used ? `${plural(used.codings, 'coding')} in ${plural(used.documents, 'document')}` : 'not applied yet');
    out.push(`*${facts.join(' · ')}*`, '');
    if (code.description.trim()) out.push(paragraphs(code.description), '');
    for (const [label, value] of [
      ['Definition', code.definition],
      ['Include when', code.inclusion],
      ['Exclude when', code.exclusion],
    ] as const) {
      if (value.trim()) out.push(`**${label}:** ${paragraphs(value)}`, '');
    }
    const examples = exampleLines(code);
    if (examples.length) {
      out.push('**Examples:**', '');
      for (const example of examples) out.push(`- ${escapeMarkdown(example)}`);
      out.push('');
    }
    const fromData = quotes.get(code.id);
    if (fromData?.quotes.length) {
      out.push(`**Coded passages** (${quotedLine(fromData)}):`, '');
      for (const anchor of fromData.quotes) {
        out.push(`> ${anchor.quote.split('\n').map((line) => escapeLineStart(escapeMarkdown(line))).join('  \n> ')}${anchor.truncated ? ' …' : ''}  `, `> — *${escapeMarkdown(anchor.documentName)}*`, '');
      }
    }
    const onCode = memos.get(code.id);
    if (onCode?.length) {
      out.push(`**Memos** (${onCode.length}):`, '');
      for (const { memo, author } of onCode) {
        out.push(`***${escapeMarkdown(memo.title.trim() || 'Untitled memo')}*** — ${escapeMarkdown(author)}, ${memo.createdAt.slice(0, 10)}`, '');
        const body = memoMarkdown(parseMemoContent(memo.content, memo.plainText), { headingOffset: Math.min(depth + 2, 5) });
        if (body) out.push(body, '');
      }
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
