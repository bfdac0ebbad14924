/**
 * Anchor examples from the data: passages actually coded with a code, quoted with the name of
 * their document, for the printable codebooks (Markdown, DOCX). Chosen deterministically: one
 * passage per document first (documents in display order, passages by position), so a code
 * applied across many documents shows its range rather than three passages from one interview.
 * Each code also carries how many distinct passages it has, so an export can say "3 of 4
 * passages quoted" instead of leaving the reader to guess whether that was all.
 */
import type { CodeId, Document, Segment } from '../model/index.ts';

/** A coded passage, quoted. */
export interface AnchorQuote {
  readonly quote: string;
  readonly documentName: string;
  /** True when the passage was cut to `maxLength`. */
  readonly truncated: boolean;
}

/** The quotes chosen for one code, and how many distinct passages the code has in all. */
export interface CodeQuotes {
  readonly quotes: readonly AnchorQuote[];
  /** Distinct passages (same document, same span counted once) coded with the code. */
  readonly total: number;
}

/** How many passages a printable codebook quotes per code: a number (0 for none) or `'all'`. */
export type QuotesPerCode = number | 'all';

/** Quotes per code when an export does not say: three. */
export const DEFAULT_QUOTES_PER_CODE = 3;

/**
 * Up to `count` quotes per code (`'all'` for every passage), keyed by code id, with the total.
 *
 * @example
 * anchorQuotes(segments, documents).get(codeId)
 * // → { quotes: [{ quote: 'It could kill you', documentName: 'Interview 3', truncated: false }], total: 4 }
 */
export function anchorQuotes(
  segments: readonly Segment[] = [],
  documents: readonly Document[] = [],
  count: QuotesPerCode = DEFAULT_QUOTES_PER_CODE,
  maxLength = 320,
): Map<CodeId, CodeQuotes> {
  const limit = count === 'all' ? Infinity : Math.max(0, Math.floor(count));
  const documentById = new Map(documents.map((d) => [d.id, d]));
  const byCode = new Map<CodeId, Segment[]>();
  for (const segment of segments) {
    if (!documentById.has(segment.documentId)) continue;
    const list = byCode.get(segment.codeId);
    if (list) list.push(segment);
    else byCode.set(segment.codeId, [segment]);
  }
  const result = new Map<CodeId, CodeQuotes>();
  for (const [codeId, list] of byCode) {
    list.sort((a, b) => documentById.get(a.documentId)!.order - documentById.get(b.documentId)!.order || a.start - b.start || a.end - b.end);
    const chosen: Segment[] = [];
    const seenDocuments = new Set<string>();
    const seenQuotes = new Set<string>();
    for (const pass of [0, 1]) {
      for (const segment of list) {
        if (chosen.length >= limit) break;
        if (chosen.includes(segment)) continue;
        if (pass === 0 && seenDocuments.has(segment.documentId)) continue;
        const key = `${segment.documentId}:${segment.start}:${segment.end}`;
        if (seenQuotes.has(key)) continue;
        seenQuotes.add(key);
        seenDocuments.add(segment.documentId);
        chosen.push(segment);
      }
    }
    const total = new Set(list.map((segment) => `${segment.documentId}:${segment.start}:${segment.end}`)).size;
    result.set(codeId, {
      total,
      quotes: chosen.map((segment) => {
        const document = documentById.get(segment.documentId)!;
        const text = document.text.slice(segment.start, segment.end).trim();
        if (text.length <= maxLength) return { quote: text, documentName: document.name, truncated: false };
        let cut = text.lastIndexOf(' ', maxLength);
        if (cut < maxLength * 0.6) cut = maxLength;
        // Never cut between the two halves of a surrogate pair.
        if ((text.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--;
        return { quote: text.slice(0, cut).trimEnd(), documentName: document.name, truncated: true };
      }),
    });
  }
  return result;
}

/**
 * The line under "Coded passages" that says how many of the code's passages are quoted.
 *
 * @example
 * quotedLine({ quotes: [a, b, c], total: 4 }) // → '3 of 4 passages quoted'
 */
export function quotedLine(code: CodeQuotes): string {
  return `${code.quotes.length} of ${code.total} passage${code.total === 1 ? '' : 's'} quoted`;
}
