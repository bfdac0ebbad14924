/**
 * One memo opened beside the document: its title, author and dates, and its text.
 *
 * PLACEHOLDER (to be replaced by the Lexical editor): a plain text area that stores on every
 * change. The props and the accessible names ("Memo title", "Memo text") are the contract the
 * rest of the workbench and its tests rely on.
 */
import type { DocumentId, MemoId } from '../../../shared/model/index.ts';
import { useMemoActions, useMemoRow } from './useMemos.ts';

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

export function MemoPane({ memoId, onClose }: MemoPaneProps) {
  const memo = useMemoRow(memoId);
  const actions = useMemoActions();
  if (!memo) return null;
  return (
    <section className="memo-pane" aria-label="Memo">
      <input aria-label="Memo title" defaultValue={memo.title} onChange={(e) => void actions.save(memo.id, { title: e.target.value })} />
      <textarea aria-label="Memo text" defaultValue={memo.plainText} onChange={(e) => void actions.save(memo.id, { plainText: e.target.value, content: '' })} />
      <button type="button" onClick={onClose}>Close</button>
    </section>
  );
}
