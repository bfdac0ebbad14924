import { describe, expect, it } from 'vitest';
import type { DocumentId, Memo, MemoId, MemoTarget, Segment, SegmentId } from '../../../../shared/model/index.ts';
import { indexMemos, memoLabel, memoPreviewText } from '../../../../renderer/editor/memoMarks/memoIndex.ts';
import { groupAnchorsByLine, memoAnchorsOf } from '../../../../renderer/editor/memoMarks/memoAnchors.ts';

let n = 0;
function memo(target: MemoTarget, fields: Partial<Memo> = {}): Memo {
  n++;
  return { id: `m${n}` as MemoId, projectId: 'p' as never, target, title: '', content: '', plainText: '', coderId: null, createdAt: `2026-01-0${(n % 9) + 1}T00:00:00.000Z`, modifiedAt: '2026-01-01T00:00:00.000Z', ...fields };
}
const DOC = 'd1' as DocumentId;
const segment = (id: string, start: number, end: number) => ({ id: id as SegmentId, start, end }) as Segment;

describe('indexMemos', () => {
  it('groups memos by target id, oldest first, and keeps project memos apart', () => {
    const later = memo({ kind: 'code', id: 'c1' as never }, { createdAt: '2026-03-01T00:00:00.000Z' });
    const earlier = memo({ kind: 'code', id: 'c1' as never }, { createdAt: '2026-02-01T00:00:00.000Z' });
    const onProject = memo({ kind: 'project' });
    const onPassage = memo({ kind: 'passage', id: DOC, start: 3, end: 9 });
    const onDocument = memo({ kind: 'document', id: DOC });
    const index = indexMemos([later, onProject, earlier, onPassage, onDocument]);
    expect(index.onTarget('c1').map((m) => m.id)).toEqual([earlier.id, later.id]);
    expect(index.project).toEqual([onProject]);
    // A document id covers its document memos and its passages' memos.
    expect(new Set(index.onTarget(DOC))).toEqual(new Set([onPassage, onDocument]));
    expect(index.onTarget('nothing')).toEqual([]);
  });
});

describe('memoLabel and memoPreviewText', () => {
  it('names a memo by its title, else its first words, else “Untitled memo”', () => {
    expect(memoLabel(memo({ kind: 'project' }, { title: '  Research question ' }))).toBe('Research question');
    expect(memoLabel(memo({ kind: 'project' }, { plainText: 'Who threw\n\nthe eggs?' }))).toBe('Who threw the eggs?');
    expect(memoLabel(memo({ kind: 'project' }, { plainText: 'x'.repeat(60) }))).toBe(`${'x'.repeat(47)}…`);
    expect(memoLabel(memo({ kind: 'project' }))).toBe('Untitled memo');
  });

  it('previews the first characters, cut with an ellipsis', () => {
    expect(memoPreviewText(memo({ kind: 'project' }, { plainText: 'abcdefghij' }), 6)).toBe('abcde…');
    expect(memoPreviewText(memo({ kind: 'project' }, { plainText: 'short' }))).toBe('short');
    expect(memoPreviewText(memo({ kind: 'project' }))).toBe('No text yet.');
  });
});

describe('memoAnchorsOf', () => {
  it('anchors segment memos at their coding’s start and passage memos at theirs, in document order', () => {
    const onLate = memo({ kind: 'segment', id: 's2' as never });
    const onEarly = memo({ kind: 'segment', id: 's1' as never });
    const comment = memo({ kind: 'passage', id: DOC, start: 20, end: 30 });
    const onDocument = memo({ kind: 'document', id: DOC });
    const elsewhere = memo({ kind: 'passage', id: 'd2' as never, start: 1, end: 2 });
    const anchors = memoAnchorsOf([segment('s1', 5, 9), segment('s2', 40, 50)], indexMemos([onLate, onEarly, comment, onDocument, elsewhere]), DOC);
    expect(anchors.map((a) => [a.offset, a.memo.id])).toEqual([
      [5, onEarly.id],
      [20, comment.id],
      [40, onLate.id],
    ]);
  });
});

describe('groupAnchorsByLine', () => {
  it('stacks anchors measured on one line into one mark and keeps other lines apart', () => {
    const [a, b, c] = [memo({ kind: 'project' }), memo({ kind: 'project' }), memo({ kind: 'project' })];
    const marks = groupAnchorsByLine(
      [a!, b!, c!].map((m, i) => ({ offset: i, memo: m })),
      [100, 102, 130],
    );
    expect(marks.map((mark) => [mark.top, mark.memos.map((m) => m.id)])).toEqual([
      [100, [a!.id, b!.id]],
      [130, [c!.id]],
    ]);
  });
});
