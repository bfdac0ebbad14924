/**
 * What every command shares for its arguments and its tables: one argument parser (Node's
 * `util.parseArgs`, strict, with its errors reworded as one sentence that names the option and
 * repeats the command's usage) and one CSV writer (papaparse's `unparse`).
 */
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import Papa from 'papaparse';
import { CliError } from './io.ts';

/** The options a command accepts: `{ format: { type: 'string', short: 'f' }, cells: { type: 'boolean' } }`. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Positional arguments and option values (strings, or true for a flag), by option name. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Record<string, string | boolean | undefined>;
}

/**
 * Parses a command's arguments: files anywhere, `--name value`, `--name=value`, short forms
 * (`-o OUT`). An unknown option or a missing value is a CliError naming the option, followed by
 * `usage`; an empty value (`--unit=`) counts as missing.
 *
 * @example
 * parseArgs(['a.qdpx', '--format', 'csv'], { format: { type: 'string' } }, USAGE)
 * // → { positional: ['a.qdpx'], options: { format: 'csv' } }
 */
export function parseArgs(args: readonly string[], spec: OptionSpec, usage: string): ParsedArgs {
  let parsed;
  try {
    parsed = parseNodeArgs({ args: [...args], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? 'given';
      throw new CliError(`Unknown option ${option}. ${usage}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /(--[\w-]+)/.exec(message)?.[1] ?? 'option';
      throw new CliError(message.includes('does not take an argument') ? `${option} takes no value. ${usage}` : `${option} needs a value. ${usage}`);
    }
    throw error;
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === '') throw new CliError(`--${name} needs a value. ${usage}`);
  }
  return { positional: parsed.positionals, options: parsed.values as ParsedArgs['options'] };
}

/** A string option's value, or undefined when it was not given. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.options[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A table as CSV: a header row, then one row per record; null prints as an empty cell. Lines end
 * with `newline` (CRLF by default, as RFC 4180 and Excel expect), the last one included.
 *
 * @example
 * writeCsv(['code', 'units'], [['Harm', 3]]) // → 'code,units\r\nHarm,3\r\n'
 */
export function writeCsv(fields: readonly string[], rows: readonly (readonly (string | number | null)[])[], newline: '\r\n' | '\n' = '\r\n'): string {
  return Papa.unparse({ fields: [...fields], data: rows.map((row) => [...row]) }, { newline }) + newline;
}
