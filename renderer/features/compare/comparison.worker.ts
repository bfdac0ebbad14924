/**
 * The comparison worker: computes a comparison off the main thread. It opens the same IndexedDB
 * database as the window (a worker may), so the project never has to be copied across.
 * Messages: in `{ id, request }`, out `{ id, result }` or `{ id, error }`.
 */
import { MarginaliaDatabase } from '../../db/database.ts';
import { errorMessage } from '../../../shared/common/errors.ts';
import { runComparisonJob, type ComparisonRequest } from './comparisonJob.ts';

const db = new MarginaliaDatabase();

self.onmessage = async (event: MessageEvent<{ id: number; request: ComparisonRequest }>) => {
  const { id, request } = event.data;
  try {
    self.postMessage({ id, result: await runComparisonJob(db, request) });
  } catch (error) {
    self.postMessage({ id, error: errorMessage(error) });
  }
};
