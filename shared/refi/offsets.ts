/**
 * Selection offsets as producers really write them, converted to the model's UTF-16 offsets
 * into LF-normalised text.
 *
 * The specification counts Unicode code points in the text file. Real files differ: NVivo counts
 * UTF-16 code units (and on Windows its text has CRLF, counted as two, and a BOM, not counted);
 * ATLAS.ti counts a CRLF as one character. An `OffsetConvention` names the unit and how a CRLF
 * counts; `SourceText` converts any position under any convention, and `detectConvention` picks
 * the convention under which the selections' quoted text (the `name` most producers fill with
 * the quote) matches the document best, falling back to what the producer is known to do.
 */
import {
  codePointToUtf16,
  indexCodePoints,
  normalizeNewlines,
  offsetAfterNormalization,
  type CodePointIndex,
  type NormalizedText,
} from '../text/codePoints.ts';

/** How a producer counts positions in a text. */
export interface OffsetConvention {
  /** Code points (the specification) or UTF-16 code units (NVivo). */
  readonly unit: 'codePoint' | 'utf16';
  /** Whether a CRLF counts as two characters (as in the file) or one (ATLAS.ti). */
  readonly crlf: 'two' | 'one';
}

/** The convention of the specification (and of Marginalia's own files). */
export const SPEC_CONVENTION: OffsetConvention = { unit: 'codePoint', crlf: 'two' };

/** All conventions seen in practice, specification first. */
export const ALL_CONVENTIONS: readonly OffsetConvention[] = [
  SPEC_CONVENTION,
  { unit: 'codePoint', crlf: 'one' },
  { unit: 'utf16', crlf: 'two' },
  { unit: 'utf16', crlf: 'one' },
];

/** Human description of a convention, e.g. "UTF-16 code units, CRLF counted as two". */
export function describeConvention(convention: OffsetConvention): string {
  return `${convention.unit === 'utf16' ? 'UTF-16 code units' : 'Unicode code points'}, CRLF counted as ${convention.crlf}`;
}

/**
 * The convention a producer is known to use, from the `origin` attribute.
 *
 * @example
 * conventionForOrigin('NVivo for Windows 12.6') // → { unit: 'utf16', crlf: 'two' }
 */
export function conventionForOrigin(origin: string): OffsetConvention {
  if (/nvivo/i.test(origin)) return { unit: 'utf16', crlf: 'two' };
  if (/atlas\.?ti/i.test(origin)) return { unit: 'codePoint', crlf: 'one' };
  return SPEC_CONVENTION;
}

/**
 * One source's text (BOM already removed) with what is needed to convert positions from any
 * convention to the model's offsets. Indexes are built on first use.
 */
export class SourceText {
  readonly normalized: NormalizedText;
  private rawIndexCache: CodePointIndex | undefined;
  private normalizedIndexCache: CodePointIndex | undefined;

  constructor(readonly raw: string) {
    this.normalized = normalizeNewlines(raw);
  }

  /** The LF-normalised text the model stores. */
  get text(): string {
    return this.normalized.text;
  }

  get hasCarriageReturns(): boolean {
    return this.normalized.map.changed;
  }

  private get rawIndex(): CodePointIndex {
    if (!this.hasCarriageReturns) return this.normalizedIndex;
    return (this.rawIndexCache ??= indexCodePoints(this.raw));
  }

  private get normalizedIndex(): CodePointIndex {
    return (this.normalizedIndexCache ??= indexCodePoints(this.normalized.text));
  }

  get hasAstral(): boolean {
    return this.normalizedIndex.astralStarts.length > 0;
  }

  /** Length of the text as the convention counts it. */
  lengthIn(convention: OffsetConvention): number {
    if (convention.crlf === 'two') return convention.unit === 'utf16' ? this.raw.length : this.rawIndex.codePointLength;
    return convention.unit === 'utf16' ? this.normalized.text.length : this.normalizedIndex.codePointLength;
  }

  /** A position under `convention` as a model offset (UTF-16 into the normalised text), clamped. */
  toModel(position: number, convention: OffsetConvention): number {
    if (convention.crlf === 'two') {
      const rawUtf16 = convention.unit === 'utf16' ? position : codePointToUtf16(this.rawIndex, position);
      return offsetAfterNormalization(this.normalized.map, rawUtf16);
    }
    if (convention.unit === 'utf16') return Math.max(0, Math.min(position, this.normalized.text.length));
    return codePointToUtf16(this.normalizedIndex, position);
  }

  /** Conventions that give different results on this text (others are equivalent to one of them). */
  distinctConventions(): OffsetConvention[] {
    return ALL_CONVENTIONS.filter((c) => (this.hasAstral || c.unit === 'codePoint') && (this.hasCarriageReturns || c.crlf === 'two'));
  }
}

const WHITESPACE_RUN = /\s+/g;
/** Whitespace other than single spaces: only then does a name need collapsing. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;
const ELLIPSIS = /(…|\.\.\.)$/;

/** A quote as producers write it in a selection name: whitespace collapsed, trailing ellipsis meaning "truncated". */
export interface Quote {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Reads a selection's name as a quote, or `null` when it is too short to tell anything.
 *
 * @example
 * parseQuote('I did try the gluten free bread…') // → { text: 'I did try the gluten free bread', truncated: true }
 */
export function parseQuote(name: string | undefined): Quote | null {
  if (!name) return null;
  let text = name;
  if (NEEDS_COLLAPSE.test(text)) text = text.replace(WHITESPACE_RUN, ' ');
  text = text.trim();
  const truncated = ELLIPSIS.test(text);
  if (truncated) text = text.replace(ELLIPSIS, '').trimEnd();
  return text.length >= 3 ? { text, truncated } : null;
}

/** JavaScript's `\s`, by char code: what a quote's collapsed whitespace stood for. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 0x1000 && /\s/.test(String.fromCharCode(c)));
}

/**
 * True when `text.slice(start, end)` is the quote (or starts with it, when truncated), ignoring
 * whitespace differences (any run of whitespace in the text matches one space of the quote).
 * Compares in place, without building strings: it runs once per selection of a large project.
 */
export function quoteMatches(text: string, start: number, end: number, quote: Quote): boolean {
  if (start < 0 || end > text.length || start >= end) return false;
  const q = quote.text;
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  for (let j = 0; j < q.length; j++) {
    const qc = q.charCodeAt(j);
    if (qc === 32) {
      if (i >= end || !isSpace(text.charCodeAt(i))) return false;
      while (i < end && isSpace(text.charCodeAt(i))) i++;
    } else {
      if (i >= end || text.charCodeAt(i) !== qc) return false;
      i++;
    }
  }
  if (quote.truncated) return true;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i === end;
}

/** A selection as read from the file, before conversion. */
export interface RawSelection {
  readonly start: number;
  readonly end: number;
  readonly quote: Quote | null;
}

/** What `detectConvention` decided and why. */
export interface ConventionDecision {
  readonly convention: OffsetConvention;
  /** Quotes checked, and how many matched under the chosen convention. */
  readonly checked: number;
  readonly matched: number;
  /** True when the quotes contradicted the producer's known convention. */
  readonly overrodeProducer: boolean;
}

/**
 * Picks the offset convention for a whole file: each distinct convention is scored by how many
 * quoted selections (up to `sampleSize`) match the text under it; the producer's known
 * convention wins ties and is used when no selection carries a quote.
 */
export function detectConvention(
  sources: readonly { text: SourceText; selections: readonly RawSelection[] }[],
  producerDefault: OffsetConvention,
  sampleSize = 400,
): ConventionDecision {
  const scores = new Map<OffsetConvention, number>(ALL_CONVENTIONS.map((c) => [c, 0]));
  let checked = 0;
  outer: for (const source of sources) {
    for (const selection of source.selections) {
      if (!selection.quote) continue;
      if (checked >= sampleSize) break outer;
      checked++;
      // Conventions that are equivalent on this text score together, so ties fall to the producer's.
      for (const convention of ALL_CONVENTIONS) {
        const start = source.text.toModel(selection.start, convention);
        const end = source.text.toModel(selection.end, convention);
        if (quoteMatches(source.text.text, start, end, selection.quote)) scores.set(convention, scores.get(convention)! + 1);
      }
    }
  }
  const fallback = ALL_CONVENTIONS.find((c) => c.unit === producerDefault.unit && c.crlf === producerDefault.crlf)!;
  let best = fallback;
  for (const [convention, score] of scores) if (score > scores.get(best)!) best = convention;
  return { convention: best, checked, matched: scores.get(best)!, overrodeProducer: best !== fallback };
}
