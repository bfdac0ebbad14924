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
  if (isCanonicalGuid(text)) return text;
  let value = text.trim().toLowerCase();
  if (value.startsWith('{') && value.endsWith('}')) value = value.slice(1, -1);
  return GUID.test(value) ? value : null;
}

/** True for a GUID in the model's canonical spelling. A loop over char codes: this runs a million times on a large import. */
export function isCanonicalGuid(text: string): boolean {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      return false;
    }
  }
  return true;
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
  const byte = (n: number, shift: number) => HEX_BYTES[(n >>> shift) & 0xff]!;
  return (
    byte(a, 24) + byte(a, 16) + byte(a, 8) + byte(a, 0) + '-' +
    byte(b, 24) + byte(b, 16) + '-' +
    // Version 8 ("custom") in the high nibble, variant 10xx in the next group.
    HEX_BYTES[0x80 | ((b >>> 8) & 0x0f)]! + byte(b, 0) + '-' +
    HEX_BYTES[0x80 | ((c >>> 24) & 0x3f)]! + byte(c, 16) + '-' +
    byte(c, 8) + byte(c, 0) + byte(d, 24) + byte(d, 16) + byte(d, 8) + byte(d, 0)
  );
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
