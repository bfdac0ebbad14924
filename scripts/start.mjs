#!/usr/bin/env node
// `npm start`: runs Marginalia as a desktop app (`electron-vite preview`: build, then launch
// Electron). Where the Electron binary is not installed (its download failed or was
// skipped), it says so in one line and serves the same renderer in the browser instead.
// `npm run web` (`--web`) always serves the browser build.
//
// Options: --web, --port N (or PORT=N; default 5174), --no-open (never open a browser;
// also implied by CI=true or when there is no display).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const DEFAULT_PORT = 5174;
const HOST = '127.0.0.1';

function parseArguments(argv) {
  const options = { isWeb: false, port: undefined, isOpenWanted: true };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--web') options.isWeb = true;
    else if (argument === '--no-open') options.isOpenWanted = false;
    else if (argument === '--port') options.port = argv[(index += 1)];
    else if (argument.startsWith('--port=')) options.port = argument.slice('--port='.length);
    else if (argument === '--help' || argument === '-h') {
      console.log('Usage: node scripts/start.mjs [--web] [--port N] [--no-open]');
      process.exit(0);
    } else {
      console.error(`Unknown option ${argument}. Usage: node scripts/start.mjs [--web] [--port N] [--no-open]`);
      process.exit(2);
    }
  }
  const rawPort = options.port ?? process.env.PORT;
  options.isPortExplicit = rawPort !== undefined && rawPort !== '';
  options.port = options.isPortExplicit ? Number(rawPort) : DEFAULT_PORT;
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    console.error(`Invalid port "${rawPort}": expected a number from 1 to 65535.`);
    process.exit(2);
  }
  return options;
}

/**
 * The Electron executable, or null when it is not installed. `require('electron')` returns
 * its path, or throws when the install script never wrote path.txt (download skipped);
 * the file may also be missing if the download was interrupted.
 */
function findElectronBinary() {
  try {
    const executable = require('electron');
    return typeof executable === 'string' && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

function runDesktop(electronBinary) {
  const electronVitePackage = require.resolve('electron-vite/package.json');
  const { bin } = JSON.parse(readFileSync(electronVitePackage, 'utf8'));
  const cli = join(dirname(electronVitePackage), typeof bin === 'string' ? bin : bin['electron-vite']);
  // electron-vite looks for the binary itself and ignores ELECTRON_OVERRIDE_DIST_PATH;
  // hand it the one we found.
  const child = spawn(process.execPath, [cli, 'preview'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: electronBinary },
  });
  // Ctrl+C reaches the whole process group; electron-vite forwards it to Electron. Wait for
  // the child rather than dying first and leaving it behind.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
  child.on('close', (code, signal) => {
    const status = code ?? (signal ? 1 : 0);
    if (status !== 0 && signal !== 'SIGINT' && signal !== 'SIGTERM') {
      console.error(`The desktop app stopped with an error (exit ${status}). If Electron cannot start on this machine, \`npm run web\` runs Marginalia in your browser.`);
    }
    process.exit(status);
  });
}

function isOnPath(command) {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  return (process.env.PATH ?? '').split(delimiter).some((folder) => folder && extensions.some((extension) => existsSync(join(folder, command + extension))));
}

/** Opens `url` in the system browser if there is one to open; never fails. */
function openBrowser(url) {
  let command;
  let args;
  if (process.platform === 'darwin') [command, args] = ['open', [url]];
  else if (process.platform === 'win32') [command, args] = ['cmd', ['/c', 'start', '""', url]];
  else {
    if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
    [command, args] = ['xdg-open', [url]];
  }
  if (process.platform !== 'win32' && !isOnPath(command)) return;
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser to open: the URL is printed, which is enough.
  }
}

async function runWeb({ port, isPortExplicit, isOpenWanted }) {
  // Imported here so the desktop path does not load Vite twice.
  const { build, preview } = await import('vite');
  const configFile = join(projectRoot, 'vite.web.config.ts');
  console.log('Building the web version…');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({
    configFile,
    logLevel: 'warn',
    // An explicit port must be that port; the default may move to the next free one.
    preview: { host: HOST, port, strictPort: isPortExplicit, open: false },
  });
  const address = server.httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${HOST}:${actualPort}/`;
  console.log(`Marginalia is running at ${url}`);
  console.log('Press Ctrl+C to stop.');
  const isCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
  if (isOpenWanted && !isCi) openBrowser(url);

  let isClosing = false;
  const stop = () => {
    if (isClosing) return;
    isClosing = true;
    // Idle keep-alive connections would otherwise hold the server open for seconds.
    server.httpServer.closeAllConnections?.();
    setTimeout(() => process.exit(0), 2000).unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const options = parseArguments(process.argv.slice(2));
if (!options.isWeb) {
  const electronBinary = findElectronBinary();
  if (electronBinary) {
    runDesktop(electronBinary);
  } else {
    console.log('Electron is not installed on this machine (its binary could not be downloaded); serving Marginalia in your browser instead.');
    options.isWeb = true;
  }
}
if (options.isWeb) {
  runWeb(options).catch((error) => {
    const message = error?.code === 'EADDRINUSE' ? `Port ${options.port} is in use; choose another with --port N or PORT=N.` : (error?.stack ?? String(error));
    console.error(message);
    process.exit(1);
  });
}
