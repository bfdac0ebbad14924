/**
 * `marginalia validate FILE` (.qdc or .qdpx): checks the file against the REFI-QDA schema
 * (xmllint-wasm with the shipped XSDs) and beyond it (unknown GUIDs, source files named but
 * missing, selection offsets outside their text). Prints one line per problem and exits 1, or
 * prints one "valid" line and exits 0.
 */
import { inspectQdc, inspectQdpx } from '../../shared/refi/index.ts';
import { CliError, type Command } from '../io.ts';
import { parseArgs } from '../args.ts';
import { fileKind, readInput, validateAgainstSchema, nodeCodec } from './exchangeHelpers.ts';

const USAGE = 'Usage: marginalia validate FILE (.qdc, .qdpx or .qde).';

export const validateCommand: Command = async (args, io) => {
  const { positional } = parseArgs(args, {}, USAGE);
  const [path] = positional;
  if (!path || positional.length > 1) throw new CliError(USAGE);
  const bytes = await readInput(io, path);
  const kind = fileKind(path, bytes);
  const inspection = kind === 'qdpx' ? inspectQdpx(bytes, { codec: nodeCodec }) : inspectQdc(bytes);
  const lines: string[] = [];
  if (inspection.xml) {
    const schema = kind === 'qdpx' ? 'Project.xsd' : 'Codebook.xsd';
    for (const problem of await validateAgainstSchema(inspection.xml.text, inspection.xml.name, schema)) {
      lines.push(`${path}: schema (${schema})${problem.line === null ? '' : `, line ${problem.line}`}: ${problem.message}`);
    }
  }
  for (const problem of inspection.problems) lines.push(`${path}: ${problem.severity}: ${problem.message}`);
  if (lines.length) {
    io.stdout(lines.join('\n') + '\n');
    io.stderr(`${path}: ${lines.length} problem${lines.length === 1 ? '' : 's'}.\n`);
    return 1;
  }
  io.stdout(`${path}: valid REFI-QDA ${kind === 'qdpx' ? 'project' : 'codebook'}.\n`);
  return 0;
};
