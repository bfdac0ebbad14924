/**
 * One live read of the open project's memos, grouped by what they are attached to
 * (editor/memoMarks/memoIndex.ts), shared by every panel that shows memo marks (document rows,
 * code rows, the project button, the margin, the inspector, the code details). One query
 * instead of one per row: thousands of memos are read once per change, and each panel looks its
 * memos up in a map.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ProjectId } from '../../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../../db/database.ts';
import { listProjectMemos } from '../../../db/memoRepository.ts';
import { EMPTY_MEMO_INDEX, indexMemos, type MemoIndex } from '../../../editor/memoMarks/memoIndex.ts';

export type { MemoIndex };

const MemoIndexContext = createContext<MemoIndex>(EMPTY_MEMO_INDEX);

/**
 * The live index of a project's memos. Takes the database and project (not the workspace) because
 * the workbench reads it while it builds the workspace.
 */
export function useProjectMemoIndex(db: MarginaliaDatabase, projectId: ProjectId): MemoIndex {
  const memos = useLiveQuery(() => listProjectMemos(db, projectId), [db, projectId]);
  return useMemo(() => (memos ? indexMemos(memos) : EMPTY_MEMO_INDEX), [memos]);
}

/** Gives the panels inside it the index the workbench read. */
export function MemoIndexProvider({ index, children }: { index: MemoIndex; children: ReactNode }) {
  return <MemoIndexContext.Provider value={index}>{children}</MemoIndexContext.Provider>;
}

/** The project's memos by target (inside MemoIndexProvider; empty outside it). */
export function useMemoIndex(): MemoIndex {
  return useContext(MemoIndexContext);
}
