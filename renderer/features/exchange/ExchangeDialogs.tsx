/**
 * The dialogs of import and export: choosing a codebook format, what an import file holds and
 * what it did, progress, and errors. Each is a modal `<dialog>` (focus stays inside, Escape
 * cancels where cancelling is possible), named by its heading and described by its first
 * paragraph, and open while it is mounted.
 */
import { useId, useState, type ReactNode } from 'react';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import type { ImportReport, ReportItem } from '../../../shared/refi/index.ts';
import { formatItem } from '../../../shared/refi/index.ts';
import type { QuotesPerCode } from '../../../shared/codebook/index.ts';
import type { CodebookFormat } from '../../../shared/exchange/codebookExport.ts';
import type { CodebookMergeReport } from '../../db/exchangeRepository.ts';
import { CODEBOOK_EXPORT_CHOICES, MEMO_REPORT_CHOICES, plural, type CodebookFile, type MemoReportFormat } from './exchangeFiles.ts';

interface ExchangeDialogProps {
  title: ReactNode;
  /** Called on Escape; without it Escape does nothing (work in progress cannot be cancelled). */
  onClose?: () => void;
  role?: 'dialog' | 'alertdialog';
  className?: string;
  children: ReactNode;
}

/** A ModalDialog with the exchange layout: a heading, then a body that describes the dialog. */
function ExchangeDialog({ title, onClose, role, className, children }: ExchangeDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} onClose={onClose} role={role} closeOnBackdrop={false} className={`exchange-dialog ${className ?? ''}`}>
      <h2 id={titleId} className="exchange-title">
        {title}
      </h2>
      <div id={bodyId} className="exchange-body">
        {children}
      </div>
    </ModalDialog>
  );
}

/** Shown while an export or import works; it fades in only if the work takes a moment. */
export function ProgressDialog({ message }: { message: string }) {
  return (
    <ExchangeDialog title={message} className="exchange-progress">
      <progress aria-label={message} />
      <p className="muted">This may take a moment for a large project.</p>
    </ExchangeDialog>
  );
}

/** The one button of a dialog that only reports something. */
function DismissAction({ label, onClose }: { label: string; onClose(): void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="primary" data-autofocus onClick={onClose}>
        {label}
      </button>
    </div>
  );
}

export function ErrorDialog({ title, message, onClose }: { title: string; message: string; onClose(): void }) {
  return (
    <ExchangeDialog title={title} onClose={onClose} role="alertdialog">
      <p className="exchange-error">{message}</p>
      <p className="muted">Nothing was changed.</p>
      <DismissAction label="OK" onClose={onClose} />
    </ExchangeDialog>
  );
}

/** How many coded passages the Markdown and Word codebooks may quote per code. */
const QUOTE_CHOICES: readonly { value: QuotesPerCode; label: string }[] = [
  { value: 0, label: 'None' },
  { value: 3, label: '3' },
  { value: 10, label: '10' },
  { value: 'all', label: 'All' },
];

export function ExportCodebookDialog({ projectName, onCancel, onExport }: {
  projectName: string;
  onCancel(): void;
  onExport(format: CodebookFormat, quotesPerCode: QuotesPerCode): void;
}) {
  const [format, setFormat] = useState<CodebookFormat>('qdc');
  const [quotes, setQuotes] = useState<QuotesPerCode>(3);
  const quotesPassages = format === 'md' || format === 'docx';
  return (
    <ExchangeDialog title="Export codebook" onClose={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onExport(format, quotes);
        }}
      >
        <p>Save the codebook of “{projectName}” as:</p>
        <fieldset className="exchange-choices">
          <legend className="visually-hidden">Format</legend>
          {CODEBOOK_EXPORT_CHOICES.map((choice) => (
            <label key={choice.format} className="exchange-choice">
              <input
                type="radio"
                name="codebook-format"
                value={choice.format}
                checked={format === choice.format}
                onChange={() => setFormat(choice.format)}
                data-autofocus={format === choice.format ? true : undefined}
              />
              <span>
                <strong>{choice.label}</strong>
                <span className="muted exchange-hint">{choice.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {quotesPassages && (
          <label className="exchange-quotes">
            Coded passages quoted per code{' '}
            <select value={String(quotes)} onChange={(event) => setQuotes(event.target.value === 'all' ? 'all' : Number(event.target.value))}>
              {QUOTE_CHOICES.map((choice) => (
                <option key={choice.label} value={String(choice.value)}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Export…
          </button>
        </div>
      </form>
    </ExchangeDialog>
  );
}

/**
 * The adjusted, skipped and warning lines of a reader's report; nothing when there are none.
 * Each line is in the researcher's words; where the reader kept the technical rule behind it
 * (`detail`), it is folded away in a `<details>` under the line.
 */
function ReportLines({ report, heading }: { report: ImportReport; heading: string }) {
  const sections: [string, readonly ReportItem[]][] = [
    ['Adjusted', report.adjusted],
    ['Skipped', report.skipped],
    ['Warning', report.warnings],
  ];
  const lines = sections.flatMap(([label, items]) => items.map((item) => ({ label, item })));
  if (lines.length === 0) return null;
  return (
    <section className="exchange-report" aria-label={heading}>
      <h3>{heading}</h3>
      <ul>
        {lines.map(({ label, item }) => (
          <li key={`${label}:${item.kind}`}>
            {label}: {formatItem(item)}
            {item.detail !== undefined && (
              <details className="exchange-report-detail">
                <summary>Technical detail</summary>
                <p>{item.detail}</p>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface ImportCodebookDialogProps {
  fileName: string;
  file: CodebookFile;
  projectName: string;
  suggestedName: string;
  onCancel(): void;
  onMerge(): void;
  onCreateProject(name: string): void;
}

export function ImportCodebookDialog({ fileName, file, projectName, suggestedName, onCancel, onMerge, onCreateProject }: ImportCodebookDialogProps) {
  const [mode, setMode] = useState<'merge' | 'new'>('merge');
  const [name, setName] = useState(suggestedName);
  const nameId = useId();
  return (
    <ExchangeDialog title={`Import codebook “${fileName}”`} onClose={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (mode === 'merge') onMerge();
          else onCreateProject(name);
        }}
      >
        <p>
          From {file.report.producer}: {plural(file.codes.length, 'code')}
          {file.sets.length ? ` and ${plural(file.sets.length, 'set')}` : ''}.
        </p>
        <ReportLines report={file.report} heading="Read with these notes" />
        <fieldset className="exchange-choices">
          <legend>Where should the codes go?</legend>
          <label className="exchange-choice">
            <input type="radio" name="codebook-import" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} data-autofocus />
            <span>
              <strong>Merge into this project’s codebook</strong>
              <span className="muted exchange-hint">
                Codes of “{projectName}” with the same GUID, or the same name under the same parent, are updated; the others are added. Nothing is deleted, and Undo takes it all back.
              </span>
            </span>
          </label>
          <label className="exchange-choice">
            <input type="radio" name="codebook-import" value="new" checked={mode === 'new'} onChange={() => setMode('new')} />
            <span>
              <strong>Create a new project with this codebook</strong>
              <span className="muted exchange-hint">The new project opens with these codes and no documents.</span>
            </span>
          </label>
        </fieldset>
        {mode === 'new' && (
          <div className="field">
            <label htmlFor={nameId}>New project name</label>
            <input id={nameId} type="text" value={name} onChange={(e) => setName(e.target.value)} required />
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={mode === 'new' && !name.trim()}>
            {mode === 'merge' ? 'Merge codebook' : 'Create project'}
          </button>
        </div>
      </form>
    </ExchangeDialog>
  );
}

/** One list of codes in the merge report, folded when long. */
function MergeList({ title, entries }: { title: string; entries: readonly { id: string; path: readonly string[]; fields?: readonly string[] }[] }) {
  if (entries.length === 0) return null;
  return (
    <details className="exchange-details" open={entries.length <= 5}>
      <summary>
        {title} ({entries.length})
      </summary>
      <ul>
        {entries.map((entry) => (
          <li key={entry.id}>
            {entry.path.join(' › ')}
            {entry.fields?.length ? <span className="muted"> — {entry.fields.join(', ')}</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function CodebookMergedDialog({ fileName, projectName, merge, report, onClose }: { fileName: string; projectName: string; merge: CodebookMergeReport; report: ImportReport; onClose(): void }) {
  const sets = [merge.sets.added.length ? `${plural(merge.sets.added.length, 'set')} added` : '', merge.sets.updated.length ? `${plural(merge.sets.updated.length, 'set')} gained codes` : '']
    .filter(Boolean)
    .join(', ');
  const changedAnything = merge.added.length + merge.updated.length + merge.sets.added.length + merge.sets.updated.length > 0;
  return (
    <ExchangeDialog title="Codebook imported" onClose={onClose}>
      <p>
        Merged “{fileName}” into “{projectName}”: <strong data-testid="merge-added">{merge.added.length} added</strong>, <strong data-testid="merge-updated">{merge.updated.length} updated</strong>,{' '}
        <strong data-testid="merge-unchanged">{merge.unchanged.length} unchanged</strong>.{sets ? ` ${sets[0]!.toUpperCase()}${sets.slice(1)}.` : ''}
      </p>
      <MergeList title="Added" entries={merge.added} />
      <MergeList title="Updated" entries={merge.updated} />
      <MergeList title="Unchanged" entries={merge.unchanged} />
      <ReportLines report={report} heading="Notes on the file" />
      <p className="muted">{changedAnything ? 'Undo (Ctrl+Z) takes the whole import back.' : 'The codebook already held all of this: nothing changed.'}</p>
      <DismissAction label="Close" onClose={onClose} />
    </ExchangeDialog>
  );
}

export function CodebookProjectDialog({ fileName, projectName, codes, sets, report, onClose }: { fileName: string; projectName: string; codes: number; sets: number; report: ImportReport; onClose(): void }) {
  return (
    <ExchangeDialog title="Codebook imported" onClose={onClose}>
      <p>
        Created the project “{projectName}” from “{fileName}” with {plural(codes, 'code')}
        {sets ? ` and ${plural(sets, 'set')}` : ''}. Import documents to start coding.
      </p>
      <ReportLines report={report} heading="Notes on the file" />
      <DismissAction label="Close" onClose={onClose} />
    </ExchangeDialog>
  );
}

/** File → Export memo report…: Word or Markdown. */
export function ExportMemoReportDialog({ projectName, memoCount, onCancel, onExport }: { projectName: string; memoCount: number; onCancel(): void; onExport(format: MemoReportFormat): void }) {
  const [format, setFormat] = useState<MemoReportFormat>('docx');
  return (
    <ExchangeDialog title="Export memo report" onClose={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onExport(format);
        }}
      >
        <p>
          Save the {memoCount === 0 ? 'memo report' : plural(memoCount, 'memo')} of “{projectName}”, grouped by what {memoCount === 1 ? 'it is' : 'they are'} attached to, as:
        </p>
        <fieldset className="exchange-choices">
          <legend className="visually-hidden">Format</legend>
          {MEMO_REPORT_CHOICES.map((choice) => (
            <label key={choice.format} className="exchange-choice">
              <input type="radio" name="memo-report-format" value={choice.format} checked={format === choice.format} onChange={() => setFormat(choice.format)} data-autofocus={format === choice.format ? true : undefined} />
              <span>
                <strong>{choice.label}</strong>
                <span className="muted exchange-hint">{choice.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Export…
          </button>
        </div>
      </form>
    </ExchangeDialog>
  );
}

export function ImportProjectDialog({ fileName, report, memoSummary, onCancel, onImport }: { fileName: string; report: ImportReport; memoSummary?: string; onCancel(): void; onImport(): void }) {
  const c = report.imported;
  return (
    <ExchangeDialog title={`Import project “${fileName}”?`} onClose={onCancel}>
      <p>
        Made with {report.producer}. It holds {plural(c.documents, 'document')}, {plural(c.codes, 'code')}, {plural(c.segments, 'coding')}, {plural(c.coders, 'coder')}, {plural(c.memos, 'memo')} and{' '}
        {plural(c.sets, 'set')}.
      </p>
      {memoSummary ? <p>{memoSummary.replace(/^(\d+) memos?: /, 'Memos: ')}</p> : null}
      <ReportLines report={report} heading="What was adjusted, skipped or looked wrong" />
      <p className="muted">It becomes a new project; the projects you have are not changed.</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" data-autofocus onClick={onImport}>
          Import as new project
        </button>
      </div>
    </ExchangeDialog>
  );
}
