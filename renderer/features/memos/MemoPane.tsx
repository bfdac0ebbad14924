/**
 * One memo opened beside the document (the document stays readable in the column next to it):
 * its title, what it is attached to, its author and dates, and its rich text in the Lexical
 * editor. Nothing has a Save button: every change is stored within a second, and at once when
 * focus leaves, the page hides or unloads, or the pane closes (useMemoAutosave); the header
 * says when what is on screen is stored ("Saved").
 *
 * The props and the accessible names ("Memo" region, "Memo title", "Memo text") are the
 * contract the rest of the workbench and its tests rely on.
 */
import { useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import type { DocumentId, Memo, MemoId } from '../../../shared/model/index.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { useCoders } from '../coders/useCoders.ts';
import { MemoEditor } from './editor/MemoEditor.tsx';
import { useMemoAutosave, type SaveState } from './editor/useMemoAutosave.ts';
import { useMemoTarget } from './editor/useMemoTarget.ts';
import { useMemoRow } from './useMemos.ts';
import './editor/memoEditor.css';

/** The passage selected in the document, as "Insert quote" puts it into a memo. */
export interface QuotablePassage {
  documentId: DocumentId;
  documentName: string;
  start: number;
  end: number;
  text: string;
}

export interface MemoPaneProps {
  memoId: MemoId;
  onClose(): void;
  /** The passage selected in the document right now, or null (for "Insert quote"). */
  quotablePassage(): QuotablePassage | null;
  /** Opens a document at a passage: what clicking a quote in a memo does. */
  onOpenPassage(documentId: DocumentId, start: number, end: number): void;
}

const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Editing…',
  saving: 'Saving…',
  failed: 'Not saved yet: retrying',
};

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_FORMAT.format(date);
}

export function MemoPane(props: MemoPaneProps) {
  const memo = useMemoRow(props.memoId);
  if (memo === undefined) return <section className="memo-pane" aria-label="Memo" />;
  if (memo === null) {
    return (
      <section className="memo-pane" aria-label="Memo">
        <MemoHeader state="saved" onClose={props.onClose} />
        <p className="memo-gone muted">This memo no longer exists.</p>
      </section>
    );
  }
  return <OpenMemo {...props} memo={memo} />;
}

function MemoHeader({ state, onClose }: { state: SaveState; onClose(): void }) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };
  return (
    <header className="memo-pane-head" onKeyDown={onKeyDown}>
      <span className="memo-pane-kind">Memo</span>
      <span className="memo-save-state" role="status" data-state={state} data-testid="memo-save-state">
        {SAVE_LABELS[state]}
      </span>
      <button type="button" className="memo-close" onClick={onClose} aria-label="Close memo" title="Close memo (Esc)">
        ×
      </button>
    </header>
  );
}

function OpenMemo({ memo, onClose, quotablePassage, onOpenPassage }: MemoPaneProps & { memo: Memo }) {
  const { notify } = useWorkspace();
  const coders = useCoders();
  const target = useMemoTarget(memo.target);
  const autosave = useMemoAutosave(memo);
  // The editor and the title field start from the row as it was when the memo opened; later
  // changes to the row come from this pane itself.
  const initial = useRef(memo).current;
  const author = useMemo(() => coders?.find((c) => c.id === memo.coderId)?.name ?? (memo.coderId ? 'an unknown coder' : 'no recorded author'), [coders, memo.coderId]);
  const flush = useCallback(() => void autosave.flush(), [autosave]);
  const onNothingToQuote = useCallback(() => notify('Select a passage in the document first, then choose Insert quote.', 'info'), [notify]);

  const close = () => {
    void autosave.flush();
    onClose();
  };

  return (
    <section className="memo-pane" aria-label="Memo">
      <MemoHeader state={autosave.state} onClose={close} />
      <div className="memo-scroll">
        <div className="memo-sheet">
          <input
            className="memo-title"
            aria-label="Memo title"
            placeholder="Untitled memo"
            defaultValue={initial.title}
            onChange={(event) => autosave.schedule({ title: event.target.value })}
            onBlur={flush}
          />
          <div className="memo-meta">
            <span className="memo-target">{target?.label ?? ' '}</span>
            <span className="memo-byline">
              By {author} · created {formatTime(memo.createdAt)} · modified {formatTime(memo.modifiedAt)}
            </span>
          </div>
          {target?.quote && target.passage && (
            <figure className="memo-target-passage">
              <blockquote>{target.quote}</blockquote>
              <button type="button" className="link-button" onClick={() => onOpenPassage(target.passage!.documentId, target.passage!.start, target.passage!.end)}>
                Show in document
              </button>
            </figure>
          )}
          <MemoEditor
            content={initial.content}
            plainText={initial.plainText}
            onChange={(editorState) => autosave.schedule({ editorState })}
            onBlur={flush}
            quotablePassage={quotablePassage}
            onOpenPassage={onOpenPassage}
            onNothingToQuote={onNothingToQuote}
          />
        </div>
      </div>
    </section>
  );
}
