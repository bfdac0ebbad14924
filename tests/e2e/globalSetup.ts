/**
 * Builds the plain-browser version of the app once and serves it on a free localhost port for
 * every end-to-end test (the same build `npm run web` serves).
 */
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

let server: PreviewServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  const configFile = new URL('../../vite.web.config.ts', import.meta.url).pathname;
  // A test build: the database and the coded/painted events are exposed (renderer/platform/testHooks.ts).
  process.env['VITE_MARGINALIA_TEST_HOOKS'] = '1';
  await build({ configFile, logLevel: 'warn' });
  server = await preview({ configFile, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report its address.');
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
