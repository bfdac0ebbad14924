/**
 * The codes that keys 1–9 apply. The codebook panel, the code picker, the details panel and
 * the document view all read the keys through these functions, so the hint and the key can
 * never disagree.
 *
 * (Interim: keys follow tree order — the first nine codable codes. Pinning keys to codes
 * replaces the body of `quickKeyCodes` without changing its signature.)
 */
import { flattenCodeTree } from '../../../shared/coding/codeTree.ts';
import type { Code, CodeId } from '../../../shared/model/index.ts';

/** How many codes get a number key. */
export const NUMBERED_CODE_LIMIT = 9;

type NumberableCode = Pick<Code, 'id' | 'parentId' | 'order' | 'name' | 'isCodable'>;

/**
 * Key number (1–9) → the code it applies.
 *
 * @example
 * quickKeyCodes([framing (category), childProtection (child of framing), agency])
 * // → Map { 1 → childProtection, 2 → agency }
 */
export function quickKeyCodes<T extends NumberableCode>(codes: readonly T[]): ReadonlyMap<number, T> {
  const byKey = new Map<number, T>();
  for (const { code } of flattenCodeTree(codes)) {
    if (!code.isCodable) continue;
    byKey.set(byKey.size + 1, code);
    if (byKey.size === NUMBERED_CODE_LIMIT) break;
  }
  return byKey;
}

/** Code id → its key number, for showing the key beside a code. */
export function quickKeyOf<T extends NumberableCode>(codes: readonly T[]): ReadonlyMap<CodeId, number> {
  return new Map([...quickKeyCodes(codes)].map(([key, code]) => [code.id, key]));
}
