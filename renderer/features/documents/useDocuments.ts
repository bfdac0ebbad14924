/**
 * The documents' data hooks: the live list of the project's documents with their coding
 * counts, and every change the document list can make (import from the open dialog or a drop,
 * paste as a new document, rename, delete). Each action reports its own outcome as a notice.
 *
 * Components call these hooks; only these hooks call the repositories.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { DocumentId } from '../../../shared/model/index.ts';
import { importPastedText, importTextFiles, TEXT_EXTENSIONS } from '../../../shared/importers/plainText.ts';
import type { DocumentRow } from '../../db/database.ts';
import { countSegments } from '../../db/codeRepository.ts';
import { addDocuments, listDocuments, renameDocument } from '../../db/documentRepository.ts';
import { countMemosAffectedByDeleting, deleteDocument, type MemoFate } from '../memos/memoFate.ts';
import { useWorkspace } from '../../ui/workspace.tsx';

export interface Documents {
  /** `undefined` while the first read is running. */
  documents: DocumentRow[] | undefined;
  /** Codings per document, of the coders the coder filter shows. */
  counts: ReadonlyMap<string, number>;
  /** Every coder's codings per document (what deleting a document removes). */
  allCounts: ReadonlyMap<string, number>;
}

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

/** The project's documents and their coding counts, kept current as they change. */
export function useDocuments(): Documents {
  const { db, project, coder, coderFilter } = useWorkspace();
  const documents = useLiveQuery(() => listDocuments(db, project.id), [db, project.id]);
  const counts = useLiveQuery(() => countSegments(db, project.id, { filter: coderFilter, coderId: coder.id }), [db, project.id, coderFilter, coder.id]);
  return { documents, counts: counts?.byDocument ?? NO_COUNTS, allCounts: counts?.allByDocument ?? NO_COUNTS };
}

interface DocumentActionOptions {
  /** Called with the first new document, so the view can open it. */
  onCreated?(id: DocumentId): void;
}

/** Every change to the project's documents, as functions that report their own errors. */
export function useDocumentActions({ onCreated }: DocumentActionOptions = {}) {
  const { db, bridge, project, notify, run } = useWorkspace();

  return useMemo(() => {
    /** All files land, or none (one transaction); a refusal is one notice. */
    const importBytes = async (files: { name: string; bytes: Uint8Array }[]): Promise<void> => {
      if (files.length === 0) return;
      await run(async () => {
        const imported = importTextFiles(files);
        const ids = await addDocuments(db, project.id, imported);
        if (ids[0]) onCreated?.(ids[0]);
        notify(imported.length === 1 ? `Imported “${imported[0]!.name}”.` : `Imported ${imported.length} documents.`);
      });
    };
    return {
      /** File → Import documents: the host's open dialog, then the import. */
      async importFromDialog(): Promise<void> {
        const files = await bridge.openFiles({
          title: 'Import documents',
          filters: [{ name: 'Text documents', extensions: [...TEXT_EXTENSIONS] }],
          allowMultiple: true,
        });
        await importBytes(files);
      },
      /** Files dropped on the window. */
      async importFiles(files: readonly File[]): Promise<void> {
        await importBytes(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))));
      },
      /**
       * Creates a document from pasted text (line endings become LF). Throws when the text is
       * refused, so the dialog can say why next to the field.
       */
      async pasteText(text: string, name: string): Promise<void> {
        const document = importPastedText(text, name);
        const [id] = await addDocuments(db, project.id, [document]);
        if (id) onCreated?.(id);
        notify(`Created “${document.name}”.`);
      },
      rename(document: DocumentRow, name: string): Promise<void> {
        if (name.trim() === document.name) return Promise.resolve();
        return run(() => renameDocument(db, document.id, name));
      },
      /** Deletes a document; the memos on it, its passages and codings are kept or deleted (`memoFate`). */
      remove(document: DocumentRow, memoFate: MemoFate = 'delete'): Promise<void> {
        const kept = memoFate === 'keep' ? ' Its memos are now project memos.' : '';
        return run(() => deleteDocument(db, document.id, memoFate), `Deleted “${document.name}”.${kept}`);
      },
      /** How many memos deleting the document would affect (0: no need to ask about them). */
      memosAffectedByDeleting(document: DocumentRow): Promise<number> {
        return countMemosAffectedByDeleting(db, { kind: 'document', id: document.id });
      },
    };
  }, [db, bridge, project.id, notify, run, onCreated]);
}

export type DocumentActions = ReturnType<typeof useDocumentActions>;
