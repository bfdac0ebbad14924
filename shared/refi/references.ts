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

/** Describes an element for a message: `Coding 445a6aec-…` or `TextSource "Mabel.txt"`. */
function describe(element: XmlElement): string {
  const name = element.attrs['name'];
  if (name) return `${element.local} "${name}"`;
  const guid = element.attrs['guid'];
  return guid ? `${element.local} ${guid}` : `<${element.local}>`;
}

/**
 * Checks every reference in a project document. Returns problems in document order (errors and
 * warnings mixed); an empty list means every reference resolves. `users: false` skips the
 * creatingUser/modifyingUser checks (the importer attributes unknown users itself);
 * `duplicateSelections: false` skips looking for selections sharing a GUID (the importer gives
 * such segments distinct ids itself).
 *
 * @example
 * checkProjectReferences(parseXml(qde)).filter((p) => p.severity === 'error')
 * // → [{ severity: 'error', message: 'Coding 445a… refers to the code d299…, which the project does not define.' }]
 */
export function checkProjectReferences(root: XmlElement, options: { users?: boolean; duplicateSelections?: boolean } = {}): ReferenceProblem[] {
  const checkUsers = options.users ?? true;
  const checkDuplicateSelections = options.duplicateSelections ?? true;
  // Selections are most of a large project and rarely referred to: unless duplicates are to be
  // reported, their GUIDs are only collected into a set if something refers to a selection.
  const selectionGuids: string[] = [];
  const problems: ReferenceProblem[] = [];
  const declared = new Map<Kind, Set<string>>();
  // One walk: declarations are recorded at once, references are queued (in flat arrays, so a
  // large project allocates nothing per reference) and resolved after the walk, since a
  // reference may come before its target (a NoteRef before <Notes>).
  const refRaw: string[] = [];
  const refKind: (Kind | 'any')[] = [];
  const refFrom: XmlElement[] = [];
  const refSeverity: ('error' | 'warning')[] = [];
  const refer = (raw: string, kind: Kind | 'any', from: XmlElement, severity: 'error' | 'warning') => {
    refRaw.push(raw);
    refKind.push(kind);
    refFrom.push(from);
    refSeverity.push(severity);
  };
  const stack: XmlElement[] = [root];
  const owners: XmlElement[] = [root];
  while (stack.length) {
    const element = stack.pop()!;
    const parentOwner = owners.pop()!;
    const attrs = element.attrs;
    const guid = attrs['guid'];
    const owner = guid !== undefined ? element : parentOwner;
    const local = element.local;
    const targetKind = TARGET_KIND[local];
    if (targetKind) {
      const raw = attrs['targetGUID'] ?? guid;
      if (raw === undefined) problems.push({ severity: 'error', message: `A <${local}> in ${describe(parentOwner)} has no targetGUID.` });
      else refer(raw, targetKind, parentOwner, 'error');
    } else if (guid !== undefined && element !== root) {
      // Only kinds something can point at are recorded (not Codings, Links, Graphs…).
      const kind = KIND_OF[local];
      if (kind === 'selection' && !checkDuplicateSelections) selectionGuids.push(guid);
      else if (kind) {
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
      }
    }
    if (checkUsers) {
      for (const attribute of USER_ATTRIBUTES) {
        const raw = attrs[attribute];
        if (raw !== undefined) refer(raw, 'user', owner, 'warning');
      }
    }
    if (local === 'Link') {
      for (const attribute of ['originGUID', 'targetGUID']) {
        const raw = attrs[attribute];
        if (raw !== undefined) refer(raw, 'any', element, 'warning');
      }
    } else if (local === 'Vertex' || local === 'Edge') {
      const raw = attrs['representedGUID'];
      if (raw !== undefined) refer(raw, 'any', element, 'warning');
      for (const attribute of ['sourceVertex', 'targetVertex']) {
        const end = attrs[attribute];
        if (end !== undefined) refer(end, 'vertex', element, 'warning');
      }
    } else if (local === 'TranscriptSelection') {
      for (const attribute of ['fromSyncPoint', 'toSyncPoint']) {
        const raw = attrs[attribute];
        if (raw !== undefined) refer(raw, 'syncPoint', element, 'warning');
      }
    }
    const children = element.children;
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push(children[i]!);
      owners.push(owner);
    }
  }
  if (selectionGuids.length && refKind.some((kind) => kind === 'selection' || kind === 'any')) {
    const set = declared.get('selection') ?? new Set<string>();
    for (const guid of selectionGuids) set.add(guidKey(guid));
    declared.set('selection', set);
  }
  let all: Set<string> | undefined;
  const anyDeclared = (key: string) => (all ??= new Set([...declared.values()].flatMap((set) => [...set]))).has(key);
  for (let i = 0; i < refRaw.length; i++) {
    const raw = refRaw[i]!;
    const kind = refKind[i]!;
    const key = guidKey(raw);
    if (kind === 'any' ? anyDeclared(key) : declared.get(kind)?.has(key) === true) continue;
    const word = kind === 'any' ? 'object' : KIND_WORD[kind];
    problems.push({ severity: refSeverity[i]!, message: `${describe(refFrom[i]!)} refers to the ${word} ${raw}, which the project does not define.` });
  }
  return problems;
}

const USER_ATTRIBUTES = ['creatingUser', 'modifyingUser', 'creatingUserGUID', 'modifyingUserGUID'] as const;
