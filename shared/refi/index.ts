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
export { ExchangeError } from './errors.ts';
export { formatItem, formatReport, type ImportCounts, type ImportReport, type ReportItem } from './report.ts';
export { readQdpx, readQdpxAsync, type ReadQdpxOptions, type ReadQdpxAsyncOptions, type ReadQdpxResult } from './qdpxRead.ts';
export { writeQdpx, writeQdpxAsync, writeProjectXml, type WriteQdpxOptions, type WriteQdpxAsyncOptions, PROJECT_NAMESPACE } from './qdpxWrite.ts';
export { readQdc, writeQdc, type ReadQdcOptions, type ReadQdcResult, type WriteQdcInput, CODEBOOK_NAMESPACE, MARGINALIA_ORIGIN } from './qdc.ts';
export { summarizeQdpx, inspectQdpx, inspectQdc, type QdpxSummary, type Inspection, type InspectionProblem } from './inspect.ts';
export { conventionForOrigin, describeConvention, type OffsetConvention } from './offsets.ts';
export { DEFAULT_MAX_INFLATED_BYTES, type AsyncRawDeflateCodec, type RawDeflateCodec } from './zip.ts';
