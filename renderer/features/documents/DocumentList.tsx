/**
 * The project's documents, each with its number of codings and a memo mark when memos are
 * written on it; open, rename, delete, write a memo (the row's context menu: right-click,
 * Shift+F10 or the context-menu key), import, paste. It answers File → Import documents and
 * File → Paste text as document itself. Deleting a document that carries memos asks what
 * becomes of them (MemoFateDialog); otherwise it asks as before.
 */
import { useRef, useState } from 'react';
import type { DocumentId } from '../../../shared/model/index.ts';
import type { DocumentRow } from '../../db/database.ts';
import { ConfirmDialog } from '../../ui/ModalDialog.tsx';
import { useMenuCommand } from '../../ui/menuCommands.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { ContextMenu } from '../codebook/ContextMenu.tsx';
import { MemoFateDialog } from '../memos/MemoFateDialog.tsx';
import { MemoMark } from '../../editor/memoMarks/MemoMark.tsx';
import { useMemoIndex } from '../memos/marks/memoIndex.tsx';
import { PasteDocumentDialog } from './PasteDocumentDialog.tsx';
import { useDocumentActions, useDocuments } from './useDocuments.ts';

interface DocumentListProps {
  openDocumentId: DocumentId | null;
  onOpen(id: DocumentId): void;
}

export function DocumentList({ openDocumentId, onOpen }: DocumentListProps) {
  const { writeMemo, openMemo, run } = useWorkspace();
  const { documents, counts, allCounts } = useDocuments();
  const memoIndex = useMemoIndex();
  const actions = useDocumentActions({ onCreated: onOpen });
  const [renaming, setRenaming] = useState<DocumentId | null>(null);
  const [deleting, setDeleting] = useState<{ document: DocumentRow; memos: number } | null>(null);
  const [isPasting, setPasting] = useState(false);
  const [menu, setMenu] = useState<{ document: DocumentRow; x: number; y: number } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  useMenuCommand('file:import-documents', () => void actions.importFromDialog());
  useMenuCommand('file:paste-document', () => setPasting(true));

  const requestDelete = (document: DocumentRow) =>
    void run(async () => setDeleting({ document, memos: await actions.memosAffectedByDeleting(document) }));
  /** What deleting the document removes: every coder's codings, shown or not. */
  const codingsOf = (document: DocumentRow) => {
    const n = allCounts.get(document.id) ?? 0;
    return n === 1 ? '1 coding' : `${n} codings`;
  };
  const focusRow = (id: DocumentId) => listRef.current?.querySelector<HTMLElement>(`[data-document-id="${id}"]`)?.focus();

  return (
    <div className="document-list">
      <div className="panel-head">
        <h2 className="panel-title">Documents</h2>
        <span className="spacer" />
        <button type="button" onClick={() => void actions.importFromDialog()} title="Import .txt or .md files (or drop them on the window)">Import…</button>
        <button type="button" onClick={() => setPasting(true)} title="Paste text as a new document">Paste…</button>
      </div>
      <ul ref={listRef}>
        {(documents ?? []).map((document) => {
          const count = counts.get(document.id) ?? 0;
          const isOpen = document.id === openDocumentId;
          // The document's own memos: its passages' memos show in the margin when it is open.
          const memos = memoIndex.onTarget(document.id).filter((memo) => memo.target.kind === 'document');
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
                <div className="document-row">
                  <button
                    type="button"
                    className="document-item"
                    data-document-id={document.id}
                    aria-current={isOpen ? 'true' : undefined}
                    aria-haspopup="menu"
                    onClick={() => onOpen(document.id)}
                    onDoubleClick={() => setRenaming(document.id)}
                    onContextMenu={(e) => {
                      e.preventDefault();
                      setMenu({ document, x: e.clientX, y: e.clientY });
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'F2') setRenaming(document.id);
                      else if (e.key === 'Delete') requestDelete(document);
                      else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
                        e.preventDefault();
                        const box = e.currentTarget.getBoundingClientRect();
                        setMenu({ document, x: box.left + 24, y: box.bottom - 2 });
                      }
                    }}
                    title={`${document.name} — ${count} coding${count === 1 ? '' : 's'}${memos.length ? `, ${memos.length} memo${memos.length === 1 ? '' : 's'}` : ''} (F2 rename, Delete remove, Shift+F10 more)`}
                  >
                    <span className="document-name">{document.name}</span>
                    <span className="count-badge" aria-label={`${count} codings`}>{count}</span>
                  </button>
                  {memos.length > 0 && <MemoMark memos={memos} on={`on “${document.name}”`} onOpen={openMemo} className="is-row" />}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {menu && (
        <ContextMenu
          label={`Actions for ${menu.document.name}`}
          x={menu.x}
          y={menu.y}
          entries={[
            { label: 'Open', onSelect: () => onOpen(menu.document.id) },
            { label: 'Add memo', onSelect: () => void writeMemo({ kind: 'document', id: menu.document.id }) },
            { label: 'Rename', shortcut: 'F2', onSelect: () => setRenaming(menu.document.id) },
            'separator',
            { label: 'Delete…', shortcut: 'Delete', isDanger: true, onSelect: () => requestDelete(menu.document) },
          ]}
          onClose={(reason) => {
            const id = menu.document.id;
            setMenu(null);
            if (reason === 'escape') focusRow(id);
          }}
        />
      )}
      {deleting && deleting.memos > 0 && (
        <MemoFateDialog
          title={`Delete “${deleting.document.name}”?`}
          memoCount={deleting.memos}
          onCancel={() => setDeleting(null)}
          onChoose={(fate) => {
            const target = deleting.document;
            setDeleting(null);
            void actions.remove(target, fate);
          }}
        >
          <p>The document and its {codingsOf(deleting.document)} will be removed. This cannot be undone.</p>
        </MemoFateDialog>
      )}
      {deleting && deleting.memos === 0 && (
        <ConfirmDialog
          title={`Delete “${deleting.document.name}”?`}
          confirmLabel="Delete document"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const target = deleting.document;
            setDeleting(null);
            void actions.remove(target);
          }}
        >
          The document and its {codingsOf(deleting.document)} will be removed. This cannot be undone.
        </ConfirmDialog>
      )}
      {isPasting && <PasteDocumentDialog onClose={() => setPasting(false)} onCreated={onOpen} />}
    </div>
  );
}
