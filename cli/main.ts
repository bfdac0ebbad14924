/**
 * The command line: `marginalia <command> [arguments]`. Each command lives in cli/commands/ and
 * calls the same pure code in shared/ that the app uses. Results go to stdout; errors go to
 * stderr as one line with a non-zero exit code.
 */
import { errorMessage } from '../shared/common/errors.ts';
import { CliError, processIO, type CliIO, type Command } from './io.ts';

const USAGE = `Usage: marginalia <command> [options]

Commands:
  validate FILE                 check a .qdc or .qdpx against the REFI-QDA schema and its references
  info FILE.qdpx                counts of sources, codes, selections, codings, users, notes (JSON)
  segments FILE.qdpx            every coded segment [--format json|csv]
  codebook FILE                 codebook of a .qdc or .qdpx --format qdc|csv|md|docx [-o OUT] [--quotes N|all]
  memos FILE.qdpx               every memo, grouped by what it is attached to [--format md|json|docx] [-o OUT]
  agreement ...                 inter-coder agreement (see README: "Comparing coders")
  help                          this text
`;

/** Commands are loaded lazily so one command's dependencies never slow another's start. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./commands/validate.ts')).validateCommand,
  info: async () => (await import('./commands/info.ts')).infoCommand,
  segments: async () => (await import('./commands/segments.ts')).segmentsCommand,
  codebook: async () => (await import('./commands/codebook.ts')).codebookCommand,
  memos: async () => (await import('./commands/memos.ts')).memosCommand,
  agreement: async () => (await import('./commands/agreement.ts')).agreementCommand,
};

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? io.stdout : io.stderr)(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`marginalia: unknown command "${name}". Run "marginalia help" for the list.\n`);
    return 2;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`marginalia ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`marginalia ${name}: ${errorMessage(error)}\n`);
    return 1;
  }
}
