/**
 * The comparison the compare view shows, recomputed in its own worker (comparisonClient.ts)
 * when what is asked changes; a comparison still running when the choice changes is stopped.
 */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../shared/common/errors.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { signalForTests } from '../../platform/testHooks.ts';
import { ComparisonCancelled, createComparisonRunner, type ComparisonRunner } from './comparisonClient.ts';
import type { ComparisonRequest, ComparisonResult } from './comparisonJob.ts';

export type ComparisonState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: ComparisonResult }
  | { status: 'failed'; message: string };

/** The comparison of `request` (null = nothing chosen yet). */
export function useComparison(request: ComparisonRequest | null): ComparisonState {
  const { db } = useWorkspace();
  const [state, setState] = useState<ComparisonState>({ status: 'idle' });
  const runner = useRef<ComparisonRunner | null>(null);
  useEffect(() => {
    const created = createComparisonRunner(db);
    runner.current = created;
    return () => created.dispose();
  }, [db]);
  const key = request ? JSON.stringify(request) : '';
  useEffect(() => {
    if (!request || !runner.current) {
      setState({ status: 'idle' });
      return;
    }
    let isCurrent = true;
    setState({ status: 'running' });
    runner.current.run(request).then(
      (result) => {
        signalForTests('marginalia:compared', result.timings);
        if (isCurrent) setState({ status: 'done', result });
      },
      (error: unknown) => isCurrent && !(error instanceof ComparisonCancelled) && setState({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      isCurrent = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the request's JSON stands for it
  }, [db, key]);
  return state;
}
