/**
 * What auto-coding codes around a hit: the hit, its sentence (not the whole paragraph, and not
 * the space after it), its paragraph, or its speaker's turn; overlapping results merged.
 */
import { describe, expect, it } from 'vitest';
import { autoCodeRanges, detectSpeakers, mergeRanges, speakerOfLine, speakerTurns } from '../../../../shared/retrieval/autoCodeScope.ts';

const slices = (text: string, ranges: { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));
const hitOf = (text: string, word: string, from = 0) => {
  const start = text.indexOf(word, from);
  return { start, end: start + word.length };
};

describe('autoCodeRanges', () => {
  const text = 'The police came. Advocates objected! Was it about police?\nA second paragraph, about police too.';

  it('codes exactly the hits with the hit scope', () => {
    expect(slices(text, autoCodeRanges(text, [hitOf(text, 'police')], 'hit'))).toEqual(['police']);
  });

  it('codes the sentence around each hit, never the whole paragraph', () => {
    const hits = [hitOf(text, 'police'), hitOf(text, 'police', 20), hitOf(text, 'police', 60)];
    expect(slices(text, autoCodeRanges(text, hits, 'sentence'))).toEqual(['The police came.', 'Was it about police?', 'A second paragraph, about police too.']);
  });

  it('merges two hits of one sentence into one coding', () => {
    const t = 'Police and police again. Next.';
    expect(slices(t, autoCodeRanges(t, [hitOf(t, 'Police'), hitOf(t, 'police')], 'sentence'))).toEqual(['Police and police again.']);
  });

  it('codes the paragraph (line) around each hit', () => {
    expect(slices(text, autoCodeRanges(text, [hitOf(text, 'police', 60)], 'paragraph'))).toEqual(['A second paragraph, about police too.']);
  });
});

describe('speaker turns', () => {
  const transcript = [
    'Interview 3, recorded 10:30',
    'Interviewer: How did it start?',
    'Dr. Amal Haddad: With the police.',
    'They came at night.',
    'Interviewer:',
    'And then?',
    'Dr. Amal Haddad: Nothing.',
  ].join('\n');

  it('reads a label at the start of a line, not a time stamp or a sentence', () => {
    expect(speakerOfLine(transcript, 0)).toBeNull();
    expect(speakerOfLine('10:30 start', 0)).toBeNull();
    expect(speakerOfLine('P3: yes', 0)).toBe('P3');
    expect(speakerOfLine('This is a long sentence with many words in it: not a label', 0)).toBeNull();
  });

  it('runs a turn from its label to the next label, without the label itself', () => {
    expect(speakerTurns(transcript).map((t) => [t.speaker, transcript.slice(t.start, t.end)])).toEqual([
      ['Interviewer', 'How did it start?'],
      ['Dr. Amal Haddad', 'With the police.\nThey came at night.'],
      ['Interviewer', 'And then?'],
      ['Dr. Amal Haddad', 'Nothing.'],
    ]);
    expect(detectSpeakers(transcript)).toEqual([
      { speaker: 'Dr. Amal Haddad', turns: 2 },
      { speaker: 'Interviewer', turns: 2 },
    ]);
  });

  it('codes the whole turn around a hit, and nothing for a hit before the first label', () => {
    expect(slices(transcript, autoCodeRanges(transcript, [hitOf(transcript, 'night')], 'turn'))).toEqual(['With the police.\nThey came at night.']);
    expect(autoCodeRanges(transcript, [hitOf(transcript, 'recorded')], 'turn')).toEqual([]);
  });
});

describe('mergeRanges', () => {
  it('merges overlapping and touching ranges, in order', () => {
    expect(mergeRanges([{ start: 10, end: 12 }, { start: 0, end: 5 }, { start: 5, end: 7 }, { start: 11, end: 20 }])).toEqual([
      { start: 0, end: 7 },
      { start: 10, end: 20 },
    ]);
  });
});
