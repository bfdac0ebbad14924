/**
 * REFI-QDA exchange: the public surface the app and the command line use. Everything here is
 * pure (bytes or strings in, data out); the caller reads and writes files.
 *
 * - `readQdpx(bytes)` / `writeQdpx(bundle)`: whole projects (.qdpx); `readQdpxAsync` and
 *   `writeQdpxAsync` do the same with an asynchronous DEFLATE (the Compression Streams API).
 * - `readQdc(bytes)` / `writeQdc({ codes, sets })`: codebooks (.qdc).
 * - `summarizeQdpx`, `inspectQdpx`: counts and reference/offset checks for `info` and `validate`.
 * - `ExchangeError`: the one error type; its message is one sentence for the researcher.
 */
export { checkBundle, findBundleProblem } from './bundleCheck.ts';
export { ExchangeError } from '../common/errors.ts';
export { formatItem, formatReport, type ImportReport, type ReportItem } from '../common/report.ts';
export { readQdpx, readQdpxAsync, type ReadQdpxOptions, type ReadQdpxResult } from './qdpxRead.ts';
export { writeQdpx, writeQdpxAsync, writeProjectXml } from './qdpxWrite.ts';
export { readQdc, writeQdc } from './qdc.ts';
export { summarizeQdpx, inspectQdpx, inspectQdc } from './inspect.ts';
export type { AsyncRawDeflateCodec, RawDeflateCodec } from './zip.ts';
