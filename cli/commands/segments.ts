/**
 * `marginalia segments FILE.qdpx [--format json|csv]`: every coded segment with its document
 * name, code path (names joined by " / "), coder name, start and end in Unicode code points of
 * the LF-normalised text (half-open), and the segment's text. Offsets are read per producer
 * exactly as the app imports them.
 */
import { indexCodePoints, utf16ToCodePoint, type CodePointIndex } from '../../shared/text/codePoints.ts';
import { walkCodeTree } from '../../shared/codebook/tree.ts';
import { CliError, type Command } from '../io.ts';
import { parseArgs, stringOption, writeCsv } from '../args.ts';
import { readProjectFile } from './exchangeHelpers.ts';

const USAGE = 'Usage: marginalia segments FILE.qdpx|FILE.qde [--format json|csv].';

/** One row of the output. */
export interface SegmentRow {
  document: string;
  code: string;
  coder: string;
  start: number;
  end: number;
  text: string;
}

export const segmentsCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, { format: { type: 'string', short: 'f' } }, USAGE);
  const [path] = parsed.positional;
  if (!path || parsed.positional.length > 1) throw new CliError(USAGE);
  const format = stringOption(parsed, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new CliError(`--format must be json or csv, not "${format}".`);
  const bundle = await readProjectFile(io, path);
  const documents = new Map(bundle.documents.map((d) => [d.id, d]));
  // Joined only for the codes segments use: every code's joined path would cost the square of
  // the depth of a deep code tree with long names (a 1 MB file made 600 MB of paths).
  const namePaths = new Map(walkCodeTree(bundle.codes).map((entry) => [entry.code.id as string, entry.path]));
  const codePaths = new Map<string, string>();
  const codePath = (id: string): string | undefined => {
    let path = codePaths.get(id);
    if (path === undefined && namePaths.has(id)) codePaths.set(id, (path = namePaths.get(id)!.join(' / ')));
    return path;
  };
  const coders = new Map(bundle.coders.map((c) => [c.id, c.name]));
  const indexes = new Map<string, CodePointIndex>();
  const sorted = [...bundle.segments].sort((a, b) => documents.get(a.documentId)!.order - documents.get(b.documentId)!.order || a.start - b.start || a.end - b.end);
  const rows: SegmentRow[] = sorted.map((segment) => {
    const document = documents.get(segment.documentId)!;
    let index = indexes.get(document.id);
    if (!index) indexes.set(document.id, (index = indexCodePoints(document.text)));
    return {
      document: document.name,
      code: codePath(segment.codeId) ?? segment.codeId,
      coder: coders.get(segment.coderId) ?? segment.coderId,
      start: utf16ToCodePoint(index, segment.start),
      end: utf16ToCodePoint(index, segment.end),
      text: document.text.slice(segment.start, segment.end),
    };
  });
  if (format === 'json') io.stdout(JSON.stringify(rows, null, 2) + '\n');
  else io.stdout(writeCsv(['document', 'code', 'coder', 'start', 'end', 'text'], rows.map((r) => [r.document, r.code, r.coder, r.start, r.end, r.text])));
  return 0;
};
