import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (shared/, cli/, electron/ logic and the Dexie repositories on
 * fake-indexeddb) and `e2e` (Playwright driving /usr/bin/chromium on the web build).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // The browser, not the assertion, sets the pace: on a loaded 2-core machine a live
          // query can take seconds to repaint, so polls wait up to 10 s for the state they assert.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
