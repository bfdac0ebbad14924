/**
 * The workspace context: the database, the current project and coder, the host bridge, and
 * the two things every panel needs from the others: the passage being coded and a way
 * to tell the researcher what happened (notices).
 */
import { createContext, useContext } from 'react';
import type { MarginaliaBridge } from '../../shared/bridge.ts';
import type { CodeId, Coder, DocumentId, MemoId, MemoTarget, Project } from '../../shared/model/index.ts';
import type { CoderFilter } from '../../shared/coding/coderView.ts';
import type { MarginaliaDatabase } from '../db/database.ts';

/** A range of the open document, in UTF-16 code units of its text. */
export interface TextSelection {
  documentId: DocumentId;
  start: number;
  end: number;
}

export type NoticeKind = 'info' | 'error';

/** A button on a notice ("Undo", "Show"): runs, then the notice goes. */
export interface NoticeAction {
  label: string;
  run(): void;
}

export interface Workspace {
  db: MarginaliaDatabase;
  bridge: MarginaliaBridge;
  project: Project;
  coder: Coder;
  /** Shows a short message at the bottom of the window (information fades, errors stay until dismissed). */
  notify(message: string, kind?: NoticeKind, action?: NoticeAction): void;
  /** Runs a user action; an error is shown as a notice instead of being lost. */
  run(action: () => Promise<unknown>, success?: string): Promise<void>;
  /**
   * The passage being coded: the last text the researcher selected in the document, kept while
   * focus moves to the picker, the codebook or a menu (see features/coding/usePassage.ts).
   */
  selection: TextSelection | null;
  /** Applies a code to the kept passage (what clicking a code, keys 1–9 and the picker do). */
  applyCodeToSelection(codeId: CodeId): Promise<void>;
  /** Whose codings the document and the counts show now (blind coding makes it "mine"). */
  coderFilter: CoderFilter;
  /** Codes whose codings are painted; `null` = all. */
  visibleCodeIds: ReadonlySet<CodeId> | null;
  setVisibleCodeIds(ids: ReadonlySet<CodeId> | null): void;
  /** The code selected in the codebook (shown in the detail panel). */
  selectedCodeId: CodeId | null;
  selectCode(id: CodeId | null): void;
  /** Opens a memo in the memo pane beside the document. */
  openMemo(id: MemoId): void;
  /** Writes a new memo (by the current coder) on `target` and opens it. */
  writeMemo(target: MemoTarget): Promise<void>;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace must be used inside the workspace provider.');
  return workspace;
}
