import { describe, expect, it } from 'vitest';
import { checkBundle, ExchangeError, findBundleProblem, writeQdpx } from '../../../../shared/refi/index.ts';
import type { ProjectBundle, Segment } from '../../../../shared/model/index.ts';
import { smallBundle } from './helpers.ts';

/** The small bundle with its first segment replaced. */
function withFirstSegment(change: Partial<Segment>): ProjectBundle {
  const bundle = smallBundle();
  bundle.segments[0] = { ...bundle.segments[0]!, ...change };
  return bundle;
}

describe('findBundleProblem', () => {
  it('finds nothing wrong in a sound bundle', () => {
    expect(findBundleProblem(smallBundle())).toBeNull();
  });

  it('refuses a coding that covers no text, at the start, inside and at the end of its document', () => {
    const bundle = smallBundle();
    const document = bundle.documents.find((d) => d.id === bundle.segments[0]!.documentId)!;
    for (const at of [0, 3, document.text.length]) {
      expect(findBundleProblem(withFirstSegment({ start: at, end: at }))).toBe(`A coding in “${document.name}” covers no text ([${at}, ${at})).`);
    }
  });

  it('refuses a coding outside its text, reversed or not in whole numbers', () => {
    const bundle = smallBundle();
    const document = bundle.documents.find((d) => d.id === bundle.segments[0]!.documentId)!;
    const length = document.text.length;
    for (const [start, end] of [[0, length + 1], [4, 2], [-1, 2], [0.5, 2], [length + 1, length + 1]] as const) {
      expect(findBundleProblem(withFirstSegment({ start, end }))).toBe(`A coding in “${document.name}” lies outside its text ([${start}, ${end})).`);
    }
  });

  it('accepts a coding of one character and one of the whole text', () => {
    const length = smallBundle().documents.find((d) => d.id === smallBundle().segments[0]!.documentId)!.text.length;
    expect(findBundleProblem(withFirstSegment({ start: 0, end: 1 }))).toBeNull();
    expect(findBundleProblem(withFirstSegment({ start: 0, end: length }))).toBeNull();
  });
});

describe('checkBundle', () => {
  it('throws the sentence as an ExchangeError, and writeQdpx refuses the same empty coding', () => {
    const empty = withFirstSegment({ start: 2, end: 2 });
    expect(() => checkBundle(empty)).toThrow(ExchangeError);
    expect(() => checkBundle(empty)).toThrow(/covers no text \(\[2, 2\)\)\.$/);
    expect(() => writeQdpx(empty)).toThrow(/covers no text \(\[2, 2\)\)\.$/);
  });
});
