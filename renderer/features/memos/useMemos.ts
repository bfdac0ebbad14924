/**
 * The memos' data hooks: live reads of a project's memos and of the memos on one thing, and
 * every change to memos, as functions that report their own errors.
 *
 * Components call these hooks; only these hooks call the repositories.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Memo, MemoId, MemoTarget } from '../../../shared/model/index.ts';
import { createMemo, deleteMemo, listMemosOn, listNewestMemos, listProjectMemos, readMemo, reattachMemo, saveMemoContent, type MemoDraft } from '../../db/memoRepository.ts';
import { useWorkspace } from '../../ui/workspace.tsx';

/** Every memo of the open project (`undefined` while the first read runs). */
export function useProjectMemos(): Memo[] | undefined {
  const { db, project } = useWorkspace();
  return useLiveQuery(() => listProjectMemos(db, project.id), [db, project.id]);
}

/** The project's `limit` most recently modified memos, newest first. */
export function useNewestMemos(limit: number): Memo[] | undefined {
  const { db, project } = useWorkspace();
  return useLiveQuery(() => listNewestMemos(db, project.id, limit), [db, project.id, limit]);
}

/** The memos whose target has one of these ids (see `listMemosOn`). */
export function useMemosOn(targetIds: readonly string[]): Memo[] | undefined {
  const { db } = useWorkspace();
  const key = targetIds.join(',');
  return useLiveQuery(() => listMemosOn(db, targetIds), [db, key]);
}

/** One memo, kept current (`null` once deleted, `undefined` while reading). */
export function useMemoRow(id: MemoId | null): Memo | null | undefined {
  const { db } = useWorkspace();
  return useLiveQuery(async () => (id ? ((await readMemo(db, id)) ?? null) : null), [db, id]);
}

/** Every change to memos. */
export function useMemoActions() {
  const { db, project, coder, run } = useWorkspace();
  return useMemo(
    () => ({
      /** Writes a new memo by the current coder on `target`; resolves to it, or null when refused. */
      async create(target: MemoTarget, draft?: MemoDraft): Promise<Memo | null> {
        let memo: Memo | null = null;
        await run(async () => {
          memo = await createMemo(db, project.id, target, coder.id, draft);
        });
        return memo;
      },
      save(id: MemoId, patch: MemoDraft): Promise<void> {
        return saveMemoContent(db, id, patch);
      },
      reattach(id: MemoId, target: MemoTarget): Promise<void> {
        return run(() => reattachMemo(db, id, target), 'Memo re-attached.');
      },
      remove(id: MemoId): Promise<void> {
        return run(() => deleteMemo(db, id), 'Memo deleted.');
      },
    }),
    [db, project.id, coder.id, run],
  );
}
