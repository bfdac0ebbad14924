/**
 * What the file-reading commands (validate, info, segments, codebook, agreement) share: file
 * reading with one-line errors, the one function that reads a project file into a bundle,
 * telling a .qdc from a .qdpx, Node's zlib as the DEFLATE, and schema validation with
 * xmllint-wasm (libxml2 compiled to WebAssembly) against the XSDs shipped in
 * shared/refi/schemas/. This is the only place the schemas are read from disk.
 */
import { readFile } from 'node:fs/promises';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { errorMessage } from '../../shared/common/errors.ts';
import type { ProjectBundle } from '../../shared/model/index.ts';
import { ExchangeError, readQdpx, type RawDeflateCodec } from '../../shared/refi/index.ts';
import { CliError, type CliIO } from '../io.ts';

/** Node's native zlib as the exchange code's DEFLATE: several times faster than fflate on large projects. */
export const nodeCodec: RawDeflateCodec = {
  deflate: (data, level) => deflateRawSync(data, { level }),
  crc32: (data) => crc32(data),
  inflate: (data, maxOutputLength) => inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutputLength) }),
};

/**
 * Reads a file, turning "not found" and friends into a one-line CliError (exit code 1).
 *
 * @example
 * await readInput(io, 'missing.qdpx') // throws CliError('missing.qdpx: no such file.')
 */
export async function readInput(io: CliIO, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new CliError(`${path}: no such file.`, 1);
    if (code === 'EISDIR') throw new CliError(`${path}: is a folder, not a file.`, 1);
    throw new CliError(`${path}: cannot be read (${code ?? errorMessage(error)}).`, 1);
  }
}

/**
 * The one place a command turns a project file's bytes into a bundle (segments, codebook,
 * agreement): Node's zlib as the DEFLATE, and a bad file as one sentence naming it.
 */
export function projectFromBytes(path: string, bytes: Uint8Array): Promise<ProjectBundle> {
  return withExchangeErrors(path, () => readQdpx(bytes, { codec: nodeCodec }).bundle);
}

/** Reads a project file from disk into a bundle: `readInput`, then `projectFromBytes`. */
export async function readProjectFile(io: CliIO, path: string): Promise<ProjectBundle> {
  return projectFromBytes(path, await readInput(io, path));
}

/**
 * `qdpx` for a project: a zip, a .qdpx or .qde name, or XML whose root is `<Project>` (a
 * project.qde on its own, which every project reader in shared/refi opens as a .qdpx);
 * `qdc` for a codebook (a .qdc name, or other XML).
 */
export function fileKind(path: string, bytes: Uint8Array): 'qdpx' | 'qdc' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.qdpx') || lower.endsWith('.qde')) return 'qdpx';
  if (lower.endsWith('.qdc')) return 'qdc';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'qdpx';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  return /<(?:[\w.-]+:)?project[\s>/]/i.test(head.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->/g, '')) ? 'qdpx' : 'qdc';
}

/** Runs `fn`, turning an ExchangeError (a bad file) into a CliError with exit code 1. */
export async function withExchangeErrors<T>(path: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ExchangeError) throw new CliError(`${path}: ${error.message}`, 1);
    throw error;
  }
}

/** The XSD text of a schema shipped with Marginalia. */
export async function loadSchema(name: 'Project.xsd' | 'Codebook.xsd'): Promise<string> {
  return readFile(new URL(`../../shared/refi/schemas/${name}`, import.meta.url), 'utf8');
}

/** One schema violation, located by line. */
export interface SchemaProblem {
  readonly line: number | null;
  readonly message: string;
}

/**
 * Validates XML against one of the REFI-QDA schemas with xmllint-wasm. Large documents are
 * validated in xmllint's streaming mode so memory stays bounded.
 */
export async function validateAgainstSchema(xml: string, fileName: string, schema: 'Project.xsd' | 'Codebook.xsd'): Promise<SchemaProblem[]> {
  const { validateXML, memoryPages } = await import('xmllint-wasm');
  const xsd = await loadSchema(schema);
  const large = xml.length > 16 * 1024 * 1024;
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: schema, contents: xsd }],
    initialMemoryPages: 256,
    maxMemoryPages: large ? 2 * memoryPages.GiB : 512 * memoryPages.MiB,
    stream: large,
  });
  return result.errors.map((error) => ({ line: error.loc?.lineNumber ?? null, message: error.message.replace(/^.*?Schemas validity error : /, '').trim() }));
}
