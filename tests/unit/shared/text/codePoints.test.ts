import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  codePointToUtf16,
  countCodePoints,
  hasBom,
  indexCodePoints,
  normalizeNewlines,
  offsetAfterNormalization,
  offsetBeforeNormalization,
  sliceCodePoints,
  stripBom,
  utf16ToCodePoint,
} from '../../../../shared/text/codePoints.ts';

/** Reference conversion, straight from the definition (slow, obviously right). */
const referenceCodePoint = (text: string, offset: number) => Array.from(text.slice(0, offset)).length;

describe('indexCodePoints', () => {
  it('counts astral characters once', () => {
    const index = indexCodePoints('a😀b👩🏽‍💻');
    expect(index.utf16Length).toBe(11);
    expect(index.codePointLength).toBe(Array.from('a😀b👩🏽‍💻').length);
    expect([...index.astralStarts]).toEqual([1, 4, 6, 9]);
  });

  it('has an empty table for text without astral characters', () => {
    expect(indexCodePoints('naïve – 中文').astralStarts.length).toBe(0);
  });
});

describe('utf16ToCodePoint', () => {
  it('converts offsets after emoji', () => {
    const index = indexCodePoints('😀x😀y');
    expect([0, 2, 3, 5, 6].map((o) => utf16ToCodePoint(index, o))).toEqual([0, 1, 2, 3, 4]);
  });

  it('maps an offset inside a surrogate pair to the start of its character', () => {
    expect(utf16ToCodePoint(indexCodePoints('a😀'), 2)).toBe(1);
  });

  it('clamps offsets outside the text', () => {
    const index = indexCodePoints('😀');
    expect(utf16ToCodePoint(index, -3)).toBe(0);
    expect(utf16ToCodePoint(index, 99)).toBe(1);
  });

  it('agrees with Array.from on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), (text, n) => {
        const offset = n % (text.length + 1);
        const index = indexCodePoints(text);
        // Array.from splits a string into code points (lone surrogates count as one).
        const expected = referenceCodePoint(text, offset) - (offset > 0 && (text.charCodeAt(offset - 1) & 0xfc00) === 0xd800 && (text.charCodeAt(offset) & 0xfc00) === 0xdc00 ? 1 : 0);
        expect(utf16ToCodePoint(index, offset)).toBe(expected);
      }),
    );
  });
});

describe('codePointToUtf16', () => {
  it('is the inverse of utf16ToCodePoint on character boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const index = indexCodePoints(text);
        let utf16 = 0;
        for (let cp = 0; cp <= index.codePointLength; cp++) {
          expect(codePointToUtf16(index, cp)).toBe(utf16);
          expect(utf16ToCodePoint(index, utf16)).toBe(cp);
          const code = text.codePointAt(utf16);
          utf16 += code !== undefined && code > 0xffff ? 2 : 1;
        }
      }),
    );
  });

  it('clamps code points past the end', () => {
    expect(codePointToUtf16(indexCodePoints('a😀'), 10)).toBe(3);
  });
});

describe('countCodePoints and sliceCodePoints', () => {
  it('count like Array.from', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(countCodePoints(text)).toBe(Array.from(text).length);
      }),
    );
  });

  it('never split a surrogate pair', () => {
    expect(sliceCodePoints('😀😀😀', 2)).toBe('😀😀');
    expect(sliceCodePoints('ab', 5)).toBe('ab');
  });
});

describe('stripBom', () => {
  it('removes one leading byte-order mark only', () => {
    expect(hasBom('\uFEFFx')).toBe(true);
    expect(stripBom('\uFEFFx\uFEFF')).toBe('x\uFEFF');
    expect(stripBom('x')).toBe('x');
  });
});

describe('normalizeNewlines', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(normalizeNewlines('a\r\nb\rc\nd').text).toBe('a\nb\nc\nd');
  });

  it('returns the same string when there is no CR', () => {
    const text = 'no carriage returns\n';
    const result = normalizeNewlines(text);
    expect(result.text).toBe(text);
    expect(result.map.changed).toBe(false);
  });

  it('moves offsets past each removed CR', () => {
    const { map } = normalizeNewlines('ab\r\ncd\r\nef');
    // 'e' is at 8 in the original, 6 after.
    expect(offsetAfterNormalization(map, 8)).toBe(6);
    // Between CR and LF → the position of the LF.
    expect(offsetAfterNormalization(map, 3)).toBe(2);
    expect(offsetBeforeNormalization(map, 6)).toBe(8);
    expect(offsetBeforeNormalization(map, 2)).toBe(2);
  });

  it('maps every original character to the same character after normalisation', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '😀', '\r\n', '\r', '\n', 'é'), { maxLength: 40 }), (parts) => {
        const original = parts.join('');
        const { text, map } = normalizeNewlines(original);
        for (let i = 0; i < original.length; i++) {
          if (original[i] === '\r') continue;
          const j = offsetAfterNormalization(map, i);
          expect(text[j]).toBe(original[i]);
          expect(offsetBeforeNormalization(map, j)).toBe(original[i] === '\n' && original[i - 1] === '\r' ? i - 1 : i);
        }
        expect(offsetAfterNormalization(map, original.length)).toBe(text.length);
      }),
    );
  });
});

describe('scale', () => {
  it('converts 200,000 offsets in 50 MB of text without scanning per offset', () => {
    const text = 'word 😀 naïve '.repeat(4_000_000);
    const started = performance.now();
    const index = indexCodePoints(text);
    let sum = 0;
    for (let i = 0; i < 200_000; i++) sum += utf16ToCodePoint(index, (i * 251) % text.length);
    expect(sum).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
