/**
 * How the document view shows several coders' codings: whose codings it shows (all coders, only
 * the current coder's, only the others'), whether the paint is coloured by code or by coder, and
 * blind coding (the current coder sees only their own codings while they code, so a second coder
 * works independently in a shared project). Blind coding wins over the chosen filter: while it is
 * on, the view shows only the current coder's codings whatever the filter says.
 *
 * Only what is shown changes: comparing coders, exports and the database always see everyone.
 */
import type { CoderId } from '../model/index.ts';

/** Whose codings the document view shows. */
export type CoderFilter = 'all' | 'mine' | 'others';

/** What the paint and the margin stripes take their colour from. */
export type ColorSource = 'code' | 'coder';

export interface CoderView {
  filter: CoderFilter;
  colorBy: ColorSource;
  /** Blind coding: every other coder's codings are hidden, whatever `filter` says. */
  isBlind: boolean;
}

export const DEFAULT_CODER_VIEW: CoderView = { filter: 'all', colorBy: 'code', isBlind: false };

const FILTERS: readonly CoderFilter[] = ['all', 'mine', 'others'];
const COLOR_SOURCES: readonly ColorSource[] = ['code', 'coder'];

/**
 * The filter in force: blind coding forces "mine".
 *
 * @example effectiveCoderFilter({ filter: 'others', colorBy: 'code', isBlind: true }) // 'mine'
 */
export function effectiveCoderFilter(view: CoderView): CoderFilter {
  return view.isBlind ? 'mine' : view.filter;
}

/**
 * The codings a coder filter keeps, in their order. With "all" the same array comes back (no
 * copy), so the common case costs nothing and keeps downstream memoisation intact.
 *
 * @example
 * filterSegmentsByCoder([{ coderId: 'ana' }, { coderId: 'ben' }], 'others', 'ana') // [{ coderId: 'ben' }]
 */
export function filterSegmentsByCoder<T extends { readonly coderId: CoderId }>(segments: readonly T[], filter: CoderFilter, currentCoderId: CoderId): readonly T[] {
  if (filter === 'all') return segments;
  const isMine = filter === 'mine';
  return segments.filter((segment) => (segment.coderId === currentCoderId) === isMine);
}

/**
 * A stored coder view read back safely: anything missing or not understood falls back to the
 * default, so an old or damaged setting never breaks the document view.
 *
 * @example parseCoderView({ filter: 'mine', isBlind: 'yes' }) // { filter: 'mine', colorBy: 'code', isBlind: false }
 */
export function parseCoderView(stored: unknown): CoderView {
  const value = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const filter = FILTERS.find((f) => f === value['filter']) ?? DEFAULT_CODER_VIEW.filter;
  const colorBy = COLOR_SOURCES.find((c) => c === value['colorBy']) ?? DEFAULT_CODER_VIEW.colorBy;
  return { filter, colorBy, isBlind: value['isBlind'] === true };
}
