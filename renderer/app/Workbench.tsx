/**
 * The workbench of one project: documents on the left, the document being coded in the middle,
 * the codebook and the selected code's details on the right. Owns the state the panels share
 * (the kept passage, open document, code filter) and the keyboard shortcuts that span them;
 * the coding itself lives in features/coding (usePassage, useCodingActions).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MarginaliaBridge, MenuCommand } from '../../shared/bridge.ts';
import type { CodeId, Coder, DocumentId, Project, SegmentId } from '../../shared/model/index.ts';
import { truncateText } from '../../shared/text/truncate.ts';
import type { MarginaliaDatabase } from '../db/database.ts';
import { redoLastUndone, undoLastAction } from '../db/history.ts';
import { readSetting, writeSetting } from '../db/settingsRepository.ts';
import { DocumentView } from '../editor/DocumentView.tsx';
import type { HighlightPainter } from '../editor/highlightPainter.ts';
import { CodebookPanel } from '../features/codebook/CodebookPanel.tsx';
import { CodeDetails } from '../features/codebook/CodeDetails.tsx';
import { CodePicker } from '../features/codebook/CodePicker.tsx';
import { quickKeyCodes } from '../features/codebook/numberedCodes.ts';
import { DocumentList } from '../features/documents/DocumentList.tsx';
import { PasteDocumentDialog } from '../features/documents/PasteDocumentDialog.tsx';
import { useDocumentImport } from '../features/documents/useDocumentImport.ts';
import { ProjectSwitcher } from '../features/projects/ProjectSwitcher.tsx';
import { CoderSwitcher } from '../features/coders/CoderSwitcher.tsx';
import { useExchange } from '../features/exchange/useExchange.tsx';
import { MenuBar } from './MenuBar.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useNotices } from '../ui/notices.ts';
import { usePassage } from '../features/coding/usePassage.ts';
import { useCodingActions } from '../features/coding/useCodingActions.ts';
import { useOpenDocument, useProjectData } from './useWorkbenchData.ts';
import { WorkspaceContext, type Workspace } from '../ui/workspace.tsx';
import './workbench.css';

interface WorkbenchProps {
  db: MarginaliaDatabase;
  bridge: MarginaliaBridge;
  project: Project;
  coder: Coder;
}

type PickerMode = { kind: 'apply' } | { kind: 'recode'; segmentId: SegmentId } | null;

/** True when a key press belongs to a text field (so its own undo and typing win). */
function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || !element.tagName) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

export function Workbench({ db, bridge, project, coder }: WorkbenchProps) {
  const { documents, codes, coders, counts, projects, history } = useProjectData(db, project.id);
  const { notices, notify, dismiss } = useNotices();
  const [documentId, setDocumentId] = useState<DocumentId | null>(null);
  const { passage, keep: keepPassage, clear: clearPassage } = usePassage(documentId);
  // The codes the researcher hid, not the ones shown: a code that appears later (created in the
  // codebook or in vivo, imported, restored by undo) is shown.
  const [hiddenCodeIds, setHiddenCodeIds] = useState<ReadonlySet<CodeId>>(() => new Set());
  const visibleCodeIds = useMemo(
    () => (hiddenCodeIds.size === 0 || !codes ? null : new Set(codes.filter((c) => !hiddenCodeIds.has(c.id)).map((c) => c.id))),
    [codes, hiddenCodeIds],
  );
  const codesRef = useRef(codes);
  codesRef.current = codes;
  const setVisibleCodeIds = useCallback((ids: ReadonlySet<CodeId> | null) => {
    setHiddenCodeIds(new Set(ids === null ? [] : (codesRef.current ?? []).filter((c) => !ids.has(c.id)).map((c) => c.id)));
  }, []);
  const [selectedCodeId, selectCode] = useState<CodeId | null>(null);
  const [picker, setPicker] = useState<PickerMode>(null);
  const [showMargin, setShowMargin] = useState(true);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const painterRef = useRef<HighlightPainter | null>(null);
  const { text, segments } = useOpenDocument(db, documentId);

  // Open the first document when none is open (or the open one was deleted).
  useEffect(() => {
    if (!documents) return;
    if (!documentId || !documents.some((d) => d.id === documentId)) setDocumentId(documents[0]?.id ?? null);
  }, [documents, documentId]);

  useEffect(() => {
    void readSetting<boolean>(db, 'marginVisible').then((visible) => setShowMargin(visible ?? true));
  }, [db]);

  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string) => {
      try {
        await action();
        if (success) notify(success);
      } catch (error) {
        notify(error instanceof Error ? error.message : String(error), 'error');
      }
    },
    [notify],
  );

  const coding = useCodingActions({ db, project, coder, notify, passage, clearPassage, text, segments, codes, painterRef });

  const undo = useCallback(async () => {
    const label = await undoLastAction(db, project.id);
    notify(label ? `Undid: ${label}` : 'Nothing to undo.');
  }, [db, project.id, notify]);
  const redo = useCallback(async () => {
    const label = await redoLastUndone(db, project.id);
    notify(label ? `Redid: ${label}` : 'Nothing to redo.');
  }, [db, project.id, notify]);

  const toggleMargin = useCallback(() => {
    setShowMargin((visible) => {
      void writeSetting(db, 'marginVisible', !visible);
      return !visible;
    });
  }, [db]);

  const { importFromDialog, importFiles } = useDocumentImport(db, bridge, project.id, notify, setDocumentId);
  const { exportCodebook, exportProject, importCodebook, importProject, dialogs: exchangeDialogs } = useExchange({ db, bridge, project, notify });

  const onMenuCommand = useCallback(
    (command: MenuCommand) => {
      const inTextField = isTypingTarget(document.activeElement);
      switch (command) {
        case 'edit:undo':
          // In a text field the native menu's Undo means the field's own undo.
          if (inTextField) document.execCommand('undo');
          else void undo();
          break;
        case 'edit:redo':
          if (inTextField) document.execCommand('redo');
          else void redo();
          break;
        case 'edit:apply-code':
          setPicker({ kind: 'apply' });
          break;
        case 'file:import-documents':
          void importFromDialog();
          break;
        case 'file:paste-document':
          setPasteOpen(true);
          break;
        case 'file:new-project':
          window.dispatchEvent(new CustomEvent('marginalia:new-project'));
          break;
        case 'view:toggle-margin':
          toggleMargin();
          break;
        case 'view:focus-codebook':
          document.querySelector<HTMLElement>('[role="tree"] [tabindex="0"]')?.focus();
          break;
        case 'view:focus-documents':
          document.querySelector<HTMLElement>('.document-list [aria-current="true"], .document-list button')?.focus();
          break;
        case 'help:shortcuts':
          setShortcutsOpen(true);
          break;
        case 'help:about':
          void bridge.appInfo().then((info) => notify(`${info.name} ${info.version} (${info.host}). Your data stays on this computer.`));
          break;
        case 'file:import-codebook':
          void importCodebook();
          break;
        case 'file:import-project':
          void importProject();
          break;
        case 'file:export-codebook':
          exportCodebook();
          break;
        case 'file:export-project':
          void exportProject();
          break;
      }
    },
    [undo, redo, importFromDialog, toggleMargin, bridge, notify, importCodebook, importProject, exportCodebook, exportProject],
  );

  useEffect(() => bridge.onMenuCommand(onMenuCommand), [bridge, onMenuCommand]);

  // Shortcuts that work anywhere outside text fields. The listener is registered once and reads
  // the latest state through a ref, so a key pressed right after a selection never sees a stale one.
  const numbered = useMemo(() => quickKeyCodes(codes ?? []), [codes]);
  const latest = useRef({ numbered, coding, passage, undo, redo });
  latest.current = { numbered, coding, passage, undo, redo };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { numbered, coding, passage, undo, redo } = latest.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z' && !isTypingTarget(event.target)) {
        event.preventDefault();
        void (event.shiftKey ? redo() : undo());
        return;
      }
      if (mod && key === 'y' && !isTypingTarget(event.target)) {
        event.preventDefault();
        void redo();
        return;
      }
      if (isTypingTarget(event.target) || document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]')) return;
      if (mod && key === 'k') {
        event.preventDefault();
        if (event.shiftKey) void coding.codeInVivo();
        else setPicker({ kind: 'apply' });
        return;
      }
      if (mod || event.altKey) return;
      if (/^[1-9]$/.test(event.key) && (event.target as HTMLElement | null)?.closest?.('[role="tree"]') == null) {
        const code = numbered.get(Number(event.key));
        if (code && passage) {
          event.preventDefault();
          void coding.applyToPassage(code.id);
        }
      } else if (event.key === '?') {
        setShortcutsOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const workspace = useMemo<Workspace>(
    () => ({
      db,
      bridge,
      project,
      coder,
      notify,
      run,
      selection: passage,
      applyCodeToSelection: coding.applyToPassage,
      visibleCodeIds,
      setVisibleCodeIds,
      selectedCodeId,
      selectCode,
    }),
    [db, bridge, project, coder, notify, run, passage, coding, visibleCodeIds, setVisibleCodeIds, selectedCodeId],
  );

  const openDocument = documents?.find((d) => d.id === documentId);

  return (
    <WorkspaceContext.Provider value={workspace}>
      <div
        className="workbench"
        onDragOver={(event) => {
          if (event.dataTransfer.types.includes('Files')) event.preventDefault();
        }}
        onDrop={(event) => {
          if (event.dataTransfer.files.length === 0) return;
          event.preventDefault();
          void importFiles([...event.dataTransfer.files]);
        }}
      >
        <header className="topbar">
          <span className="app-name">Marginalia</span>
          <MenuBar onCommand={onMenuCommand} undoLabel={history?.undoLabel ?? null} redoLabel={history?.redoLabel ?? null} showMargin={showMargin} />
          <ProjectSwitcher db={db} project={project} projects={projects ?? []} notify={notify} />
          <span className="spacer" />
          <button type="button" onClick={() => void undo()} disabled={!history?.undoLabel} title={history?.undoLabel ? `Undo ${history.undoLabel} (Ctrl+Z)` : 'Nothing to undo'} aria-label="Undo">↶</button>
          <button type="button" onClick={() => void redo()} disabled={!history?.redoLabel} title={history?.redoLabel ? `Redo ${history.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} aria-label="Redo">↷</button>
          <CoderSwitcher db={db} coder={coder} coders={coders ?? []} notify={notify} />
        </header>
        <nav className="sidebar" aria-label="Documents">
          <DocumentList
            db={db}
            documents={documents ?? []}
            counts={counts?.byDocument}
            openDocumentId={documentId}
            onOpen={setDocumentId}
            onImport={() => void importFromDialog()}
            onPaste={() => setPasteOpen(true)}
            notify={notify}
          />
        </nav>
        <main className="center" aria-label="Document">
          {openDocument && text != null && segments ? (
            <DocumentView
              key={openDocument.id}
              documentId={openDocument.id}
              documentName={openDocument.name}
              text={text}
              segments={segments}
              codes={codes ?? []}
              coders={coders ?? []}
              visibleCodeIds={visibleCodeIds}
              showMargin={showMargin}
              painterRef={painterRef}
              passage={passage}
              onSelectionChange={keepPassage}
              onOpenPicker={() => setPicker({ kind: 'apply' })}
              onRemoveSegment={(id) => void coding.remove(id)}
              onRecodeSegment={(id) => setPicker({ kind: 'recode', segmentId: id })}
              onResizeSegment={(id, start, end) => void coding.resize(id, start, end)}
              onError={(error) => notify(error.message, 'error')}
            />
          ) : (
            <div className="empty-center">
              {documents && documents.length === 0 ? (
                <div>
                  <p>This project has no documents yet.</p>
                  <p className="muted">Import .txt or .md files, drop them here, or paste text as a new document.</p>
                  <button type="button" className="primary" onClick={() => void importFromDialog()}>Import documents…</button>{' '}
                  <button type="button" onClick={() => setPasteOpen(true)}>Paste text…</button>
                </div>
              ) : (
                <p className="muted">Opening…</p>
              )}
            </div>
          )}
          <div className="statusbar" aria-live="polite">
            {passage ? `${passage.end - passage.start} characters selected · press 1–9, click a code, or Ctrl+K` : 'Select a passage to code it'}
          </div>
        </main>
        <aside className="codebook-side" aria-label="Codebook">
          <CodebookPanel />
          <CodeDetails />
        </aside>
        <div className="notices" aria-live="polite">
          {notices.map((notice) => (
            <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
              <span>{notice.message}</span>
              {notice.action && (
                <button
                  type="button"
                  className="notice-action"
                  onClick={() => {
                    notice.action?.run();
                    dismiss(notice.id);
                  }}
                >
                  {notice.action.label}
                </button>
              )}
              <button type="button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>×</button>
            </div>
          ))}
        </div>
      </div>
      <CodePicker
        open={picker !== null}
        title={picker?.kind === 'recode' ? 'Change the code of this coding' : 'Apply a code to the selection'}
        allowCreate={picker?.kind === 'apply'}
        avoid={picker?.kind === 'apply' && passage ? painterRef.current?.boundsOf(passage.start, passage.end) : null}
        description={picker?.kind === 'apply' && passage && text != null ? <q className="code-picker-passage">{truncateText(text.slice(passage.start, passage.end).replace(/\s+/g, ' ').trim(), 120)}</q> : undefined}
        onCreate={(name, color) => {
          setPicker(null);
          void coding.createAndApply(name, color);
        }}
        onClose={() => setPicker(null)}
        onPick={(codeId) => {
          const mode = picker;
          setPicker(null);
          if (mode?.kind === 'recode') void coding.recode(mode.segmentId, codeId);
          else void coding.applyToPassage(codeId);
        }}
      />
      {pasteOpen && <PasteDocumentDialog db={db} projectId={project.id} onClose={() => setPasteOpen(false)} onCreated={setDocumentId} notify={notify} />}
      {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
      {exchangeDialogs}
    </WorkspaceContext.Provider>
  );
}
