/**
 * Deleting a memo from the manager, as one undoable step, with an "Undo" button on the notice
 * that says so. The button undoes that deletion and nothing else: if another change was made
 * since, it says to undo the later changes first instead of undoing the wrong thing.
 *
 * Components call this hook; only hooks call the repositories.
 */
import { useCallback } from 'react';
import type { Memo } from '../../../../shared/model/index.ts';
import { errorMessage } from '../../../../shared/common/errors.ts';
import { readHistoryState, undoLastAction } from '../../../db/history.ts';
import { deleteMemo } from '../../../db/memoRepository.ts';
import { useWorkspace } from '../../../ui/workspace.tsx';

/** Returns `remove(memo)`: deletes it and tells the researcher, offering Undo. */
export function useMemoDeletion(): (memo: Memo) => Promise<void> {
  const { db, project, notify } = useWorkspace();
  return useCallback(
    async (memo: Memo) => {
      const name = memo.title ? `memo “${memo.title}”` : 'an untitled memo';
      try {
        await deleteMemo(db, memo.id);
        const { undoLabel } = await readHistoryState(db, project.id);
        notify(`Deleted ${name}.`, 'info', {
          label: 'Undo',
          run() {
            void (async () => {
              try {
                if ((await readHistoryState(db, project.id)).undoLabel !== undoLabel) {
                  notify('That deletion is no longer the last change: undo the later changes first (Ctrl+Z).', 'error');
                  return;
                }
                const undone = await undoLastAction(db, project.id);
                if (undone) notify(`Undid: ${undone}`);
              } catch (error) {
                notify(errorMessage(error), 'error');
              }
            })();
          },
        });
      } catch (error) {
        notify(errorMessage(error), 'error');
      }
    },
    [db, project.id, notify],
  );
}
