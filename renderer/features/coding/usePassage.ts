/**
 * The passage being coded, kept as the workbench's own state rather than read back from the DOM
 * selection: focus moving to the code picker, the codebook or a menu takes the browser's
 * selection away, but not the passage. It changes only when the researcher selects again or
 * collapses the selection inside the document, and it is cleared once a code is applied.
 */
import { useCallback, useState } from 'react';
import type { DocumentId } from '../../../shared/model/index.ts';
import type { TextSelection } from '../../ui/workspace.tsx';

export interface Passage {
  /** The kept passage of the open document, or null. */
  passage: TextSelection | null;
  /** What the document view reports: a new selection, or null when it was collapsed there. */
  keep(range: { start: number; end: number } | null): void;
  clear(): void;
}

export function usePassage(documentId: DocumentId | null): Passage {
  const [kept, setKept] = useState<TextSelection | null>(null);
  const keep = useCallback((range: { start: number; end: number } | null) => setKept(range && documentId ? { documentId, ...range } : null), [documentId]);
  const clear = useCallback(() => setKept(null), []);
  // A passage of another document (the researcher opened a new one) is no passage.
  const passage = kept && kept.documentId === documentId ? kept : null;
  return { passage, keep, clear };
}
