/**
 * electron-vite: main (ESM, out/main/index.js), preload (CommonJS, out/preload/index.cjs,
 * because a sandboxed preload cannot be an ES module) and renderer (out/renderer). Entry
 * points are explicit; electron-vite's default is src/main|preload|renderer.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererOptions } from './vite.web.config.ts';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      rolldownOptions: { input: { index: fromRoot('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      rolldownOptions: {
        input: { index: fromRoot('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  renderer: rendererOptions('out/renderer'),
});
