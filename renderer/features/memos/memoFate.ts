/**
 * What happens to the memos on a document, code or coding when it is deleted: kept (re-attached
 * to the project, so nothing a researcher wrote vanishes) or deleted with it. The dialogs ask
 * through these; the repositories do the work, each deletion with its memos in one step.
 */
export { countMemosAffectedByDeleting, type DeletedThing, type MemoFate } from '../../db/memoRepository.ts';
export { deleteCode } from '../../db/codeRepository.ts';
export { deleteDocument } from '../../db/documentRepository.ts';
export { removeSegment } from '../../db/segmentRepository.ts';
