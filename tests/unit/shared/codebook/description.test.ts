import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CRITERIA_MARKER, formatCodeDescription, parseCodeDescription, type CodeCriteria } from '../../../../shared/codebook/description.ts';

const empty: CodeCriteria = { description: '', definition: '', inclusion: '', exclusion: '', examples: '' };

describe('formatCodeDescription', () => {
  it('writes a plain description alone when there are no criteria', () => {
    expect(formatCodeDescription({ ...empty, description: 'Talk about risk.' })).toBe('Talk about risk.');
    expect(formatCodeDescription(empty)).toBe('');
  });

  it('writes labelled sections after a marker line, continuation lines indented, examples as a list', () => {
    expect(
      formatCodeDescription({
        description: 'Talk about risk.\nAny kind.',
        definition: 'Harm to the body.\nOr the mind.',
        inclusion: 'Side effects.',
        exclusion: 'Illness itself.',
        examples: 'It is poison\nMy arm hurt',
      }),
    ).toBe(
      [
        'Talk about risk.',
        'Any kind.',
        '',
        '== Coding criteria ==',
        'Definition: Harm to the body.',
        '  Or the mind.',
        'Include when: Side effects.',
        'Exclude when: Illness itself.',
        'Examples:',
        '  - It is poison',
        '  - My arm hurt',
      ].join('\n'),
    );
  });
});

describe('parseCodeDescription', () => {
  it('leaves other tools’ descriptions whole, even when they contain labels', () => {
    const nvivo = 'Az emberek akkor hajlandók cselekedni.\nDefinition: not ours\nExamples:\n- one';
    expect(parseCodeDescription(nvivo)).toEqual({ ...empty, description: nvivo });
  });

  it('reads the block written by formatCodeDescription', () => {
    expect(parseCodeDescription('Intro\n\n== Coding criteria ==\nDefinition: D\n  more\nExamples:\n  - a\n  - b')).toEqual({ description: 'Intro', definition: 'D\nmore', inclusion: '', exclusion: '', examples: 'a\nb' });
  });

  it('survives a tool that trimmed trailing spaces', () => {
    expect(parseCodeDescription('== Coding criteria ==\nDefinition:\n  second line\nExamples:\n  -\n  - x')).toEqual({ ...empty, definition: '\nsecond line', examples: '\nx' });
  });

  it('is the inverse of formatCodeDescription for any fields, markers and labels included', () => {
    const field = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.array(fc.constantFrom('a', ' ', '\n', '\n\n', CRITERIA_MARKER, 'Definition: x', 'Examples:', '  - ', '- ', '-', 'Include when:', '  ', '== Coding criteria ==x'), { maxLength: 8 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(fc.record({ description: field, definition: field, inclusion: field, exclusion: field, examples: field }), (criteria) => {
        expect(parseCodeDescription(formatCodeDescription(criteria))).toEqual(criteria);
      }),
      { numRuns: 2000 },
    );
  });
});
