/**
 * `marginalia info FILE.qdpx`: what a project file holds, as one JSON object — `sources`,
 * `codes`, `selections`, `codings`, `users`, `notes`, `sets` (counts), `codingsByUser` (user
 * name → codings), plus the project's `name` and `origin`. Reads only the .qde, so it is fast
 * on large projects.
 */
import { summarizeQdpx } from '../../shared/refi/index.ts';
import { CliError, type Command } from '../io.ts';
import { parseArgs } from '../args.ts';
import { readInput, withExchangeErrors, nodeCodec } from './exchangeHelpers.ts';

const USAGE = 'Usage: marginalia info FILE.qdpx (or a bare project.qde).';

export const infoCommand: Command = async (args, io) => {
  const { positional } = parseArgs(args, {}, USAGE);
  const [path] = positional;
  if (!path || positional.length > 1) throw new CliError(USAGE);
  const bytes = await readInput(io, path);
  const summary = await withExchangeErrors(path, () => summarizeQdpx(bytes, { codec: nodeCodec }));
  io.stdout(JSON.stringify(summary, null, 2) + '\n');
  return 0;
};
