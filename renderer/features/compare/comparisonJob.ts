/**
 * One comparison, from the database to the table: reads the project, compares in the scope
 * asked for, and shapes the rows. Runs inside the comparison worker (comparison.worker.ts) so
 * the window stays responsive on big projects, or on the main thread where a worker cannot start.
 */
import { comparisonTable, compareInScope, findPlaces, type ComparisonScope, type ComparisonTable, type ReportedDisagreement, type ScopedComparison } from '../../../shared/agreement/index.ts';
import { truncateText } from '../../../shared/text/truncate.ts';
import type { CodeId, DocumentId, ProjectBundle, ProjectId } from '../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { readProjectBundle } from '../../db/exchangeRepository.ts';
import { readCodersInProject } from '../../db/comparisonRepository.ts';

/** A code × document cell of the heat map: the chosen figure, or null with its reason. */
export interface HeatCell {
  codeId: CodeId;
  documentId: DocumentId;
  value: number | null;
  reason?: string;
}

/** What the compare view shows. Plain data, so it crosses from the worker unchanged. */
export interface ComparisonResult {
  table: ComparisonTable;
  method: string;
  warnings: readonly string[];
  uncodedDocumentsLeftOut: readonly string[];
  documents: ScopedComparison['documents'];
  codes: ScopedComparison['codes'];
  /** Code × document figures of `heatFigure`, when cells were asked for. */
  cells: HeatCell[];
  /** Where the compared coders differ, as the report quotes it (empty unless asked for). */
  disagreements: ReportedDisagreement[];
  /** Time the job took, in ms (performance.now() where it ran): reading the database, then computing. */
  timings: { readMs: number; computeMs: number; totalMs: number };
}

export interface ComparisonRequest {
  projectId: ProjectId;
  scope: ComparisonScope;
  /** Which figure the heat map shows. */
  heatFigure: 'percentAgreement' | 'cohenKappa' | 'fleissKappa' | 'alphaBinary' | 'cuAlpha';
  /** Also list the disagreements with their passages (for a report: thousands of quotes to carry back). */
  withDisagreements?: boolean;
}

export async function runComparisonJob(db: MarginaliaDatabase, request: ComparisonRequest): Promise<ComparisonResult> {
  const t0 = performance.now();
  // The texts only for quoting disagreements; a table needs their lengths alone.
  const bundle = request.withDisagreements ? await readProjectBundle(db, request.projectId) : null;
  const input = bundle ?? (await readCodersInProject(db, request.projectId));
  const t1 = performance.now();
  const comparison = compareInScope(input, { ...request.scope, withCells: true });
  const cells = (comparison.report.byUnit[comparison.unit]?.cells ?? []).map((row) => {
    const figure = row[request.heatFigure];
    return { codeId: row.codeId!, documentId: row.documentId!, value: figure.value, ...(figure.reason ? { reason: figure.reason } : {}) };
  });
  const disagreements = bundle ? reportedDisagreements(bundle, comparison) : [];
  const table = comparisonTable(comparison);
  const t2 = performance.now();
  return {
    disagreements,
    timings: { readMs: t1 - t0, computeMs: t2 - t1, totalMs: t2 - t0 },
    table,
    method: comparison.method,
    warnings: comparison.warnings,
    uncodedDocumentsLeftOut: comparison.uncodedDocumentsLeftOut,
    documents: comparison.documents,
    codes: comparison.codes,
    cells,
  };
}

function reportedDisagreements(bundle: ProjectBundle, comparison: ScopedComparison): ReportedDisagreement[] {
  const codeIds = new Set(comparison.codes.map((c) => c.id));
  const places = findPlaces({ coders: comparison.coders.map((c) => c.id), codeIds, documentIds: comparison.documents.map((d) => d.id), segments: bundle.segments });
  const documentById = new Map(bundle.documents.map((d) => [d.id, d]));
  const codeName = new Map(bundle.codes.map((c) => [c.id, c.name]));
  const coderName = new Map(comparison.coders.map((c) => [c.id, c.name]));
  const disagreements: ReportedDisagreement[] = places.disagreements.map((place) => ({
    kind: place.kind!,
    documentName: documentById.get(place.documentId)?.name ?? '',
    start: place.start,
    end: place.end,
    passage: truncateText((documentById.get(place.documentId)?.text ?? '').slice(place.start, place.end).replace(/\s+/g, ' ').trim(), 400),
    versions: place.versions.map((v) => ({
      coder: coderName.get(v.coderId) ?? '',
      codings: v.codings.map((c) => ({ code: codeName.get(c.codeId) ?? '', start: c.start, end: c.end })),
    })),
  }));
  return disagreements;
}
