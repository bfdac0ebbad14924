/**
 * The plain-browser build of the renderer (out/web; `npm run build:web`, `npm run web`), and
 * the renderer's Vite options it shares with electron.vite.config.ts (the desktop build),
 * which imports `rendererOptions` from here, so the two builds of the same React app cannot
 * drift apart. (It lives here rather than in a file of its own because this file is already
 * in tsconfig.node.json's project.) Also the CSP guard: a build refuses an index.html whose
 * Content-Security-Policy <meta> differs from the policy in electron/main/csp.ts (and adds
 * the <meta> if the page has none); a dev server swaps in the dev policy with a fresh nonce.
 * Imports only pure modules from electron/, never electron itself.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, devContentSecurityPolicy, isSamePolicy, readCspMeta, writeCspMeta } from './electron/main/csp.ts';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = fileURLToPath(new URL('./renderer/', import.meta.url));
const rendererEntry = fileURLToPath(new URL('./renderer/index.html', import.meta.url));

/** Keeps index.html's CSP equal to the one policy; see the module comment. */
function contentSecurityPolicy(): Plugin {
  let nonce = '';
  return {
    name: 'marginalia:content-security-policy',
    config(_config, { command }) {
      if (command !== 'serve') return;
      nonce = randomBytes(18).toString('base64url');
      // Vite then tags every <script>, <style> and stylesheet <link> it serves with the nonce.
      return { html: { cspNonce: nonce } };
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        if (context.server) return writeCspMeta(html, devContentSecurityPolicy(nonce));
        const policy = readCspMeta(html);
        if (policy === null) return writeCspMeta(html, CONTENT_SECURITY_POLICY_META);
        // The full header policy is accepted too: its frame-ancestors is merely ignored in a <meta>.
        if (!isSamePolicy(policy, CONTENT_SECURITY_POLICY_META) && !isSamePolicy(policy, CONTENT_SECURITY_POLICY)) {
          throw new Error(
            `renderer/index.html has a Content-Security-Policy that differs from electron/main/csp.ts.\n` +
              `  index.html: ${policy}\n  expected:   ${CONTENT_SECURITY_POLICY_META}`,
          );
        }
        return html;
      },
    },
  };
}

/**
 * Vite options for the renderer, built into `outDir` (absolute, or relative to the project root).
 * `base: './'` so the same files load from file:// in Electron and from any path on a web server.
 */
export function rendererOptions(outDir: string) {
  return {
    root: rendererRoot,
    base: './',
    // .env files are read from the project root, as electron-vite does for main and preload.
    envDir: projectRoot,
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: fileURLToPath(new URL(outDir, new URL('.', import.meta.url))),
      emptyOutDir: true,
      // Loaded from disk or localhost, never over a network: one large chunk costs nothing.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: rendererEntry },
    },
    // `vite preview` (npm run web) sends the full policy as a header, as Electron does.
    preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  } satisfies UserConfig;
}

export default defineConfig(rendererOptions('out/web'));
