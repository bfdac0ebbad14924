/**
 * "Re-attach memo": choose what a memo is about instead — the project, a document or a code
 * (from the project's lists). It starts on what the memo is attached to now (a passage's or a
 * coding's document), and Re-attach stays off until the choice differs from the current target.
 */
import { useId, useMemo, useState } from 'react';
import type { Code, CodeId, DocumentId, MemoTarget } from '../../../../shared/model/index.ts';
import { flattenCodeTree } from '../../../../shared/coding/codeTree.ts';
import type { MemoEntry } from '../../../../shared/memos/query.ts';
import type { DocumentRow } from '../../../db/database.ts';
import { ModalDialog } from '../../../ui/ModalDialog.tsx';

type Choice = 'project' | 'document' | 'code';

interface ReattachDialogProps {
  entry: MemoEntry;
  documents: readonly DocumentRow[];
  codes: readonly Code[];
  onReattach(target: MemoTarget): void;
  onCancel(): void;
}

function isSameTarget(a: MemoTarget, b: MemoTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'project' || b.kind === 'project') return true;
  if (a.kind === 'passage' || b.kind === 'passage') return false;
  return a.id === b.id;
}

export function ReattachDialog({ entry, documents, codes, onReattach, onCancel }: ReattachDialogProps) {
  const titleId = useId();
  const { target } = entry.memo;
  const [choice, setChoice] = useState<Choice>(target.kind === 'project' ? 'project' : target.kind === 'code' ? 'code' : 'document');
  const [documentId, setDocumentId] = useState<DocumentId | ''>(entry.documentId ?? documents[0]?.id ?? '');
  const [codeId, setCodeId] = useState<CodeId | ''>(entry.codeId ?? codes[0]?.id ?? '');
  const codeOptions = useMemo(() => flattenCodeTree(codes), [codes]);

  const chosen: MemoTarget | null =
    choice === 'project' ? { kind: 'project' } : choice === 'document' ? (documentId ? { kind: 'document', id: documentId } : null) : codeId ? { kind: 'code', id: codeId } : null;
  const canReattach = chosen !== null && !isSameTarget(chosen, target);

  return (
    <ModalDialog labelledBy={titleId} onClose={onCancel} className="codebook-dialog memo-reattach-dialog">
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen && canReattach) onReattach(chosen);
        }}
      >
        <h2 id={titleId} className="codebook-dialog-title">
          Re-attach “{entry.memo.title || 'Untitled memo'}”
        </h2>
        <p className="memo-reattach-now">Now attached to: {entry.attachment}</p>
        <fieldset className="memo-reattach-choices">
          <legend>Attach it to</legend>
          <label className="memo-reattach-choice">
            <input type="radio" name="reattach" checked={choice === 'project'} onChange={() => setChoice('project')} data-autofocus={choice === 'project' ? true : undefined} />
            The project
          </label>
          <label className="memo-reattach-choice">
            <input type="radio" name="reattach" checked={choice === 'document'} onChange={() => setChoice('document')} disabled={documents.length === 0} data-autofocus={choice === 'document' ? true : undefined} />
            A document
          </label>
          <select aria-label="Document" value={documentId} disabled={choice !== 'document'} onChange={(e) => setDocumentId(e.target.value as DocumentId)}>
            {documents.map((document) => (
              <option key={document.id} value={document.id}>
                {document.name}
              </option>
            ))}
          </select>
          <label className="memo-reattach-choice">
            <input type="radio" name="reattach" checked={choice === 'code'} onChange={() => setChoice('code')} disabled={codes.length === 0} data-autofocus={choice === 'code' ? true : undefined} />
            A code
          </label>
          <select aria-label="Code" value={codeId} disabled={choice !== 'code'} onChange={(e) => setCodeId(e.target.value as CodeId)}>
            {codeOptions.map(({ code, depth }) => (
              <option key={code.id} value={code.id}>
                {'\u2003'.repeat(depth)}
                {code.name}
              </option>
            ))}
          </select>
        </fieldset>
        <div className="codebook-dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!canReattach}>
            Re-attach
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
