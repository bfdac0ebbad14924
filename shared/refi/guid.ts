/**
 * GUIDs as REFI-QDA writes them and as the model stores them. Producers write upper case
 * (MAXQDA, ATLAS.ti), lower case (NVivo) or wrap them in braces; the model keeps one spelling:
 * lower-case 8-4-4-4-12 hex, so an id read from a file compares equal to the same id written
 * by another tool.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The canonical spelling of a GUID, or `null` when the text is not one.
 *
 * @example
 * normalizeGuid('{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}') // → '1ff58b12-6f6f-4b0c-8be5-bbdc91f55294'
 */
export function normalizeGuid(text: string): string | null {
  let value = text.trim().toLowerCase();
  if (value.startsWith('{') && value.endsWith('}')) value = value.slice(1, -1);
  return GUID.test(value) ? value : null;
}

/** True for a GUID in the model's canonical spelling. */
export function isCanonicalGuid(text: string): boolean {
  return GUID.test(text);
}

/** Four independent 32-bit hashes of a string (cyrb128), enough bits for a GUID. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * A GUID derived from a string: the same input always gives the same GUID (RFC 9562 version 8,
 * "custom"). Used where a file needs an id the model does not have (the Coding inside a
 * selection, the Variable of a document variable), so exports are reproducible byte for byte.
 *
 * @example
 * deriveGuid('coding:' + segmentId) // → e.g. '3f2a…-…-8…-…'
 */
export function deriveGuid(seed: string): string {
  const [a, b, c, d] = hash128(seed);
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const all = hex(a) + hex(b) + hex(c) + hex(d);
  const version = '8' + all.slice(13, 16);
  const variant = ((parseInt(all[16]!, 16) & 0x3) | 0x8).toString(16) + all.slice(17, 20);
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${version}-${variant}-${all.slice(20, 32)}`;
}
