/**
 * What a command needs from the outside world, passed in so commands can be tested without
 * spawning a process: arguments come in, text goes to stdout/stderr, files are read and written.
 */
import { readFile, writeFile } from 'node:fs/promises';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, bytes: Uint8Array | string): Promise<void>;
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeFile: (path, bytes) => writeFile(path, bytes),
};

/** A failure the user caused (bad arguments, bad file): printed as one line, exit code 2 unless set. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** A command: takes its own arguments (after the command name) and returns the exit code. */
export type Command = (args: string[], io: CliIO) => Promise<number>;
