/**
 * Phase 4 of reading a project: one offset convention for the whole file (offsets.ts), the coder
 * of each coding, and each `<Coding>` of a selection (or of a whole source) as a Segment, checked
 * against its quote; the sources become Documents.
 */
import type { CodeId, CoderId, MemoTarget, SegmentId } from '../../model/index.ts';
import { guidKey } from '../codebookXml.ts';
import { deriveGuid } from '../../common/guid.ts';
import { conventionForOrigin, describeConvention, detectConvention, isSpace, quoteMatches, SPEC_CONVENTION, type Quote } from '../offsets.ts';
import { child, children, type ReadContext } from './context.ts';

/** Converts the selections of `ctx.sources` into `ctx.segments` and the sources into `ctx.documents`. */
export function readSelections(ctx: ReadContext): void {
  const { root, report, options, origin, sidecar, now, projectId, users, sources, newlineSources, placeholderCoders, documents, segments, selectionSegments, codingSegments, selectionPassages, pendingMemos } = ctx;
  // Offsets: one convention for the whole file.
  const producerConvention = conventionForOrigin(origin);
  const decision = options.offsets
    ? { convention: options.offsets, checked: 0, matched: 0, overrodeProducer: false }
    : detectConvention(sources.map((s) => ({ text: s.text, selections: s.selections })), producerConvention);
  const convention = decision.convention;
  /** Codings whose positions mean other words under the convention read than under the specification's: what the offsets line counts. */
  let convertedCodings = 0;

  // Coders of codings.
  const projectUser = root.attrs['creatingUserGUID'];
  const coderFor = (...candidates: (string | undefined)[]): CoderId => {
    for (const raw of candidates) {
      if (raw === undefined || raw === '') continue;
      const key = guidKey(raw);
      if (users.has(key)) return key as CoderId;
      if (!placeholderCoders.has(key)) {
        report.warning('user.unknown', 'Codings by a user the file does not list were attributed to a placeholder coder.', raw);
        placeholderCoders.set(key, { id: key as CoderId, name: `Unknown coder ${key.slice(0, 8)}`, color: '#888888' });
      }
      return key as CoderId;
    }
    const key = deriveGuid(`unknown-coder:${origin}`);
    if (!placeholderCoders.has(key)) {
      report.adjusted('user.none', 'Codings that name no user were attributed to a coder named "Unknown coder".');
      placeholderCoders.set(key, { id: key as CoderId, name: 'Unknown coder', color: '#888888' });
    }
    return key as CoderId;
  };

  // Segments.
  const segmentIds = new Set<string>();
  const uniqueSegmentId = (candidate: string) => {
    let id = candidate;
    for (let n = 1; segmentIds.has(id); n++) id = deriveGuid(`${candidate}:${n}`);
    if (id !== candidate) report.warning('selection.duplicate-guid', 'Selections or codings sharing a GUID were given distinct segment ids.', candidate);
    segmentIds.add(id);
    return id as SegmentId;
  };
  for (const source of sources) {
    const text = source.text.text;
    // Segments by range in this document, to find exact duplicates (NVivo repeats ranges).
    type RangeEntry = { start: number; end: number; codeId: CodeId; coderId: CoderId; id: SegmentId };
    const byRange = new Map<number, RangeEntry[]>();
    let rangeSegments: RangeEntry[] = [];
    const findDuplicate = (start: number, end: number, codeId: CodeId, coderId: CoderId): SegmentId | undefined => {
      // Keyed by start (a small integer: cheap to hash); the few entries per start compare the rest.
      let list = byRange.get(start);
      if (!list) byRange.set(start, (list = []));
      rangeSegments = list;
      return list.find((s) => s.start === start && s.end === end && s.codeId === codeId && s.coderId === coderId)?.id;
    };
    for (const selection of source.selections) {
      const codings = selection.codings;
      if (!Number.isInteger(selection.start) || !Number.isInteger(selection.end) || selection.start < 0 || selection.end < 0) {
        report.skipped('selection.bad-offsets', 'Selections whose positions are not non-negative whole numbers were skipped.', selection.guid, Math.max(1, codings.length));
        continue;
      }
      if (selection.start > selection.end || selection.end > source.text.lengthIn(convention)) {
        report.skipped('selection.out-of-range', 'Selections whose positions lie outside their text (or end before they start) were skipped.', `${source.name} [${selection.start}, ${selection.end})`, Math.max(1, codings.length));
        continue;
      }
      let start = source.text.toModel(selection.start, convention);
      let end = source.text.toModel(selection.end, convention);
      const isConverted = start !== source.text.toModel(selection.start, SPEC_CONVENTION) || end !== source.text.toModel(selection.end, SPEC_CONVENTION);
      if (selection.quote && !quoteMatches(text, start, end, selection.quote)) {
        const moved = realign(text, start, end, selection.quote);
        if (moved) {
          report.adjusted('selection.realigned', 'Selections whose quoted text sat a few characters away from their positions were moved onto the quote.', `${source.name}: ${selection.name.slice(0, 40)}`);
          [start, end] = moved;
        } else {
          report.warning('selection.quote-mismatch', 'Some selection names do not match the text at their positions (they may be labels rather than quotes); the positions were kept.', `${source.name}: ${selection.name.slice(0, 40)}`);
        }
      }
      if (start === end) {
        report.skipped('selection.empty', 'Zero-length selections were skipped.', source.name, Math.max(1, codings.length));
        if (selection.description.trim() !== '') {
          // ATLAS.ti writes zero-length selections; a comment on one is kept on its document.
          pendingMemos.push({ guid: deriveGuid(`selection-description:${selection.guid}`), target: { kind: 'document', id: source.id }, title: 'Comment', text: selection.description, user: selection.creatingUser, created: selection.created });
          report.adjusted('selection.empty-comment', 'Comments on zero-length selections became memos on their document.', source.name);
        }
        continue;
      }
      const description = selection.description;
      const ids: SegmentId[] = [];
      for (const coding of codings) {
        const codeRef = child(coding, 'CodeRef')?.attrs['targetGUID'];
        if (codeRef === undefined) {
          report.warning('coding.no-coderef', 'Codings without a CodeRef were skipped.', coding.attrs['guid']);
          continue;
        }
        const codeId = guidKey(codeRef) as CodeId;
        const coderId = coderFor(coding.attrs['creatingUser'], selection.creatingUser, projectUser);
        const codingUser = coding.attrs['creatingUser'];
        if (codingUser && selection.creatingUser && codingUser !== selection.creatingUser && guidKey(codingUser) !== guidKey(selection.creatingUser)) {
          report.adjusted('coding.user', 'Where a coding and the passage it codes name different coders, the codings were given to the coder who applied the code.', undefined, 1, "The Coding's creatingUser was taken over its PlainTextSelection's.");
        }
        // Codings with a NoteRef need their segment found again when notes are attached.
        const codingGuid = coding.attrs['guid'] ? guidKey(coding.attrs['guid']) : undefined;
        const remember = (id: SegmentId) => {
          if (codingGuid && coding.children.length > 1) codingSegments.set(codingGuid, id);
        };
        const existing = findDuplicate(start, end, codeId, coderId);
        if (existing) {
          report.skipped('coding.duplicate', 'Duplicate codings (same passage, code and coder) were imported once.', source.name);
          remember(existing);
          ids.push(existing);
          continue;
        }
        const id = uniqueSegmentId(codings.length === 1 ? selection.guid : (codingGuid ?? deriveGuid(`${selection.guid}:${ids.length}`)));
        rangeSegments.push({ start, end, codeId, coderId, id });
        remember(id);
        ids.push(id);
        segments.push({ id, projectId, documentId: source.id, codeId, coderId, start, end, createdAt: coding.attrs['creationDateTime'] ?? selection.created ?? now });
      }
      if (isConverted) convertedCodings += ids.length;
      if (selection.noteRefs.length) selectionSegments.set(selection.guid, ids);
      if (ids.length === 0) selectionPassages.set(selection.guid, { start, end });
      if (codings.length === 0 && description === '' && !selection.noteRefs.length) {
        report.skipped('selection.uncoded', 'Selections without any coding (and without a comment) were skipped.', source.name);
      }
      if (description !== '') {
        const target: MemoTarget = ids[0] ? { kind: 'segment', id: ids[0] } : { kind: 'passage', id: source.id, start, end };
        const title = selection.quote ? `Comment on “${selection.quote.text.slice(0, 60)}”` : 'Comment';
        pendingMemos.push({ guid: deriveGuid(`selection-description:${selection.guid}`), target, title, text: description, user: selection.creatingUser, created: selection.created });
        report.adjusted('selection.description', "Comments written on passages (selection descriptions) became memos on their coded passage, or on the passage itself when it was not coded.", source.name);
      }
    }
    // Codings on the whole source.
    for (const coding of children(source.element, 'Coding')) {
      const codeRef = child(coding, 'CodeRef')?.attrs['targetGUID'];
      if (codeRef === undefined || text.length === 0) continue;
      const codeId = guidKey(codeRef) as CodeId;
      const coderId = coderFor(coding.attrs['creatingUser'], source.element.attrs['creatingUser'], projectUser);
      const id = uniqueSegmentId(coding.attrs['guid'] ? guidKey(coding.attrs['guid']) : deriveGuid(`${source.id}:whole:${codeId}`));
      if (coding.attrs['guid']) codingSegments.set(guidKey(coding.attrs['guid']), id);
      segments.push({ id, projectId, documentId: source.id, codeId, coderId, start: 0, end: text.length, createdAt: coding.attrs['creationDateTime'] ?? now });
      report.adjusted('source.whole-coding', 'Codings of a whole source became segments spanning its whole text.', source.name);
    }
    const sourceDescription = child(source.element, 'Description')?.text ?? '';
    if (sourceDescription.trim() !== '') {
      pendingMemos.push({ guid: deriveGuid(`source-description:${source.id}`), target: { kind: 'document', id: source.id }, title: 'Description', text: sourceDescription, user: source.element.attrs['creatingUser'], created: source.created });
      report.adjusted('source.description', "Sources' descriptions became memos on their documents.", source.name);
    }
    if (newlineSources.has(source.id)) {
      report.adjusted('source.newlines', 'Windows line breaks in document texts became plain line breaks; the codings were moved with them, so they keep their words.', source.name, 1, 'CRLF and CR line ends were converted to LF (a byte-order mark, if any, was removed), and offsets moved accordingly.');
    }
    documents.push({
      id: source.id,
      projectId,
      name: source.name,
      text,
      origin: sidecar?.documents[source.id]?.origin ?? 'qdpx',
      order: documents.length,
      createdAt: source.created ?? now,
      variables: source.variables,
    });
  }

  if (convertedCodings) {
    const counting = producerWord(origin);
    const codings = `${convertedCodings} coding${convertedCodings === 1 ? '' : 's'}`;
    if (decision.overrodeProducer) {
      report.adjusted('offsets.detected', `Selection positions were read the way their quoted words fit, not the way ${counting} usually counts, so ${codings} land on the words they quote.`, undefined, 1,
        `Offsets were read as ${describeConvention(convention)}, because the quoted text of ${decision.matched} of ${decision.checked} checked selections matched that way (the usual convention of ${origin} is ${describeConvention(producerConvention)}).`);
    } else {
      report.adjusted('offsets.convention', `Selection positions were converted from ${counting}'s counting, so ${codings} land on the same words as in ${counting}.`, undefined, 1,
        `Offsets were read as ${describeConvention(convention)} (the convention of ${origin}) and converted to Marginalia's offsets.`);
    }
  }
}

/** The producer's name without its version, for sentences: `NVivo for Windows 12.6` → `NVivo`. */
function producerWord(origin: string): string {
  const word = origin.trim().split(/\s+/)[0] ?? '';
  return word === '' || word === 'unknown' ? 'the producer' : word;
}

/**
 * Moves a selection onto its quote when the quote occurs within 256 characters of where it
 * claims to be. The quote's whitespace was collapsed, so any run of whitespace in the text
 * matches one of its spaces: the text around the selection is collapsed the same way and the
 * quote looked up with indexOf. No regular expression is built from the quote (a file's text):
 * a long selection name made one too large to compile.
 */
function realign(text: string, start: number, end: number, quote: Quote): [number, number] | null {
  const window = 256;
  const from = Math.max(0, start - window);
  const to = Math.min(text.length, start + window + quote.text.length * 4);
  // The window with each run of whitespace as one space, and where each of its characters came from.
  let collapsed = '';
  const sourceAt: number[] = [];
  let runStart = -1;
  for (let i = from, chunk = from; i <= to; i++) {
    const isRun = i < to && isSpace(text.charCodeAt(i));
    if (isRun && runStart < 0) {
      collapsed += text.slice(chunk, i) + ' ';
      for (let k = chunk; k < i; k++) sourceAt.push(k);
      sourceAt.push(i);
      runStart = i;
    } else if (!isRun && runStart >= 0) {
      runStart = -1;
      chunk = i;
    }
    if (i === to && runStart < 0) {
      collapsed += text.slice(chunk, to);
      for (let k = chunk; k < to; k++) sourceAt.push(k);
    }
  }
  // Matches come in order of position: the nearest is the last before `start` or the first after.
  let best = -1;
  for (let at = collapsed.indexOf(quote.text); at >= 0; at = collapsed.indexOf(quote.text, at + 1)) {
    if (best < 0 || Math.abs(sourceAt[at]! - start) < Math.abs(sourceAt[best]! - start)) best = at;
    if (sourceAt[at]! >= start) break;
  }
  if (best < 0) return null;
  const newStart = sourceAt[best]!;
  const length = quote.truncated ? end - start : sourceAt[best + quote.text.length - 1]! + 1 - newStart;
  return [newStart, Math.min(text.length, newStart + length)];
}
