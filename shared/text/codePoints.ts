/**
 * The one place where text offsets change unit. The model stores `[start, end)` in UTF-16 code
 * units of LF-normalised text (JavaScript string indices); REFI-QDA counts Unicode code points;
 * some producers count UTF-16 units of CRLF text. Every conversion at the exchange boundary goes
 * through these functions.
 *
 * Invariants:
 * - Conversions are monotone (a larger offset never maps to a smaller one) and exact on
 *   character boundaries; an offset inside a surrogate pair maps to the start of that character.
 * - A lone surrogate counts as one code unit and one code point (as `Array.from` does).
 * - Nothing here scans the text per offset: an index is built once per text (positions of astral
 *   characters, positions of removed carriage returns) and each lookup is a binary search, so
 *   converting 200,000 offsets in 50 MB of text costs milliseconds.
 */

const ASTRAL_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const HAS_ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** Precomputed positions of a text's astral characters, for offset conversion in O(log n). */
export interface CodePointIndex {
  /** Length of the text in UTF-16 code units. */
  readonly utf16Length: number;
  /** Length of the text in code points. */
  readonly codePointLength: number;
  /** UTF-16 position of the high surrogate of each astral character, ascending. */
  readonly astralStarts: Uint32Array;
}

/** Appends to a growable Uint32Array without boxing every number. */
class Uint32Builder {
  private data = new Uint32Array(64);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  finish(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Builds the conversion index of a text: one pass, by the regular-expression engine, over the
 * text. Texts without astral characters (most) get an empty table.
 *
 * @example
 * const index = indexCodePoints('a😀b'); // utf16Length 4, codePointLength 3
 * utf16ToCodePoint(index, 3) // → 2 (the "b")
 */
export function indexCodePoints(text: string): CodePointIndex {
  if (!HAS_ASTRAL.test(text)) {
    return { utf16Length: text.length, codePointLength: text.length, astralStarts: new Uint32Array(0) };
  }
  const starts = new Uint32Builder();
  ASTRAL_PAIR.lastIndex = 0;
  for (let match = ASTRAL_PAIR.exec(text); match; match = ASTRAL_PAIR.exec(text)) starts.push(match.index);
  const astralStarts = starts.finish();
  return { utf16Length: text.length, codePointLength: text.length - astralStarts.length, astralStarts };
}

/** Number of entries of the ascending `values` that are `< limit`. */
function countBelow(values: Uint32Array, limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A UTF-16 offset as a code-point offset. Offsets are clamped to `[0, utf16Length]`; an offset
 * between the two halves of a surrogate pair maps to the character's own code-point offset.
 *
 * @example
 * utf16ToCodePoint(indexCodePoints('😀x'), 2) // → 1
 */
export function utf16ToCodePoint(index: CodePointIndex, offset: number): number {
  const clamped = Math.max(0, Math.min(offset, index.utf16Length));
  if (index.astralStarts.length === 0) return clamped;
  return clamped - countBelow(index.astralStarts, clamped);
}

/**
 * A code-point offset as a UTF-16 offset, clamped to `[0, codePointLength]`.
 *
 * @example
 * codePointToUtf16(indexCodePoints('😀x'), 1) // → 2
 */
export function codePointToUtf16(index: CodePointIndex, codePoint: number): number {
  const clamped = Math.max(0, Math.min(codePoint, index.codePointLength));
  const starts = index.astralStarts;
  if (starts.length === 0) return clamped;
  // The i-th astral character sits at code point starts[i] - i, which is strictly ascending.
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! - mid < clamped) lo = mid + 1;
    else hi = mid;
  }
  return clamped + lo;
}

/**
 * Length of a text in code points, without building an index.
 *
 * @example
 * countCodePoints('a😀') // → 2
 */
export function countCodePoints(text: string): number {
  if (!HAS_ASTRAL.test(text)) return text.length;
  let astral = 0;
  ASTRAL_PAIR.lastIndex = 0;
  while (ASTRAL_PAIR.exec(text)) astral++;
  return text.length - astral;
}

/**
 * The first `maxCodePoints` code points of a text, never splitting a surrogate pair.
 *
 * @example
 * sliceCodePoints('😀😀😀', 2) // → '😀😀'
 */
export function sliceCodePoints(text: string, maxCodePoints: number): string {
  let units = 0;
  for (let count = 0; count < maxCodePoints && units < text.length; count++) {
    const code = text.charCodeAt(units);
    const isPair = code >= 0xd800 && code <= 0xdbff && units + 1 < text.length && (text.charCodeAt(units + 1) & 0xfc00) === 0xdc00;
    units += isPair ? 2 : 1;
  }
  return text.slice(0, units);
}

/** True when the text starts with a byte-order mark (U+FEFF). */
export function hasBom(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

/**
 * The text without a leading byte-order mark. Producers that write a BOM (NVivo for Windows)
 * do not count it in their offsets, so it is removed before any offset is read.
 *
 * @example
 * stripBom('\uFEFFhello') // → 'hello'
 */
export function stripBom(text: string): string {
  return hasBom(text) ? text.slice(1) : text;
}

/** How offsets move when CRLF and lone CR become LF (see `normalizeNewlines`). */
export interface NewlineMap {
  /** Length of the original text in UTF-16 units. */
  readonly originalLength: number;
  /** Original UTF-16 positions of each carriage return that was removed (the CR of a CRLF), ascending. */
  readonly removedCr: Uint32Array;
  /** True when the text had any CR. */
  readonly changed: boolean;
}

/** Result of `normalizeNewlines`: the LF-only text and the map from old offsets to new. */
export interface NormalizedText {
  readonly text: string;
  readonly map: NewlineMap;
}

/**
 * Converts CRLF and lone CR to LF, recording where characters were removed so offsets into the
 * original text can be moved to the new one (`offsetAfterNormalization`).
 *
 * @example
 * const { text, map } = normalizeNewlines('a\r\nb'); // text 'a\nb'
 * offsetAfterNormalization(map, 3) // → 2 (the "b")
 */
export function normalizeNewlines(text: string): NormalizedText {
  if (text.indexOf('\r') < 0) {
    return { text, map: { originalLength: text.length, removedCr: new Uint32Array(0), changed: false } };
  }
  const removed = new Uint32Builder();
  const parts: string[] = [];
  let from = 0;
  for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 1)) {
    if (text.charCodeAt(cr + 1) === 10) {
      parts.push(text.slice(from, cr));
      removed.push(cr);
      from = cr + 1;
    } else {
      parts.push(text.slice(from, cr), '\n');
      from = cr + 1;
    }
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), map: { originalLength: text.length, removedCr: removed.finish(), changed: true } };
}

/**
 * An offset into the original text as an offset into the normalised text. An offset between
 * the CR and the LF of a CRLF maps to the position of the LF.
 */
export function offsetAfterNormalization(map: NewlineMap, offset: number): number {
  const clamped = Math.max(0, Math.min(offset, map.originalLength));
  if (map.removedCr.length === 0) return clamped;
  return clamped - countBelow(map.removedCr, clamped);
}

/** An offset into the normalised text as an offset into the original (before the CR of a CRLF). */
export function offsetBeforeNormalization(map: NewlineMap, offset: number): number {
  const removed = map.removedCr;
  if (removed.length === 0) return Math.max(0, Math.min(offset, map.originalLength));
  // The j-th removed CR was followed by an LF that sits at removed[j] - j in the new text.
  let lo = 0;
  let hi = removed.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (removed[mid]! - mid < offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, Math.min(offset + lo, map.originalLength));
}
