import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALL_CONVENTIONS, conventionForOrigin, detectConvention, parseQuote, quoteMatches, SourceText } from '../../../../shared/refi/offsets.ts';

describe('conventionForOrigin', () => {
  it('knows NVivo counts UTF-16 units and ATLAS.ti counts a CRLF once', () => {
    expect(conventionForOrigin('NVivo for Windows 12.6')).toEqual({ unit: 'utf16', crlf: 'two' });
    expect(conventionForOrigin('NVivo for Mac 14')).toEqual({ unit: 'utf16', crlf: 'two' });
    expect(conventionForOrigin('ATLAS.ti for Windows 23.2.3.27778')).toEqual({ unit: 'codePoint', crlf: 'one' });
    expect(conventionForOrigin('MAXQDA 24 (Release 24.7.0)')).toEqual({ unit: 'codePoint', crlf: 'two' });
    expect(conventionForOrigin('')).toEqual({ unit: 'codePoint', crlf: 'two' });
  });
});

describe('SourceText.toModel', () => {
  const raw = 'a😀\r\nb😀\r\nc';
  const text = new SourceText(raw);

  it('converts each convention’s position of "c" to the same model offset', () => {
    const expected = text.text.indexOf('c');
    expect(text.toModel(raw.indexOf('c'), { unit: 'utf16', crlf: 'two' })).toBe(expected);
    expect(text.toModel(Array.from(raw.slice(0, raw.indexOf('c'))).length, { unit: 'codePoint', crlf: 'two' })).toBe(expected);
    expect(text.toModel(Array.from(text.text.slice(0, expected)).length, { unit: 'codePoint', crlf: 'one' })).toBe(expected);
    expect(text.toModel(expected, { unit: 'utf16', crlf: 'one' })).toBe(expected);
  });

  it('knows how long the text is under each convention', () => {
    expect(ALL_CONVENTIONS.map((c) => text.lengthIn(c))).toEqual([9, 7, 11, 9]);
  });

  it('maps every character to itself under every convention', () => {
    fc.assert(
      // A lone CR followed by an LF part would be a CRLF: the parts must be the characters.
      fc.property(fc.array(fc.constantFrom('x', '😀', '\r\n', '\r', '\n', 'é'), { maxLength: 30 }).filter((p) => !p.some((x, i) => x === '\r' && p[i + 1]?.startsWith('\n'))), (parts) => {
        const source = new SourceText(parts.join(''));
        const positions = { utf16two: 0, cptwo: 0, cpone: 0, utf16one: 0 };
        for (const part of parts) {
          const model = source.toModel(positions.utf16two, { unit: 'utf16', crlf: 'two' });
          expect(source.toModel(positions.cptwo, { unit: 'codePoint', crlf: 'two' })).toBe(model);
          expect(source.toModel(positions.cpone, { unit: 'codePoint', crlf: 'one' })).toBe(model);
          expect(source.toModel(positions.utf16one, { unit: 'utf16', crlf: 'one' })).toBe(model);
          positions.utf16two += part.length;
          positions.cptwo += Array.from(part).length;
          positions.cpone += part === '\r\n' ? 1 : Array.from(part).length;
          positions.utf16one += part === '\r\n' ? 1 : part.length;
        }
      }),
    );
  });
});

describe('quotes', () => {
  it('reads a name as a quote, truncated or not, whitespace collapsed', () => {
    expect(parseQuote('  Oh,\n that  was…')).toEqual({ text: 'Oh, that was', truncated: true });
    expect(parseQuote('great...')).toEqual({ text: 'great', truncated: true });
    expect(parseQuote('ab')).toBeNull();
    expect(parseQuote('')).toBeNull();
  });

  it('matches the text ignoring whitespace differences, whole or as a prefix', () => {
    const text = 'Say:  Oh, that\r\nwas great.  ';
    const start = text.indexOf('Oh');
    expect(quoteMatches(text, start, text.length, parseQuote('Oh, that was great.')!)).toBe(true);
    expect(quoteMatches(text, start, text.length, parseQuote('Oh, that wa…')!)).toBe(true);
    expect(quoteMatches(text, start, text.length, parseQuote('Oh, that was')!)).toBe(false);
    expect(quoteMatches(text, start + 1, text.length, parseQuote('Oh, that wa…')!)).toBe(false);
    expect(quoteMatches(text, 3, 2, parseQuote('anything')!)).toBe(false);
  });

  it('picks the convention under which most quotes match, the producer’s on a tie', () => {
    const raw = '😀😀😀 intro\r\nthe quote';
    const source = new SourceText(raw);
    const atUtf16 = raw.indexOf('the');
    const selection = { start: atUtf16, end: atUtf16 + 9, quote: parseQuote('the quote') };
    expect(detectConvention([{ text: source, selections: [selection] }], { unit: 'codePoint', crlf: 'two' })).toMatchObject({ convention: { unit: 'utf16', crlf: 'two' }, checked: 1, matched: 1, overrodeProducer: true });
    expect(detectConvention([{ text: source, selections: [{ ...selection, quote: null }] }], { unit: 'codePoint', crlf: 'one' })).toMatchObject({ convention: { unit: 'codePoint', crlf: 'one' }, checked: 0, overrodeProducer: false });
  });
});
