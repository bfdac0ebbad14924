/**
 * Matching two copies of a project's documents and codes: the one definition used both when
 * comparing two coders' projects (projects.ts) and when bringing a teammate's coding into a
 * project (teammateImport.ts).
 *
 * - Documents: identical text first, then the same name (reported: offsets then compare as
 *   they stand).
 * - Codes: the same id (REFI-QDA GUID) first, then the same name path from the top-level code.
 * Each of "ours" is matched at most once.
 */
import type { Code, CodeId, Document, DocumentId } from '../model/index.ts';

/** How the documents of "theirs" map onto "ours". */
export interface DocumentMatch {
  /** Their document id → ours. */
  readonly map: ReadonlyMap<DocumentId, DocumentId>;
  /** Pairs matched by name only, because the texts differ. */
  readonly byNameOnly: readonly { ours: Pick<Document, 'id' | 'name'>; theirs: Pick<Document, 'id' | 'name'> }[];
  /** Documents found on one side only. */
  readonly onlyOurs: readonly Pick<Document, 'id' | 'name'>[];
  readonly onlyTheirs: readonly Pick<Document, 'id' | 'name'>[];
}

/**
 * Matches their documents onto ours: identical text, then the same name.
 *
 * @example matchDocuments([{ id: 'a', name: 'Interview', text: 'Hi' }], [{ id: 'b', name: 'Other', text: 'Hi' }]).map.get('b') // → 'a'
 */
export function matchDocuments(
  ours: readonly Pick<Document, 'id' | 'name' | 'text'>[],
  theirs: readonly Pick<Document, 'id' | 'name' | 'text'>[],
): DocumentMatch {
  const map = new Map<DocumentId, DocumentId>();
  const usedTheirs = new Set<DocumentId>();
  const theirsByText = new Map<string, DocumentId[]>();
  for (const doc of theirs) {
    const list = theirsByText.get(doc.text);
    if (list) list.push(doc.id);
    else theirsByText.set(doc.text, [doc.id]);
  }
  const pending: Pick<Document, 'id' | 'name' | 'text'>[] = [];
  for (const doc of ours) {
    const match = theirsByText.get(doc.text)?.find((id) => !usedTheirs.has(id));
    if (match) {
      usedTheirs.add(match);
      map.set(match, doc.id);
    } else pending.push(doc);
  }
  const byNameOnly: { ours: Pick<Document, 'id' | 'name'>; theirs: Pick<Document, 'id' | 'name'> }[] = [];
  const onlyOurs: Pick<Document, 'id' | 'name'>[] = [];
  for (const doc of pending) {
    const match = theirs.find((d) => !usedTheirs.has(d.id) && d.name === doc.name);
    if (!match) {
      onlyOurs.push({ id: doc.id, name: doc.name });
      continue;
    }
    usedTheirs.add(match.id);
    map.set(match.id, doc.id);
    byNameOnly.push({ ours: { id: doc.id, name: doc.name }, theirs: { id: match.id, name: match.name } });
  }
  const onlyTheirs = theirs.filter((d) => !usedTheirs.has(d.id)).map((d) => ({ id: d.id, name: d.name }));
  return { map, byNameOnly, onlyOurs, onlyTheirs };
}

/** How the codes of "theirs" map onto "ours". */
export interface CodeMatch {
  /** Their code id → ours. */
  readonly map: ReadonlyMap<CodeId, CodeId>;
  /** Their codes with no counterpart, in the order given. */
  readonly onlyTheirs: readonly CodeId[];
  /** Our codes with no counterpart, in the order given. */
  readonly onlyOurs: readonly CodeId[];
}

/**
 * Matches their codes onto ours: the same id, then the same name path (`paths` give each side's
 * `Parent / Child` names, see codePaths). Only the codes listed on each side take part.
 *
 * @example matchCodes([harm], [harmCopyWithOtherGuid], oursPaths, theirsPaths).map.get(harmCopyWithOtherGuid.id) // → harm.id
 */
export function matchCodes(
  ours: readonly Pick<Code, 'id'>[],
  theirs: readonly Pick<Code, 'id'>[],
  oursPaths: ReadonlyMap<CodeId, string>,
  theirsPaths: ReadonlyMap<CodeId, string>,
): CodeMatch {
  const map = new Map<CodeId, CodeId>();
  const usedTheirs = new Set<CodeId>();
  const theirIds = new Set(theirs.map((c) => c.id));
  const theirsByPath = new Map<string, CodeId>();
  for (const code of theirs) {
    const path = theirsPaths.get(code.id)!;
    if (!theirsByPath.has(path)) theirsByPath.set(path, code.id);
  }
  const onlyOurs: CodeId[] = [];
  for (const code of ours) {
    let match: CodeId | undefined = theirIds.has(code.id) && !usedTheirs.has(code.id) ? code.id : undefined;
    if (!match) {
      const candidate = theirsByPath.get(oursPaths.get(code.id)!);
      if (candidate && !usedTheirs.has(candidate) && !map.has(candidate)) match = candidate;
    }
    if (!match) {
      onlyOurs.push(code.id);
      continue;
    }
    usedTheirs.add(match);
    map.set(match, code.id);
  }
  return { map, onlyOurs, onlyTheirs: theirs.filter((c) => !usedTheirs.has(c.id)).map((c) => c.id) };
}
