import { describe, expect, it } from 'vitest';
import type { CoderId } from '../../../../shared/model/index.ts';
import { DEFAULT_CODER_VIEW, effectiveCoderFilter, filterSegmentsByCoder, parseCoderView } from '../../../../shared/coding/coderView.ts';

const ana = 'ana' as CoderId;
const ben = 'ben' as CoderId;
const cleo = 'cleo' as CoderId;
const segments = [
  { id: 's1', coderId: ana },
  { id: 's2', coderId: ben },
  { id: 's3', coderId: ana },
  { id: 's4', coderId: cleo },
];

describe('filterSegmentsByCoder', () => {
  it('returns the very same array for all coders, copying nothing', () => {
    expect(filterSegmentsByCoder(segments, 'all', ana)).toBe(segments);
  });

  it('keeps only the current coder’s codings, in order, for "mine"', () => {
    expect(filterSegmentsByCoder(segments, 'mine', ana).map((s) => s.id)).toEqual(['s1', 's3']);
  });

  it('keeps every other coder’s codings, in order, for "others"', () => {
    expect(filterSegmentsByCoder(segments, 'others', ana).map((s) => s.id)).toEqual(['s2', 's4']);
  });

  it('keeps nothing for "mine" when the current coder has coded nothing', () => {
    expect(filterSegmentsByCoder(segments, 'mine', 'dora' as CoderId)).toEqual([]);
  });

  it('keeps everything for "others" when the current coder has coded nothing', () => {
    expect(filterSegmentsByCoder(segments, 'others', 'dora' as CoderId)).toEqual(segments);
  });
});

describe('effectiveCoderFilter', () => {
  it('is the chosen filter while blind coding is off', () => {
    expect(effectiveCoderFilter({ ...DEFAULT_CODER_VIEW, filter: 'others' })).toBe('others');
  });

  it('is "mine" while blind coding is on, whatever was chosen', () => {
    for (const filter of ['all', 'mine', 'others'] as const) expect(effectiveCoderFilter({ filter, colorBy: 'code', isBlind: true })).toBe('mine');
  });
});

describe('parseCoderView', () => {
  it('reads back a stored view unchanged', () => {
    const view = { filter: 'others', colorBy: 'coder', isBlind: true } as const;
    expect(parseCoderView(view)).toEqual(view);
  });

  it('falls back to the default when nothing is stored', () => {
    expect(parseCoderView(undefined)).toEqual(DEFAULT_CODER_VIEW);
    expect(parseCoderView(null)).toEqual(DEFAULT_CODER_VIEW);
  });

  it('replaces each field it does not understand by its default', () => {
    expect(parseCoderView({ filter: 'theirs', colorBy: 'rainbow', isBlind: 'yes' })).toEqual(DEFAULT_CODER_VIEW);
    expect(parseCoderView({ filter: 'mine' })).toEqual({ ...DEFAULT_CODER_VIEW, filter: 'mine' });
  });
});
