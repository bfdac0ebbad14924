/** The project's documents, each with its number of codings; open, rename, delete, import. */
import { useState } from 'react';
import type { DocumentId } from '../../../shared/model/index.ts';
import type { DocumentRow, MarginaliaDatabase } from '../../db/database.ts';
import { deleteDocument, renameDocument } from '../../db/documentRepository.ts';
import type { NoticeKind } from '../../ui/workspace.tsx';
import { ConfirmDialog } from '../../ui/ModalDialog.tsx';

interface DocumentListProps {
  db: MarginaliaDatabase;
  documents: DocumentRow[];
  counts: ReadonlyMap<string, number> | undefined;
  openDocumentId: DocumentId | null;
  onOpen(id: DocumentId): void;
  onImport(): void;
  onPaste(): void;
  notify(message: string, kind?: NoticeKind): void;
}

export function DocumentList({ db, documents, counts, openDocumentId, onOpen, onImport, onPaste, notify }: DocumentListProps) {
  const [renaming, setRenaming] = useState<DocumentId | null>(null);
  const [deleting, setDeleting] = useState<DocumentRow | null>(null);
  const fail = (e: unknown) => notify(e instanceof Error ? e.message : String(e), 'error');
  return (
    <div className="document-list">
      <div className="panel-head">
        <h2 className="panel-title">Documents</h2>
        <span className="spacer" />
        <button type="button" onClick={onImport} title="Import .txt or .md files (or drop them on the window)">Import…</button>
        <button type="button" onClick={onPaste} title="Paste text as a new document">Paste…</button>
      </div>
      <ul>
        {documents.map((document) => {
          const count = counts?.get(document.id) ?? 0;
          const isOpen = document.id === openDocumentId;
          return (
            <li key={document.id} className={isOpen ? 'open' : undefined}>
              {renaming === document.id ? (
                <input
                  type="text"
                  aria-label="Document name"
                  defaultValue={document.name}
                  autoFocus
                  onBlur={(e) => {
                    setRenaming(null);
                    if (e.target.value.trim() !== document.name) renameDocument(db, document.id, e.target.value).catch(fail);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') e.currentTarget.blur();
                    if (e.key === 'Escape') setRenaming(null);
                  }}
                />
              ) : (
                <button
                  type="button"
                  className="document-item"
                  aria-current={isOpen ? 'true' : undefined}
                  onClick={() => onOpen(document.id)}
                  onDoubleClick={() => setRenaming(document.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'F2') setRenaming(document.id);
                    if (e.key === 'Delete') setDeleting(document);
                  }}
                  title={`${document.name} — ${count} coding${count === 1 ? '' : 's'} (F2 rename, Delete remove)`}
                >
                  <span className="document-name">{document.name}</span>
                  <span className="count-badge" aria-label={`${count} codings`}>{count}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete document"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const target = deleting;
            setDeleting(null);
            deleteDocument(db, target.id).then(() => notify(`Deleted “${target.name}”.`), fail);
          }}
        >
          The document and its {counts?.get(deleting.id) ?? 0} codings will be removed. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
