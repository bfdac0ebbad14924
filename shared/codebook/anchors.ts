/**
 * Anchor examples from the data: passages actually coded with a code, quoted with the name of
 * their document, for the printable codebooks (Markdown, DOCX). Chosen deterministically: one
 * passage per document first (documents in display order, passages by position), so a code
 * applied across many documents shows its range rather than three passages from one interview.
 */
import type { CodeId, Document, Segment } from '../model/index.ts';

/** A coded passage, quoted. */
export interface AnchorQuote {
  readonly quote: string;
  readonly documentName: string;
  /** True when the passage was cut to `maxLength`. */
  readonly truncated: boolean;
}

/**
 * Up to `count` quotes per code, keyed by code id.
 *
 * @example
 * anchorQuotes(segments, documents).get(codeId) // → [{ quote: 'It could kill you', documentName: 'Interview 3', truncated: false }]
 */
export function anchorQuotes(
  segments: readonly Segment[] = [],
  documents: readonly Document[] = [],
  count = 3,
  maxLength = 320,
): Map<CodeId, AnchorQuote[]> {
  const documentById = new Map(documents.map((d) => [d.id, d]));
  const byCode = new Map<CodeId, Segment[]>();
  for (const segment of segments) {
    if (!documentById.has(segment.documentId)) continue;
    const list = byCode.get(segment.codeId);
    if (list) list.push(segment);
    else byCode.set(segment.codeId, [segment]);
  }
  const result = new Map<CodeId, AnchorQuote[]>();
  for (const [codeId, list] of byCode) {
    list.sort((a, b) => documentById.get(a.documentId)!.order - documentById.get(b.documentId)!.order || a.start - b.start || a.end - b.end);
    const chosen: Segment[] = [];
    const seenDocuments = new Set<string>();
    const seenQuotes = new Set<string>();
    for (const pass of [0, 1]) {
      for (const segment of list) {
        if (chosen.length >= count) break;
        if (chosen.includes(segment)) continue;
        if (pass === 0 && seenDocuments.has(segment.documentId)) continue;
        const key = `${segment.documentId}:${segment.start}:${segment.end}`;
        if (seenQuotes.has(key)) continue;
        seenQuotes.add(key);
        seenDocuments.add(segment.documentId);
        chosen.push(segment);
      }
    }
    result.set(
      codeId,
      chosen.map((segment) => {
        const document = documentById.get(segment.documentId)!;
        const text = document.text.slice(segment.start, segment.end).trim();
        if (text.length <= maxLength) return { quote: text, documentName: document.name, truncated: false };
        let cut = text.lastIndexOf(' ', maxLength);
        if (cut < maxLength * 0.6) cut = maxLength;
        // Never cut between the two halves of a surrogate pair.
        if ((text.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--;
        return { quote: text.slice(0, cut).trimEnd(), documentName: document.name, truncated: true };
      }),
    );
  }
  return result;
}
