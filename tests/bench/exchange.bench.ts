/**
 * REFI-QDA exchange at scale: a generated project (seeded) of 500 documents, 50 MB of text with
 * accents, emoji and line breaks, 200,000 codings by 3 coders on a 200-code tree. Measures
 * exporting it to .qdpx, importing that file, the peak memory of each (each phase runs in its
 * own child process and reports its peak resident set size), and `marginalia info` on the file
 * (the real CLI, spawned). Targets: export < 5 s, import < 5 s, peak < 1 GB, info < 3 s.
 *
 * Three DEFLATE paths are measured: fflate (pure JavaScript, synchronous: what the renderer
 * used before it had a native one), Node's zlib passed as a RawDeflateCodec (what the command
 * line uses), and the Compression Streams API through writeQdpxAsync/readQdpxAsync with the
 * renderer's own codec module (renderer/features/exchange/streamCodec.ts: the app's path, in
 * the browser and in Electron's renderer). Node 20 has the same CompressionStream and
 * DecompressionStream globals, and Chromium implements them with native zlib as Node does, so
 * this row stands in for the app. One difference: Node runs the streams' zlib work on its
 * thread pool, so entries deflated at once can use a second core, whereas Chromium runs it on
 * the calling thread, and Node's web streams cost more per chunk than Chromium's. So the
 * fflate and Compression Streams paths are also timed inside Debian's Chromium, on the page's
 * main thread as in the app (exchangeChromium.ts; times only).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readQdpx, readQdpxAsync, writeQdpx, writeQdpxAsync } from '../../shared/refi/index.ts';
import { nodeCodec } from '../../cli/commands/exchangeHelpers.ts';
import { streamCodec } from '../../renderer/features/exchange/streamCodec.ts';
import type { ChromiumRun, run as runInChromium } from './exchangeChromium.ts';
import { generateProject } from './exchangeProject.ts';
import { median, reportFigure } from './report.ts';

/** Peak resident set size of this process so far, in MB. */
const peakMb = () => process.resourceUsage().maxRSS / 1024;

type Codec = 'fflate' | 'zlib' | 'streams';

const CODEC_LABELS: Record<Codec, string> = { fflate: 'fflate', zlib: 'zlib', streams: 'Compression Streams, the app’s path' };

async function phase(name: 'export' | 'import', codecName: Codec, file: string): Promise<void> {
  const codec = codecName === 'zlib' ? nodeCodec : undefined;
  if (name === 'export') {
    const bundle = generateProject();
    const before = peakMb();
    const t0 = performance.now();
    const bytes = codecName === 'streams' ? await writeQdpxAsync(bundle, { codec: streamCodec }) : writeQdpx(bundle, { codec });
    const ms = performance.now() - t0;
    writeFileSync(file, bytes);
    console.log(JSON.stringify({ ms, peakMb: peakMb(), generatedMb: before, bytes: bytes.length }));
  } else {
    const bytes = new Uint8Array(readFileSync(file));
    const t0 = performance.now();
    const { bundle } = codecName === 'streams' ? await readQdpxAsync(bytes, { codec: streamCodec }) : readQdpx(bytes, { codec });
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

/**
 * `runs` exports and imports inside Debian's Chromium per DEFLATE path, each in a fresh page
 * (see exchangeChromium.ts). Times only: a page has no peak resident size to report.
 */
async function chromiumRuns(codec: 'streams' | 'fflate', runs: number): Promise<ChromiumRun[]> {
  // Imported here, not at the top: the phase processes must not carry Vite's memory in their peak.
  const { build } = await import('vite');
  const { launchChromium, newPage } = await import('../e2e/browser.ts');
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: fileURLToPath(new URL('./exchangeChromium.ts', import.meta.url)), formats: ['iife'], name: 'marginaliaExchangeBench' } },
  });
  const bundled = (Array.isArray(output) ? output[0] : output) as { output: { code?: string }[] };
  const script = bundled.output[0]!.code!;
  const browser = await launchChromium();
  try {
    const results: ChromiumRun[] = [];
    for (let i = 0; i < runs; i++) {
      const { context, page } = await newPage(browser);
      await page.addScriptTag({ content: script });
      results.push(await page.evaluate((name) => (globalThis as unknown as { marginaliaExchangeBench: { run: typeof runInChromium } }).marginaliaExchangeBench.run(name), codec));
      await context.close();
    }
    return results;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const phaseIndex = process.argv.indexOf('--phase');
  if (phaseIndex >= 0) return phase(process.argv[phaseIndex + 1] as 'export' | 'import', process.argv[phaseIndex + 2] as Codec, process.argv[phaseIndex + 3]!);
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-exchange-bench-'));
  const file = join(dir, 'bench.qdpx');
  const runs = 3;
  const list = (results: PhaseResult[], key: 'ms' | 'peakMb') => results.map((r) => r[key].toFixed(0)).join(' / ');
  try {
    // zlib last: `info` below reads the file the last export left, the command line's own.
    for (const codec of ['fflate', 'streams', 'zlib'] as const) {
      const label = CODEC_LABELS[codec];
      const exports: PhaseResult[] = [];
      const imports: PhaseResult[] = [];
      for (let i = 0; i < runs; i++) exports.push(await runPhase('export', codec, file));
      console.log(`export (${label}): 500 documents, 50 MB of text, 200,000 codings → ${(exports[0]!['bytes']! / 1e6).toFixed(1)} MB .qdpx in ${list(exports, 'ms')} ms; peak RSS ${list(exports, 'peakMb')} MB (the generated project alone: ${exports[0]!['generatedMb']!.toFixed(0)} MB)`);
      for (let i = 0; i < runs; i++) imports.push(await runPhase('import', codec, file));
      console.log(`import (${label}): ${imports[0]!['segments']} segments in ${imports[0]!['documents']} documents in ${list(imports, 'ms')} ms; peak RSS ${list(imports, 'peakMb')} MB`);
      reportFigure({ name: `exchange: export 500 docs / 200k codings to .qdpx (${label})`, median: median(exports.map((e) => e.ms)), unit: 'ms', target: '< 5000 ms' });
      reportFigure({ name: `exchange: import that .qdpx (${label})`, median: median(imports.map((e) => e.ms)), unit: 'ms', target: '< 5000 ms' });
      reportFigure({ name: `exchange: peak RSS during export (${label})`, median: median(exports.map((e) => e.peakMb)), unit: 'MB', target: '< 1024 MB' });
      reportFigure({ name: `exchange: peak RSS during import (${label})`, median: median(imports.map((e) => e.peakMb)), unit: 'MB', target: '< 1024 MB' });
    }
    for (const codec of ['fflate', 'streams'] as const) {
      const label = `${CODEC_LABELS[codec]}, in Chromium`;
      const results = await chromiumRuns(codec, runs);
      const ms = (key: 'exportMs' | 'importMs') => results.map((r) => r[key].toFixed(0)).join(' / ');
      console.log(`export and import (${label}): ${(results[0]!.bytes / 1e6).toFixed(1)} MB .qdpx in ${ms('exportMs')} ms; ${results[0]!.segments} segments back in ${ms('importMs')} ms`);
      reportFigure({ name: `exchange: export to .qdpx (${label})`, median: median(results.map((r) => r.exportMs)), unit: 'ms', target: '< 5000 ms' });
      reportFigure({ name: `exchange: import that .qdpx (${label})`, median: median(results.map((r) => r.importMs)), unit: 'ms', target: '< 5000 ms' });
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
