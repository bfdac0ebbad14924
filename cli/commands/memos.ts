/**
 * `marginalia memos FILE.qdpx [--format md|json|docx] [-o OUT]`: every memo of a project, grouped
 * by what it is attached to (the same report as the app's File → Export memo report…). Markdown
 * (the default) goes to stdout; JSON is an array of memos with what each is attached to spelled
 * out (document name, code path, passage text and its offsets in Unicode code points of the
 * LF-normalised text, half-open, as `marginalia segments` counts); DOCX, being binary, needs -o.
 */
import { memoRecords, memoReportDocx, memoReportMarkdown } from '../../shared/memos/report.ts';
import { parseArgs, stringOption } from '../args.ts';
import { CliError, type Command } from '../io.ts';
import { readProjectFile } from './exchangeHelpers.ts';

const FORMATS = ['md', 'json', 'docx'] as const;
type MemoFormat = (typeof FORMATS)[number];
const USAGE = 'Usage: marginalia memos FILE.qdpx|FILE.qde [--format md|json|docx] [-o OUT].';

export const memosCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } }, USAGE);
  const [path] = parsed.positional;
  if (!path || parsed.positional.length > 1) throw new CliError(USAGE);
  const format = (stringOption(parsed, 'format') ?? 'md') as MemoFormat;
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not "${format}".`);
  const out = stringOption(parsed, 'output');
  if (format === 'docx' && !out) throw new CliError('--format docx writes a binary file: give it a name with -o OUT.');
  const bundle = await readProjectFile(io, path);
  const output: Uint8Array | string =
    format === 'docx' ? await memoReportDocx(bundle) : format === 'json' ? `${JSON.stringify(memoRecords(bundle, { offsets: 'codePoints' }), null, 2)}\n` : memoReportMarkdown(bundle);
  if (out) {
    await io.writeFile(out, output);
    io.stderr(`Wrote ${out} (${bundle.memos.length} memo${bundle.memos.length === 1 ? '' : 's'}).\n`);
  } else {
    io.stdout(output as string);
  }
  return 0;
};
