/**
 * The plain-browser build of the renderer (out/web): the same options as the desktop
 * renderer (renderer.vite.ts), without Electron. `npm run build:web`, `npm run web`.
 */
import { defineConfig } from 'vite';
import { rendererOptions } from './renderer.vite.ts';

export default defineConfig(rendererOptions('out/web'));
