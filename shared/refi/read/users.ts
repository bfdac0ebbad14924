/**
 * Phase 1 and last of reading a project: the listed `<User>`s, and at the end the Coders made of
 * them (a producer's pseudo-user that nothing was attributed to is left out) plus the
 * placeholder coders the selections phase created.
 */
import type { CoderId } from '../../model/index.ts';
import { readOwnGuid } from '../codebookXml.ts';
import { paletteColor } from '../../common/colors.ts';
import { child, children, type ReadContext } from './context.ts';

/** Reads `<Users>` into `ctx.users`. */
export function readUsers(ctx: ReadContext): void {
  const { root, report, users } = ctx;
  // Users.
  children(child(root, 'Users'), 'User').forEach((element, index) => {
    const id = readOwnGuid(element, 'user', report, `user/${index}`) as CoderId;
    users.set(id, { id, name: element.attrs['name'] ?? element.attrs['id'] ?? `Coder ${index + 1}`, element });
  });
}

/** Fills `ctx.coders` once segments and memos are known. */
export function listCoders(ctx: ReadContext): void {
  const { report, sidecar, users, segments, memos, coders, placeholderCoders } = ctx;
  // Coders: every listed user, except a producer's pseudo-user that nothing was attributed to.
  const used = new Set<string>();
  for (const segment of segments) used.add(segment.coderId);
  for (const memo of memos) if (memo.coderId) used.add(memo.coderId);
  let colorIndex = 0;
  for (const user of users.values()) {
    if (!used.has(user.id) && /^(atlas\.ti|maxqda|nvivo|qualcoder|taguette)$/i.test(user.name.trim())) {
      report.skipped('user.pseudo', `The producer's own pseudo-user ("${user.name}"), which coded nothing, was not imported as a coder.`, user.name);
      continue;
    }
    coders.push({ id: user.id, name: user.name, color: sidecar?.coders[user.id]?.color ?? paletteColor(colorIndex++) });
  }
  coders.push(...placeholderCoders.values());
}
