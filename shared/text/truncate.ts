/**
 * Shortens text for names and labels without cutting a character outside the Basic
 * Multilingual Plane (a surrogate pair) in half.
 *
 * @example
 * truncateText('Interview with 👩‍🔬 Ana', 16) // → 'Interview with …' (never a lone surrogate)
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let cut = maxLength - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}
