/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** '1' in builds for the end-to-end tests and the benchmark (see renderer/platform/testHooks.ts). */
  readonly VITE_MARGINALIA_TEST_HOOKS?: string;
}
