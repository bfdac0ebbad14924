/**
 * Reference checks over a REFI-QDA project document: every GUID an element points to must be
 * declared by an element of the right kind. A CodeRef, NoteRef, Set member, VariableRef,
 * SourceRef or SelectionRef to nothing is an error (the reader refuses the file: the data
 * would be ambiguous). A user, link end, graph vertex or sync point that is not declared is a
 * warning (authorship and diagrams, which Marginalia can do without). Duplicate GUIDs among
 * codes, sources, notes, sets or variables are errors.
 */
import { guidKey } from './codebookXml.ts';
import type { XmlElement } from './xmlReader.ts';

/** One problem found, as one sentence. */
export interface ReferenceProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

type Kind = 'user' | 'code' | 'source' | 'selection' | 'note' | 'variable' | 'set' | 'syncPoint' | 'vertex' | 'other';

const KIND_OF: Record<string, Kind> = {
  User: 'user',
  Code: 'code',
  TextSource: 'source',
  PictureSource: 'source',
  PDFSource: 'source',
  AudioSource: 'source',
  VideoSource: 'source',
  Representation: 'source',
  Transcript: 'source',
  TextDescription: 'source',
  PlainTextSelection: 'selection',
  PictureSelection: 'selection',
  PDFSelection: 'selection',
  AudioSelection: 'selection',
  VideoSelection: 'selection',
  TranscriptSelection: 'selection',
  Note: 'note',
  Variable: 'variable',
  Set: 'set',
  SyncPoint: 'syncPoint',
  Vertex: 'vertex',
};

const KIND_WORD: Record<Kind, string> = {
  user: 'user',
  code: 'code',
  source: 'source',
  selection: 'selection',
  note: 'note',
  variable: 'variable',
  set: 'set',
  syncPoint: 'sync point',
  vertex: 'graph vertex',
  other: 'object',
};

/** Element → kind its `targetGUID` must name. */
const TARGET_KIND: Record<string, Kind> = {
  CodeRef: 'code',
  NoteRef: 'note',
  MemberCode: 'code',
  MemberSource: 'source',
  MemberNote: 'note',
  VariableRef: 'variable',
  SourceRef: 'source',
  SelectionRef: 'selection',
};

const UNIQUE_KINDS = new Set<Kind>(['code', 'source', 'note', 'variable', 'set', 'user']);

interface PendingReference {
  readonly kind: Kind | 'any';
  readonly raw: string;
  readonly from: string;
  readonly severity: 'error' | 'warning';
}

/** Describes an element for a message: `Coding 445a6aec-…` or `TextSource "Mabel.txt"`. */
function describe(element: XmlElement): string {
  const name = element.attrs['name'];
  if (name) return `${element.local} "${name}"`;
  const guid = element.attrs['guid'];
  return guid ? `${element.local} ${guid}` : `<${element.local}>`;
}

/**
 * Checks every reference in a project document. Returns problems in document order (errors and
 * warnings mixed); an empty list means every reference resolves.
 *
 * @example
 * checkProjectReferences(parseXml(qde)).filter((p) => p.severity === 'error')
 * // → [{ severity: 'error', message: 'Coding 445a… refers to the code d299…, which the project does not define.' }]
 */
export function checkProjectReferences(root: XmlElement): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const declared = new Map<Kind, Set<string>>();
  const all = new Set<string>();
  const references: PendingReference[] = [];
  const stack: { element: XmlElement; owner: XmlElement }[] = [{ element: root, owner: root }];
  while (stack.length) {
    const { element, owner: parentOwner } = stack.pop()!;
    const attrs = element.attrs;
    const owner = attrs['guid'] !== undefined || element === root ? element : parentOwner;
    const guid = attrs['guid'];
    if (guid !== undefined && element !== root && !TARGET_KIND[element.local]) {
      const kind = KIND_OF[element.local] ?? 'other';
      const key = guidKey(guid);
      let set = declared.get(kind);
      if (!set) declared.set(kind, (set = new Set()));
      if (set.has(key)) {
        problems.push({
          severity: UNIQUE_KINDS.has(kind) ? 'error' : 'warning',
          message: `The ${KIND_WORD[kind]} GUID ${guid} is declared more than once, so references to it are ambiguous.`,
        });
      }
      set.add(key);
      all.add(key);
    }
    const targetKind = TARGET_KIND[element.local];
    if (targetKind) {
      const raw = attrs['targetGUID'] ?? attrs['guid'];
      if (raw === undefined) problems.push({ severity: 'error', message: `A <${element.local}> in ${describe(parentOwner)} has no targetGUID.` });
      else references.push({ kind: targetKind, raw, from: describe(parentOwner), severity: 'error' });
    }
    for (const attribute of ['creatingUser', 'modifyingUser', 'creatingUserGUID', 'modifyingUserGUID']) {
      const raw = attrs[attribute];
      if (raw !== undefined) references.push({ kind: 'user', raw, from: describe(owner), severity: 'warning' });
    }
    if (element.local === 'Link') {
      for (const attribute of ['originGUID', 'targetGUID']) {
        const raw = attrs[attribute];
        if (raw !== undefined) references.push({ kind: 'any', raw, from: describe(element), severity: 'warning' });
      }
    } else if (element.local === 'Vertex' || element.local === 'Edge') {
      const raw = attrs['representedGUID'];
      if (raw !== undefined) references.push({ kind: 'any', raw, from: describe(element), severity: 'warning' });
      for (const attribute of ['sourceVertex', 'targetVertex']) {
        const end = attrs[attribute];
        if (end !== undefined) references.push({ kind: 'vertex', raw: end, from: describe(element), severity: 'warning' });
      }
    } else if (element.local === 'TranscriptSelection') {
      for (const attribute of ['fromSyncPoint', 'toSyncPoint']) {
        const raw = attrs[attribute];
        if (raw !== undefined) references.push({ kind: 'syncPoint', raw, from: describe(element), severity: 'warning' });
      }
    }
    for (let i = element.children.length - 1; i >= 0; i--) stack.push({ element: element.children[i]!, owner });
  }
  for (const reference of references) {
    const key = guidKey(reference.raw);
    const found = reference.kind === 'any' ? all.has(key) : declared.get(reference.kind)?.has(key) === true;
    if (!found) {
      const word = reference.kind === 'any' ? 'object' : KIND_WORD[reference.kind];
      problems.push({ severity: reference.severity, message: `${reference.from} refers to the ${word} ${reference.raw}, which the project does not define.` });
    }
  }
  return problems;
}
