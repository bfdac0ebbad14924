/**
 * Import and export of codebooks and projects from the workbench: the File menu commands
 * (`file:export-codebook`, `file:export-project`, `file:import-codebook`,
 * `file:import-project`, `file:export-memos`) and the dialogs they open.
 *
 * Bytes come from and go to the host bridge (native dialogs in Electron, a file input and a
 * download in a browser); `shared/` reads and writes the formats; the exchange repository
 * writes the database in one transaction. A file that cannot be read shows its one-sentence
 * ExchangeError and changes nothing. Projects are zipped and unzipped with the browser's native
 * DEFLATE (the Compression Streams API, see streamCodec.ts); codebooks are small and use the
 * synchronous writers.
 *
 * Importing into a new project switches to it, which remounts the workbench (it is keyed by
 * project). What the researcher should see afterwards is therefore handed over through a small
 * module-level store that the new workbench's hook picks up.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { MarginaliaBridge } from '../../../shared/bridge.ts';
import type { ProjectBundle, ProjectId } from '../../../shared/model/index.ts';
import { codebookFromBundle, type QuotesPerCode } from '../../../shared/codebook/index.ts';
import { errorMessage } from '../../../shared/common/errors.ts';
import { exportCodebook as writeCodebook, type CodebookFormat } from '../../../shared/exchange/codebookExport.ts';
import { readQdpxAsync, writeQdpxAsync, type ImportReport } from '../../../shared/refi/index.ts';
import { countProjectMemos, importCodebookAsProject, importProjectBundle, mergeCodebookIntoProject, readProjectBundle, type CodebookMergeReport } from '../../db/exchangeRepository.ts';
import { describeMemoTargets, memoReportDocx, memoReportMarkdown } from '../../../shared/memos/report.ts';
import { CodebookMergedDialog, CodebookProjectDialog, ErrorDialog, ExportCodebookDialog, ExportMemoReportDialog, ImportCodebookDialog, ImportProjectDialog, ProgressDialog } from './ExchangeDialogs.tsx';
import { CODEBOOK_IMPORT_FILTERS, PROJECT_FILTERS, PROJECT_IMPORT_FILTERS, baseName, codebookSaveTarget, memoReportSaveTarget, plural, readCodebookFile, safeFileName, yieldToPaint, type CodebookFile, type MemoReportFormat } from './exchangeFiles.ts';
import { streamCodec } from './streamCodec.ts';
import { useMenuCommand } from '../../ui/menuCommands.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import './exchange.css';

/** Where the exchange flow is; one dialog per step. */
type Step =
  | { kind: 'idle' }
  | { kind: 'progress'; message: string }
  | { kind: 'error'; title: string; message: string }
  | { kind: 'export-codebook' }
  | { kind: 'export-memos'; memoCount: number }
  | { kind: 'import-codebook'; fileName: string; file: CodebookFile }
  | { kind: 'codebook-merged'; fileName: string; merge: CodebookMergeReport; report: ImportReport }
  | { kind: 'codebook-project'; fileName: string; projectName: string; codes: number; sets: number; report: ImportReport }
  | { kind: 'import-project'; fileName: string; bundle: ProjectBundle; report: ImportReport };

const IDLE: Step = { kind: 'idle' };

const isBusy = (step: { readonly current: Step }) => step.current.kind !== 'idle';

/** What the workbench of a newly imported project shows when it mounts. */
interface Handover {
  projectId: ProjectId;
  step?: Step;
  notice?: string;
}

const handover = {
  value: null as Handover | null,
  listeners: new Set<() => void>(),
  set(value: Handover | null) {
    handover.value = value;
    for (const listener of handover.listeners) listener();
  },
  subscribe(listener: () => void) {
    handover.listeners.add(listener);
    return () => void handover.listeners.delete(listener);
  },
  get: () => handover.value,
};

export interface Exchange {
  /** Asks for a format, then saves the codebook (.qdc, .csv, .md or .docx). */
  exportCodebook(): void;
  /** Asks for a format, then saves the memo report (.docx or .md). */
  exportMemoReport(): Promise<void>;
  /** Saves the whole project as a REFI-QDA .qdpx. */
  exportProject(): Promise<void>;
  /** Opens a .qdc or .csv, then merges it into this project or makes a new project of it. */
  importCodebook(): Promise<void>;
  /** Opens a .qdpx (or a bare project.qde), shows what it holds, and imports it as a new project on confirmation. */
  importProject(): Promise<void>;
  /** The open dialog, if any: render it once, anywhere in the workbench. */
  dialogs: ReactNode;
}

/**
 * The exchange commands of one project's workbench, for the workspace's project. The four
 * functions are stable; `ExchangeCommands` binds them to the File menu and renders `dialogs`.
 */
export function useExchange(): Exchange {
  const { db, bridge, project, notify } = useWorkspace();
  const [step, setStepState] = useState<Step>(IDLE);
  // The step as of now (not as of the last render), so a second command cannot start mid-flow.
  const stepRef = useRef<Step>(IDLE);
  const setStep = useCallback((next: Step) => {
    stepRef.current = next;
    setStepState(next);
  }, []);
  const close = useCallback(() => setStep(IDLE), [setStep]);

  // Pick up what an import into a new project left for this (new) workbench.
  const pending = useSyncExternalStore(handover.subscribe, handover.get);
  useEffect(() => {
    if (!pending || pending.projectId !== project.id || handover.value !== pending) return;
    handover.set(null);
    if (pending.notice) notify(pending.notice);
    if (pending.step) setStep(pending.step);
  }, [pending, project.id, notify, setStep]);

  const fail = useCallback((title: string, error: unknown) => setStep({ kind: 'error', title, message: errorMessage(error) }), [setStep]);

  const save = useCallback(
    async (request: Parameters<MarginaliaBridge['saveFile']>[0]) => {
      const result = await bridge.saveFile(request);
      if (result) notify(`Saved “${result.savedAs}”.`);
    },
    [bridge, notify],
  );

  const exportCodebook = useCallback(() => {
    if (!isBusy(stepRef)) setStep({ kind: 'export-codebook' });
  }, [setStep]);

  const exportCodebookAs = useCallback(
    async (format: CodebookFormat, quotesPerCode: QuotesPerCode) => {
      setStep({ kind: 'progress', message: 'Exporting…' });
      try {
        const bundle = await readProjectBundle(db, project.id);
        await yieldToPaint();
        const bytes = await writeCodebook(format, codebookFromBundle(bundle), { quotesPerCode });
        setStep(IDLE);
        await save({ title: 'Export codebook', bytes, ...codebookSaveTarget(project.name, format) });
      } catch (error) {
        fail('Could not export the codebook', error);
      }
    },
    [db, project.id, project.name, save, fail, setStep],
  );

  const exportMemoReport = useCallback(async () => {
    if (isBusy(stepRef)) return;
    try {
      const memoCount = await countProjectMemos(db, project.id);
      if (!isBusy(stepRef)) setStep({ kind: 'export-memos', memoCount });
    } catch (error) {
      fail('Could not export the memo report', error);
    }
  }, [db, project.id, fail, setStep]);

  const exportMemoReportAs = useCallback(
    async (format: MemoReportFormat) => {
      setStep({ kind: 'progress', message: 'Exporting…' });
      try {
        const bundle = await readProjectBundle(db, project.id);
        await yieldToPaint();
        const bytes = format === 'docx' ? await memoReportDocx(bundle) : new TextEncoder().encode(memoReportMarkdown(bundle));
        setStep(IDLE);
        await save({ title: 'Export memo report', bytes, ...memoReportSaveTarget(project.name, format) });
      } catch (error) {
        fail('Could not export the memo report', error);
      }
    },
    [db, project.id, project.name, save, fail, setStep],
  );

  const exportProject = useCallback(async () => {
    if (isBusy(stepRef)) return;
    setStep({ kind: 'progress', message: 'Exporting…' });
    try {
      const bundle = await readProjectBundle(db, project.id);
      await yieldToPaint();
      const bytes = await writeQdpxAsync(bundle, { codec: streamCodec });
      setStep(IDLE);
      await save({ title: 'Export project', defaultName: `${safeFileName(project.name)}.qdpx`, filters: PROJECT_FILTERS, bytes });
    } catch (error) {
      fail('Could not export the project', error);
    }
  }, [db, project.id, project.name, save, fail, setStep]);

  const importCodebook = useCallback(async () => {
    if (isBusy(stepRef)) return;
    const [file] = await bridge.openFiles({ title: 'Import codebook', filters: CODEBOOK_IMPORT_FILTERS, allowMultiple: false });
    if (!file || isBusy(stepRef)) return;
    setStep({ kind: 'progress', message: `Reading “${file.name}”…` });
    try {
      await yieldToPaint();
      const read = readCodebookFile(file.name, file.bytes, project.id);
      if (read.codes.length === 0) throw new Error('The file holds no codes, so there is nothing to import.');
      setStep({ kind: 'import-codebook', fileName: file.name, file: read });
    } catch (error) {
      fail(`Could not import “${file.name}”`, error);
    }
  }, [bridge, project.id, fail, setStep]);

  const mergeCodebook = useCallback(
    async (fileName: string, file: CodebookFile) => {
      setStep({ kind: 'progress', message: 'Importing…' });
      try {
        const merge = await mergeCodebookIntoProject(db, project.id, file.codes, file.sets, { label: `Import codebook “${fileName}”` });
        setStep({ kind: 'codebook-merged', fileName, merge, report: file.report });
      } catch (error) {
        fail(`Could not import “${fileName}”`, error);
      }
    },
    [db, project.id, fail, setStep],
  );

  const createProjectFromCodebook = useCallback(
    async (fileName: string, file: CodebookFile, name: string) => {
      setStep({ kind: 'progress', message: 'Importing…' });
      try {
        const created = await importCodebookAsProject(db, name, file.codes, file.sets);
        handover.set({ projectId: created.id, step: { kind: 'codebook-project', fileName, projectName: created.name, codes: file.codes.length, sets: file.sets.length, report: file.report } });
        setStep(IDLE);
      } catch (error) {
        fail(`Could not import “${fileName}”`, error);
      }
    },
    [db, fail, setStep],
  );

  const importProject = useCallback(async () => {
    if (isBusy(stepRef)) return;
    const [file] = await bridge.openFiles({ title: 'Import project', filters: PROJECT_IMPORT_FILTERS, allowMultiple: false });
    if (!file || isBusy(stepRef)) return;
    setStep({ kind: 'progress', message: `Reading “${file.name}”…` });
    try {
      await yieldToPaint();
      const { bundle, report } = await readQdpxAsync(file.bytes, { codec: streamCodec });
      setStep({ kind: 'import-project', fileName: file.name, bundle, report });
    } catch (error) {
      fail(`Could not import “${file.name}”`, error);
    }
  }, [bridge, fail, setStep]);

  const confirmProjectImport = useCallback(
    async (fileName: string, bundle: ProjectBundle) => {
      setStep({ kind: 'progress', message: `Importing “${fileName}”…` });
      try {
        await yieldToPaint();
        const created = await importProjectBundle(db, bundle);
        const counts = `${plural(bundle.documents.length, 'document')}, ${plural(bundle.codes.length, 'code')}, ${plural(bundle.segments.length, 'coding')}, ${plural(bundle.memos.length, 'memo')}`;
        handover.set({ projectId: created.id, notice: `Imported “${created.name}”: ${counts}.` });
        setStep(IDLE);
      } catch (error) {
        fail(`Could not import “${fileName}”`, error);
      }
    },
    [db, fail, setStep],
  );

  let dialogs: ReactNode = null;
  switch (step.kind) {
    case 'idle':
      break;
    case 'progress':
      dialogs = <ProgressDialog key={step.message} message={step.message} />;
      break;
    case 'error':
      dialogs = <ErrorDialog title={step.title} message={step.message} onClose={close} />;
      break;
    case 'export-codebook':
      dialogs = <ExportCodebookDialog projectName={project.name} onCancel={close} onExport={(format, quotesPerCode) => void exportCodebookAs(format, quotesPerCode)} />;
      break;
    case 'import-codebook':
      dialogs = (
        <ImportCodebookDialog
          fileName={step.fileName}
          file={step.file}
          projectName={project.name}
          suggestedName={baseName(step.fileName)}
          onCancel={close}
          onMerge={() => void mergeCodebook(step.fileName, step.file)}
          onCreateProject={(name) => void createProjectFromCodebook(step.fileName, step.file, name)}
        />
      );
      break;
    case 'codebook-merged':
      dialogs = <CodebookMergedDialog fileName={step.fileName} projectName={project.name} merge={step.merge} report={step.report} onClose={close} />;
      break;
    case 'codebook-project':
      dialogs = <CodebookProjectDialog fileName={step.fileName} projectName={step.projectName} codes={step.codes} sets={step.sets} report={step.report} onClose={close} />;
      break;
    case 'export-memos':
      dialogs = <ExportMemoReportDialog projectName={project.name} memoCount={step.memoCount} onCancel={close} onExport={(format) => void exportMemoReportAs(format)} />;
      break;
    case 'import-project':
      dialogs = <ImportProjectDialog fileName={step.fileName} report={step.report} memoSummary={describeMemoTargets(step.bundle.memos)} onCancel={close} onImport={() => void confirmProjectImport(step.fileName, step.bundle)} />;
      break;
  }

  return { exportCodebook, exportMemoReport, exportProject, importCodebook, importProject, dialogs };
}

/**
 * The File menu's exchange commands (import and export of codebooks and projects), answered
 * here rather than by the shell, and the dialogs they open. Render once inside the workspace.
 */
export function ExchangeCommands() {
  const exchange = useExchange();
  useMenuCommand('file:import-codebook', () => void exchange.importCodebook());
  useMenuCommand('file:import-project', () => void exchange.importProject());
  useMenuCommand('file:export-codebook', () => exchange.exportCodebook());
  useMenuCommand('file:export-project', () => void exchange.exportProject());
  useMenuCommand('file:export-memos', () => void exchange.exportMemoReport());
  return <>{exchange.dialogs}</>;
}
