/**
 * Runs comparison jobs in a comparison worker, or on the main thread when the host cannot start
 * a module worker. A runner has one worker; `cancel` stops the job in flight at once (the worker
 * is ended and a new one started for the next job), so a researcher changing the choice several
 * times never waits for comparisons nobody will see.
 */
import type { MarginaliaDatabase } from '../../db/database.ts';
import { runComparisonJob, type ComparisonRequest, type ComparisonResult } from './comparisonJob.ts';

type Reply = { id: number; result?: ComparisonResult; error?: string };

/** Refusal of a cancelled job; callers ignore it. */
export class ComparisonCancelled extends Error {}

export interface ComparisonRunner {
  run(request: ComparisonRequest): Promise<ComparisonResult>;
  /** Stops the job in flight, if any (its promise rejects with ComparisonCancelled). */
  cancel(): void;
  dispose(): void;
}

/** Whether this host can start module workers: decided by the first attempt. */
let workersWork: boolean | undefined;

export function createComparisonRunner(db: MarginaliaDatabase): ComparisonRunner {
  let worker: Worker | null = null;
  let nextId = 0;
  let inFlight: { id: number; request: ComparisonRequest; resolve(result: ComparisonResult): void; reject(error: Error): void } | null = null;

  const start = (): Worker | null => {
    if (workersWork === false) return null;
    try {
      const started = new Worker(new URL('./comparison.worker.ts', import.meta.url), { type: 'module' });
      started.addEventListener('message', (event: MessageEvent<Reply>) => {
        const job = inFlight;
        if (!job || job.id !== event.data.id) return;
        inFlight = null;
        workersWork = true;
        if (event.data.result) job.resolve(event.data.result);
        else job.reject(new Error(event.data.error ?? 'The comparison failed.'));
      });
      // A worker that cannot load answers with an error event: finish the job on the main thread.
      started.addEventListener('error', () => {
        started.terminate();
        if (worker === started) worker = null;
        if (workersWork === undefined) workersWork = false;
        const job = inFlight;
        inFlight = null;
        if (job) runComparisonJob(db, job.request).then(job.resolve, job.reject);
      });
      return started;
    } catch {
      workersWork = false;
      return null;
    }
  };

  const cancel = () => {
    if (!inFlight) return;
    const job = inFlight;
    inFlight = null;
    worker?.terminate();
    worker = null;
    job.reject(new ComparisonCancelled('Cancelled.'));
  };

  return {
    run(request) {
      cancel();
      worker ??= start();
      if (!worker) return runComparisonJob(db, request);
      const current = worker;
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        inFlight = { id, request, resolve, reject };
        current.postMessage({ id, request });
      });
    },
    cancel,
    dispose() {
      cancel();
      worker?.terminate();
      worker = null;
    },
  };
}

/** One comparison off the main thread, on a worker of its own (the report's export). */
export async function requestComparison(db: MarginaliaDatabase, request: ComparisonRequest): Promise<ComparisonResult> {
  const runner = createComparisonRunner(db);
  try {
    return await runner.run(request);
  } finally {
    runner.dispose();
  }
}
