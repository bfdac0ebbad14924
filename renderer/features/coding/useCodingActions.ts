/**
 * Every change a researcher makes to codings, as functions that report their own outcome in a
 * notice: apply a code to the kept passage, code in vivo, create a code and apply it, recode,
 * resize and remove a coding. Each calls renderer/db/segmentRepository.ts once, so each is one
 * undo step.
 *
 * After a coding the passage is cleared (so clicking another code only shows that code), the DOM
 * selection collapses to the passage's end, the new coding is marked for a moment, and the
 * notice names what was coded with an Undo button for exactly that step.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { Code, CodeId, Coder, DocumentId, Project, Segment, SegmentId } from '../../../shared/model/index.ts';
import { trimRangeToText } from '../../../shared/coding/segmentRanges.ts';
import { truncateText } from '../../../shared/text/truncate.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { readHistoryState, undoLastAction } from '../../db/history.ts';
import { applyCode, applyNewCode, applyNewNamedCode, changeSegmentCode, resizeSegment } from '../../db/segmentRepository.ts';
import { countMemosAffectedByDeleting, removeSegment, type MemoFate } from '../memos/memoFate.ts';
import type { HighlightPainter } from '../../editor/highlightPainter.ts';
import { signalForTests } from '../../platform/testHooks.ts';
import type { NoticeAction, NoticeKind, TextSelection } from '../../ui/workspace.tsx';
import { errorMessage } from '../../../shared/common/errors.ts';

export interface CodingContext {
  db: MarginaliaDatabase;
  project: Project;
  coder: Coder;
  notify(message: string, kind?: NoticeKind, action?: NoticeAction): void;
  /** The open document, and the kept passage (usePassage) and how to let it go. */
  documentId: DocumentId | null;
  passage: TextSelection | null;
  clearPassage(): void;
  /** The open document's text and segments, and the project's codes. */
  text: string | undefined | null;
  segments: readonly Segment[] | undefined;
  codes: readonly Code[] | undefined;
  painterRef: { current: HighlightPainter | null };
}

/** The quote a notice shows: one line, short. */
function shortQuote(text: string, start: number, end: number): string {
  return truncateText(text.slice(start, end).replace(/\s+/g, ' ').trim(), 48);
}

export function useCodingActions(context: CodingContext) {
  // The actions read the latest context through a ref, so they keep one identity: a key pressed
  // right after a selection never sees a stale passage.
  const latest = useRef(context);
  latest.current = context;
  const { db, project } = context;

  /**
   * The passage to code, without its surrounding spaces, or null: the browser's selection in the
   * document when there is one (it is the passage at this moment; the kept state follows it a
   * frame later), else the kept passage (focus moved to the picker, the codebook or a menu).
   */
  const target = useCallback((): TextSelection | null => {
    const { passage, text, documentId, painterRef } = latest.current;
    if (text == null) return null;
    const live = documentId ? painterRef.current?.liveSelection() : null;
    const chosen = live && documentId ? { documentId, ...live } : passage;
    if (!chosen) return null;
    const trimmed = trimRangeToText(text, chosen.start, chosen.end);
    return trimmed && { documentId: chosen.documentId, ...trimmed };
  }, []);

  /** Lets go of the passage at once, so a second click or key press cannot code it again. */
  const release = useCallback(() => {
    latest.current.clearPassage();
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed && document.querySelector('.document-text')?.contains(selection.focusNode)) selection.collapseToEnd();
  }, []);

  /** An Undo button that undoes the step just recorded, and nothing else. */
  const undoButton = useCallback(async (): Promise<NoticeAction | undefined> => {
    const { undoLabel } = await readHistoryState(db, project.id);
    if (!undoLabel) return undefined;
    return {
      label: 'Undo',
      run() {
        void (async () => {
          const { notify } = latest.current;
          try {
            if ((await readHistoryState(db, project.id)).undoLabel !== undoLabel) {
              notify('That coding is no longer the last change: undo the later changes first (Ctrl+Z).', 'error');
              return;
            }
            const undone = await undoLastAction(db, project.id);
            if (undone) notify(`Undid: ${undone}`);
          } catch (error) {
            notify(errorMessage(error), 'error');
          }
        })();
      },
    };
  }, [db, project.id]);

  /** Runs one coding write; on success marks it and says what was coded, with Undo. */
  const code = useCallback(
    async (range: TextSelection, write: () => Promise<Segment>, describe: (segment: Segment) => string) => {
      release();
      const { notify, text } = latest.current;
      try {
        const segment = await write();
        // For the benchmark and tests: the coding is stored (the paint happened on the key press).
        signalForTests('marginalia:coded');
        latest.current.painterRef.current?.markJustCoded(range.start, range.end);
        notify(`Coded “${shortQuote(text ?? '', range.start, range.end)}” ${describe(segment)}`, 'info', await undoButton());
      } catch (error) {
        notify(errorMessage(error), 'error');
      }
    },
    [release, undoButton],
  );

  return useMemo(
    () => ({
      /** True when there is a passage to code (a live selection or a kept passage). */
      hasPassage(): boolean {
        return target() !== null;
      },
      /** Applies a code to the kept passage (clicking a code, keys 1–9, Enter in the codebook, the picker). */
      async applyToPassage(codeId: CodeId): Promise<void> {
        const { codes, segments, coder, notify, painterRef } = latest.current;
        const range = target();
        if (!range) {
          notify('Select a passage in the document first, then apply a code.', 'error');
          return;
        }
        const chosen = codes?.find((c) => c.id === codeId);
        if (chosen && !chosen.isCodable) {
          notify(`“${chosen.name}” is a category: apply one of its codes instead.`, 'error');
          return;
        }
        if (chosen && segments?.some((s) => s.codeId === codeId && s.coderId === coder.id && s.start <= range.start && s.end >= range.end)) {
          release();
          notify(`This passage is already coded “${chosen.name}”.`);
          return;
        }
        if (chosen) painterRef.current?.paintPending(codeId, coder.id, range.start, range.end);
        await code(range, () => applyCode(db, { projectId: project.id, coderId: coder.id, codeId, ...range }), () => `as ${chosen?.name ?? 'the code'}`);
      },

      /** Codes the kept passage in vivo: a new code named after its words. */
      async codeInVivo(): Promise<void> {
        const { text, coder, notify } = latest.current;
        const range = target();
        if (!range || text == null) {
          notify('Select the words to use as the new code’s name first.', 'error');
          return;
        }
        await code(range, () => applyNewCode(db, { projectId: project.id, coderId: coder.id, ...range }, text.slice(range.start, range.end)), () => 'in vivo, as a new code');
      },

      /** Creates a top-level code named `name` and applies it to the kept passage, as one undo step. */
      async createAndApply(name: string, color?: string): Promise<void> {
        const { coder, notify } = latest.current;
        const range = target();
        if (!range) {
          notify('Select a passage in the document first, then create a code for it.', 'error');
          return;
        }
        await code(range, () => applyNewNamedCode(db, { projectId: project.id, coderId: coder.id, ...range }, name, color), () => `as the new code ${name.trim()}`);
      },

      async recode(segmentId: SegmentId, codeId: CodeId): Promise<void> {
        const { notify } = latest.current;
        try {
          await changeSegmentCode(db, segmentId, codeId);
          notify('Coding recoded.', 'info', await undoButton());
        } catch (error) {
          notify(errorMessage(error), 'error');
        }
      },

      async resize(segmentId: SegmentId, start: number, end: number): Promise<void> {
        try {
          await resizeSegment(db, segmentId, start, end);
        } catch (error) {
          latest.current.notify(errorMessage(error), 'error');
        }
      },

      /** How many memos are written on a coding (removing it asks about them when any). */
      memosOn(segmentId: SegmentId): Promise<number> {
        return countMemosAffectedByDeleting(db, { kind: 'segment', id: segmentId });
      },

      /** Removes a coding; its memos are kept as project memos or deleted with it (`memoFate`). */
      async remove(segmentId: SegmentId, memoFate: MemoFate = 'delete'): Promise<void> {
        const { notify } = latest.current;
        try {
          await removeSegment(db, segmentId, memoFate);
          notify('Coding removed.', 'info', await undoButton());
        } catch (error) {
          notify(errorMessage(error), 'error');
        }
      },
    }),
    [db, project.id, target, release, code, undoButton],
  );
}

export type CodingActions = ReturnType<typeof useCodingActions>;
