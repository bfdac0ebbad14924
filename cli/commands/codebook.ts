/**
 * `marginalia codebook FILE --format qdc|csv|md|docx [-o OUT] [--quotes N|all]`: the codebook
 * of a .qdc or a .qdpx in any export format, to stdout (or to OUT; DOCX, being binary, needs
 * -o). From a .qdpx the export includes counts and coded passages (Markdown and DOCX quote
 * `--quotes` passages per code, default 3, and say how many of how many); from a .qdc, the
 * codes alone.
 */
import { codebookFromBundle, type CodebookData } from '../../shared/codebook/index.ts';
import { exportCodebook, type CodebookFormat } from '../../shared/exchange/codebookExport.ts';
import type { QuotesPerCode } from '../../shared/codebook/index.ts';
import { readQdc } from '../../shared/refi/index.ts';
import { parseArgs, stringOption } from '../args.ts';
import { CliError, type Command } from '../io.ts';
import { fileKind, projectFromBytes, readInput, withExchangeErrors } from './exchangeHelpers.ts';

const FORMATS: readonly CodebookFormat[] = ['qdc', 'csv', 'md', 'docx'];
const USAGE = 'Usage: marginalia codebook FILE --format qdc|csv|md|docx [-o OUT] [--quotes N|all].';

/** `--quotes`: a whole number of passages per code, or `all`. */
function quotesOption(value: string | undefined): QuotesPerCode | undefined {
  if (value === undefined || value === 'all') return value;
  if (!/^\d+$/.test(value)) throw new CliError(`--quotes must be a whole number or "all", not "${value}".`);
  return Number(value);
}

export const codebookCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    quotes: { type: 'string' },
  }, USAGE);
  const [path] = parsed.positional;
  const format = stringOption(parsed, 'format') as CodebookFormat | undefined;
  if (!path || parsed.positional.length > 1 || !format) throw new CliError(USAGE);
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not "${format}".`);
  const out = stringOption(parsed, 'output');
  const quotesPerCode = quotesOption(stringOption(parsed, 'quotes'));
  if (format === 'docx' && !out) throw new CliError('--format docx writes a binary file: give it a name with -o OUT.');
  const bytes = await readInput(io, path);
  const data: CodebookData = fileKind(path, bytes) === 'qdc'
    ? await withExchangeErrors(path, () => {
      const { codes, sets } = readQdc(bytes);
      return { codes, sets };
    })
    : codebookFromBundle(await projectFromBytes(path, bytes));
  const output = await withExchangeErrors(path, () => exportCodebook(format, data, { csvBom: out !== undefined, quotesPerCode }));
  if (out) {
    await io.writeFile(out, output);
    io.stderr(`Wrote ${out} (${data.codes.length} codes).\n`);
  } else {
    io.stdout(new TextDecoder().decode(output));
  }
  return 0;
};
