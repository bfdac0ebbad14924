/**
 * The codes that keys 1–9 apply. The codebook panel, the code picker, the details panel and
 * the document view all read the keys through these functions, so the hint and the key can
 * never disagree.
 *
 * Keys are pinned to codes (`Code.quickKey`, see shared/coding/quickKeys.ts): they stay with a
 * code when the codebook is reordered or grows. A category never applies a key, even if a
 * stored row should carry one.
 */
import { isQuickKey, QUICK_KEY_LIMIT } from '../../../shared/coding/quickKeys.ts';
import type { Code, CodeId } from '../../../shared/model/index.ts';

/** How many codes get a number key. */
export const NUMBERED_CODE_LIMIT = QUICK_KEY_LIMIT;

type NumberableCode = Pick<Code, 'id' | 'parentId' | 'order' | 'name' | 'isCodable' | 'quickKey'>;

/**
 * Key number (1–9) → the code it applies.
 *
 * @example
 * quickKeyCodes([agency (quickKey 2), childProtection (quickKey 7), framing (category)])
 * // → Map { 2 → agency, 7 → childProtection }
 */
export function quickKeyCodes<T extends NumberableCode>(codes: readonly T[]): ReadonlyMap<number, T> {
  const byKey = new Map<number, T>();
  for (const code of codes) {
    // The first holder wins should two rows ever claim one key; the stored invariant forbids it.
    if (code.isCodable && isQuickKey(code.quickKey) && !byKey.has(code.quickKey)) byKey.set(code.quickKey, code);
  }
  return new Map([...byKey].sort(([a], [b]) => a - b));
}

/** Code id → its key number, for showing the key beside a code. */
export function quickKeyOf<T extends NumberableCode>(codes: readonly T[]): ReadonlyMap<CodeId, number> {
  return new Map([...quickKeyCodes(codes)].map(([key, code]) => [code.id, key]));
}
