/**
 * Text search: every hit's offsets are checked against the text itself (the slice at a hit is
 * what was searched for), with emoji, accents, letters whose lower case is longer, CRLF-free
 * stored text, whole words, phrases across line breaks, regular expressions, and refusals.
 */
import { describe, expect, it } from 'vitest';
import { SearchQueryError, compileQuery, findHits, keywordInContext, type SearchQuery } from '../../../../shared/retrieval/textSearch.ts';

const query = (text: string, over: Partial<SearchQuery> = {}): SearchQuery => ({ text, mode: 'words', caseSensitive: false, wholeWord: false, ...over });
const search = (text: string, q: SearchQuery) => findHits(text, compileQuery(q)!).map((h) => [h.start, h.end, text.slice(h.start, h.end)]);

describe('compileQuery and findHits', () => {
  it('finds every case of a word, offsets exact after emoji and accents', () => {
    const text = '👩🏽‍⚕️ said Police; the café police and POLICE.';
    // Hand-counted: the emoji sequence is 7 UTF-16 units, then " said " (6).
    expect(text.indexOf('Police')).toBe(13);
    expect(search(text, query('police'))).toEqual([
      [13, 19, 'Police'],
      [30, 36, 'police'],
      [41, 47, 'POLICE'],
    ]);
    expect(search(text, query('police', { caseSensitive: true }))).toEqual([[30, 36, 'police']]);
  });

  it('keeps offsets of the original text where lower case would change the length', () => {
    // 'İ' (U+0130) lower-cases to two code units: a search on a lower-cased copy lands one early.
    const text = 'İİİ İstanbul and istanbul';
    expect('İ'.toLowerCase().length).toBe(2);
    const hits = search(text, query('istanbul'));
    expect(hits.map((h) => h[2])).toEqual(['istanbul']);
    expect(hits[0]![0]).toBe(text.lastIndexOf('istanbul'));
  });

  it('matches whole words only when asked, with letters of any script', () => {
    const text = 'police policed Policing; überpolice';
    expect(search(text, query('police')).map((h) => h[0])).toEqual([0, 7, 29]);
    expect(search(text, query('police', { wholeWord: true }))).toEqual([[0, 6, 'police']]);
    expect(search('über uber', query('ber', { wholeWord: true }))).toEqual([]);
  });

  it('finds any of several words, the longer first where both match at one place', () => {
    expect(search('pol police', query('pol police'))).toEqual([
      [0, 3, 'pol'],
      [4, 10, 'police'],
    ]);
  });

  it('finds an exact phrase across a line break and runs of spaces', () => {
    const text = 'they call it sex\nwork, or sex   work, not sex-work';
    expect(search(text, query('sex work', { mode: 'phrase' }))).toEqual([
      [13, 21, 'sex\nwork'],
      [26, 36, 'sex   work'],
    ]);
  });

  it('treats the query literally unless regular expressions are chosen', () => {
    expect(search('a.b axb (c)', query('a.b'))).toEqual([[0, 3, 'a.b']]);
    expect(search('a.b axb (c)', query('(c)'))).toEqual([[8, 11, '(c)']]);
    expect(search('a.b axb', query('a.b', { mode: 'regex' })).map((h) => h[2])).toEqual(['a.b', 'axb']);
  });

  it('runs a regular expression in Unicode mode, skipping empty matches', () => {
    const text = 'x😀y 😀';
    expect(search(text, query('😀', { mode: 'regex' }))).toEqual([
      [1, 3, '😀'],
      [5, 7, '😀'],
    ]);
    expect(search('aa b a', query('a*', { mode: 'regex' }))).toEqual([
      [0, 2, 'aa'],
      [5, 6, 'a'],
    ]);
    expect(search('😀😀', query('(?:)', { mode: 'regex' }))).toEqual([]);
  });

  it('says in one sentence why a regular expression cannot run, and ignores a blank query', () => {
    expect(() => compileQuery(query('(unclosed', { mode: 'regex' }))).toThrow(SearchQueryError);
    expect(() => compileQuery(query('(unclosed', { mode: 'regex' }))).toThrow(/^That regular expression cannot be read: .+\.$/);
    expect(compileQuery(query('   '))).toBeNull();
  });

  it('stops at the limit', () => {
    expect(findHits('a a a a', compileQuery(query('a'))!, 2)).toHaveLength(2);
  });
});

describe('keywordInContext', () => {
  it('cuts the context at spaces and shows line breaks as spaces', () => {
    const text = 'The police framed it as trafficking.\nSecond line here';
    expect(keywordInContext(text, { start: 4, end: 10 }, 12)).toEqual({ before: 'The ', hit: 'police', after: ' framed it' });
    expect(keywordInContext(text, { start: 24, end: 35 }, 8)).toEqual({ before: 'it as ', hit: 'trafficking', after: '. Second' });
  });

  it('never splits an emoji at the edge of the context', () => {
    const text = '😀😀😀police😀😀😀';
    const kwic = keywordInContext(text, { start: 6, end: 12 }, 3);
    expect(kwic.hit).toBe('police');
    expect(kwic.before).toBe('😀😀');
    expect(kwic.after).toBe('😀😀');
  });
});
