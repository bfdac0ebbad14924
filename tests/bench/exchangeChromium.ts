/**
 * What the exchange benchmark runs inside Chromium (bundled by Vite into one script and added
 * to a blank page): the generated project exported and imported again, the app's way
 * (writeQdpxAsync/readQdpxAsync with the Compression Streams codec) or with fflate (the
 * synchronous path the app used before), on Chromium's main thread as the app does.
 */
import { readQdpx, readQdpxAsync, writeQdpx, writeQdpxAsync } from '../../shared/refi/index.ts';
import { streamCodec } from '../../renderer/features/exchange/streamCodec.ts';
import { generateProject } from './exchangeProject.ts';

export interface ChromiumRun {
  exportMs: number;
  importMs: number;
  bytes: number;
  segments: number;
}

/** Exports the generated project and imports the file again, timing each. */
export async function run(codec: 'streams' | 'fflate'): Promise<ChromiumRun> {
  const bundle = generateProject();
  let t0 = performance.now();
  const bytes = codec === 'streams' ? await writeQdpxAsync(bundle, { codec: streamCodec }) : writeQdpx(bundle);
  const exportMs = performance.now() - t0;
  t0 = performance.now();
  const read = codec === 'streams' ? await readQdpxAsync(bytes, { codec: streamCodec }) : readQdpx(bytes);
  const importMs = performance.now() - t0;
  return { exportMs, importMs, bytes: bytes.length, segments: read.bundle.segments.length };
}
