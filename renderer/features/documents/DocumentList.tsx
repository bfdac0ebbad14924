/**
 * The project's documents, each with its number of codings; open, rename, delete, import,
 * paste. It answers File → Import documents and File → Paste text as document itself.
 */
import { useState } from 'react';
import type { DocumentId } from '../../../shared/model/index.ts';
import type { DocumentRow } from '../../db/database.ts';
import { ConfirmDialog } from '../../ui/ModalDialog.tsx';
import { useMenuCommand } from '../../ui/menuCommands.ts';
import { PasteDocumentDialog } from './PasteDocumentDialog.tsx';
import { useDocumentActions, useDocuments } from './useDocuments.ts';

interface DocumentListProps {
  openDocumentId: DocumentId | null;
  onOpen(id: DocumentId): void;
}

export function DocumentList({ openDocumentId, onOpen }: DocumentListProps) {
  const { documents, counts } = useDocuments();
  const actions = useDocumentActions({ onCreated: onOpen });
  const [renaming, setRenaming] = useState<DocumentId | null>(null);
  const [deleting, setDeleting] = useState<DocumentRow | null>(null);
  const [isPasting, setPasting] = useState(false);
  useMenuCommand('file:import-documents', () => void actions.importFromDialog());
  useMenuCommand('file:paste-document', () => setPasting(true));
  return (
    <div className="document-list">
      <div className="panel-head">
        <h2 className="panel-title">Documents</h2>
        <span className="spacer" />
        <button type="button" onClick={() => void actions.importFromDialog()} title="Import .txt or .md files (or drop them on the window)">Import…</button>
        <button type="button" onClick={() => setPasting(true)} title="Paste text as a new document">Paste…</button>
      </div>
      <ul>
        {(documents ?? []).map((document) => {
          const count = counts.get(document.id) ?? 0;
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
                    void actions.rename(document, e.target.value);
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
            void actions.remove(target);
          }}
        >
          The document and its {counts.get(deleting.id) ?? 0} codings will be removed. This cannot be undone.
        </ConfirmDialog>
      )}
      {isPasting && <PasteDocumentDialog onClose={() => setPasting(false)} onCreated={onOpen} />}
    </div>
  );
}
