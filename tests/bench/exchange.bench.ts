/**
 * REFI-QDA exchange at scale: a generated project (seeded) of 500 documents, 50 MB of text with
 * accents, emoji and line breaks, 200,000 codings by 3 coders on a 200-code tree. Measures
 * exporting it to .qdpx, importing that file, the peak memory of each (each phase runs in its
 * own child process and reports its peak resident set size), and `marginalia info` on the file
 * (the real CLI, spawned). Targets: export < 5 s, import < 5 s, peak < 1 GB, info < 3 s.
 *
 * Two DEFLATE paths are measured: fflate (pure JavaScript: what a browser renderer gets) and
 * Node's zlib passed as a RawDeflateCodec (what the command line and the Electron main process
 * use).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Code, CodeId, Coder, CoderId, Document, DocumentId, Memo, MemoId, ProjectBundle, ProjectId, Segment, SegmentId } from '../../shared/model/index.ts';
import { readQdpx, writeQdpx } from '../../shared/refi/index.ts';
import { nodeCodec } from '../../cli/commands/exchangeHelpers.ts';
import { median, reportFigure } from './report.ts';

const DOCUMENTS = 500;
const CHARS_PER_DOCUMENT = 100_000;
const CODINGS = 200_000;
const CODES = 200;

/** mulberry32: a small seeded PRNG, so every run measures the same project. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(next: () => number): string {
  const hex = () => Math.floor(next() * 0x10000).toString(16).padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
}

const WORDS = ['the', 'participant', 'said', 'school', 'vaccine', 'we', 'were', 'afraid', 'naïve', 'Ünïcödé', 'garçon', 'interview', 'because', 'mother', 'doctor', 'never', 'trust', 'news', 'family', '😀', '😡', '🙏🏽', 'really', 'köszönöm', 'and', 'but', 'think', 'maybe', 'öt', 'ő'];

/** The generated project. Deterministic for a seed. */
export function generateProject(seed = 42): ProjectBundle {
  const next = random(seed);
  const projectId = guid(next) as ProjectId;
  const created = '2026-01-15T10:00:00.000Z';
  const coders: Coder[] = ['Ana', 'Ben', 'Chloé'].map((name, i) => ({ id: guid(next) as CoderId, name, color: ['#4e79a7', '#f28e2b', '#e15759'][i]! }));
  const codes: Code[] = [];
  for (let i = 0; i < CODES; i++) {
    const parentId = i < 10 ? null : codes[Math.floor(next() * Math.min(i, 60))]!.id;
    codes.push({ id: guid(next) as CodeId, projectId, parentId, name: `Code ${i} – ${WORDS[i % WORDS.length]}`, color: '#59a14f', description: `What code ${i} captures.`, definition: i % 3 ? `Definition ${i}` : '', inclusion: '', exclusion: '', examples: '', isCodable: i >= 10, order: i });
  }
  const codable = codes.filter((c) => c.isCodable);
  const documents: Document[] = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const parts: string[] = [];
    let length = 0;
    while (length < CHARS_PER_DOCUMENT) {
      const word = WORDS[Math.floor(next() * WORDS.length)]!;
      const separator = next() < 0.02 ? '\n' : ' ';
      parts.push(word, separator);
      length += word.length + 1;
    }
    documents.push({ id: guid(next) as DocumentId, projectId, name: `Interview ${d + 1}`, text: parts.join(''), origin: 'txt', order: d, createdAt: created, variables: { group: d % 2 ? 'A' : 'B' } });
  }
  const segments: Segment[] = [];
  const perDocument = CODINGS / DOCUMENTS;
  for (const document of documents) {
    const text = document.text;
    for (let i = 0; i < perDocument; i++) {
      let start = Math.floor(next() * (text.length - 500));
      let end = start + 20 + Math.floor(next() * 400);
      // Never split an emoji: offsets sit on code point boundaries, as the editor makes them.
      if ((text.charCodeAt(start) & 0xfc00) === 0xdc00) start--;
      if ((text.charCodeAt(end) & 0xfc00) === 0xdc00) end++;
      segments.push({ id: guid(next) as SegmentId, projectId, documentId: document.id, codeId: codable[Math.floor(next() * codable.length)]!.id, coderId: coders[i % 3]!.id, start, end, createdAt: created });
    }
  }
  const memos: Memo[] = segments.slice(0, 100).map((segment, i) => ({ id: guid(next) as MemoId, projectId, target: { kind: 'segment', id: segment.id }, title: `Memo ${i}`, content: '', plainText: `Thoughts on passage ${i}.`, coderId: coders[0]!.id, createdAt: created, modifiedAt: created }));
  return { project: { id: projectId, name: 'Bench project', description: '', createdAt: created, modifiedAt: created }, coders, codes, documents, segments, memos, sets: [] };
}

/** Peak resident set size of this process so far, in MB. */
const peakMb = () => process.resourceUsage().maxRSS / 1024;

type Codec = 'fflate' | 'zlib';

async function phase(name: 'export' | 'import', codecName: Codec, file: string): Promise<void> {
  const codec = codecName === 'zlib' ? nodeCodec : undefined;
  if (name === 'export') {
    const bundle = generateProject();
    const before = peakMb();
    const t0 = performance.now();
    const bytes = writeQdpx(bundle, { codec });
    const ms = performance.now() - t0;
    writeFileSync(file, bytes);
    console.log(JSON.stringify({ ms, peakMb: peakMb(), generatedMb: before, bytes: bytes.length }));
  } else {
    const bytes = new Uint8Array(readFileSync(file));
    const t0 = performance.now();
    const { bundle } = readQdpx(bytes, { codec });
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ ms, peakMb: peakMb(), segments: bundle.segments.length, documents: bundle.documents.length }));
  }
}

type PhaseResult = { ms: number; peakMb: number; [key: string]: number };

function runPhase(name: string, codec: Codec, file: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--phase', name, codec, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`${name} phase exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const phaseIndex = process.argv.indexOf('--phase');
  if (phaseIndex >= 0) return phase(process.argv[phaseIndex + 1] as 'export' | 'import', process.argv[phaseIndex + 2] as Codec, process.argv[phaseIndex + 3]!);
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-exchange-bench-'));
  const file = join(dir, 'bench.qdpx');
  const runs = 3;
  const list = (results: PhaseResult[], key: 'ms' | 'peakMb') => results.map((r) => r[key].toFixed(0)).join(' / ');
  try {
    for (const codec of ['fflate', 'zlib'] as const) {
      const exports: PhaseResult[] = [];
      const imports: PhaseResult[] = [];
      for (let i = 0; i < runs; i++) exports.push(await runPhase('export', codec, file));
      console.log(`export (${codec}): 500 documents, 50 MB of text, 200,000 codings → ${(exports[0]!['bytes']! / 1e6).toFixed(1)} MB .qdpx in ${list(exports, 'ms')} ms; peak RSS ${list(exports, 'peakMb')} MB (the generated project alone: ${exports[0]!['generatedMb']!.toFixed(0)} MB)`);
      for (let i = 0; i < runs; i++) imports.push(await runPhase('import', codec, file));
      console.log(`import (${codec}): ${imports[0]!['segments']} segments in ${imports[0]!['documents']} documents in ${list(imports, 'ms')} ms; peak RSS ${list(imports, 'peakMb')} MB`);
      reportFigure({ name: `exchange: export 500 docs / 200k codings to .qdpx (${codec})`, median: median(exports.map((e) => e.ms)), unit: 'ms', target: '< 5000 ms' });
      reportFigure({ name: `exchange: import that .qdpx (${codec})`, median: median(imports.map((e) => e.ms)), unit: 'ms', target: '< 5000 ms' });
      reportFigure({ name: `exchange: peak RSS during export (${codec})`, median: median(exports.map((e) => e.peakMb)), unit: 'MB', target: '< 1024 MB' });
      reportFigure({ name: `exchange: peak RSS during import (${codec})`, median: median(imports.map((e) => e.peakMb)), unit: 'MB', target: '< 1024 MB' });
    }
    const cli = fileURLToPath(new URL('../../cli/bin/marginalia.mjs', import.meta.url));
    const infoTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const result = spawnSync(process.execPath, [cli, 'info', file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      infoTimes.push(performance.now() - t0);
      if (result.status !== 0) throw new Error(`info failed: ${result.stderr}`);
      if (i === 0) console.log(`info: ${result.stdout.replace(/\s+/g, ' ').slice(0, 220)}`);
    }
    console.log(`info (spawned CLI, wall clock incl. start-up): ${infoTimes.map((t) => t.toFixed(0)).join(' / ')} ms`);
    reportFigure({ name: 'exchange: `marginalia info` on that .qdpx (spawned)', median: median(infoTimes), unit: 'ms', target: '< 3000 ms' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
