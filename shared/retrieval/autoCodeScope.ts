/**
 * What auto-coding codes around each search hit: the hit itself, or the sentence, paragraph or
 * speaker turn that holds it. Ranges that overlap or touch after widening are merged, so a
 * sentence with three hits becomes one coding, not three.
 *
 * Sentences come from `Intl.Segmenter` (the Unicode sentence rules, in Node and in Chromium),
 * trimmed of the spaces and line break the segmenter leaves at their end, so "code the sentence"
 * never codes the paragraph after it. A paragraph is a line of the stored text (LF-separated),
 * as the document view shows it. Offsets are UTF-16 code units, half-open.
 */
import type { SearchHit } from './textSearch.ts';

export type AutoCodeScope = 'hit' | 'sentence' | 'paragraph' | 'turn';

export interface TextRange {
  start: number;
  end: number;
}

/** The range without the white space at its two ends (empty ranges stay where they are). */
function trimRange(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

function paragraphAround(text: string, offset: number): TextRange {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const next = text.indexOf('\n', offset);
  return { start, end: next === -1 ? text.length : next };
}

/** The sentence holding `offset`, searched only inside its paragraph (a heading has no full stop). */
function sentenceAround(text: string, offset: number, segmenter: Intl.Segmenter): TextRange {
  const paragraph = paragraphAround(text, offset);
  const inside = text.slice(paragraph.start, paragraph.end);
  for (const sentence of segmenter.segment(inside)) {
    const start = paragraph.start + sentence.index;
    const end = start + sentence.segment.length;
    if (offset < end || end === paragraph.end) return trimRange(text, { start, end });
  }
  return trimRange(text, paragraph);
}

/**
 * A speaker label at the start of a line: "Name: text", the name up to 40 characters with no
 * colon, no sentence punctuation and at most five words ("Interviewer:", "P3:", "Dr. Amal
 * Haddad:"). A time stamp ("10:30") is not a label: the name must hold a letter.
 */
const SPEAKER_LABEL = /^[ \t]*([^\s:.!?][^:\n.!?]{0,38}(?:\.[^:\n.!?]{1,20})?)[ \t]*:(?:[ \t]|$)/u;

/**
 * The speaker of the line starting at `lineStart`, or null.
 *
 * @example
 * speakerOfLine('Interviewer: How did it start?', 0) // → 'Interviewer'
 */
export function speakerOfLine(text: string, lineStart: number): string | null {
  const lineEnd = text.indexOf('\n', lineStart);
  const match = SPEAKER_LABEL.exec(text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd));
  if (!match) return null;
  const name = match[1]!.trim();
  if (!/\p{L}/u.test(name) || name.split(/\s+/).length > 5) return null;
  return name;
}

export interface SpeakerTurn extends TextRange {
  speaker: string;
}

/**
 * Every speaker turn of a transcript: from a labelled line to the line before the next label
 * (lines without a label continue the turn). Text before the first label belongs to no turn.
 * Each turn's range starts after its label, so coding a turn codes what was said.
 *
 * @example
 * speakerTurns('Ana: Hello.\nBo: Hi.\nStill Bo.')
 * // → [{ speaker: 'Ana', start: 5, end: 11 }, { speaker: 'Bo', start: 16, end: 29 }]
 */
export function speakerTurns(text: string): SpeakerTurn[] {
  const turns: SpeakerTurn[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const lineEnd = text.indexOf('\n', lineStart);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const speaker = speakerOfLine(text, lineStart);
    if (speaker !== null) {
      const labelEnd = lineStart + text.slice(lineStart, end).indexOf(':') + 1;
      turns.push({ speaker, ...trimRange(text, { start: labelEnd, end }) });
    } else if (turns.length > 0 && end > lineStart) {
      // A label alone on its line: the turn starts on the next line with text.
      const turn = turns[turns.length - 1]!;
      Object.assign(turn, trimRange(text, { start: turn.start, end }));
    }
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  return turns.filter((turn) => turn.end > turn.start);
}

/** The speakers of a transcript with how many turns each has, most turns first. */
export function detectSpeakers(text: string): { speaker: string; turns: number }[] {
  const counts = new Map<string, number>();
  for (const turn of speakerTurns(text)) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1);
  return [...counts].map(([speaker, turns]) => ({ speaker, turns })).sort((a, b) => b.turns - a.turns || a.speaker.localeCompare(b.speaker));
}

/** Sorts ranges and merges those that overlap or touch. */
export function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * The ranges auto-coding writes for `hits` in `text` with `scope`, merged. A hit outside every
 * speaker turn (before the first label) codes nothing with the 'turn' scope.
 *
 * @example
 * autoCodeRanges('One. Two police. Three.', [{ start: 9, end: 15 }], 'sentence') // → [{ start: 5, end: 16 }]
 */
export function autoCodeRanges(text: string, hits: readonly SearchHit[], scope: AutoCodeScope, locale = 'en'): TextRange[] {
  if (scope === 'hit') return mergeRanges(hits);
  if (scope === 'paragraph') return mergeRanges(hits.map((hit) => trimRange(text, paragraphAround(text, hit.start))));
  if (scope === 'sentence') {
    const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    return mergeRanges(hits.map((hit) => sentenceAround(text, hit.start, segmenter)));
  }
  const turns = speakerTurns(text);
  const around: TextRange[] = [];
  for (const hit of hits) {
    const turn = turns.find((t) => hit.start < t.end && hit.end > t.start);
    if (turn) around.push({ start: turn.start, end: turn.end });
  }
  return mergeRanges(around);
}
