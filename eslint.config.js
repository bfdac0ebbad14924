// Lint is part of `npm test`. Its main job is to keep the layers apart: shared/ is pure
// (no React, Dexie, Electron, Lexical, DOM or I/O), renderer/ never imports electron, electron/
// never imports renderer/, and Dexie stays in renderer/db.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiPackages = ['react', 'react-dom', 'react/*', 'react-dom/*', 'dexie', 'dexie-react-hooks', 'electron', 'lexical', '@lexical/*'];
const ioModules = ['fs', 'fs/*', 'node:*', 'path', 'child_process', 'os', 'http', 'https', 'net'];

// Import patterns that several blocks need: a later block's no-restricted-imports replaces an
// earlier one's for the same files, so each block lists the general patterns again.
const sharedPurity = [
  { group: uiPackages, message: 'shared/ is pure: no React, Dexie, Electron or Lexical.' },
  { group: ioModules, message: 'shared/ does no I/O: take bytes or strings as arguments.' },
  { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'shared/ depends on nothing above it.' },
];
const rendererHost = [
  { group: ['electron', '**/electron/**'], message: 'The renderer talks to its host only through shared/bridge.ts.' },
  { group: ['fs', 'node:*', 'child_process'], message: 'The renderer has no Node.' },
];
const dexieOnlyInDb = { group: ['dexie'], importNames: ['default', 'Dexie', 'Table'], message: 'Dexie lives in renderer/db: call a repository through a hook.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...sharedPurity,
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'shared/ has no DOM.' },
        { name: 'document', message: 'shared/ has no DOM.' },
        { name: 'indexedDB', message: 'shared/ has no storage.' },
        { name: 'localStorage', message: 'shared/ has no storage.' },
        { name: 'fetch', message: 'shared/ does no I/O.' },
        { name: 'process', message: 'shared/ is host-independent.' },
      ],
    },
  },
  // Inside shared/, exchange goes one way: common/ (colours, errors, GUIDs, the import report)
  // ← codebook/ (codebook rules, CSV, Markdown, DOCX) ← refi/ (REFI-QDA) ← exchange/ (a writer
  // per export format). Each folder's rule repeats the shared/ patterns: a later block replaces them.
  {
    files: ['shared/common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...sharedPurity,
          { group: ['**/codebook/**', '../codebook/*', '**/refi/**', '../refi/*', '**/exchange/**', '../exchange/*'], message: 'shared/common is the bottom of exchange: it imports no format folder.' },
        ],
      }],
    },
  },
  {
    files: ['shared/codebook/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...sharedPurity,
          { group: ['**/refi/**', '../refi/*', '**/exchange/**', '../exchange/*'], message: 'shared/codebook never imports shared/refi or shared/exchange: REFI-QDA builds on the codebook, not the reverse.' },
        ],
      }],
    },
  },
  {
    files: ['shared/refi/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...sharedPurity,
          { group: ['**/exchange/**', '../exchange/*'], message: 'shared/refi never imports shared/exchange, which sits above it.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      'no-restricted-imports': ['error', {
        patterns: [
          ...rendererHost,
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/db/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...rendererHost,
          dexieOnlyInDb,
        ],
      }],
    },
  },
  // Inside the renderer: app/ is the shell and may use everything below it; features/ use the kit
  // in ui/ but never the shell; db/ and editor/ are used by features and never use them.
  {
    files: ['renderer/features/**/*.{ts,tsx}', 'renderer/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...rendererHost,
          dexieOnlyInDb,
          { group: ['**/app/*', '../app', '../../app'], message: 'features/ and ui/ never import the shell (renderer/app); shared UI goes in renderer/ui.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/db/**/*.{ts,tsx}', 'renderer/editor/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...rendererHost,
          { group: ['**/app/*', '**/features/**'], message: 'db/ and editor/ are used by features and the shell, and never use them.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', 'react', 'dexie', 'lexical'], message: 'electron/ never imports the renderer.' }],
      }],
    },
  },
  {
    files: ['cli/**/*.{ts,mjs}', 'scripts/**/*.mjs', 'tests/**/*.{ts,tsx,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
