/**
 * Runs comparison jobs in the comparison worker (one per window, started on first use), or on
 * the main thread when the host cannot start a module worker. Replies are matched to requests by
 * id, so several may be in flight.
 */
import type { MarginaliaDatabase } from '../../db/database.ts';
import { runComparisonJob, type ComparisonRequest, type ComparisonResult } from './comparisonJob.ts';

type Reply = { id: number; result?: ComparisonResult; error?: string };

let worker: Worker | null | undefined;
let nextId = 0;
const pending = new Map<number, { resolve(result: ComparisonResult): void; reject(error: Error): void; request: ComparisonRequest; db: MarginaliaDatabase }>();

function startWorker(): Worker | null {
  try {
    const started = new Worker(new URL('./comparison.worker.ts', import.meta.url), { type: 'module' });
    started.addEventListener('message', (event: MessageEvent<Reply>) => {
      const job = pending.get(event.data.id);
      if (!job) return;
      pending.delete(event.data.id);
      if (event.data.result) job.resolve(event.data.result);
      else job.reject(new Error(event.data.error ?? 'The comparison failed.'));
    });
    // A worker that cannot load answers with an error event: finish what was asked on the main thread.
    started.addEventListener('error', () => {
      started.terminate();
      worker = null;
      const jobs = [...pending.values()];
      pending.clear();
      for (const job of jobs) runComparisonJob(job.db, job.request).then(job.resolve, job.reject);
    });
    return started;
  } catch {
    return null;
  }
}

/** Computes one comparison, off the main thread where possible. */
export function requestComparison(db: MarginaliaDatabase, request: ComparisonRequest): Promise<ComparisonResult> {
  if (worker === undefined) worker = startWorker();
  if (!worker) return runComparisonJob(db, request);
  const id = ++nextId;
  const current = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, request, db });
    current.postMessage({ id, request });
  });
}
