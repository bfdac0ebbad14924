/**
 * The workbench of one project: documents on the left, the document being coded in the middle,
 * the codebook and the selected code's details on the right. Owns the state the panels share
 * (the kept passage, open document, code filter, coder view) and the keyboard shortcuts that
 * span them; the coding itself lives in features/coding (usePassage, useCodingActions).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MarginaliaBridge, MenuCommand } from '../../shared/bridge.ts';
import type { CodeId, Coder, DocumentId, MemoId, MemoTarget, Project, SegmentId } from '../../shared/model/index.ts';
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
import { DocumentDropZone, NoDocuments } from '../features/documents/DocumentImport.tsx';
import { ProjectSwitcher } from '../features/projects/ProjectSwitcher.tsx';
import { CoderSwitcher } from '../features/coders/CoderSwitcher.tsx';
import { BlindCodingBadge, CoderViewBar } from '../features/coders/CoderViewBar.tsx';
import { useCoderView } from '../features/coders/useCoderView.ts';
import { effectiveCoderFilter, filterSegmentsByCoder, type CoderFilter } from '../../shared/coding/coderView.ts';
import { ExchangeCommands } from '../features/exchange/useExchange.tsx';
import { createMemo } from '../db/memoRepository.ts';
import { MemoManager } from '../features/memos/MemoManager.tsx';
import { MemoPane } from '../features/memos/MemoPane.tsx';
import { CompareView } from '../features/compare/CompareView.tsx';
import { TeammateImportCommand } from '../features/compare/TeammateImport.tsx';
import { ReviewBanner } from '../features/compare/ReviewBanner.tsx';
import { useDocumentReview, type ReviewTarget } from '../features/compare/useDocumentReview.ts';
import { MemoFateDialog } from '../features/memos/MemoFateDialog.tsx';
import type { MemoFate } from '../features/memos/memoFate.ts';
import { MemoIndexProvider, useProjectMemoIndex } from '../features/memos/marks/memoIndex.tsx';
import { MenuBar } from './MenuBar.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useNotices } from '../ui/notices.ts';
import { NoticeStack } from '../ui/NoticeStack.tsx';
import { Splitter } from '../ui/Splitter.tsx';
import { dispatchMenuCommand } from '../platform/bridge.ts';
import { signalForTests } from '../platform/testHooks.ts';
import { useMenuShortcuts } from './useMenuShortcuts.ts';
import { FindBar } from '../features/search/FindBar.tsx';
import { PANEL_LIMITS, usePanelWidths } from './usePanelWidths.ts';
import { usePassage } from '../features/coding/usePassage.ts';
import { useCodingActions } from '../features/coding/useCodingActions.ts';
import { useOpenDocument, useProjectData } from './useWorkbenchData.ts';
import { WorkspaceContext, type Workspace } from '../ui/workspace.tsx';
import './workbench.css';
import { errorMessage } from '../../shared/common/errors.ts';

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
  const { documents, codes, coders, history } = useProjectData(db, project.id);
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
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [openMemoId, setOpenMemoId] = useState<MemoId | null>(null);
  const [isMemoManagerOpen, setMemoManagerOpen] = useState(false);
  const [isCompareOpen, setCompareOpen] = useState(false);
  // A passage to bring into view once its document is on screen (a memo's quote, a disagreement).
  const [reveal, setReveal] = useState<{ documentId: DocumentId; start: number; end: number } | null>(null);
  const painterRef = useRef<HighlightPainter | null>(null);
  const { text, segments } = useOpenDocument(db, documentId);
  const { view: coderView, update: updateCoderView } = useCoderView(db, project.id);
  // The one place whose codings are shown is decided: the paint, the stripes, the inspector, the
  // caret's announcement and the memo marks on codings all take these. Coding itself (merging,
  // "already coded") still sees every segment.
  const coderFilter = coderView ? effectiveCoderFilter(coderView) : null;
  const shownSegments = useMemo(
    () => (segments && coderFilter ? filterSegmentsByCoder(segments, coderFilter, coder.id) : undefined),
    [segments, coderFilter, coder.id],
  );
  // Review mode (features/compare/useDocumentReview.ts) lasts while its document stays open.
  const [reviewTarget, setReviewTarget] = useState<ReviewTarget | null>(null);
  const review = useDocumentReview({ target: reviewTarget?.documentId === documentId ? reviewTarget : null, segments, coders, codes, onExit: () => setReviewTarget(null) });
  useEffect(() => {
    if (reviewTarget && reviewTarget.documentId !== documentId) setReviewTarget(null);
  }, [reviewTarget, documentId]);
  const memoIndex = useProjectMemoIndex(db, project.id);
  /** A coding with memos whose removal waits for the researcher's answer about them. */
  const [removingSegment, setRemovingSegment] = useState<{ id: SegmentId; memos: number } | null>(null);

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
        notify(errorMessage(error), 'error');
      }
    },
    [notify],
  );

  const writeMemo = useCallback(
    (target: MemoTarget) =>
      run(async () => {
        const memo = await createMemo(db, project.id, target, coder.id);
        setOpenMemoId(memo.id);
      }),
    [db, project.id, coder.id, run],
  );

  const openPassage = useCallback((id: DocumentId, start: number, end: number) => {
    setCompareOpen(false);
    setMemoManagerOpen(false);
    setDocumentId(id);
    setReveal({ documentId: id, start, end });
  }, []);
  useEffect(() => {
    if (!reveal || reveal.documentId !== documentId) return;
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      if (painterRef.current?.reveal(reveal.start, reveal.end) || ++tries > 120) setReveal(null);
      else frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [reveal, documentId]);

  const coding = useCodingActions({ db, project, coder, notify, documentId, passage, clearPassage, text, segments, codes, painterRef });

  /** Edit → Add memo to selection, Ctrl+M and the picker's "Add memo": a comment on the passage. */
  const addMemoToPassage = useCallback(() => {
    // The live selection first: the kept passage reaches the workbench a frame after a drag.
    const live = painterRef.current?.liveSelection();
    const range = live && documentId ? { documentId, ...live } : passage;
    if (range) void writeMemo({ kind: 'passage', id: range.documentId, start: range.start, end: range.end });
    else notify('Select a passage in the document first, then add a memo to it.');
  }, [documentId, passage, writeMemo, notify]);

  /** Removing a coding asks about its memos first, when it has any. */
  const requestRemoveSegment = useCallback(
    (id: SegmentId) =>
      void coding.memosOn(id).then((memos) => {
        if (memos === 0) void coding.remove(id);
        else setRemovingSegment({ id, memos });
      }),
    [coding],
  );

  // Escape leaves the memo manager (unless a dialog, menu or the memo pane has the key).
  useEffect(() => {
    if (!isMemoManagerOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]') || target?.closest?.('.memo-pane, [role="menu"], .memo-preview')) return;
      setMemoManagerOpen(false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isMemoManagerOpen]);

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

  const panels = usePanelWidths(db);

  /** Chooses whose codings the document shows; false (and says why) while blind coding forbids it. */
  const showCodingsOf = useCallback(
    (filter: CoderFilter): boolean => {
      if (coderView?.isBlind && filter !== 'mine') {
        notify('Blind coding is on: only your codings are shown. Turn blind coding off to see the other coders’ codings.');
        return false;
      }
      updateCoderView((view) => ({ ...view, filter }));
      return true;
    },
    [coderView?.isBlind, notify, updateCoderView],
  );
  const toggleColorBy = useCallback(() => updateCoderView((view) => ({ ...view, colorBy: view.colorBy === 'coder' ? 'code' : 'coder' })), [updateCoderView]);
  const toggleBlind = useCallback(() => {
    if (!coderView) return;
    notify(coderView.isBlind ? 'Blind coding is off: every coder’s codings can be shown again.' : 'Blind coding is on: other coders’ codings are hidden while you code.');
    updateCoderView((view) => ({ ...view, isBlind: !view.isBlind }));
  }, [coderView, notify, updateCoderView]);

  const onMenuCommand = useCallback(
    (command: MenuCommand) => {
      // Tests see every command that reached the workbench, including those a panel answers.
      signalForTests('marginalia:menu-command', { command });
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
        // file:import-documents, file:paste-document and file:new-project are answered by the
        // document list and the project switcher themselves (useMenuCommand).
        case 'view:toggle-margin':
          toggleMargin();
          break;
        // From a menu, whose codings are shown is said too: the closed menu does not show it.
        case 'view:coders-all':
          if (showCodingsOf('all')) notify('Showing every coder’s codings.');
          break;
        case 'view:coders-mine':
          if (showCodingsOf('mine')) notify('Showing only your codings.');
          break;
        case 'view:coders-others':
          if (showCodingsOf('others')) notify('Showing only the other coders’ codings.');
          break;
        case 'view:color-by-coder':
          toggleColorBy();
          break;
        case 'view:blind-coding':
          toggleBlind();
          break;
        case 'view:focus-codebook':
          document.querySelector<HTMLElement>('[role="tree"] [tabindex="0"]')?.focus();
          break;
        case 'view:focus-documents':
          // The open document, else the first one, else the Import button.
          (
            document.querySelector<HTMLElement>('.document-list .document-item[aria-current="true"]') ??
            document.querySelector<HTMLElement>('.document-list .document-item, .document-list button')
          )?.focus();
          break;
        case 'edit:add-memo':
          addMemoToPassage();
          break;
        case 'file:project-memo':
          void writeMemo({ kind: 'project' });
          break;
        case 'view:memos':
          setMemoManagerOpen(true);
          break;
        case 'view:compare-coders':
          setCompareOpen(true);
          break;
        case 'help:shortcuts':
          setShortcutsOpen(true);
          break;
        case 'help:about':
          void bridge.appInfo().then((info) => notify(`${info.name} ${info.version} (${info.host}). Your data stays on this computer.`));
          break;
        // The File menu's exchange commands are answered by ExchangeCommands (useMenuCommand).
      }
    },
    [undo, redo, toggleMargin, showCodingsOf, toggleColorBy, toggleBlind, bridge, notify, writeMemo, addMemoToPassage],
  );

  useEffect(() => bridge.onMenuCommand(onMenuCommand), [bridge, onMenuCommand]);
  // The browser build: the in-window menu's shortcuts, sent to every panel that answers them.
  useMenuShortcuts(dispatchMenuCommand);

  // Shortcuts that work anywhere outside text fields. The listener is registered once and reads
  // the latest state through a ref, so a key pressed right after a selection never sees a stale one.
  const numbered = useMemo(() => quickKeyCodes(codes ?? []), [codes]);
  const latest = useRef({ numbered, coding, undo, redo });
  latest.current = { numbered, coding, undo, redo };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { numbered, coding, undo, redo } = latest.current;
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
        if (code && coding.hasPassage()) {
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
      // Until the stored view is read, count as a blind coder would see: nothing of the others'.
      coderFilter: coderFilter ?? 'mine',
      visibleCodeIds,
      setVisibleCodeIds,
      selectedCodeId,
      selectCode,
      openMemo: setOpenMemoId,
      writeMemo,
    }),
    [db, bridge, project, coder, notify, run, passage, coding, coderFilter, visibleCodeIds, setVisibleCodeIds, selectedCodeId, writeMemo],
  );

  const openDocument = documents?.find((d) => d.id === documentId);

  return (
    <WorkspaceContext.Provider value={workspace}>
      <MemoIndexProvider index={memoIndex}>
      <DocumentDropZone className="workbench" onImported={setDocumentId} style={{ ['--documents-width' as string]: `${panels.widths.documents}px`, ['--codebook-width' as string]: `${panels.widths.codebook}px` }}>
        <header className="topbar">
          <span className="app-name">Marginalia</span>
          <MenuBar onCommand={dispatchMenuCommand} undoLabel={history?.undoLabel ?? null} redoLabel={history?.redoLabel ?? null} showMargin={showMargin} coderView={coderView} />
          <ProjectSwitcher />
          <span className="spacer" />
          {coderView?.isBlind && <BlindCodingBadge />}
          <button type="button" onClick={() => void undo()} disabled={!history?.undoLabel} title={history?.undoLabel ? `Undo ${history.undoLabel} (Ctrl+Z)` : 'Nothing to undo'} aria-label="Undo">↶</button>
          <button type="button" onClick={() => void redo()} disabled={!history?.redoLabel} title={history?.redoLabel ? `Redo ${history.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} aria-label="Redo">↷</button>
          <CoderSwitcher />
        </header>
        <nav className="sidebar" aria-label="Documents">
          <DocumentList openDocumentId={documentId} onOpen={setDocumentId} />
        </nav>
        <Splitter
          className="splitter-documents"
          label="Resize the documents panel"
          width={panels.widths.documents}
          {...PANEL_LIMITS.documents}
          panelSide="left"
          onResize={(width) => panels.resize('documents', width)}
          onCommit={(width) => panels.commit('documents', width)}
        />
        <main className={`center${openMemoId ? ' has-memo-pane' : ''}`} aria-label="Document">
          {coderView && !isCompareOpen && !isMemoManagerOpen && openDocument && (
            <CoderViewBar view={coderView} coder={coder} coders={coders ?? []} onFilter={showCodingsOf} onToggleColorBy={toggleColorBy} onToggleBlind={toggleBlind} />
          )}
          <div className="center-body">
            {isCompareOpen ? (
              <CompareView
                onClose={() => setCompareOpen(false)}
                onReview={(target) => {
                  setCompareOpen(false);
                  setDocumentId(target.documentId);
                  setReviewTarget(target);
                }}
              />
            ) : isMemoManagerOpen ? (
              <div className="memo-manager-view">
                <MemoManager onClose={() => setMemoManagerOpen(false)} onOpenMemo={setOpenMemoId} />
              </div>
            ) : openDocument && text != null && shownSegments && coderView ? (
              <>
              <DocumentView
                key={openDocument.id}
                documentId={openDocument.id}
                documentName={openDocument.name}
                text={text}
                segments={review?.segments ?? shownSegments}
                codes={codes ?? []}
                coders={coders ?? []}
                // Review mode paints every reviewed coding, whatever the codebook's filter hides.
                visibleCodeIds={review ? null : visibleCodeIds}
                showMargin={showMargin}
                colorBy={coderView.colorBy}
                painterRef={painterRef}
                passage={passage}
                onSelectionChange={keepPassage}
                onOpenPicker={() => setPicker({ kind: 'apply' })}
                onRemoveSegment={requestRemoveSegment}
                onRecodeSegment={(id) => setPicker({ kind: 'recode', segmentId: id })}
                onResizeSegment={(id, start, end) => void coding.resize(id, start, end)}
                onError={(error) => notify(error.message, 'error')}
                memos={memoIndex}
                onOpenMemo={setOpenMemoId}
                onWriteMemo={(target) => void writeMemo(target)}
                review={review?.layer}
                banner={review && <ReviewBanner {...review.banner} />}
              />
              <FindBar key={`find-${openDocument.id}`} text={text} painterRef={painterRef} />
              </>
            ) : (
              <div className="empty-center">
                {documents && documents.length === 0 ? (
                  <NoDocuments onCreated={setDocumentId} />
                ) : (
                  <p className="muted">Opening…</p>
                )}
              </div>
            )}
            {openMemoId && (
              <div className="memo-pane-column">
                <MemoPane
                  key={openMemoId}
                  memoId={openMemoId}
                  onClose={() => setOpenMemoId(null)}
                  quotablePassage={() => (passage && openDocument && text != null ? { documentId: passage.documentId, documentName: openDocument.name, start: passage.start, end: passage.end, text: text.slice(passage.start, passage.end) } : null)}
                  onOpenPassage={openPassage}
                />
              </div>
            )}
          </div>
          <div className="statusbar" aria-live="polite">
            {passage ? `${passage.end - passage.start} characters selected · press 1–9, click a code, or Ctrl+K` : 'Select a passage to code it'}
            {/* What you code now is stored but not shown: say so before it seems lost. */}
            {coderFilter === 'others' && ' · Only others’ codings are shown: yours are hidden'}
          </div>
        </main>
        <Splitter
          className="splitter-codebook"
          label="Resize the codebook panel"
          width={panels.widths.codebook}
          {...PANEL_LIMITS.codebook}
          panelSide="right"
          onResize={(width) => panels.resize('codebook', width)}
          onCommit={(width) => panels.commit('codebook', width)}
        />
        <aside className="codebook-side" aria-label="Codebook">
          <CodebookPanel />
          <CodeDetails />
        </aside>
        <NoticeStack notices={notices} dismiss={dismiss} />
      </DocumentDropZone>
      <CodePicker
        open={picker !== null}
        title={picker?.kind === 'recode' ? 'Change the code of this coding' : 'Apply a code to the selection'}
        allowCreate={picker?.kind === 'apply'}
        avoid={picker?.kind === 'apply' && passage ? painterRef.current?.boundsOf(passage.start, passage.end) : null}
        secondaryAction={
          picker?.kind === 'apply' && passage
            ? {
                label: 'Add memo instead',
                onSelect: () => {
                  setPicker(null);
                  addMemoToPassage();
                },
              }
            : undefined
        }
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
      {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
      <ExchangeCommands />
      <TeammateImportCommand />
      {removingSegment && (
        <MemoFateDialog
          title="Remove this coding?"
          memoCount={removingSegment.memos}
          onCancel={() => setRemovingSegment(null)}
          onChoose={(fate: MemoFate) => {
            setRemovingSegment(null);
            void coding.remove(removingSegment.id, fate);
          }}
        />
      )}
      </MemoIndexProvider>
    </WorkspaceContext.Provider>
  );
}
