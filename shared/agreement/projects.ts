/**
 * Comparing coders across or inside projects (ProjectBundle, as read from a .qdpx):
 * - {@link compareProjects}: two coders' copies of the same documents, one project each.
 *   Documents are matched by identical text, then by name; codes by id (REFI-QDA GUID), then by
 *   name path (the names from the top-level code down). Each project's segments count as one
 *   coder, whoever of its users made them.
 * - {@link compareCoders}: two or more coders (users) inside one project (NVivo exports carry
 *   every user's codings).
 * Both return the report of {@link computeCodingAgreement} plus the labels a reader needs and
 * what could not be matched.
 */
import type { Code, CodeId, Coder, CoderId, Document, DocumentId, ProjectBundle, Segment } from '../model/index.ts';
import { computeCodingAgreement, type CodingAgreementReport, type CodingsOptions } from './codings.ts';
import { matchCodes, matchDocuments } from './matching.ts';

/** A code as the report names it. */
export interface ComparedCode {
  id: CodeId;
  /** Names from the top-level code down, joined by " / ". */
  path: string;
}

/** What a comparison compared, how it labels things, and what it left out. */
export interface ProjectComparison {
  report: CodingAgreementReport;
  coders: { id: CoderId; name: string }[];
  codes: ComparedCode[];
  documents: { id: DocumentId; name: string }[];
  /** Documents and codes (by name) found on one side only, and left out. */
  unmatched: { documents: string[]; codes: string[] };
  /** Sentences for the reader: what was assumed or adjusted. */
  warnings: string[];
}

/** Bad arguments to a comparison (unknown coder, too few coders); the message is one sentence. */
export class ComparisonError extends Error {}

/**
 * The name path of every code: `Parent / Child`.
 *
 * @example codePaths([{ id: 'p', parentId: null, name: 'Harm' }, { id: 'c', parentId: 'p', name: 'Physical' }])
 * // → Map { 'p' → 'Harm', 'c' → 'Harm / Physical' }
 */
export function codePaths(codes: ReadonlyArray<Pick<Code, 'id' | 'parentId' | 'name'>>): Map<CodeId, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const paths = new Map<CodeId, string>();
  const pathOf = (id: CodeId, depth: number): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const code = byId.get(id)!;
    const parent = code.parentId && depth < codes.length ? byId.get(code.parentId) : undefined;
    const path = parent ? `${pathOf(parent.id, depth + 1)} / ${code.name}` : code.name;
    paths.set(id, path);
    return path;
  };
  for (const code of codes) pathOf(code.id, 0);
  return paths;
}

/**
 * Codes in codebook order: depth-first from the top-level codes, siblings by `order`, then name.
 *
 * @example codebookOrder([other, physical, harm]).map((c) => c.name) // → ['Harm', 'Physical', 'Other'] (Physical under Harm)
 */
export function codebookOrder<T extends Pick<Code, 'id' | 'parentId' | 'name' | 'order'>>(codes: readonly T[]): T[] {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<CodeId | null, T[]>();
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) ? code.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), code]);
  }
  const ordered: T[] = [];
  const seen = new Set<CodeId>();
  const visit = (parent: CodeId | null) => {
    const siblings = [...(children.get(parent) ?? [])].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    for (const code of siblings) {
      if (seen.has(code.id)) continue;
      seen.add(code.id);
      ordered.push(code);
      visit(code.id);
    }
  };
  visit(null);
  // Codes caught in a parent cycle are unreachable from the top: keep them, at the end.
  for (const code of codes) if (!seen.has(code.id)) ordered.push(code);
  return ordered;
}

/**
 * What comparing coders inside one project reads: a ProjectBundle is one; the app's comparison
 * reads only this much (no memos, sets, nor texts: a document may give its text's length instead).
 */
export interface CodersInProject {
  readonly coders: ReadonlyArray<Pick<Coder, 'id' | 'name'>>;
  readonly codes: readonly Code[];
  /** A document with its text, or with the text's length in UTF-16 code units. */
  readonly documents: ReadonlyArray<Pick<Document, 'id' | 'name'> & ({ readonly text: string } | { readonly textLength: number })>;
  readonly segments: ReadonlyArray<Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>>;
}

/** A document's length in UTF-16 code units, from its text or as given. */
export function documentLength(document: CodersInProject['documents'][number]): number {
  return 'text' in document ? document.text.length : document.textLength;
}

/** Codes worth comparing, in codebook order: codable ones and any that carry segments. */
function comparableCodes(bundle: Pick<CodersInProject, 'codes' | 'segments'>): Code[] {
  const used = new Set(bundle.segments.map((s) => s.codeId));
  return codebookOrder(bundle.codes).filter((c) => c.isCodable || used.has(c.id));
}

/**
 * Agreement between two projects holding two coders' codings of the same documents.
 * `labels` name the two coders in the report (default: the project names, or "A" and "B").
 *
 * @example
 * const { report, codes } = compareProjects(bundleOfAnn, bundleOfBob, { unit: 'characters' });
 * report.byUnit.characters!.pooled.cohenKappa.value
 */
export function compareProjects(
  a: ProjectBundle,
  b: ProjectBundle,
  options: CodingsOptions & { labels?: [string, string] } = {},
): ProjectComparison {
  const warnings: string[] = [];
  const labels = options.labels ?? (a.project.name && b.project.name && a.project.name !== b.project.name
    ? [a.project.name, b.project.name] : ['A', 'B']);
  const coderA = 'coder-a' as CoderId;
  const coderB = 'coder-b' as CoderId;
  for (const [bundle, label] of [[a, labels[0]], [b, labels[1]]] as const) {
    const users = new Set(bundle.segments.map((s) => s.coderId));
    if (users.size > 1) {
      const names = [...users].map((id) => bundle.coders.find((c) => c.id === id)?.name ?? id);
      warnings.push(`${label} holds codings by ${users.size} users (${names.join(', ')}); they are compared as one coder.`);
    }
  }

  // Documents: identical text first, then the same name; codes: the same id, then the same path.
  const documentMatch = matchDocuments(a.documents, b.documents);
  const documentMap = documentMatch.map; // B's id → A's id
  // A pair matched by name may differ in length: the longer text bounds the compared units.
  const lengthA = new Map(a.documents.map((d) => [d.id, d.text.length]));
  const lengthB = new Map(b.documents.map((d) => [d.id, d.text.length]));
  const lengths = new Map<DocumentId, number>();
  for (const [idB, idA] of documentMap) lengths.set(idA, Math.max(lengthA.get(idA)!, lengthB.get(idB)!));
  for (const pair of documentMatch.byNameOnly) warnings.push(`Document "${pair.ours.name}" is matched by name only: its texts differ, so offsets are compared as they stand.`);
  const unmatchedDocuments = [
    ...documentMatch.onlyOurs.map((d) => `${d.name} (only in ${labels[0]})`),
    ...documentMatch.onlyTheirs.map((d) => `${d.name} (only in ${labels[1]})`),
  ];

  const pathsA = codePaths(a.codes);
  const pathsB = codePaths(b.codes);
  const codeMatch = matchCodes(comparableCodes(a), comparableCodes(b), pathsA, pathsB);
  const codeMap = codeMatch.map; // B's id → A's id
  const matchedA = new Set(codeMap.values());
  const compared: ComparedCode[] = comparableCodes(a).filter((c) => matchedA.has(c.id)).map((c) => ({ id: c.id, path: pathsA.get(c.id)! }));
  const unmatchedCodes = [
    ...codeMatch.onlyOurs.map((id) => `${pathsA.get(id)} (only in ${labels[0]})`),
    ...codeMatch.onlyTheirs.map((id) => `${pathsB.get(id)} (only in ${labels[1]})`),
  ];

  const segments: Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>[] = [];
  for (const s of a.segments) segments.push({ documentId: s.documentId, codeId: s.codeId, coderId: coderA, start: s.start, end: s.end });
  for (const s of b.segments) {
    const documentId = documentMap.get(s.documentId);
    const codeId = codeMap.get(s.codeId);
    if (documentId && codeId) segments.push({ documentId, codeId, coderId: coderB, start: s.start, end: s.end });
  }
  const documents = a.documents.filter((d) => lengths.has(d.id));
  const report = computeCodingAgreement({
    documents: documents.map((d) => ({ id: d.id, length: lengths.get(d.id)! })),
    codes: compared.map((c) => ({ id: c.id })),
    coders: [coderA, coderB],
    segments,
  }, options);
  return {
    report,
    coders: [{ id: coderA, name: labels[0] }, { id: coderB, name: labels[1] }],
    codes: compared,
    documents: documents.map((d) => ({ id: d.id, name: d.name })),
    unmatched: { documents: unmatchedDocuments, codes: unmatchedCodes },
    warnings,
  };
}

/**
 * Agreement between two or more coders inside one project, named by coder name (or id).
 * Throws {@link ComparisonError} for an unknown or repeated coder, or fewer than two.
 *
 * @example compareCoders(bundle, ['Ann', 'Bob'], { units: ['characters'] }).report.byUnit.characters!.pooled
 */
export function compareCoders(bundle: CodersInProject, coderNames: readonly string[], options: CodingsOptions = {}): ProjectComparison {
  const names = coderNames.map((n) => n.trim()).filter((n) => n !== '');
  if (names.length < 2) throw new ComparisonError('Name at least two coders to compare.');
  const available = bundle.coders.map((c) => c.name).join(', ') || 'none';
  const coders = names.map((name) => {
    const coder = bundle.coders.find((c) => c.name === name)
      ?? bundle.coders.find((c) => c.id === name)
      ?? bundle.coders.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!coder) throw new ComparisonError(`No coder named "${name}" in the project; its coders are: ${available}.`);
    return coder;
  });
  if (new Set(coders.map((c) => c.id)).size !== coders.length) throw new ComparisonError('Each coder may be named only once.');
  const paths = codePaths(bundle.codes);
  const codes = comparableCodes(bundle).map((c) => ({ id: c.id, path: paths.get(c.id)! }));
  const report = computeCodingAgreement({
    documents: bundle.documents.map((d) => ({ id: d.id, length: documentLength(d) })),
    codes: codes.map((c) => ({ id: c.id })),
    coders: coders.map((c) => c.id),
    segments: bundle.segments,
  }, options);
  const otherUsers = new Set(bundle.segments.map((s) => s.coderId).filter((id) => !coders.some((c) => c.id === id)));
  const warnings = otherUsers.size > 0
    ? [`Codings by ${otherUsers.size} other user(s) of the project are left out.`]
    : [];
  const counts = report.mergedSegments;
  for (const coder of coders) {
    if (!counts[coder.id]) warnings.push(`${coder.name} made no codings in this project, so every code they are compared on shows no agreement beyond chance.`);
  }
  return {
    report,
    coders: coders.map((c) => ({ id: c.id, name: c.name })),
    codes,
    documents: bundle.documents.map((d) => ({ id: d.id, name: d.name })),
    unmatched: { documents: [], codes: [] },
    warnings,
  };
}
