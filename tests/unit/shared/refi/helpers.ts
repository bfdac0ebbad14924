/**
 * Test helpers for the REFI-QDA tests: the real sample files and schemas beside the repository
 * (never copied into it), validation with Debian's xmllint, small literal bundles, and a
 * fast-check generator of whole projects.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { ExchangeError } from '../../../../shared/refi/index.ts';
import type { Code, CodeId, CodeSet, CodeSetId, Coder, CoderId, Document, DocumentId, Memo, MemoId, MemoTarget, ProjectBundle, ProjectId, Segment, SegmentId } from '../../../../shared/model/index.ts';

/** /work/shared/refi-qda/, beside the repository: samples/ and xsd/. */
export const REFI_DIR = new URL('../../../../../shared/refi-qda/', import.meta.url);
export const SAMPLES_DIR = new URL('samples/', REFI_DIR);

export const sampleNames = (): string[] => readdirSync(SAMPLES_DIR).sort();

/** The bytes of a sample file. */
export function sample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, SAMPLES_DIR)));
}

/** A path to a sample, for the command line. */
export function samplePath(name: string): string {
  return fileURLToPath(new URL(name, SAMPLES_DIR));
}

/** Validates XML with the real `xmllint --noout --schema …` (Debian libxml2-utils). */
export function xmllint(xml: string | Uint8Array, schema: 'Project.xsd' | 'Codebook.xsd'): { valid: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-xmllint-'));
  try {
    const file = join(dir, schema === 'Project.xsd' ? 'project.qde' : 'codebook.qdc');
    writeFileSync(file, xml);
    const result = spawnSync('xmllint', ['--noout', '--schema', fileURLToPath(new URL(`xsd/${schema}`, REFI_DIR)), file], { encoding: 'utf8' });
    if (result.error) throw result.error;
    return { valid: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** project.qde out of a .qdpx. */
export function qdeOf(qdpx: Uint8Array): Uint8Array {
  const files = unzipSync(qdpx);
  const name = Object.keys(files).find((n) => n.toLowerCase().endsWith('.qde'));
  if (!name) throw new Error('no .qde');
  return files[name]!;
}

/** A .qdpx built by hand (for producer quirks and malicious input). */
export function buildQdpx(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(entries);
}

const CENTRAL_RECORD = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** A copy of the zip with `patch` applied at every central directory record and local header. */
export function patchZipHeaders(zip: Uint8Array, patch: (view: DataView, at: number, isCentral: boolean) => void): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === CENTRAL_RECORD || sig === LOCAL_HEADER) patch(view, i, sig === CENTRAL_RECORD);
  }
  return out;
}

/**
 * A copy of the zip whose entries declare `size` as their uncompressed size (central directory
 * and local header), as a zip bomb would; only the entry named `only`, if given.
 */
export function declareSize(zip: Uint8Array, size: number, only?: string): Uint8Array {
  const decoder = new TextDecoder();
  return patchZipHeaders(zip, (view, at, isCentral) => {
    const nameAt = at + (isCentral ? 46 : 30);
    const name = decoder.decode(new Uint8Array(view.buffer, nameAt, view.getUint16(at + (isCentral ? 28 : 26), true)));
    if (only === undefined || name === only) view.setUint32(at + (isCentral ? 24 : 22), size, true);
  });
}

/** The message of the ExchangeError `fn` throws; fails the test if it throws anything else or nothing. */
export function refusalOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

export const PROJECT_ID = '0b3f3e5a-1c2d-4e5f-8a9b-0c1d2e3f4a5b' as ProjectId;
export const T0 = '2026-03-01T09:00:00.000Z';

/** A small project with one of everything, hand-written. */
export function smallBundle(): ProjectBundle {
  const projectId = PROJECT_ID;
  const coders: Coder[] = [
    { id: 'c0000000-0000-4000-8000-000000000001' as CoderId, name: 'Ana', color: '#112233' },
    { id: 'c0000000-0000-4000-8000-000000000002' as CoderId, name: 'Ben “B” <Smith> & co', color: '#445566' },
  ];
  const code = (n: number, parentId: string | null, name: string, extra: Partial<Code> = {}): Code => ({
    id: `a0000000-0000-4000-8000-00000000000${n}` as CodeId,
    projectId,
    parentId: parentId as CodeId | null,
    name,
    color: '#e15759',
    description: '',
    definition: '',
    inclusion: '',
    exclusion: '',
    examples: '',
    isCodable: true,
    order: 0,
    ...extra,
  });
  const codes: Code[] = [
    code(1, null, 'Risk', { isCodable: false, description: 'Talk about danger.', color: '#4e79a7' }),
    code(2, 'a0000000-0000-4000-8000-000000000001', 'Vaccine harms', {
      definition: 'Any claim that a vaccine hurts.\nIncluding rumours.',
      inclusion: 'Side effects, “poison”.',
      exclusion: 'Illness itself (use Disease).',
      examples: 'It is poison 😡\nMy arm hurt for a week',
      order: 0,
      quickKey: 4,
    }),
    code(3, 'a0000000-0000-4000-8000-000000000001', 'Disease <severity> & "fear"', { order: 1, description: 'line one\n\n== Coding criteria ==\nnot a real block' }),
  ];
  const documents: Document[] = [
    { id: 'd0000000-0000-4000-8000-000000000001' as DocumentId, projectId, name: 'Interview 1', text: 'It is poison 😡 they said.\nMy arm hurt for a week.\n', origin: 'txt', order: 0, createdAt: T0, variables: { age: '34', group: 'A & B' } },
    { id: 'd0000000-0000-4000-8000-000000000002' as DocumentId, projectId, name: 'Empty', text: '', origin: 'paste', order: 1, createdAt: T0, variables: {} },
  ];
  const doc1 = documents[0]!;
  const at = (needle: string) => doc1.text.indexOf(needle);
  const segments: Segment[] = [
    { id: 'e0000000-0000-4000-8000-000000000001' as SegmentId, projectId, documentId: doc1.id, codeId: codes[1]!.id, coderId: coders[0]!.id, start: at('It is'), end: at(' they'), createdAt: T0 },
    { id: 'e0000000-0000-4000-8000-000000000002' as SegmentId, projectId, documentId: doc1.id, codeId: codes[2]!.id, coderId: coders[1]!.id, start: at('poison'), end: at('week') + 4, createdAt: T0 },
    { id: 'e0000000-0000-4000-8000-000000000003' as SegmentId, projectId, documentId: doc1.id, codeId: codes[1]!.id, coderId: coders[1]!.id, start: at('My arm'), end: at('week') + 4, createdAt: T0 },
  ];
  const memo = (n: number, target: MemoTarget, title: string, plainText: string): Memo => ({
    id: `f0000000-0000-4000-8000-00000000000${n}` as MemoId,
    projectId,
    target,
    title,
    content: plainText ? JSON.stringify({ root: { text: plainText } }) : '',
    plainText,
    coderId: coders[0]!.id,
    createdAt: T0,
    modifiedAt: T0,
  });
  const memos: Memo[] = [
    memo(1, { kind: 'project' }, 'Plan', 'Read everything twice.'),
    memo(2, { kind: 'document', id: doc1.id }, 'About interview 1', 'Tense.\r\nShort.'),
    memo(3, { kind: 'code', id: codes[1]!.id }, 'Scope', 'Keep narrow.'),
    memo(4, { kind: 'segment', id: segments[0]!.id }, 'Strong word', ''),
  ];
  const sets: CodeSet[] = [{ id: '50000000-0000-4000-8000-000000000001' as CodeSetId, projectId, name: 'Fear & harm', description: 'For the paper.', codeIds: [codes[1]!.id, codes[2]!.id], documentIds: [doc1.id] }];
  return {
    project: { id: projectId, name: 'Vaccine talk <pilot>', description: 'A pilot study.', createdAt: T0, modifiedAt: '2026-03-02T10:00:00.000Z' },
    coders,
    codes,
    documents,
    segments,
    memos,
    sets,
  };
}

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
/** Lower-case GUIDs, as the model keeps them. */
export const guidArbitrary = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-'));

/** Text with what breaks naive exchange code: astral characters, combining marks, markup, CR-free line breaks. */
export const richText = (maxLength: number) =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
        { weight: 2, arbitrary: fc.constantFrom('😀', '👩🏽‍💻', '𝄞', '\u0301e', 'é', '中文', ' ', '\n', '\n\n', '\t') },
        { weight: 1, arbitrary: fc.constantFrom('<', '>', '&', '"', "'", '&amp;', ']]>', '== Coding criteria ==', '\nDefinition: x', '  - ', '\\', '/') },
      ),
      { maxLength },
    )
    .map((parts) => parts.join('').replace(/\r/g, ''));

/** A passage of the document on code point boundaries (the editor never splits a character), or null when the text is empty. */
function passageOf(document: Document, at: number, length: number): MemoTarget | null {
  const boundaries = [0];
  for (let i = 0; i < document.text.length; ) {
    i += (document.text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    boundaries.push(i);
  }
  if (boundaries.length < 2) return null;
  const a = at % (boundaries.length - 1);
  const b = a + 1 + (length % (boundaries.length - 1 - a));
  return { kind: 'passage', id: document.id, start: boundaries[a]!, end: boundaries[b]! };
}

/** Text that XML 1.0 can carry (the writer drops control characters and lone surrogates). */
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
const xmlSafe = (text: string) => text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

const timestamp = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());

/**
 * Whole projects: a code tree up to seven levels deep, documents (some empty) with emoji and
 * line breaks (LF only, as the model requires), overlapping segments by several coders, memos
 * on every kind of target, sets. Codes' sibling `order` is 0, 1, 2… (what an import rebuilds).
 */
export const bundleArbitrary: fc.Arbitrary<ProjectBundle> = fc
  .record({
    guids: fc.uniqueArray(guidArbitrary, { minLength: 120, maxLength: 120 }),
    projectName: richText(8).map(xmlSafe),
    projectDescription: richText(10).map(xmlSafe),
    coderNames: fc.array(richText(4).map(xmlSafe), { minLength: 1, maxLength: 3 }),
    codeSpecs: fc.array(
      fc.record({
        parent: fc.nat(),
        depthBias: fc.boolean(),
        name: richText(5).map(xmlSafe),
        description: richText(8).map(xmlSafe),
        definition: richText(6).map(xmlSafe),
        inclusion: richText(4).map(xmlSafe),
        exclusion: richText(4).map(xmlSafe),
        examples: richText(6).map(xmlSafe),
        isCodable: fc.boolean(),
        color: hex(6).map((h) => `#${h}`),
        quickKey: fc.option(fc.integer({ min: 1, max: 9 })),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    documentTexts: fc.array(fc.oneof(fc.constant(''), richText(60)), { minLength: 1, maxLength: 4 }),
    documentNames: fc.array(richText(4).map(xmlSafe), { minLength: 4, maxLength: 4 }),
    variables: fc.array(fc.dictionary(fc.constantFrom('age', 'group', 'site & "place"'), richText(3).map(xmlSafe), { maxKeys: 2 }), { minLength: 4, maxLength: 4 }),
    segmentSpecs: fc.array(fc.record({ doc: fc.nat(), code: fc.nat(), coder: fc.nat(), a: fc.nat(), b: fc.nat(), created: timestamp }), { maxLength: 25 }),
    memoSpecs: fc.array(fc.record({ kind: fc.constantFrom('project', 'document', 'code', 'segment', 'passage'), index: fc.nat(), length: fc.nat(), title: richText(4).map(xmlSafe), text: richText(10).map(xmlSafe), byCoder: fc.boolean() }), { maxLength: 6 }),
    setSpecs: fc.array(fc.record({ name: richText(3).map(xmlSafe), description: richText(4).map(xmlSafe), codes: fc.array(fc.nat(), { maxLength: 4 }), docs: fc.array(fc.nat(), { maxLength: 3 }) }), { maxLength: 3 }),
    created: timestamp,
  })
  .map((r) => {
    let g = 0;
    const next = () => r.guids[g++]!;
    const projectId = next() as ProjectId;
    const coders: Coder[] = r.coderNames.map((name, i) => ({ id: next() as CoderId, name, color: ['#112233', '#abcdef', '#00ff7f'][i]! }));
    // A chain for the first seven codes (seven levels deep), then parents chosen among earlier codes.
    const codes: Code[] = [];
    const siblings = new Map<string | null, number>();
    // Quick keys as the app keeps them: codable codes only, each key held once.
    const keysTaken = new Set<number>();
    r.codeSpecs.forEach((spec, i) => {
      const parent = i === 0 ? null : i < 7 ? codes[i - 1]!.id : spec.depthBias ? codes[spec.parent % codes.length]!.id : null;
      const order = siblings.get(parent) ?? 0;
      siblings.set(parent, order + 1);
      const quickKey = spec.quickKey !== null && spec.isCodable && !keysTaken.has(spec.quickKey) ? spec.quickKey : null;
      if (quickKey !== null) keysTaken.add(quickKey);
      codes.push({ id: next() as CodeId, projectId, parentId: parent, name: spec.name, color: spec.color, description: spec.description, definition: spec.definition, inclusion: spec.inclusion, exclusion: spec.exclusion, examples: spec.examples, isCodable: spec.isCodable, order, ...(quickKey === null ? {} : { quickKey }) });
    });
    const documents: Document[] = r.documentTexts.map((text, i) => ({ id: next() as DocumentId, projectId, name: r.documentNames[i]!, text, origin: 'txt', order: i, createdAt: r.created, variables: r.variables[i]! }));
    const segments: Segment[] = [];
    for (const spec of r.segmentSpecs) {
      const document = documents[spec.doc % documents.length]!;
      // Offsets on code point boundaries: the editor never splits a character.
      const boundaries = [0];
      for (let i = 0; i < document.text.length; ) {
        i += (document.text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
        boundaries.push(i);
      }
      if (boundaries.length < 2) continue;
      const x = boundaries[spec.a % boundaries.length]!;
      const y = boundaries[spec.b % boundaries.length]!;
      if (x === y) continue;
      const codeId = codes[spec.code % codes.length]!.id;
      const coderId = coders[spec.coder % coders.length]!.id;
      // The editor merges a coder's repeated coding of one passage with one code, so exact duplicates never exist.
      if (segments.some((s) => s.documentId === document.id && s.codeId === codeId && s.coderId === coderId && s.start === Math.min(x, y) && s.end === Math.max(x, y))) continue;
      segments.push({ id: next() as SegmentId, projectId, documentId: document.id, codeId, coderId, start: Math.min(x, y), end: Math.max(x, y), createdAt: spec.created });
    }
    const memos: Memo[] = r.memoSpecs.flatMap((spec) => {
      const target: MemoTarget | null =
        spec.kind === 'project'
          ? { kind: 'project' }
          : spec.kind === 'document'
            ? { kind: 'document', id: documents[spec.index % documents.length]!.id }
            : spec.kind === 'code'
              ? { kind: 'code', id: codes[spec.index % codes.length]!.id }
              : spec.kind === 'passage'
                ? passageOf(documents[spec.index % documents.length]!, spec.index, spec.length)
                : segments.length
                ? { kind: 'segment', id: segments[spec.index % segments.length]!.id }
                : null;
      if (!target) return [];
      return [{ id: next() as MemoId, projectId, target, title: spec.title, content: spec.text ? JSON.stringify({ text: spec.text }) : '', plainText: spec.text, coderId: spec.byCoder ? coders[0]!.id : null, createdAt: r.created, modifiedAt: r.created }];
    });
    const sets: CodeSet[] = r.setSpecs.map((spec) => ({
      id: next() as CodeSetId,
      projectId,
      name: spec.name,
      description: spec.description,
      codeIds: [...new Set(spec.codes.map((n) => codes[n % codes.length]!.id))],
      documentIds: [...new Set(spec.docs.map((n) => documents[n % documents.length]!.id))],
    }));
    return { project: { id: projectId, name: r.projectName, description: r.projectDescription, createdAt: r.created, modifiedAt: r.created }, coders, codes, documents, segments, memos, sets };
  });

/** Codes without their quick keys: what a codebook file (.qdc, CSV) carries, having no place for them. */
export function withoutQuickKeys(codes: readonly Code[]): Code[] {
  return codes.map(({ quickKey: _key, ...code }) => code);
}

/** A bundle in a canonical order, for comparing an import with what was exported. */
export function canonical(bundle: ProjectBundle): ProjectBundle {
  const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    project: bundle.project,
    coders: byId(bundle.coders),
    codes: byId(bundle.codes),
    documents: byId(bundle.documents),
    segments: byId(bundle.segments),
    memos: byId(bundle.memos),
    sets: byId(bundle.sets).map((s) => ({ ...s, codeIds: [...s.codeIds].sort(), documentIds: [...s.documentIds].sort() })),
  };
}
