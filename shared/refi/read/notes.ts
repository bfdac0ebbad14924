/**
 * Phase 5 of reading a project: `<Note>`s become Memos on whatever their `<NoteRef>`s point at
 * (one memo per place; a note nothing points at becomes a project memo), then the descriptions
 * the selections phase kept become memos too.
 */
import type { CodeId, CoderId, DocumentId, MemoId, MemoTarget } from '../../model/index.ts';
import type { XmlElement } from '../xmlReader.ts';
import { stripBom } from '../../text/codePoints.ts';
import { guidKey, readOwnGuid } from '../codebookXml.ts';
import { deriveGuid } from '../../common/guid.ts';
import { findSourceFile } from '../internalFiles.ts';
import { hashText } from '../sidecar.ts';
import { child, children, decodeSourceBytes, type ReadContext } from './context.ts';

/** Reads `<Notes>` into `ctx.memos`, with the pending description memos. */
export function readNotes(ctx: ReadContext): void {
  const { zip, root, report, sidecar, now, projectId, users, sources, selectionSegments, codingSegments, selectionPassages, pendingMemos, notes, memos, codeNoteRefs } = ctx;
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
      const passage = selectionPassages.get(selection.guid);
      // A selection that codes nothing is a comment on its passage; one that was skipped (empty, out of range) leaves its memo on the document.
      const target: MemoTarget = ids[0] ? { kind: 'segment', id: ids[0] } : passage ? { kind: 'passage', id: source.id, start: passage.start, end: passage.end } : { kind: 'document', id: source.id };
      for (const ref of selection.noteRefs) {
        attach(ref.attrs['targetGUID'] ?? '', target);
        if (ids.length > 1) report.adjusted('note.selection-shared', 'A memo on a selection with several codings was attached to its first segment.');
      }
      for (const coding of selection.codings) {
        if (coding.children.length < 2) continue;
        const id = coding.attrs['guid'] ? codingSegments.get(guidKey(coding.attrs['guid'])) : undefined;
        for (const ref of children(coding, 'NoteRef')) attach(ref.attrs['targetGUID'] ?? '', id ? { kind: 'segment', id } : { kind: 'document', id: source.id });
      }
    }
  }
  // Notes pointed at from inside sources that were skipped (missing text, pictures, video…).
  const inSkippedSources = new Set<string>();
  const collectRefs = (element: XmlElement) => {
    for (const part of element.children) {
      if (part.local === 'NoteRef') inSkippedSources.add(guidKey(part.attrs['targetGUID'] ?? ''));
      else collectRefs(part);
    }
  };
  for (const element of child(root, 'Sources')?.children ?? []) if (ctx.skippedSources.has(guidKey(element.attrs['guid'] ?? ''))) collectRefs(element);
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
    if (!targets && inSkippedSources.has(guid)) {
      targets = [{ kind: 'project' }];
      report.adjusted('note.skipped-source', 'Memos on documents (or their passages) that could not be imported were kept as project memos.', title);
    } else if (!targets) {
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
  collectDescriptionMemos(ctx);
  for (const pending of pendingMemos) {
    let id = pending.guid;
    for (let n = 1; memoIds.has(id); n++) id = deriveGuid(`${pending.guid}:${n}`);
    memoIds.add(id);
    memos.push({ id: id as MemoId, projectId, target: pending.target, title: pending.title, content: '', plainText: pending.text, coderId: userOf(pending.user), createdAt: pending.created ?? now, modifiedAt: pending.created ?? now });
  }
}

/** ATLAS.ti names itself so in `origin` (`ATLAS.ti 8.4.0 …`, `ATLAS.ti for Windows 23.2.3…`). */
const isAtlasTi = (origin: string) => /atlas\.?ti/i.test(origin);

/**
 * Memo text other tools write as descriptions rather than Notes:
 * - ATLAS.ti keeps a code's and the project's comment (its memo text) in `<Description>`. The
 *   code keeps it as its description (the codebook shows it there), and it also becomes a memo on
 *   the code, so it sits with the other memos; likewise the project's comment.
 * - QualCoder (and others) write a case's memo as the Case's `<Description>`. Marginalia has no
 *   cases: the memo goes on the case's document when the case lists exactly one imported
 *   document, else on the project, titled with the case's name.
 */
function collectDescriptionMemos(ctx: ReadContext): void {
  const { root, report, origin, codeIds, documents, pendingMemos } = ctx;
  // A comment without a date of its own existed when the file was last saved.
  const fileSaved = root.attrs['modifiedDateTime'] ?? root.attrs['creationDateTime'];
  if (isAtlasTi(origin)) {
    const visit = (parent: XmlElement | undefined) => {
      for (const code of children(parent, 'Code')) {
        const text = child(code, 'Description')?.text ?? '';
        const id = guidKey(code.attrs['guid'] ?? '');
        if (text.trim() !== '' && codeIds.has(id)) {
          pendingMemos.push({ guid: deriveGuid(`code-description:${id}`), target: { kind: 'code', id: id as CodeId }, title: `Comment on “${code.attrs['name'] ?? 'code'}”`, text, user: code.attrs['creatingUser'], created: code.attrs['creationDateTime'] ?? fileSaved });
          report.adjusted('code.description-memo', "ATLAS.ti's code comments were kept as the codes' descriptions and also shown as memos on the codes.", code.attrs['name']);
        }
        visit(code);
      }
    };
    const codebook = child(root, 'CodeBook');
    visit(codebook ? child(codebook, 'Codes') : undefined);
    const projectComment = child(root, 'Description')?.text ?? '';
    if (projectComment.trim() !== '') {
      pendingMemos.push({ guid: deriveGuid('project-description'), target: { kind: 'project' }, title: 'Project comment', text: projectComment, user: root.attrs['creatingUserGUID'], created: fileSaved });
      report.adjusted('project.description-memo', "ATLAS.ti's project comment was also shown as a project memo.");
    }
  }
  const imported = new Set<string>(documents.map((d) => d.id));
  for (const element of children(child(root, 'Cases'), 'Case')) {
    const text = child(element, 'Description')?.text ?? '';
    if (text.trim() === '') continue;
    const name = element.attrs['name'] ?? '';
    const listed = [...new Set(children(element, 'SourceRef').map((ref) => guidKey(ref.attrs['targetGUID'] ?? '')).filter((id) => imported.has(id)))];
    const target: MemoTarget = listed.length === 1 ? { kind: 'document', id: listed[0] as DocumentId } : { kind: 'project' };
    pendingMemos.push({ guid: deriveGuid(`case-description:${element.attrs['guid'] ?? name}`), target, title: name ? `Case “${name}”` : 'Case memo', text, user: undefined, created: fileSaved });
    report.adjusted('case.description', "Cases' memos became memos on the case's document (on the project when a case lists several documents, or none).", name || undefined);
  }
}
