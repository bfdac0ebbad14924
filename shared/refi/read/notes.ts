/**
 * Phase 5 of reading a project: `<Note>`s become Memos on whatever their `<NoteRef>`s point at
 * (one memo per place; a note nothing points at becomes a project memo), then the descriptions
 * the selections phase kept become memos too.
 */
import type { CoderId, MemoId, MemoTarget } from '../../model/index.ts';
import { stripBom } from '../../text/codePoints.ts';
import { guidKey, readOwnGuid } from '../codebookXml.ts';
import { deriveGuid } from '../../common/guid.ts';
import { findSourceFile } from '../internalFiles.ts';
import { hashText } from '../sidecar.ts';
import { child, children, decodeSourceBytes, type ReadContext } from './context.ts';

/** Reads `<Notes>` into `ctx.memos`, with the pending description memos. */
export function readNotes(ctx: ReadContext): void {
  const { zip, root, report, sidecar, now, projectId, users, sources, selectionSegments, codingSegments, pendingMemos, notes, memos, codeNoteRefs } = ctx;
  // Notes → memos.
  for (const element of children(child(root, 'Notes'), 'Note')) notes.set(readOwnGuid(element, 'note', report, `note/${notes.size}`), element);
  const noteTargets = new Map<string, MemoTarget[]>();
  const attach = (raw: string, target: MemoTarget) => {
    const key = guidKey(raw);
    const list = noteTargets.get(key);
    if (list) list.push(target);
    else noteTargets.set(key, [target]);
  };
  for (const ref of children(root, 'NoteRef')) attach(ref.attrs['targetGUID'] ?? '', { kind: 'project' });
  for (const [codeId, refs] of codeNoteRefs) for (const ref of refs) attach(ref, { kind: 'code', id: codeId });
  for (const source of sources) {
    for (const ref of children(source.element, 'NoteRef')) attach(ref.attrs['targetGUID'] ?? '', { kind: 'document', id: source.id });
    for (const selection of source.selections) {
      const ids = selectionSegments.get(selection.guid) ?? [];
      for (const ref of selection.noteRefs) {
        attach(ref.attrs['targetGUID'] ?? '', ids[0] ? { kind: 'segment', id: ids[0] } : { kind: 'document', id: source.id });
        if (ids.length > 1) report.adjusted('note.selection-shared', 'A memo on a selection with several codings was attached to its first segment.');
      }
      for (const coding of selection.codings) {
        if (coding.children.length < 2) continue;
        const id = coding.attrs['guid'] ? codingSegments.get(guidKey(coding.attrs['guid'])) : undefined;
        for (const ref of children(coding, 'NoteRef')) attach(ref.attrs['targetGUID'] ?? '', id ? { kind: 'segment', id } : { kind: 'document', id: source.id });
      }
    }
  }
  const memoIds = new Set<string>();
  const userOf = (raw: string | undefined): CoderId | null => {
    if (!raw) return null;
    const key = guidKey(raw);
    return users.has(key) ? (key as CoderId) : null;
  };
  for (const [guid, element] of notes) {
    const title = element.attrs['name'] ?? '';
    let text = child(element, 'PlainTextContent')?.text;
    if (text === undefined) {
      const path = element.attrs['plainTextPath'];
      const entry = path ? findSourceFile(zip, path)?.entry : undefined;
      if (entry) text = stripBom(decodeSourceBytes(zip.read(entry), title, report).text).replace(/\r\n?/g, '\n');
      else {
        text = '';
        if (path) report.warning('note.missing-file', 'Notes whose text file is missing were imported with no text.', title);
      }
    }
    const description = child(element, 'Description')?.text ?? '';
    if (description.trim() !== '') {
      text = text === '' ? description : `${description}\n\n${text}`;
      report.adjusted('note.description', "Notes' descriptions were put before their text.", title);
    }
    let targets = noteTargets.get(guid);
    if (!targets) {
      targets = [{ kind: 'project' }];
      report.adjusted('note.unattached', 'Notes attached to nothing became project memos.', title);
    } else if (targets.length > 1) {
      report.adjusted('note.shared', 'A note attached to several objects became one memo for each.', title);
    }
    targets.forEach((target, index) => {
      const id = (index === 0 ? guid : deriveGuid(`note-copy:${guid}:${index}`)) as MemoId;
      memoIds.add(id);
      const side = sidecar?.memos[id];
      memos.push({
        id,
        projectId,
        target,
        title,
        content: side && side.plainTextHash === hashText(text) ? side.content : '',
        plainText: text,
        coderId: userOf(element.attrs['creatingUser']),
        createdAt: element.attrs['creationDateTime'] ?? now,
        modifiedAt: element.attrs['modifiedDateTime'] ?? element.attrs['creationDateTime'] ?? now,
      });
    });
  }
  for (const pending of pendingMemos) {
    let id = pending.guid;
    for (let n = 1; memoIds.has(id); n++) id = deriveGuid(`${pending.guid}:${n}`);
    memoIds.add(id);
    memos.push({ id: id as MemoId, projectId, target: pending.target, title: pending.title, content: '', plainText: pending.text, coderId: userOf(pending.user), createdAt: pending.created ?? now, modifiedAt: pending.created ?? now });
  }
}
