import { describe, expect, it } from 'vitest';
import { stepCharacter, stepWord } from '../../../../renderer/editor/documentCaret.ts';

describe('stepWord', () => {
  const text = 'Eggs were  thrown.\nFog';
  it('moves to the end of the next word, skipping the spaces before it', () => {
    expect(stepWord(text, 0, 1)).toBe(4);
    expect(stepWord(text, 4, 1)).toBe(9);
    expect(stepWord(text, 9, 1)).toBe(18);
  });
  it('moves to the start of the previous word, across a line break', () => {
    expect(stepWord(text, 20, -1)).toBe(19);
    expect(stepWord(text, 19, -1)).toBe(11);
    expect(stepWord(text, 2, -1)).toBe(0);
  });
  it('stops at the ends of the text', () => {
    expect(stepWord(text, text.length, 1)).toBe(text.length);
    expect(stepWord(text, 0, -1)).toBe(0);
  });
});

describe('stepCharacter', () => {
  it('steps one UTF-16 unit in plain text and stops at the ends', () => {
    expect(stepCharacter('abc', 1, 1)).toBe(2);
    expect(stepCharacter('abc', 1, -1)).toBe(0);
    expect(stepCharacter('abc', 3, 1)).toBe(3);
    expect(stepCharacter('abc', 0, -1)).toBe(0);
  });
  it('never splits a surrogate pair', () => {
    const text = 'a😀b';
    expect(stepCharacter(text, 1, 1)).toBe(3);
    expect(stepCharacter(text, 3, -1)).toBe(1);
  });
});
