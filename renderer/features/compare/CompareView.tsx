/**
 * Compare coders (View → Compare coders): choose two or more coders, the documents, the codes
 * (all or one branch) and the unit; read the table (one row per code and the pooled row), the
 * method statement and a code × document heat map; export the table as CSV at full precision.
 *
 * Figures are computed by shared/agreement (compareInScope), the same engine the command line
 * uses, in a worker (useComparison). The table shows three decimals; "—" marks an undefined
 * figure, whose reason is in the cell's title and in the CSV.
 */
import { useId, useMemo, useState } from 'react';
import { FIGURE_COLUMNS, comparisonCsvText, comparisonReportDocx, comparisonReportMarkdown, formatFigure, readFigure, type AgreementUnit, type FigureKey } from '../../../shared/agreement/index.ts';
import type { CodeId, Coder, CoderId, DocumentId } from '../../../shared/model/index.ts';
import { findOrCreateConsensusCoder } from '../../db/consensusRepository.ts';
import { ReviewView } from './ReviewView.tsx';
import { codeNamePath, descendantIds } from '../../../shared/coding/codeTree.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { useCoders, useCodersWithCodings } from '../coders/useCoders.ts';
import { defaultComparedCoders } from './defaultCoders.ts';
import { isDemoCoder } from '../../../shared/demo/demoCodings.ts';
import { useCodebook } from '../codebook/useCodebook.ts';
import { useDocuments } from '../documents/useDocuments.ts';
import { useComparison } from './useComparison.ts';
import type { ReviewTarget } from './useDocumentReview.ts';
import { requestComparison } from './comparisonClient.ts';
import type { ComparisonRequest, ComparisonResult } from './comparisonJob.ts';
import './compare.css';

interface CompareViewProps {
  onClose(): void;
  /**
   * Opens a document in review mode: a heat-map cell (that document, that code) or a place of the
   * review list (its document, the compared codes, at the place); the compared coders either way.
   */
  onReview(target: ReviewTarget): void;
}

/** The consensus coder's colour: a neutral slate, apart from the coders' palette. */
const CONSENSUS_COLOR = '#4a5560';

/** Documents per page of the heat map. */
const HEAT_PAGE = 12;

const UNIT_LABELS: Record<AgreementUnit, string> = { characters: 'Characters', segments: 'Segments', documents: 'Documents' };

export function CompareView({ onClose, onReview }: CompareViewProps) {
  const { db, project, coder, bridge, notify, run } = useWorkspace();
  const [review, setReview] = useState<{ consensus: Coder } | null>(null);
  const [consensusName, setConsensusName] = useState('Consensus');
  const coders = useCoders();
  const codedCoderIds = useCodersWithCodings();
  const { codes } = useCodebook();
  const { documents } = useDocuments();
  const [chosenCoders, setChosenCoders] = useState<CoderId[] | null>(null);
  const [unit, setUnit] = useState<AgreementUnit>('characters');
  const [threshold, setThreshold] = useState(0.9);
  const [countUncoded, setCountUncoded] = useState(false);
  const [branch, setBranch] = useState<CodeId | ''>('');
  const [documentIds, setDocumentIds] = useState<DocumentId[] | null>(null);
  const [heatFigure, setHeatFigure] = useState<FigureKey>('alphaBinary');
  const ids = { heading: useId(), method: useId() };

  // Until the researcher chooses, two coders who coded here (defaultCoders.ts); nothing is
  // compared until it is known who coded, so the first comparison is the one meant.
  const isChoosingDefault = chosenCoders === null && (coders === undefined || codedCoderIds === undefined);
  const selectedCoders = useMemo(
    () => chosenCoders ?? (coders && codedCoderIds ? defaultComparedCoders(coders.map((c) => c.id), coder.id, codedCoderIds) : []),
    [chosenCoders, coders, codedCoderIds, coder.id],
  );
  const request = useMemo<ComparisonRequest | null>(() => {
    if (selectedCoders.length < 2) return null;
    return {
      projectId: project.id,
      scope: { coders: selectedCoders, unit, threshold, countUncodedDocuments: countUncoded, codeBranch: branch || null, documentIds },
      heatFigure,
    };
  }, [project.id, selectedCoders, unit, threshold, countUncoded, branch, documentIds, heatFigure]);
  const state = useComparison(request);

  const toggleCoder = (id: CoderId) => {
    const next = selectedCoders.includes(id) ? selectedCoders.filter((c) => c !== id) : [...selectedCoders, id];
    setChosenCoders(next);
  };
  const toggleDocument = (id: DocumentId) => {
    const all = (documents ?? []).map((d) => d.id);
    const current = documentIds ?? all;
    const next = current.includes(id) ? current.filter((d) => d !== id) : [...current, id];
    setDocumentIds(next.length === all.length ? null : next);
  };

  const exportCsv = async (result: ComparisonResult) => {
    const text = comparisonCsvText(result.table, result.method);
    const saved = await bridge.saveFile({
      title: 'Export the comparison',
      defaultName: `${project.name} – agreement (${unit}).csv`,
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      bytes: new TextEncoder().encode(text),
    });
    if (saved) notify(`Exported the comparison to ${saved.savedAs}.`);
  };

  const exportReport = (format: 'docx' | 'md') =>
    run(async () => {
      if (!request) return;
      notify('Preparing the report…');
      // The disagreements and their quotes are gathered only for the report (thousands of them).
      const result = await requestComparison(db, { ...request, withDisagreements: true });
      const info = await bridge.appInfo();
      const input = { projectName: project.name, table: result.table, method: result.method, warnings: result.warnings, disagreements: result.disagreements, generatedAt: new Date().toISOString(), appVersion: info.version };
      const bytes = format === 'docx' ? await comparisonReportDocx(input) : new TextEncoder().encode(comparisonReportMarkdown(input));
      const saved = await bridge.saveFile({
        title: 'Export the comparison report',
        defaultName: `${project.name} – agreement report.${format}`,
        filters: [format === 'docx' ? { name: 'Word document', extensions: ['docx'] } : { name: 'Markdown', extensions: ['md'] }],
        bytes,
      });
      if (saved) notify(`Exported the comparison report to ${saved.savedAs}.`);
    });

  const startReview = () =>
    run(async () => {
      const consensus = await findOrCreateConsensusCoder(db, consensusName, CONSENSUS_COLOR);
      if (selectedCoders.includes(consensus.id)) throw new Error(`${consensus.name} is one of the coders compared: choose another name for the consensus coder.`);
      setReview({ consensus });
    });

  const codeOptions = useMemo(() => (codes ?? []).map((c) => ({ id: c.id, path: codeNamePath(codes ?? [], c.id).join(' › ') })).sort((a, b) => a.path.localeCompare(b.path)), [codes]);

  if (review) {
    return (
      <section className="compare-view">
        <ReviewView
          scope={{ coderIds: selectedCoders, codeIds: branch ? descendantIds(codes ?? [], branch) : null, documentIds, consensusCoderId: review.consensus.id }}
          coders={coders ?? []}
          codes={codes ?? []}
          consensusName={review.consensus.name}
          onClose={() => setReview(null)}
          onOpenPassage={(documentId, start, end) => onReview({ documentId, coderIds: selectedCoders, codeBranch: branch || null, at: { start, end } })}
        />
      </section>
    );
  }

  return (
    <section className="compare-view" aria-labelledby={ids.heading}>
      <header className="compare-header">
        <h2 id={ids.heading}>Compare coders</h2>
        <button type="button" onClick={onClose}>Close</button>
      </header>
      <form className="compare-controls" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>Coders</legend>
          {(coders ?? []).map((coder) => (
            <label key={coder.id} className="compare-check">
              <input type="checkbox" checked={selectedCoders.includes(coder.id)} onChange={() => toggleCoder(coder.id)} />
              <span className="coder-dot" style={{ background: coder.color }} aria-hidden="true" />
              {coder.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Unit</legend>
          {(Object.keys(UNIT_LABELS) as AgreementUnit[]).map((u) => (
            <label key={u} className="compare-check">
              <input type="radio" name="compare-unit" checked={unit === u} onChange={() => setUnit(u)} />
              {UNIT_LABELS[u]}
            </label>
          ))}
          {unit === 'segments' && (
            <label className="compare-field">
              Overlap at least
              <input type="number" min={0.05} max={1} step={0.05} value={threshold} onChange={(e) => setThreshold(Math.min(1, Math.max(0.05, Number(e.target.value) || 0.9)))} />
            </label>
          )}
          {unit === 'characters' && (
            <label className="compare-check">
              <input type="checkbox" checked={countUncoded} onChange={(e) => setCountUncoded(e.target.checked)} />
              Count documents nobody coded (NVivo’s all-characters figure)
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>Codes</legend>
          <label className="compare-field">
            <span className="visually-hidden">Codes to compare</span>
            <select value={branch} onChange={(e) => setBranch(e.target.value as CodeId | '')}>
              <option value="">All codes</option>
              {codeOptions.map((c) => (
                <option key={c.id} value={c.id}>{c.path} and below</option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset className="compare-documents">
          <legend>Documents</legend>
          {(documents ?? []).map((d) => (
            <label key={d.id} className="compare-check">
              <input type="checkbox" checked={documentIds === null || documentIds.includes(d.id)} onChange={() => toggleDocument(d.id)} />
              {d.name}
            </label>
          ))}
        </fieldset>
      </form>
      {selectedCoders.length >= 2 && (
        <form
          className="compare-review-start"
          onSubmit={(event) => {
            event.preventDefault();
            void startReview();
          }}
        >
          <label className="compare-field">
            Consensus coder
            <input value={consensusName} onChange={(e) => setConsensusName(e.target.value)} />
          </label>
          <button type="submit">Review disagreements…</button>
        </form>
      )}
      {selectedCoders.some(isDemoCoder) && (
        <p className="compare-note">
          The demo project comes with codings by two example coders (“Demo coder …”), so comparing and reviewing can be tried
          before anyone has coded. Code the demo yourself and tick your name to compare your work with theirs.
        </p>
      )}
      {selectedCoders.length < 2 && !isChoosingDefault && <p className="compare-status">Choose at least two coders to compare.</p>}
      {state.status === 'running' && <p className="compare-status" role="status">Comparing…</p>}
      {state.status === 'failed' && <p className="compare-status compare-error" role="alert">{state.message}</p>}
      {state.status === 'done' && (
        <ComparisonOutput result={state.result} methodId={ids.method} heatFigure={heatFigure} onHeatFigure={setHeatFigure} onExport={() => void exportCsv(state.result)} onExportReport={(format) => void exportReport(format)} onOpenCell={(documentId, codeId) => onReview({ documentId, coderIds: selectedCoders, codeBranch: branch || null, focusCodeId: codeId })} />
      )}
    </section>
  );
}

interface ComparisonOutputProps {
  result: ComparisonResult;
  methodId: string;
  heatFigure: FigureKey;
  onHeatFigure(key: FigureKey): void;
  onExport(): void;
  onExportReport(format: 'docx' | 'md'): void;
  onOpenCell(documentId: DocumentId, codeId: CodeId): void;
}

function ComparisonOutput({ result, methodId, heatFigure, onHeatFigure, onExport, onExportReport, onOpenCell }: ComparisonOutputProps) {
  const { table } = result;
  const figureCell = (key: FigureKey, figure: { value: number | null; reason?: string }) => (
    <td key={key} className={`figure figure-${key === 'percentAgreement' ? 'plain' : readFigure(figure)}`} title={figure.value === null ? figure.reason : String(figure.value)}>
      {formatFigure(figure)}
    </td>
  );
  return (
    <div className="compare-output">
      <div className="table-scroll">
      <table className="compare-table" aria-describedby={methodId}>
        <caption>Agreement by code</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            {table.coders.map((name) => (
              <th scope="col" key={name}>
                {name} <span className="column-note">segments</span>
              </th>
            ))}
            <th scope="col">Units</th>
            {FIGURE_COLUMNS.map((c) => (
              <th scope="col" key={c.key}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...table.rows, table.pooled].map((row) => (
            // A code nobody coded is shown (one row per code) but quietly: it only agrees on absence.
            <tr key={row.codeId ?? 'pooled'} className={row.codeId === null ? 'pooled' : row.segments.every((n) => n === 0) ? 'unused' : undefined}>
              <th scope="row">{row.label}</th>
              {row.segments.map((n, i) => (
                <td key={i} className="count">{n}</td>
              ))}
              <td className="count">{row.units}</td>
              {FIGURE_COLUMNS.map((c) => figureCell(c.key, row.figures[c.key]))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p className="compare-legend">
        <span className="swatch figure-reliable" aria-hidden="true" /> α or κ ≥ .800 reliable
        <span className="swatch figure-tentative" aria-hidden="true" /> ≥ .667 tentative conclusions only
        <span className="swatch figure-unreliable" aria-hidden="true" /> below .667 unreliable
        <span className="legend-dash">—</span> undefined (the cell’s tooltip and the CSV say why). Readings after Krippendorff (2019).
      </p>
      <p id={methodId} className="compare-method">{result.method}</p>
      {result.warnings.length > 0 && (
        <ul className="compare-warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="compare-actions">
        <button type="button" onClick={onExport}>Export CSV…</button>
        <button type="button" onClick={() => onExportReport('docx')}>Export report (Word)…</button>
        <button type="button" onClick={() => onExportReport('md')}>Export report (Markdown)…</button>
      </div>
      <HeatMap result={result} figure={heatFigure} onFigure={onHeatFigure} onOpenCell={onOpenCell} />
    </div>
  );
}

function HeatMap({ result, figure, onFigure, onOpenCell }: { result: ComparisonResult; figure: FigureKey; onFigure(key: FigureKey): void; onOpenCell(documentId: DocumentId, codeId: CodeId): void }) {
  const cellOf = useMemo(() => new Map(result.cells.map((c) => [`${c.codeId}\u0000${c.documentId}`, c])), [result.cells]);
  const header = FIGURE_COLUMNS.find((c) => c.key === figure)!.header;
  // A page of documents at a time: hundreds of columns are neither readable nor quick to draw.
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(result.documents.length / HEAT_PAGE));
  const shown = result.documents.slice(Math.min(page, pages - 1) * HEAT_PAGE, (Math.min(page, pages - 1) + 1) * HEAT_PAGE);
  if (result.documents.length === 0 || result.codes.length === 0) return null;
  return (
    <div className="heat-map">
      <label className="compare-field">
        Heat map of
        <select value={figure} onChange={(e) => onFigure(e.target.value as FigureKey)}>
          {FIGURE_COLUMNS.map((c) => (
            <option key={c.key} value={c.key}>{c.header}</option>
          ))}
        </select>
      </label>
      {pages > 1 && (
        <div className="heat-pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous documents</button>
          <span>
            Documents {Math.min(page, pages - 1) * HEAT_PAGE + 1}–{Math.min(result.documents.length, (Math.min(page, pages - 1) + 1) * HEAT_PAGE)} of {result.documents.length}
          </span>
          <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>Next documents</button>
        </div>
      )}
      <div className="table-scroll">
      <table className="heat-table">
        <caption>{header} by code and document</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            {shown.map((d) => (
              <th scope="col" key={d.id}>{d.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.codes.map((code) => (
            <tr key={code.id}>
              <th scope="row">{code.path}</th>
              {shown.map((d) => {
                const cell = cellOf.get(`${code.id}\u0000${d.id}`);
                const value = { value: cell?.value ?? null, reason: cell?.reason ?? 'Not compared.' };
                return (
                  <td key={d.id} className={`figure figure-${figure === 'percentAgreement' ? 'plain' : readFigure(value)}`}>
                    <button type="button" title={value.value === null ? value.reason : `${header} ${value.value}`} aria-label={`${code.path} in ${d.name}: ${formatFigure(value)}`} onClick={() => onOpenCell(d.id, code.id)}>
                      {formatFigure(value)}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
