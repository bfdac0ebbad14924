/** Importing .txt and .md documents from the open dialog or a drop: all files land, or none. */
import { useCallback } from 'react';
import type { MarginaliaBridge } from '../../../shared/bridge.ts';
import type { DocumentId, ProjectId } from '../../../shared/model/index.ts';
import { importTextFiles, TEXT_EXTENSIONS } from '../../../shared/importers/plainText.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { addDocuments } from '../../db/documentRepository.ts';
import type { NoticeKind } from '../../ui/workspace.tsx';

export function useDocumentImport(
  db: MarginaliaDatabase,
  bridge: MarginaliaBridge,
  projectId: ProjectId,
  notify: (message: string, kind?: NoticeKind) => void,
  onImported: (firstId: DocumentId) => void,
) {
  const importBytes = useCallback(
    async (files: { name: string; bytes: Uint8Array }[]) => {
      if (files.length === 0) return;
      try {
        const imported = importTextFiles(files);
        const ids = await addDocuments(db, projectId, imported);
        if (ids[0]) onImported(ids[0]);
        notify(imported.length === 1 ? `Imported “${imported[0]!.name}”.` : `Imported ${imported.length} documents.`);
      } catch (error) {
        notify(error instanceof Error ? error.message : String(error), 'error');
      }
    },
    [db, projectId, notify, onImported],
  );

  const importFromDialog = useCallback(async () => {
    const files = await bridge.openFiles({
      title: 'Import documents',
      filters: [{ name: 'Text documents', extensions: [...TEXT_EXTENSIONS] }],
      allowMultiple: true,
    });
    await importBytes(files);
  }, [bridge, importBytes]);

  const importFiles = useCallback(
    async (files: File[]) => importBytes(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))),
    [importBytes],
  );

  return { importFromDialog, importFiles };
}
