/**
 * Runs comparisons for the compare view: in a worker when the host can start one (the window
 * stays responsive while a big project is compared), else on the main thread. Only the latest
 * request's answer is shown; an older one that finishes late is dropped.
 */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../shared/common/errors.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { runComparisonJob, type ComparisonRequest, type ComparisonResult } from './comparisonJob.ts';

export type ComparisonState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: ComparisonResult }
  | { status: 'failed'; message: string };

type Reply = { id: number; result?: ComparisonResult; error?: string };

function startWorker(): Worker | null {
  try {
    return new Worker(new URL('./comparison.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

/** The comparison of `request` (null = nothing chosen yet), recomputed when it changes. */
export function useComparison(request: ComparisonRequest | null): ComparisonState {
  const { db } = useWorkspace();
  const [state, setState] = useState<ComparisonState>({ status: 'idle' });
  const worker = useRef<Worker | null | undefined>(undefined);
  const latest = useRef(0);

  useEffect(() => () => worker.current?.terminate(), []);

  const key = request ? JSON.stringify(request) : '';
  useEffect(() => {
    if (!request) {
      setState({ status: 'idle' });
      return;
    }
    const id = ++latest.current;
    setState({ status: 'running' });
    const settle = (reply: Reply) => {
      if (reply.id !== latest.current) return;
      setState(reply.result ? { status: 'done', result: reply.result } : { status: 'failed', message: reply.error ?? 'The comparison failed.' });
    };
    const inline = () =>
      runComparisonJob(db, request).then(
        (result) => settle({ id, result }),
        (error: unknown) => settle({ id, error: errorMessage(error) }),
      );
    if (worker.current === undefined) worker.current = startWorker();
    const current = worker.current;
    if (!current) {
      void inline();
      return;
    }
    const onMessage = (event: MessageEvent<Reply>) => settle(event.data);
    // A worker that cannot load (a host that refuses module workers) answers with an error event.
    const onError = () => {
      current.terminate();
      worker.current = null;
      void inline();
    };
    current.addEventListener('message', onMessage);
    current.addEventListener('error', onError);
    current.postMessage({ id, request });
    return () => {
      current.removeEventListener('message', onMessage);
      current.removeEventListener('error', onError);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the request's JSON stands for it
  }, [db, key]);

  return state;
}
