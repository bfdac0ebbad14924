/**
 * The memos of a project grouped by what they are attached to, and how lists and previews name
 * a memo. Pure (no React): the workbench builds the index once per change of the project's
 * memos (features/memos/marks/memoIndex.tsx) and every panel looks its memos up in it.
 *
 * Invariant: `onTarget(id)` lists the memos whose target id is `id` (a document id covers both
 * its document memos and its passage memos), oldest first, so "Memos (2)" lists stay stable.
 */
import type { Memo } from '../../../shared/model/index.ts';

export interface MemoIndex {
  /** Every memo of the project, oldest first (empty while the first read runs). */
  all: readonly Memo[];
  /** The memos whose target has this id (document, passage, code or segment), oldest first. */
  onTarget(id: string): readonly Memo[];
  /** The memos on the project itself. */
  project: readonly Memo[];
}

const NONE: readonly Memo[] = [];

/** Groups memos by their target's id. */
export function indexMemos(memos: readonly Memo[]): MemoIndex {
  const byTarget = new Map<string, Memo[]>();
  const project: Memo[] = [];
  const sorted = [...memos].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const memo of sorted) {
    if (memo.target.kind === 'project') {
      project.push(memo);
      continue;
    }
    const list = byTarget.get(memo.target.id);
    if (list) list.push(memo);
    else byTarget.set(memo.target.id, [memo]);
  }
  return { all: sorted, project, onTarget: (id) => byTarget.get(id) ?? NONE };
}

export const EMPTY_MEMO_INDEX = indexMemos([]);

/** A memo's name as lists show it: its title, else its first words, else "Untitled memo". */
export function memoLabel(memo: Memo): string {
  const title = memo.title.trim();
  if (title) return title;
  const words = memo.plainText.trim().replace(/\s+/g, ' ');
  if (!words) return 'Untitled memo';
  return words.length > 48 ? `${words.slice(0, 47)}…` : words;
}

/** The first lines of a memo for a preview (at most `limit` characters). */
export function memoPreviewText(memo: Memo, limit = 240): string {
  const text = memo.plainText.trim();
  if (!text) return 'No text yet.';
  return text.length > limit ? `${text.slice(0, limit - 1).trimEnd()}…` : text;
}
