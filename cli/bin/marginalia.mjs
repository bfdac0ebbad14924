#!/usr/bin/env node
// Entry point of the `marginalia` command. The command line is TypeScript run through tsx,
// so it works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main.ts');
process.exitCode = await main(process.argv.slice(2));
