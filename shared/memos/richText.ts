/**
 * A memo's rich content (`Memo.content`, Lexical editor state JSON) as a small block model, and
 * that model as Markdown, as Word paragraphs (the `docx` package) and as plain text, for reports,
 * codebooks and the command line. Pure: no Lexical import; the JSON is read as the contract in
 * shared/model describes it (root, paragraph, heading h1–h3, quote, list/listitem, link, text
 * with its format bitmask, linebreak, and the custom `passage-quote` block).
 *
 * Invariant: parsing never throws and never drops text. Invalid JSON, or content '' (imported
 * memos), gives the memo's plain text as paragraphs; an unknown node gives its text content.
 */
import { ExternalHyperlink, LevelFormat, Paragraph, TextRun, AlignmentType, HeadingLevel, BorderStyle, type ILevelsOptions } from 'docx';

/** One run of text with its formatting, or a line break inside a block. */
export type Inline =
  | { readonly kind: 'text'; readonly text: string; readonly bold?: boolean; readonly italic?: boolean; readonly underline?: boolean; readonly link?: string }
  | { readonly kind: 'break' };

/** An item of a list: its own runs, then any lists nested in it. */
export interface ListItem {
  readonly runs: readonly Inline[];
  readonly lists: readonly ListBlock[];
}

export interface ListBlock {
  readonly kind: 'list';
  readonly ordered: boolean;
  readonly items: readonly ListItem[];
}

/** A block of a memo. */
export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly runs: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly runs: readonly Inline[] }
  | { readonly kind: 'quote'; readonly runs: readonly Inline[] }
  | ListBlock
  | { readonly kind: 'passage-quote'; readonly documentId: string; readonly documentName: string; readonly start: number; readonly end: number; readonly runs: readonly Inline[] };

type JsonNode = { readonly [key: string]: unknown };

const isNode = (value: unknown): value is JsonNode => typeof value === 'object' && value !== null && !Array.isArray(value);
const childrenOf = (node: JsonNode): JsonNode[] => (Array.isArray(node['children']) ? (node['children'] as unknown[]).filter(isNode) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const int = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0);

/** Lexical's text format bits. */
const BOLD = 1;
const ITALIC = 2;
const UNDERLINE = 8;

/** The text content of any node, the way Lexical's getTextContent joins it. */
function textOf(node: JsonNode): string {
  if (node['type'] === 'text') return str(node['text']);
  if (node['type'] === 'linebreak') return '\n';
  if (node['type'] === 'tab') return '\t';
  return childrenOf(node).map(textOf).join('');
}

/** The inline runs of a block's children; unknown inline nodes give their text. */
function inlines(nodes: readonly JsonNode[], link?: string): Inline[] {
  const runs: Inline[] = [];
  for (const node of nodes) {
    const type = node['type'];
    if (type === 'text') {
      const format = int(node['format']);
      const text = str(node['text']);
      if (text === '') continue;
      runs.push({ kind: 'text', text, ...(format & BOLD ? { bold: true } : {}), ...(format & ITALIC ? { italic: true } : {}), ...(format & UNDERLINE ? { underline: true } : {}), ...(link ? { link } : {}) });
    } else if (type === 'linebreak') runs.push({ kind: 'break' });
    else if (type === 'tab') runs.push({ kind: 'text', text: '\t', ...(link ? { link } : {}) });
    else if (type === 'link' || type === 'autolink') runs.push(...inlines(childrenOf(node), str(node['url']) || link));
    else {
      const text = textOf(node);
      if (text) runs.push({ kind: 'text', text, ...(link ? { link } : {}) });
    }
  }
  return runs;
}

function listOf(node: JsonNode): ListBlock {
  const items: ListItem[] = [];
  for (const item of childrenOf(node)) {
    const inner = childrenOf(item);
    const lists = inner.filter((c) => c['type'] === 'list').map(listOf);
    const runs = inlines(inner.filter((c) => c['type'] !== 'list'));
    // Lexical nests a list as an item holding only the list: attach it to the item before.
    const previous = items[items.length - 1];
    if (runs.length === 0 && lists.length && previous) items[items.length - 1] = { runs: previous.runs, lists: [...previous.lists, ...lists] };
    else items.push({ runs, lists });
  }
  return { kind: 'list', ordered: node['listType'] === 'number', items };
}

function blocksOf(nodes: readonly JsonNode[]): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node['type']) {
      case 'paragraph':
        blocks.push({ kind: 'paragraph', runs: inlines(childrenOf(node)) });
        break;
      case 'heading': {
        const level = Number(/^h([1-6])$/.exec(str(node['tag']))?.[1] ?? 1);
        blocks.push({ kind: 'heading', level: Math.min(3, level) as 1 | 2 | 3, runs: inlines(childrenOf(node)) });
        break;
      }
      case 'quote':
        blocks.push({ kind: 'quote', runs: inlines(childrenOf(node)) });
        break;
      case 'list':
        blocks.push(listOf(node));
        break;
      case 'passage-quote':
        blocks.push({ kind: 'passage-quote', documentId: str(node['documentId']), documentName: str(node['documentName']), start: int(node['start']), end: int(node['end']), runs: inlines(childrenOf(node)) });
        break;
      default: {
        const text = textOf(node);
        if (text !== '') blocks.push({ kind: 'paragraph', runs: inlines([node]) });
      }
    }
  }
  return blocks;
}

/** Plain text as paragraphs: blank lines separate them, single line breaks stay breaks. */
function plainBlocks(plainText: string): Block[] {
  return plainText
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => ({ kind: 'paragraph', runs: p.split('\n').flatMap((line, i): Inline[] => [...(i ? [{ kind: 'break' } as const] : []), ...(line ? [{ kind: 'text', text: line } as const] : [])]) }));
}

/**
 * A memo's content as blocks. Content '' or not Lexical JSON gives `plainText` as paragraphs.
 *
 * @example
 * parseMemoContent('{"root":{"children":[{"type":"heading","tag":"h2","children":[{"type":"text","text":"Why"}]}]}}', 'Why')
 * // → [{ kind: 'heading', level: 2, runs: [{ kind: 'text', text: 'Why' }] }]
 */
export function parseMemoContent(content: string, plainText: string): Block[] {
  if (content.trim() === '') return plainBlocks(plainText);
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return plainBlocks(plainText);
  }
  const root = isNode(value) && isNode(value['root']) ? value['root'] : null;
  if (!root) return plainBlocks(plainText);
  const blocks = blocksOf(childrenOf(root)).filter((b) => b.kind !== 'paragraph' || b.runs.length > 0);
  // A state whose structure holds no text while the plain text has some: trust the plain text.
  if (blocks.length === 0 && plainText.trim() !== '') return plainBlocks(plainText);
  return blocks;
}

/** The text of runs, breaks as newlines. */
export function runsText(runs: readonly Inline[]): string {
  return runs.map((r) => (r.kind === 'break' ? '\n' : r.text)).join('');
}

// ─── Plain text ───

function listText(list: ListBlock, depth: number): string[] {
  return list.items.flatMap((item, i) => [`${'  '.repeat(depth)}${list.ordered ? `${i + 1}.` : '•'} ${runsText(item.runs)}`, ...item.lists.flatMap((l) => listText(l, depth + 1))]);
}

/**
 * Blocks as plain text, blocks separated by blank lines.
 *
 * @example
 * memoPlainText(parseMemoContent(memo.content, memo.plainText))
 */
export function memoPlainText(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'list':
          return listText(block, 0).join('\n');
        case 'passage-quote':
          return `“${runsText(block.runs)}” — ${block.documentName}`;
        default:
          return runsText(block.runs);
      }
    })
    .join('\n\n');
}

// ─── Markdown ───

/**
 * Escapes what Markdown would read as inline markup (emphasis, code, links, HTML, tables), so
 * user text prints as written. Intraword underscores are left alone.
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

/** Escapes what would start a block at the start of a line: a heading, a list item, a quote, a setext underline or a rule. */
export function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)(#{1,6}(?=\s|$)|[-+>](?=\s|$)|=+(?=\s*$)|-+(?=\s*$)|\d+[.)](?=\s|$))/, (_m, space: string, marker: string) => `${space}\\${marker}`);
}

/** One run as Markdown: markers hug the words (`**bold** `), since `** bold**` is not bold. */
function markdownRun(run: Inline): string {
  if (run.kind === 'break') return '  \n';
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
  const [, lead, core, trail] = match as unknown as [string, string, string, string];
  if (core === '') return run.text;
  let text = escapeMarkdown(core);
  if (run.italic) text = `*${text}*`;
  if (run.bold) text = `**${text}**`;
  if (run.underline) text = `<u>${text}</u>`;
  if (run.link) text = `[${text}](${run.link.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
  return `${lead}${text}${trail}`;
}

function markdownRuns(runs: readonly Inline[]): string {
  return runs
    .map(markdownRun)
    .join('')
    .split('\n')
    .map((line) => escapeLineStart(line))
    .join('\n');
}

function markdownList(list: ListBlock, indent: string): string[] {
  return list.items.flatMap((item, i) => {
    const marker = list.ordered ? `${i + 1}.` : '-';
    const pad = `${indent}${' '.repeat(marker.length + 1)}`;
    const [first = '', ...rest] = markdownRuns(item.runs).split('\n');
    return [`${indent}${marker} ${first}`, ...rest.map((line) => `${pad}${line}`), ...item.lists.flatMap((l) => markdownList(l, pad))];
  });
}

const quoted = (text: string) => text.split('\n').map((line) => (line === '' ? '>' : `> ${line}`)).join('\n');

/**
 * Blocks as Markdown: `#` headings, `**bold**`, `*italic*`, lists, `>` quotes, `[text](url)`,
 * passage quotes as `> “…” — Document name`. Optionally shifts headings down (a memo inside a
 * report whose own headings take levels 1–3).
 *
 * @example
 * memoMarkdown(parseMemoContent(memo.content, memo.plainText), { headingOffset: 3 })
 */
export function memoMarkdown(blocks: readonly Block[], options: { readonly headingOffset?: number } = {}): string {
  const offset = options.headingOffset ?? 0;
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading': {
          const level = block.level + offset;
          const text = markdownRuns(block.runs).replace(/ {2}\n/g, ' ');
          return level <= 6 ? `${'#'.repeat(level)} ${text}` : `**${text}**`;
        }
        case 'paragraph':
          return markdownRuns(block.runs);
        case 'quote':
          return quoted(markdownRuns(block.runs));
        case 'list':
          return markdownList(block, '').join('\n');
        case 'passage-quote':
          return quoted(`“${markdownRuns(block.runs)}” — ${escapeMarkdown(block.documentName)}`);
      }
    })
    .filter((text) => text !== '')
    .join('\n\n');
}

// ─── Word ───

/** The reference of the numbered-list definition in MEMO_NUMBERING. */
export const MEMO_NUMBERED_LIST = 'memo-numbered';

const NUMBER_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const;

/**
 * The numbering definition numbered memo lists use: give it to the `docx` Document as
 * `numbering: { config: [MEMO_NUMBERING] }`.
 */
export const MEMO_NUMBERING: { reference: string; levels: ILevelsOptions[] } = {
  reference: MEMO_NUMBERED_LIST,
  levels: Array.from({ length: 9 }, (_, level) => ({
    level,
    format: NUMBER_FORMATS[level % NUMBER_FORMATS.length]!,
    text: `%${level + 1}.`,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  })),
};

const WORD_HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

export interface MemoDocxOptions {
  /** Added to heading levels (a memo's h1 inside a report section becomes Heading 1 + offset). */
  readonly headingOffset?: number;
  /** Left indent of every paragraph, in twentieths of a point. */
  readonly indent?: number;
  /**
   * The first numbered-list instance to use; each numbered list takes the next, so lists restart
   * at 1. Pass a shared counter when several memos go into one document.
   */
  readonly listInstances?: { next: number };
}

type RunChild = TextRun | ExternalHyperlink;

function wordRuns(runs: readonly Inline[], style: { italics?: boolean; color?: string } = {}): RunChild[] {
  const out: RunChild[] = [];
  let pendingBreak = 0;
  for (const run of runs) {
    if (run.kind === 'break') {
      pendingBreak++;
      continue;
    }
    const text = new TextRun({
      text: run.text,
      break: pendingBreak || undefined,
      bold: run.bold,
      italics: run.italic || style.italics,
      underline: run.underline ? {} : undefined,
      color: style.color,
      ...(run.link ? { style: 'Hyperlink' } : {}),
    });
    pendingBreak = 0;
    out.push(run.link ? new ExternalHyperlink({ link: run.link, children: [text] }) : text);
  }
  if (pendingBreak) out.push(new TextRun({ text: '', break: pendingBreak }));
  return out;
}

/**
 * Blocks as Word paragraphs: headings in Word's heading styles, bulleted lists and numbered
 * lists (with MEMO_NUMBERING, which the Document must include), italic indented quotes,
 * hyperlinks, passage quotes with their document's name.
 *
 * @example
 * new Document({ numbering: { config: [MEMO_NUMBERING] }, sections: [{ children: memoDocxParagraphs(blocks) }] })
 */
export function memoDocxParagraphs(blocks: readonly Block[], options: MemoDocxOptions = {}): Paragraph[] {
  const offset = options.headingOffset ?? 0;
  const indent = options.indent ?? 0;
  const instances = options.listInstances ?? { next: 1 };
  const out: Paragraph[] = [];
  const list = (block: ListBlock, level: number) => {
    const instance = block.ordered ? instances.next++ : 0;
    for (const item of block.items) {
      out.push(
        new Paragraph({
          children: wordRuns(item.runs),
          ...(block.ordered ? { numbering: { reference: MEMO_NUMBERED_LIST, level, instance } } : { bullet: { level } }),
          ...(indent ? { indent: { left: indent + 720 * (level + 1), hanging: 360 } } : {}),
        }),
      );
      for (const nested of item.lists) list(nested, Math.min(level + 1, 8));
    }
  };
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(new Paragraph({ heading: WORD_HEADINGS[Math.min(block.level - 1 + offset, 5)], keepNext: true, indent: indent ? { left: indent } : undefined, children: wordRuns(block.runs) }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ spacing: { after: 120 }, indent: indent ? { left: indent } : undefined, children: wordRuns(block.runs) }));
        break;
      case 'quote':
        out.push(new Paragraph({ indent: { left: indent + 567 }, spacing: { after: 120 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A6A6A6', space: 8 } }, children: wordRuns(block.runs, { italics: true }) }));
        break;
      case 'passage-quote':
        out.push(
          new Paragraph({ indent: { left: indent + 567 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A6A6A6', space: 8 } }, children: [new TextRun({ text: '“', italics: true }), ...wordRuns(block.runs, { italics: true }), new TextRun({ text: '”', italics: true })] }),
          new Paragraph({ indent: { left: indent + 567 }, spacing: { after: 120 }, children: [new TextRun({ text: `— ${block.documentName}`, color: '595959', size: 18 })] }),
        );
        break;
      case 'list':
        list(block, 0);
        break;
    }
  }
  return out;
}
