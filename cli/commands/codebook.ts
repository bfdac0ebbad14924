/**
 * `marginalia codebook FILE --format qdc|csv|md|docx [-o OUT]`: the codebook of a .qdc or a
 * .qdpx in any export format, to stdout (or to OUT; DOCX, being binary, needs -o). From a
 * .qdpx the export includes counts and coded passages; from a .qdc, the codes alone.
 */
import { codebookFromBundle, type CodebookData } from '../../shared/codebook/index.ts';
import { exportCodebook, type CodebookFormat } from '../../shared/exchange/codebookExport.ts';
import { readQdc, readQdpx } from '../../shared/refi/index.ts';
import { CliError, type Command } from '../io.ts';
import { fileKind, parseArgs, readInput, withExchangeErrors, nodeCodec } from './exchangeHelpers.ts';

const FORMATS: readonly CodebookFormat[] = ['qdc', 'csv', 'md', 'docx'];

export const codebookCommand: Command = async (args, io) => {
  const { positional, options } = parseArgs(args, { '--format': 'format', '-f': 'format', '-o': 'out', '--output': 'out' });
  const [path] = positional;
  const format = options['format'] as CodebookFormat | undefined;
  if (!path || positional.length > 1 || !format) throw new CliError('usage: marginalia codebook FILE --format qdc|csv|md|docx [-o OUT].');
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not "${format}".`);
  const out = options['out'];
  if (format === 'docx' && !out) throw new CliError('--format docx writes a binary file: give it a name with -o OUT.');
  const bytes = await readInput(io, path);
  const data: CodebookData = await withExchangeErrors(path, () => {
    if (fileKind(path, bytes) === 'qdc') {
      const { codes, sets } = readQdc(bytes);
      return { codes, sets };
    }
    return codebookFromBundle(readQdpx(bytes, { codec: nodeCodec }).bundle);
  });
  const output = await withExchangeErrors(path, () => exportCodebook(format, data, { csvBom: out !== undefined }));
  if (out) {
    await io.writeFile(out, output);
    io.stderr(`Wrote ${out} (${data.codes.length} codes).\n`);
  } else {
    io.stdout(new TextDecoder().decode(output));
  }
  return 0;
};
