/** What an open memo is attached to, in words, kept current (the hook over describeMemoTarget). */
import { useLiveQuery } from 'dexie-react-hooks';
import type { MemoTarget } from '../../../../shared/model/index.ts';
import { describeMemoTarget, type MemoTargetDescription } from '../../../db/memoRepository.ts';
import { useWorkspace } from '../../../ui/workspace.tsx';

export function useMemoTarget(target: MemoTarget | undefined): MemoTargetDescription | undefined {
  const { db } = useWorkspace();
  return useLiveQuery(async () => (target ? describeMemoTarget(db, target) : undefined), [db, JSON.stringify(target ?? null)]);
}
