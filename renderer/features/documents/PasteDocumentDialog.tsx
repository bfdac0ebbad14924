/** File → Paste text as document: a name and the text; line endings become LF. */
import { useEffect, useRef, useState } from 'react';
import type { DocumentId } from '../../../shared/model/index.ts';
import { useDocumentActions } from './useDocuments.ts';
import { errorMessage } from '../../../shared/common/errors.ts';

interface PasteDocumentDialogProps {
  onClose(): void;
  onCreated(id: DocumentId): void;
}

export function PasteDocumentDialog({ onClose, onCreated }: PasteDocumentDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const { pasteText } = useDocumentActions({ onCreated });
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="paste-title" className="wide-dialog">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            await pasteText(text, name);
            ref.current?.close();
          } catch (e) {
            setError(errorMessage(e));
          }
        }}
      >
        <h2 id="paste-title">Paste text as a new document</h2>
        <label className="field">
          <span>Name (optional: the first line is used)</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Text</span>
          <textarea rows={12} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
        </label>
        {error && <p role="alert" className="error-text">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>Cancel</button>
          <button type="submit" className="primary" disabled={!text.trim()}>Create document</button>
        </div>
      </form>
    </dialog>
  );
}
