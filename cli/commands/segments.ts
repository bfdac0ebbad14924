/**
 * `marginalia segments FILE.qdpx [--format json|csv]`: every coded segment with its document
 * name, code path (names joined by " / "), coder name, start and end in Unicode code points of
 * the LF-normalised text (half-open), and the segment's text. Offsets are read per producer
 * exactly as the app imports them.
 */
import Papa from 'papaparse';
import { readQdpx } from '../../shared/refi/index.ts';
import { indexCodePoints, utf16ToCodePoint, type CodePointIndex } from '../../shared/text/codePoints.ts';
import { walkCodeTree } from '../../shared/codebook/tree.ts';
import { CliError, type Command } from '../io.ts';
import { parseArgs, readInput, withExchangeErrors, nodeCodec } from './exchangeHelpers.ts';

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
  const { positional, options } = parseArgs(args, { '--format': 'format', '-f': 'format' });
  const [path] = positional;
  if (!path || positional.length > 1) throw new CliError('usage: marginalia segments FILE.qdpx|FILE.qde [--format json|csv].');
  const format = options['format'] ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new CliError(`--format must be json or csv, not "${format}".`);
  const bytes = await readInput(io, path);
  const { bundle } = await withExchangeErrors(path, () => readQdpx(bytes, { codec: nodeCodec }));
  const documents = new Map(bundle.documents.map((d) => [d.id, d]));
  const codePaths = new Map(walkCodeTree(bundle.codes).map((entry) => [entry.code.id, entry.path.join(' / ')]));
  const coders = new Map(bundle.coders.map((c) => [c.id, c.name]));
  const indexes = new Map<string, CodePointIndex>();
  const sorted = [...bundle.segments].sort((a, b) => documents.get(a.documentId)!.order - documents.get(b.documentId)!.order || a.start - b.start || a.end - b.end);
  const rows: SegmentRow[] = sorted.map((segment) => {
    const document = documents.get(segment.documentId)!;
    let index = indexes.get(document.id);
    if (!index) indexes.set(document.id, (index = indexCodePoints(document.text)));
    return {
      document: document.name,
      code: codePaths.get(segment.codeId) ?? segment.codeId,
      coder: coders.get(segment.coderId) ?? segment.coderId,
      start: utf16ToCodePoint(index, segment.start),
      end: utf16ToCodePoint(index, segment.end),
      text: document.text.slice(segment.start, segment.end),
    };
  });
  if (format === 'json') io.stdout(JSON.stringify(rows, null, 2) + '\n');
  else io.stdout(Papa.unparse({ fields: ['document', 'code', 'coder', 'start', 'end', 'text'], data: rows.map((r) => [r.document, r.code, r.coder, r.start, r.end, r.text]) }, { newline: '\r\n' }) + '\r\n');
  return 0;
};
