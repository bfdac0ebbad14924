import { describe, expect, it } from 'vitest';
import { MAX_NOTICES, stackNotices, type Notice } from '../../../../renderer/ui/notices.ts';

const info = (id: number): Notice => ({ id, message: `info ${id}`, kind: 'info' });
const error = (id: number): Notice => ({ id, message: `error ${id}`, kind: 'error' });
const ids = (notices: readonly Notice[]) => notices.map((n) => n.id);

describe('stackNotices', () => {
  it('shows at most three', () => {
    expect(MAX_NOTICES).toBe(3);
    let shown: Notice[] = [];
    for (const id of [1, 2, 3, 4]) shown = stackNotices(shown, info(id));
    expect(ids(shown)).toEqual([2, 3, 4]);
  });

  it('drops the oldest information first, keeping an older error', () => {
    expect(ids(stackNotices([error(1), info(2), info(3)], info(4)))).toEqual([1, 3, 4]);
    expect(ids(stackNotices([info(1), error(2), info(3)], error(4)))).toEqual([2, 3, 4]);
  });

  it('keeps errors over a new piece of information', () => {
    expect(ids(stackNotices([error(1), error(2), error(3)], info(4)))).toEqual([1, 2, 3]);
  });

  it('drops the oldest error only when there are nothing but errors', () => {
    expect(ids(stackNotices([error(1), error(2), error(3)], error(4)))).toEqual([2, 3, 4]);
  });

  it('keeps everything while there is room, in arrival order', () => {
    expect(ids(stackNotices([error(1)], info(2)))).toEqual([1, 2]);
    expect(ids(stackNotices([], info(1)))).toEqual([1]);
  });

  it('keeps a notice’s action', () => {
    const run = () => {};
    expect(stackNotices([], { ...info(1), action: { label: 'Undo', run } })[0]?.action).toEqual({ label: 'Undo', run });
  });
});
