/**
 * The comparison the compare view shows, recomputed (in the comparison worker, see
 * comparisonClient.ts) when what is asked changes. Only the latest request's answer is shown; an
 * older one that finishes late is dropped.
 */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../shared/common/errors.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { requestComparison } from './comparisonClient.ts';
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
  const latest = useRef(0);
  const key = request ? JSON.stringify(request) : '';
  useEffect(() => {
    if (!request) {
      setState({ status: 'idle' });
      return;
    }
    const id = ++latest.current;
    setState({ status: 'running' });
    requestComparison(db, request).then(
      (result) => id === latest.current && setState({ status: 'done', result }),
      (error: unknown) => id === latest.current && setState({ status: 'failed', message: errorMessage(error) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the request's JSON stands for it
  }, [db, key]);
  return state;
}
