/**
 * Hooks for the end-to-end tests and the benchmark: the database on `window.marginaliaDb`, and
 * events marking moments a test waits for (`marginalia:coded`: a coding is stored;
 * `marginalia:painted`: a document's codings are painted). They exist only in a build made with
 * `MARGINALIA_TEST_HOOKS=1` (the e2e global setup and the bench build that way); in the app a
 * researcher runs, both functions do nothing and the bundler drops their bodies.
 */
const isEnabled = import.meta.env.VITE_MARGINALIA_TEST_HOOKS === '1';

/** Puts `value` on `window[name]` for tests to inspect, in test builds only. */
export function exposeForTests(name: string, value: unknown): void {
  if (isEnabled) (window as unknown as Record<string, unknown>)[name] = value;
}

/** Dispatches a window event `name` for tests and benchmarks, in test builds only. */
export function signalForTests(name: `marginalia:${string}`, detail?: unknown): void {
  if (isEnabled) window.dispatchEvent(new CustomEvent(name, { detail }));
}
