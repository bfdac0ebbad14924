/**
 * Searching a document's text: words, an exact phrase or a regular expression, with case and
 * whole-word switches. Hits are half-open `[start, end)` ranges in UTF-16 code units of the
 * stored text, the same unit as Segments and the document view's paint, so a hit's paint covers
 * exactly the matched characters (emoji and accents included).
 *
 * Why the search runs on the stored text itself, never on a normalised copy: lower-casing or
 * Unicode-normalising a copy can change its length ('İ' lower-cases to two code units, a
 * decomposed 'é' composes to one), and offsets found in the copy then land early or late in the
 * original. Case-insensitivity comes from the RegExp `i` flag over the original instead.
 *
 * The researcher's own query becomes a RegExp (escaped unless they chose "regular expression");
 * nothing read from a file ever does.
 */

export type SearchMode = 'words' | 'phrase' | 'regex';

export interface SearchQuery {
  text: string;
  mode: SearchMode;
  /** Match letter case exactly. */
  caseSensitive: boolean;
  /** Only whole words: a hit may not start or end inside a word. */
  wholeWord: boolean;
}

export interface SearchHit {
  start: number;
  end: number;
}

/** A query that cannot run, with the sentence to show beside the search box. */
export class SearchQueryError extends Error {}

/** Letters, marks, digits and the connector punctuation (`_`) make up words. */
const WORD_CHARACTER = String.raw`[\p{L}\p{M}\p{N}\p{Pc}]`;

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The RegExp a query searches with (global, Unicode), or null for a blank query.
 *
 * @example
 * compileQuery({ text: 'sex work', mode: 'phrase', caseSensitive: false, wholeWord: true })?.source
 * // → '(?<![\\p{L}\\p{M}\\p{N}\\p{Pc}])(?:sex\\s+work)(?![\\p{L}\\p{M}\\p{N}\\p{Pc}])'
 */
export function compileQuery(query: SearchQuery): RegExp | null {
  const text = query.text.trim();
  if (text === '') return null;
  let body: string;
  if (query.mode === 'regex') {
    body = query.text;
  } else if (query.mode === 'phrase') {
    // Line breaks and runs of spaces in the text still match one space in the phrase.
    body = text.split(/\s+/).map(escapeForRegExp).join(String.raw`\s+`);
  } else {
    // Any of the words; longer words first, so "police" wins over "pol" where both match.
    const words = [...new Set(text.split(/\s+/))].sort((a, b) => b.length - a.length);
    body = words.map(escapeForRegExp).join('|');
  }
  if (query.wholeWord) body = `(?<!${WORD_CHARACTER})(?:${body})(?!${WORD_CHARACTER})`;
  const flags = query.caseSensitive ? 'gu' : 'giu';
  try {
    return new RegExp(body, flags);
  } catch (error) {
    throw new SearchQueryError(`That regular expression cannot be read: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}.`);
  }
}

/**
 * Every hit of `pattern` in `text`, in order. Empty matches are skipped (a pattern such as `a*`
 * matches nothing visible between letters), and a search stops after `limit` hits.
 *
 * @example
 * findHits('Café café CAFÉ', compileQuery({ text: 'café', mode: 'words', caseSensitive: false, wholeWord: false })!)
 * // → [{ start: 0, end: 4 }, { start: 5, end: 9 }, { start: 10, end: 14 }]
 */
export function findHits(text: string, pattern: RegExp, limit = Number.POSITIVE_INFINITY): SearchHit[] {
  const hits: SearchHit[] = [];
  const regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let match: RegExpExecArray | null;
  while (hits.length < limit && (match = regex.exec(text)) !== null) {
    if (match[0].length === 0) {
      // Step over a whole code point, never into the middle of a surrogate pair.
      const code = text.charCodeAt(regex.lastIndex);
      regex.lastIndex += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      continue;
    }
    hits.push({ start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

export interface KeywordInContext {
  before: string;
  hit: string;
  after: string;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * A hit with up to `width` characters of context each side, cut at a space where one is near and
 * never inside a surrogate pair; line breaks shown as spaces.
 *
 * @example
 * keywordInContext('The police framed it as trafficking.', { start: 4, end: 10 }, 12)
 * // → { before: 'The ', hit: 'police', after: ' framed it' }
 */
export function keywordInContext(text: string, hit: SearchHit, width = 60): KeywordInContext {
  let from = Math.max(0, hit.start - width);
  let to = Math.min(text.length, hit.end + width);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < hit.start) from = space + 1;
    else if (isHighSurrogate(text.charCodeAt(from - 1))) from -= 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space >= hit.end) to = space;
    else if (isHighSurrogate(text.charCodeAt(to - 1))) to += 1;
  }
  const flat = (s: string) => s.replace(/\s/g, ' ');
  return { before: flat(text.slice(from, hit.start)), hit: flat(text.slice(hit.start, hit.end)), after: flat(text.slice(hit.end, to)) };
}
