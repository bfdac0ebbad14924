/**
 * Document importers for text formats: bytes → LF-normalised plain text and a title.
 *
 * A file that is not text (NUL bytes, invalid UTF-8 with no UTF-16 byte-order mark) is refused
 * with a one-sentence message, so nothing half-imported ever reaches the project.
 */
import { marked, type Token, type Tokens } from 'marked';
import type { DocumentOrigin } from '../model/index.ts';
import { truncateText } from '../text/truncate.ts';

export class ImportError extends Error {
  override name = 'ImportError';
}

export interface ImportedText {
  /** Document name: the file name without its extension (or, for pasted text, its first line). */
  name: string;
  text: string;
  origin: DocumentOrigin;
}

/** File extensions this module imports. */
export const TEXT_EXTENSIONS = ['txt', 'md', 'markdown', 'text'] as const;

/**
 * Converts CRLF and lone CR line endings to LF; the stored text of every document is LF-only.
 *
 * @example
 * normaliseLineEndings('a\r\nb\rc') // → 'a\nb\nc'
 */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Decodes a text file's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.
 * Throws ImportError for anything that is not text.
 */
export function decodeTextBytes(fileName: string, bytes: Uint8Array): string {
  const notText = `“${fileName}” is not a text file, so nothing was imported (Marginalia reads .txt and .md in UTF-8 or UTF-16).`;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new ImportError(notText);
    }
  }
  if (bytes.includes(0)) throw new ImportError(notText);
  try {
    // TextDecoder drops a leading UTF-8 BOM by default.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(notText);
  }
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function baseName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? fileName.slice(0, dot) : fileName).trim() || 'Untitled document';
}

/** Plain text of Markdown inline tokens: emphasis, links and code keep their words, lose their marks. */
function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens
    .map((token) => {
      if ('tokens' in token && token.tokens) return inlineText(token.tokens, token.raw);
      if (token.type === 'br') return '\n';
      if (token.type === 'html') return '';
      return 'text' in token ? decodeEntities(String(token.text)) : '';
    })
    .join('');
}

/** marked escapes &, <, >, " and ' in text tokens; the stored text must be what the author wrote. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!);
}

function blockText(token: Token): string | null {
  switch (token.type) {
    case 'heading':
    case 'paragraph':
      return inlineText((token as Tokens.Heading | Tokens.Paragraph).tokens, token.raw);
    case 'code':
      return (token as Tokens.Code).text;
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.map(blockText).filter((t) => t !== null).join('\n\n');
    case 'list':
      return (token as Tokens.List).items
        .map((item) => item.tokens.map(blockText).filter((t) => t !== null).join('\n'))
        .join('\n');
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens, c.text)).join('\t');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    case 'text':
      return 'tokens' in token && token.tokens ? inlineText(token.tokens, token.raw) : decodeEntities((token as Tokens.Text).text);
    case 'html':
      // An HTML block keeps its words (as inline HTML does); comments are dropped.
      return /^\s*<!--/.test(token.raw) ? null : decodeEntities(token.raw.replace(/<[^>]*>/g, '')).trim() || null;
    case 'space':
    case 'hr':
      return null;
    default:
      return token.raw.trim() || null;
  }
}

/**
 * Markdown → the text a reader sees: headings, paragraphs and list items as lines, without
 * the markup (`**`, `#`, link targets). The first heading becomes the title.
 *
 * @example
 * markdownToPlainText('# Field notes\n\nWe met *Ana* at [the centre](http://x).')
 * // → { title: 'Field notes', text: 'Field notes\n\nWe met Ana at the centre.' }
 */
export function markdownToPlainText(markdown: string): { title: string | null; text: string } {
  const tokens = marked.lexer(normaliseLineEndings(markdown), { gfm: true });
  const heading = tokens.find((t): t is Tokens.Heading => t.type === 'heading');
  const blocks = tokens.map(blockText).filter((t): t is string => t !== null && t.length > 0);
  return { title: heading ? inlineText(heading.tokens, heading.text).trim() : null, text: blocks.join('\n\n') };
}

/**
 * Imports one .txt or .md file.
 *
 * @example
 * importTextFile('interview 3.txt', new TextEncoder().encode('Q: Hello\r\nA: Hi'))
 * // → { name: 'interview 3', text: 'Q: Hello\nA: Hi', origin: 'txt' }
 */
export function importTextFile(fileName: string, bytes: Uint8Array): ImportedText {
  const extension = extensionOf(fileName);
  if (!(TEXT_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ImportError(`“${fileName}” is not a .txt or .md file, so nothing was imported (DOCX, PDF and HTML are not supported yet).`);
  }
  const decoded = normaliseLineEndings(decodeTextBytes(fileName, bytes));
  if (extension === 'md' || extension === 'markdown') {
    const { text } = markdownToPlainText(decoded);
    return { name: baseName(fileName), text, origin: 'md' };
  }
  return { name: baseName(fileName), text: decoded, origin: 'txt' };
}

/**
 * Imports pasted text as a new document named after its first line.
 *
 * @example
 * importPastedText('Interview with A.\r\nShe said…') // → { name: 'Interview with A.', text: 'Interview with A.\nShe said…', origin: 'paste' }
 */
export function importPastedText(text: string, name?: string): ImportedText {
  const normalised = normaliseLineEndings(text);
  if (normalised.trim() === '') throw new ImportError('The pasted text is empty, so no document was created.');
  const firstLine = normalised.trim().split('\n', 1)[0]!.trim();
  const fallbackName = truncateText(firstLine, 60);
  return { name: name?.trim() || fallbackName, text: normalised, origin: 'paste' };
}

/**
 * Imports several files at once: all of them, or (if any is not text) none.
 * The error names every file that was refused.
 */
export function importTextFiles(files: readonly { name: string; bytes: Uint8Array }[]): ImportedText[] {
  const imported: ImportedText[] = [];
  const refused: string[] = [];
  for (const file of files) {
    try {
      imported.push(importTextFile(file.name, file.bytes));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      refused.push(error.message);
    }
  }
  if (refused.length === 1) throw new ImportError(refused[0]!);
  if (refused.length > 1) throw new ImportError(`${refused.length} files are not text documents, so nothing was imported: ${refused.join(' ')}`);
  return imported;
}
