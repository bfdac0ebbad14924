/**
 * The codes that keys 1–9 apply: the first nine codable codes in codebook tree order
 * (depth first, siblings by `order`), whether or not their branches are collapsed. The
 * codebook panel shows these numbers and the document view binds the keys with the same
 * function, so the hint and the key can never disagree.
 */
import { flattenCodeTree } from '../../../shared/coding/codeTree.ts';
import type { Code } from '../../../shared/model/index.ts';

/** How many codes get a number key. */
export const NUMBERED_CODE_LIMIT = 9;

type NumberableCode = Pick<Code, 'id' | 'parentId' | 'order' | 'name' | 'isCodable'>;

/**
 * The first nine codable codes in tree order; key `n` applies element `n - 1`.
 *
 * @example
 * numberedCodes([framing (category), childProtection (child of framing), agency])
 * // → [childProtection, agency]   (key 1, key 2)
 */
export function numberedCodes<T extends NumberableCode>(codes: readonly T[]): T[] {
  const numbered: T[] = [];
  for (const { code } of flattenCodeTree(codes)) {
    if (!code.isCodable) continue;
    numbered.push(code);
    if (numbered.length === NUMBERED_CODE_LIMIT) break;
  }
  return numbered;
}
