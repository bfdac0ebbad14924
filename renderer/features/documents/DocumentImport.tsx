/**
 * The other ways in for documents: files dropped anywhere on the window, and the empty
 * project's invitation to import or paste.
 */
import { useState, type CSSProperties, type ReactNode } from 'react';
import type { DocumentId } from '../../../shared/model/index.ts';
import { PasteDocumentDialog } from './PasteDocumentDialog.tsx';
import { useDocumentActions } from './useDocuments.ts';

interface DocumentDropZoneProps {
  className: string;
  style?: CSSProperties;
  onImported(id: DocumentId): void;
  children: ReactNode;
}

/** Imports the files dropped on it (all of them, or none). */
export function DocumentDropZone({ className, style, onImported, children }: DocumentDropZoneProps) {
  const { importFiles } = useDocumentActions({ onCreated: onImported });
  return (
    <div
      className={className}
      style={style}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        void importFiles([...event.dataTransfer.files]);
      }}
    >
      {children}
    </div>
  );
}

/** What the centre shows while the project has no documents. */
export function NoDocuments({ onCreated }: { onCreated(id: DocumentId): void }) {
  const { importFromDialog } = useDocumentActions({ onCreated });
  const [isPasting, setPasting] = useState(false);
  return (
    <div>
      <p>This project has no documents yet.</p>
      <p className="muted">Import .txt or .md files, drop them here, or paste text as a new document.</p>
      <button type="button" className="primary" onClick={() => void importFromDialog()}>Import documents…</button>{' '}
      <button type="button" onClick={() => setPasting(true)}>Paste text…</button>
      {isPasting && <PasteDocumentDialog onClose={() => setPasting(false)} onCreated={onCreated} />}
    </div>
  );
}
