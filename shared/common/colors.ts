/**
 * The one code palette, and colours between the exchange formats and the model. The app offers
 * the palette as swatches and gives a new code the next colour of it; an import gives it, by
 * position, to codes and coders that arrive without a readable colour, so the same file always
 * imports the same way. The REFI-QDA schema allows `#RRGGBB` or `#RGB`; producers also write
 * lower case, alpha (`#RRGGBBAA`), `rgb()`/`rgba()` or nothing at all. The model keeps `#rrggbb`.
 */

/** Distinct colours, readable behind black text at highlight opacity, in the order they are handed out. */
export const CODE_PALETTE = [
  '#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4',
  '#f032e6', '#9a6324', '#469990', '#bfef45', '#808000', '#4b6cb7',
] as const;

/**
 * The palette colour for the n-th item without a colour (wrapping around).
 *
 * @example
 * paletteColor(0) // → '#e6194b'
 * paletteColor(13) // → '#3cb44b'
 */
export function paletteColor(n: number): string {
  return CODE_PALETTE[((n % CODE_PALETTE.length) + CODE_PALETTE.length) % CODE_PALETTE.length]!;
}

/** Result of reading a colour: the model's spelling and whether anything had to change besides case. */
export interface ParsedColor {
  readonly color: string;
  /** True when alpha was dropped or the notation was converted (`rgb()`, `#RGB`). */
  readonly converted: boolean;
}

const byte = (n: number) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');

/**
 * Reads a colour as producers write it; `null` when it is not a colour.
 *
 * @example
 * parseColor('#F00') // → { color: '#ff0000', converted: true }
 * parseColor('rgba(70, 170, 0, 0.5)') // → { color: '#46aa00', converted: true }
 */
export function parseColor(text: string): ParsedColor | null {
  const value = text.trim().toLowerCase();
  let match = /^#?([0-9a-f]{6})([0-9a-f]{2})?$/.exec(value);
  if (match) return { color: `#${match[1]}`, converted: match[2] !== undefined || !value.startsWith('#') };
  match = /^#?([0-9a-f])([0-9a-f])([0-9a-f])([0-9a-f])?$/.exec(value);
  if (match) return { color: `#${match[1]}${match[1]}${match[2]}${match[2]}${match[3]}${match[3]}`, converted: true };
  match = /^rgba?\(\s*(\d+(?:\.\d+)?)\s*[, ]\s*(\d+(?:\.\d+)?)\s*[, ]\s*(\d+(?:\.\d+)?)\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/.exec(value);
  if (match) return { color: `#${byte(Number(match[1]))}${byte(Number(match[2]))}${byte(Number(match[3]))}`, converted: true };
  return null;
}

/** True when the model colour can be written as a schema-valid `RGBType`. */
export function isModelColor(color: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(color);
}
