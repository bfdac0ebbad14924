/**
 * Which coders Compare coders compares until the researcher chooses: two coders who coded in
 * this project, the current coder first when they did. On first run the researcher has coded
 * nothing, so the demo's two example coders are compared out of the box; once the researcher
 * codes, their own work is compared with the next coder who coded. When fewer than two coders
 * coded, the rest are filled from the coder list (current coder first) so the table can say
 * what is missing.
 */
import type { CoderId } from '../../../shared/model/index.ts';

/**
 * @example
 * defaultComparedCoders([ana, priya, tom], ana, [priya, tom]) // → [priya, tom]
 * defaultComparedCoders([ana, ben, priya, tom], ana, [ana, priya, tom]) // → [ana, priya]
 */
export function defaultComparedCoders(coders: readonly CoderId[], currentCoderId: CoderId, codedIds: readonly CoderId[]): CoderId[] {
  const coded = new Set(codedIds);
  const currentFirst = [currentCoderId, ...coders.filter((id) => id !== currentCoderId)].filter((id) => coders.includes(id));
  return [...currentFirst.filter((id) => coded.has(id)), ...currentFirst.filter((id) => !coded.has(id))].slice(0, 2);
}
