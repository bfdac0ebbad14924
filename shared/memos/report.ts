/**
 * The memo report: every memo of a project grouped by what it is attached to, as Markdown and as
 * a Word document. Order: the project's memos; then each document in its display order with its
 * own memos, then the memos on its passages (coded segments and uncoded passages) by position,
 * each with the quoted passage and, for a segment, its code; then each code in codebook order.
 * Within one thing, memos by creation time. Each memo shows its title, author, created and
 * modified dates and its formatted content (richText.ts).
 *
 * Also the memos as plain records for JSON (`memoRecords`) and a researcher's count of where
 * imported memos landed (`describeMemoTargets`).
 *
 * Invariant: every memo of the bundle appears exactly once; a memo whose target the bundle
 * lacks is listed under "Memos attached to something no longer in the project", never dropped.
 */
import { AlignmentType, Document as WordDocument, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun, BorderStyle } from 'docx';
import type { Code, Coder, Document, Memo, ProjectBundle, Segment } from '../model/index.ts';
import { walkCodeTree } from '../codebook/tree.ts';
import { indexCodePoints, utf16ToCodePoint } from '../text/codePoints.ts';
import { escapeMarkdown, MEMO_NUMBERING, memoDocxParagraphs, memoMarkdown, parseMemoContent } from './richText.ts';

export interface MemoReportOptions {
  /** Date shown under the title, e.g. `2026-11-21`; default today. */
  readonly date?: string;
  /** Longest quoted passage, in characters, before it is cut with “…”; default 600. */
  readonly maxQuoteLength?: number;
}

/** A memo with what the report says about where it is. */
interface Placed {
  readonly memo: Memo;
  readonly author: string;
  /** The quoted passage of a segment or passage memo. */
  readonly quote?: string;
  /** The code of a segment memo, as its path (`Risk › Vaccine harms`). */
  readonly codePath?: string;
}

/** A heading of the report with the memos under it. */
interface Section {
  readonly level: 1 | 2;
  readonly title: string;
  /** A line under the heading (e.g. what a code is). */
  readonly note?: string;
  readonly memos: readonly Placed[];
}

const byCreated = (a: Memo, b: Memo) => a.createdAt.localeCompare(b.createdAt) || a.title.localeCompare(b.title);

function cut(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max).trimEnd()}…` : clean;
}

/** A date as the report prints it: `2026-03-04 09:30` (UTC), or the text as given. */
function when(timestamp: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(timestamp);
  return match ? `${match[1]} ${match[2]}` : timestamp;
}

/** The code paths of a codebook (`Parent › Child`). */
function codePaths(codes: readonly Code[]): Map<string, string> {
  return new Map(walkCodeTree(codes).map((e) => [e.code.id as string, e.path.join(' › ')]));
}

/** The report's sections, in order, without empty ones. */
function sections(bundle: ProjectBundle, options: MemoReportOptions): Section[] {
  const max = options.maxQuoteLength ?? 600;
  const coders = new Map<string, Coder>(bundle.coders.map((c) => [c.id, c]));
  const author = (memo: Memo) => (memo.coderId === null ? 'Unknown author' : (coders.get(memo.coderId)?.name ?? 'Unknown author'));
  const paths = codePaths(bundle.codes);
  const documents = [...bundle.documents].sort((a, b) => a.order - b.order);
  const documentById = new Map<string, Document>(documents.map((d) => [d.id, d]));
  const memoSegments = new Set(bundle.memos.flatMap((m) => (m.target.kind === 'segment' ? [m.target.id as string] : [])));
  const segmentById = new Map<string, Segment>(bundle.segments.filter((s) => memoSegments.has(s.id)).map((s) => [s.id, s]));
  const placed = new Set<Memo>();
  const place = (memo: Memo, extra: Partial<Placed> = {}): Placed => {
    placed.add(memo);
    return { memo, author: author(memo), ...extra };
  };

  const out: Section[] = [];
  const projectMemos = bundle.memos.filter((m) => m.target.kind === 'project').sort(byCreated);
  if (projectMemos.length) out.push({ level: 1, title: 'Project', memos: projectMemos.map((m) => place(m)) });

  const byDocument = new Map<string, Memo[]>();
  const onPassages = new Map<string, { memo: Memo; start: number; end: number; codeId?: string }[]>();
  for (const memo of bundle.memos) {
    const target = memo.target;
    if (target.kind === 'document' && documentById.has(target.id)) (byDocument.get(target.id) ?? byDocument.set(target.id, []).get(target.id)!).push(memo);
    else if (target.kind === 'passage' && documentById.has(target.id)) (onPassages.get(target.id) ?? onPassages.set(target.id, []).get(target.id)!).push({ memo, start: target.start, end: target.end });
    else if (target.kind === 'segment') {
      const segment = segmentById.get(target.id);
      if (segment && documentById.has(segment.documentId)) (onPassages.get(segment.documentId) ?? onPassages.set(segment.documentId, []).get(segment.documentId)!).push({ memo, start: segment.start, end: segment.end, codeId: segment.codeId });
    }
  }
  const documentSections: Section[] = [];
  for (const document of documents) {
    const own = (byDocument.get(document.id) ?? []).sort(byCreated).map((m) => place(m));
    const passages = (onPassages.get(document.id) ?? [])
      .sort((a, b) => a.start - b.start || a.end - b.end || byCreated(a.memo, b.memo))
      .map((p) => place(p.memo, { quote: cut(document.text.slice(p.start, p.end), max), ...(p.codeId ? { codePath: paths.get(p.codeId) ?? 'a code no longer in the project' } : {}) }));
    if (own.length || passages.length) documentSections.push({ level: 2, title: document.name, memos: [...own, ...passages] });
  }
  if (documentSections.length) out.push({ level: 1, title: 'Documents', memos: [] }, ...documentSections);

  const byCode = new Map<string, Memo[]>();
  for (const memo of bundle.memos) if (memo.target.kind === 'code') (byCode.get(memo.target.id) ?? byCode.set(memo.target.id, []).get(memo.target.id)!).push(memo);
  const codeSections: Section[] = [];
  for (const entry of walkCodeTree(bundle.codes)) {
    const memos = byCode.get(entry.code.id);
    if (memos?.length) codeSections.push({ level: 2, title: entry.path.join(' › '), note: entry.code.isCodable ? undefined : 'Category', memos: memos.sort(byCreated).map((m) => place(m)) });
  }
  if (codeSections.length) out.push({ level: 1, title: 'Codes', memos: [] }, ...codeSections);

  const rest = bundle.memos.filter((m) => !placed.has(m)).sort(byCreated);
  if (rest.length) out.push({ level: 1, title: 'Memos attached to something no longer in the project', memos: rest.map((m) => place(m)) });
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The sentence an empty report says. */
export const NO_MEMOS_SENTENCE = 'This project has no memos yet.';

function byline(p: Placed): string {
  const modified = p.memo.modifiedAt && p.memo.modifiedAt !== p.memo.createdAt ? ` · modified ${when(p.memo.modifiedAt)}` : '';
  return `${p.author} · created ${when(p.memo.createdAt)}${modified}`;
}

const titleOf = (memo: Memo) => (memo.title.trim() === '' ? 'Untitled memo' : memo.title);

/**
 * The memo report as Markdown.
 *
 * @example
 * memoReportMarkdown(bundle)
 * // → '# Memos: Vaccine talk\n\n5 memos…\n\n## Project\n\n### Plan\n\n*Ana · created 2026-03-01 09:00*\n\nRead everything twice.\n…'
 */
export function memoReportMarkdown(bundle: ProjectBundle, options: MemoReportOptions = {}): string {
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const out: string[] = [`# Memos: ${escapeMarkdown(bundle.project.name)}`, ''];
  if (bundle.memos.length === 0) {
    out.push(NO_MEMOS_SENTENCE, '', `Exported from Marginalia on ${date}.`, '');
    return out.join('\n');
  }
  out.push(`${plural(bundle.memos.length, 'memo')}. Exported from Marginalia on ${date}.`, '');
  for (const section of sections(bundle, options)) {
    out.push(`${section.level === 1 ? '##' : '###'} ${escapeMarkdown(section.title)}`, '');
    if (section.note) out.push(`*${section.note}*`, '');
    for (const p of section.memos) {
      const heading = section.level === 1 ? '###' : '####';
      out.push(`${heading} ${escapeMarkdown(titleOf(p.memo))}`, '');
      out.push(`*${escapeMarkdown(byline(p))}*`, '');
      if (p.quote !== undefined) {
        out.push(`> “${escapeMarkdown(p.quote)}”`, '');
        out.push(p.codePath ? `On a passage coded *${escapeMarkdown(p.codePath)}*.` : 'On an uncoded passage.', '');
      }
      const body = memoMarkdown(parseMemoContent(p.memo.content, p.memo.plainText), { headingOffset: section.level === 1 ? 3 : 4 });
      out.push(body === '' ? '*(empty)*' : body, '');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/**
 * The memo report as a Word document (bytes): the same content as the Markdown, with Word's
 * heading styles (so the navigation pane works), quoted passages indented in italics, and the
 * memos' own formatting (lists, links, quotes).
 *
 * @example
 * await host.saveFile({ defaultName: 'Memos.docx', bytes: await memoReportDocx(bundle) });
 */
export async function memoReportDocx(bundle: ProjectBundle, options: MemoReportOptions = {}): Promise<Uint8Array> {
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const title = `Memos: ${bundle.project.name}`;
  const body: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] })];
  if (bundle.memos.length === 0) body.push(new Paragraph({ children: [new TextRun(NO_MEMOS_SENTENCE)] }), new Paragraph({ children: [new TextRun({ text: `Exported from Marginalia on ${date}.`, color: '595959' })] }));
  else body.push(new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: `${plural(bundle.memos.length, 'memo')}. Exported from Marginalia on ${date}.`, color: '595959' })] }));
  const listInstances = { next: 1 };
  for (const section of bundle.memos.length ? sections(bundle, options) : []) {
    body.push(new Paragraph({ heading: section.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(section.title)] }));
    if (section.note) body.push(new Paragraph({ children: [new TextRun({ text: section.note, italics: true, color: '595959' })] }));
    for (const p of section.memos) {
      body.push(new Paragraph({ heading: section.level === 1 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, keepNext: true, children: [new TextRun(titleOf(p.memo))] }));
      body.push(new Paragraph({ keepNext: true, spacing: { after: 120 }, children: [new TextRun({ text: byline(p), color: '595959', size: 18 })] }));
      if (p.quote !== undefined) {
        body.push(
          new Paragraph({ keepNext: true, indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A6A6A6', space: 8 } }, children: [new TextRun({ text: `“${p.quote}”`, italics: true })] }),
          new Paragraph({ indent: { left: 567 }, spacing: { after: 120 }, children: [new TextRun({ text: p.codePath ? `On a passage coded ${p.codePath}` : 'On an uncoded passage', color: '595959', size: 18 })] }),
        );
      }
      const paragraphs = memoDocxParagraphs(parseMemoContent(p.memo.content, p.memo.plainText), { headingOffset: section.level === 1 ? 2 : 3, listInstances });
      body.push(...(paragraphs.length ? paragraphs : [new Paragraph({ children: [new TextRun({ text: '(empty)', italics: true, color: '595959' })] })]));
    }
  }
  const document = new WordDocument({
    creator: 'Marginalia',
    title,
    description: 'Memo report exported from Marginalia',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: { config: [MEMO_NUMBERING] },
    sections: [
      {
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18, color: '595959' })] })] }),
        },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

/** One memo as the command line's JSON gives it. */
export interface MemoRecord {
  readonly id: string;
  readonly title: string;
  readonly author: string | null;
  readonly created: string;
  readonly modified: string;
  readonly target: {
    readonly kind: Memo['target']['kind'];
    /** The document of a document, segment or passage memo. */
    readonly document?: string;
    /** The code of a code or segment memo, as its path (`Risk › Vaccine harms`). */
    readonly code?: string;
    /** The passage of a segment or passage memo, and its offsets (see MemoRecordOptions). */
    readonly passage?: string;
    readonly start?: number;
    readonly end?: number;
  };
  readonly plainText: string;
}

export interface MemoRecordOptions {
  /**
   * How passage offsets count: `utf16` (the model's, JavaScript string indices; default) or
   * `codePoints` (Unicode code points, as REFI-QDA and `marginalia segments` count).
   */
  readonly offsets?: 'utf16' | 'codePoints';
}

/**
 * Every memo as a plain record (what it is attached to spelled out by name), in report order.
 *
 * @example
 * memoRecords(bundle)[0] // → { id, title: 'Plan', author: 'Ana', target: { kind: 'project' }, plainText: '…', … }
 */
export function memoRecords(bundle: ProjectBundle, options: MemoRecordOptions = {}): MemoRecord[] {
  const indexes = new Map<string, ReturnType<typeof indexCodePoints>>();
  const offset = (document: Document | undefined, at: number) => {
    if (options.offsets !== 'codePoints' || !document) return at;
    let index = indexes.get(document.id);
    if (!index) indexes.set(document.id, (index = indexCodePoints(document.text)));
    return utf16ToCodePoint(index, at);
  };
  const coders = new Map(bundle.coders.map((c) => [c.id as string, c.name]));
  const documents = new Map(bundle.documents.map((d) => [d.id as string, d]));
  const paths = codePaths(bundle.codes);
  const segments = new Map(bundle.segments.map((s) => [s.id as string, s]));
  const order = new Map(sections(bundle, {}).flatMap((s) => s.memos.map((p) => p.memo)).map((m, i) => [m, i]));
  return [...bundle.memos]
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .map((memo) => {
      const t = memo.target;
      let target: MemoRecord['target'] = { kind: t.kind };
      if (t.kind === 'document') target = { kind: t.kind, document: documents.get(t.id)?.name };
      else if (t.kind === 'code') target = { kind: t.kind, code: paths.get(t.id) };
      else if (t.kind === 'passage') {
        const document = documents.get(t.id);
        target = { kind: t.kind, document: document?.name, passage: document?.text.slice(t.start, t.end), start: offset(document, t.start), end: offset(document, t.end) };
      } else if (t.kind === 'segment') {
        const segment = segments.get(t.id);
        const document = segment ? documents.get(segment.documentId) : undefined;
        target = segment ? { kind: t.kind, document: document?.name, code: paths.get(segment.codeId), passage: document?.text.slice(segment.start, segment.end), start: offset(document, segment.start), end: offset(document, segment.end) } : { kind: t.kind };
      }
      return {
        id: memo.id,
        title: memo.title,
        author: memo.coderId === null ? null : (coders.get(memo.coderId) ?? null),
        created: memo.createdAt,
        modified: memo.modifiedAt,
        target,
        plainText: memo.plainText,
      };
    });
}

const KIND_WORDS: Readonly<Record<Memo['target']['kind'], readonly [string, string]>> = {
  project: ['on the project', 'on the project'],
  document: ['on a document', 'on documents'],
  code: ['on a code', 'on codes'],
  segment: ['on a coded passage', 'on coded passages'],
  passage: ['on an uncoded passage', 'on uncoded passages'],
};

/**
 * Where memos are attached, as a researcher reads it, or '' for none.
 *
 * @example
 * describeMemoTargets(memos) // → '11 memos: 4 on the project, 7 on codes.'
 */
export function describeMemoTargets(memos: readonly Memo[]): string {
  if (memos.length === 0) return '';
  const counts = new Map<Memo['target']['kind'], number>();
  for (const memo of memos) counts.set(memo.target.kind, (counts.get(memo.target.kind) ?? 0) + 1);
  const parts = (['project', 'document', 'code', 'segment', 'passage'] as const).filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${KIND_WORDS[k][counts.get(k) === 1 ? 0 : 1]}`);
  return `${plural(memos.length, 'memo')}: ${parts.join(', ')}.`;
}
