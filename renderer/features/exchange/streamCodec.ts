/**
 * The renderer's native DEFLATE: the Compression Streams API (`deflate-raw`), as an
 * AsyncRawDeflateCodec for writeQdpxAsync and readQdpxAsync.
 *
 * Why: the renderer (a browser tab, or Electron's sandboxed renderer) has no Node zlib, only
 * fflate's pure-JavaScript DEFLATE, and Chromium implements these streams with its own zlib:
 * inflating the exchange benchmark's project.qde (90 MB) takes 0.3–0.4 s with them in
 * Chromium 156, against 0.85–1.05 s with fflate. Deflating gains nothing there: the streams
 * deflate at zlib's level 6, which in Chromium takes as long as fflate's level 1 (about 1.5 s
 * for that project.qde); see tests/bench/exchange.bench.ts. Why here and not in shared/: the
 * streams are a host API (DOM globals), which shared/ does not use. Node 20 has the same
 * globals, so the unit tests and the exchange benchmark run this very module.
 *
 * Invariant: `inflate` never produces more than `maxOutputLength` bytes plus what one 64 KiB
 * piece of input expands to (at most ~66 MB: DEFLATE expands 1032-fold at most), because
 * Chromium inflates a written chunk whole before its output can be counted; it feeds the input
 * in such pieces, only when the output read so far has been counted, and cancels the stream
 * with a RangeError once the count passes the limit. The streams have no compression level:
 * they deflate at zlib's default (6).
 */
import type { AsyncRawDeflateCodec } from '../../../shared/refi/index.ts';

/** Input piece for inflating: bounds the output produced before it is counted (see above). */
const INFLATE_PIECE = 1 << 16;

/**
 * Runs `data` through a compression or decompression stream, writing it in pieces of `piece`
 * bytes as the output is read, and gives the output. With `maxOutputLength`, the output goes
 * into one buffer of that size as it comes (the zip's declared size, which the zip reader has
 * already checked against its limit, as fflate's inflate does), so a 90 MB project.qde is
 * never held twice; the promise rejects with a RangeError, the stream cancelled, once the
 * output would pass it. Damaged data rejects with the stream's own error.
 */
async function transform(stream: CompressionStream | DecompressionStream, data: Uint8Array, piece: number, maxOutputLength?: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // The writes wait on `ready`, that is on the reader taking the output: never more than one
  // piece is inflated ahead of the count. Their failures show up in `reader.read()` as well.
  const writing = (async () => {
    for (let at = 0; at < data.length; at += piece) {
      await writer.ready;
      void writer.write(data.subarray(at, at + piece) as Uint8Array<ArrayBuffer>).catch(() => {});
    }
    await writer.close();
  })().catch(() => {});
  const out = maxOutputLength === undefined ? null : new Uint8Array(maxOutputLength);
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (out) {
      if (length + value.length > out.length) {
        await reader.cancel();
        throw new RangeError(`The output passed ${out.length} bytes.`);
      }
      out.set(value, length);
    } else {
      chunks.push(value);
    }
    length += value.length;
  }
  await writing;
  if (out) return length === out.length ? out : out.subarray(0, length);
  if (chunks.length === 1) return chunks[0]!;
  const joined = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}

/**
 * DEFLATE through the Compression Streams API.
 *
 * @example
 * const bytes = await writeQdpxAsync(bundle, { codec: streamCodec });
 * const { bundle, report } = await readQdpxAsync(bytes, { codec: streamCodec });
 */
export const streamCodec: AsyncRawDeflateCodec = {
  // Deflate output is about the size of its input at most: it goes in whole, uncounted.
  deflate: (data) => transform(new CompressionStream('deflate-raw'), data, Math.max(1, data.length)),
  inflate: (data, maxOutputLength) => transform(new DecompressionStream('deflate-raw'), data, INFLATE_PIECE, maxOutputLength),
};
