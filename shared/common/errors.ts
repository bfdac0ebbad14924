/**
 * The one error type of the exchange formats. Whatever is wrong with a file (not a zip, a zip
 * entry that escapes its folder, a zip bomb, a DOCTYPE, malformed XML, no .qde, a reference to
 * an unknown GUID), reading it throws an `ExchangeError` whose message is one sentence a
 * researcher can act on, and nothing is imported. `errorMessage` is the one way to print
 * anything thrown.
 */

/**
 * A file could not be read or written as REFI-QDA (or one of the codebook formats).
 *
 * @example
 * try { readQdpx(bytes) } catch (e) { if (e instanceof ExchangeError) showMessage(e.message) }
 */
export class ExchangeError extends Error {
  override name = 'ExchangeError';
}

/**
 * The message of anything thrown, for a one-line report: an Error's message, anything else as text.
 *
 * @example
 * errorMessage(new Error('disk full')) // → 'disk full'
 * errorMessage('offline')              // → 'offline'
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
