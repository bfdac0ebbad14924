/**
 * `marginalia.json`: the few things a Marginalia project holds that REFI-QDA has no place for,
 * written beside project.qde so that exporting and re-importing loses nothing. Other tools
 * ignore the file; Marginalia ignores it when it does not match the project (a tool that kept
 * it while changing the project): a memo's rich content is only used if its plain text is still
 * the same, and entries for ids the project does not have are dropped.
 *
 * Contents: the project id, coder colours, document origins (txt, docx…), each memo's
 * Lexical editor state, and each code's quick key (1–9). `codes` was added after version 1
 * shipped; it is optional, so files without it still read (their codes get default keys).
 */
import { applyQuickKeyPatches, invalidQuickKeys, isQuickKey } from '../coding/quickKeys.ts';
import type { Code, DocumentOrigin, ProjectBundle } from '../model/index.ts';
import type { ReportBuilder } from '../common/report.ts';

/** File name inside the .qdpx. */
export const SIDECAR_NAME = 'marginalia.json';

/** The sidecar's shape (version 1). */
export interface Sidecar {
  readonly format: 'marginalia-qdpx-extras';
  readonly version: 1;
  readonly projectId: string;
  readonly coders: Readonly<Record<string, { readonly color: string }>>;
  readonly documents: Readonly<Record<string, { readonly origin: DocumentOrigin }>>;
  readonly memos: Readonly<Record<string, { readonly content: string; readonly plainTextHash: string }>>;
  /** Code GUID → its quick key; codes without a key are not listed. */
  readonly codes?: Readonly<Record<string, { readonly quickKey: number }>>;
}

const ORIGINS: readonly DocumentOrigin[] = ['txt', 'md', 'paste', 'html', 'docx', 'pdf', 'qdpx', 'demo'];

/** FNV-1a over UTF-16 units, as 8 hex digits: enough to notice that a memo's text changed. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The sidecar of a bundle, with ids already mapped to the ids written in project.qde. */
export function buildSidecar(bundle: ProjectBundle, exportId: (id: string) => string): Sidecar {
  const coders: Record<string, { color: string }> = {};
  for (const coder of bundle.coders) coders[exportId(coder.id)] = { color: coder.color };
  const documents: Record<string, { origin: DocumentOrigin }> = {};
  for (const document of bundle.documents) documents[exportId(document.id)] = { origin: document.origin };
  const memos: Record<string, { content: string; plainTextHash: string }> = {};
  for (const memo of bundle.memos) if (memo.content !== '') memos[exportId(memo.id)] = { content: memo.content, plainTextHash: hashText(memo.plainText) };
  const codes: Record<string, { quickKey: number }> = {};
  for (const code of bundle.codes) if (isQuickKey(code.quickKey)) codes[exportId(code.id)] = { quickKey: code.quickKey };
  return { format: 'marginalia-qdpx-extras', version: 1, projectId: bundle.project.id, coders, documents, memos, codes };
}

/**
 * The codes with the quick keys the sidecar gives them (by GUID). Keys that break the rule (not
 * 1–9, on a category, or held twice) are dropped; codes the sidecar does not list get none.
 *
 * @example
 * applySidecarCodes(codes, { ...sidecar, codes: { [agency.id]: { quickKey: 4 } } }) // agency has key 4
 */
export function applySidecarCodes<T extends Code>(codes: readonly T[], sidecar: Sidecar | null): T[] {
  const keys = sidecar?.codes;
  if (!keys) return [...codes];
  const keyed = codes.map((code) => {
    const entry = keys[code.id];
    return entry ? { ...code, quickKey: entry.quickKey } : code;
  });
  return applyQuickKeyPatches(keyed, invalidQuickKeys(keyed));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the sidecar; anything malformed is dropped with a warning (the sidecar is never essential). */
export function parseSidecar(bytes: Uint8Array, report: ReportBuilder): Sidecar | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch {
    report.warning('sidecar.invalid', `${SIDECAR_NAME} is not valid JSON; coder colours and memo formatting were not restored.`);
    return null;
  }
  if (!isRecord(value) || value['format'] !== 'marginalia-qdpx-extras' || value['version'] !== 1) {
    report.warning('sidecar.unknown', `${SIDECAR_NAME} is not in a format this version understands; it was ignored.`);
    return null;
  }
  // Prototype-less, so an id like "__proto__" is just a key.
  const coders: Record<string, { color: string }> = Object.create(null);
  const documents: Record<string, { origin: DocumentOrigin }> = Object.create(null);
  const memos: Record<string, { content: string; plainTextHash: string }> = Object.create(null);
  const codes: Record<string, { quickKey: number }> = Object.create(null);
  if (isRecord(value['coders'])) {
    for (const [id, entry] of Object.entries(value['coders'])) {
      if (isRecord(entry) && typeof entry['color'] === 'string' && /^#[0-9a-fA-F]{6}$/.test(entry['color'])) coders[id] = { color: entry['color'] };
    }
  }
  if (isRecord(value['documents'])) {
    for (const [id, entry] of Object.entries(value['documents'])) {
      if (isRecord(entry) && ORIGINS.includes(entry['origin'] as DocumentOrigin)) documents[id] = { origin: entry['origin'] as DocumentOrigin };
    }
  }
  if (isRecord(value['memos'])) {
    for (const [id, entry] of Object.entries(value['memos'])) {
      if (isRecord(entry) && typeof entry['content'] === 'string' && typeof entry['plainTextHash'] === 'string') {
        memos[id] = { content: entry['content'], plainTextHash: entry['plainTextHash'] };
      }
    }
  }
  if (isRecord(value['codes'])) {
    for (const [id, entry] of Object.entries(value['codes'])) {
      if (isRecord(entry) && isQuickKey(entry['quickKey'])) codes[id.toLowerCase()] = { quickKey: entry['quickKey'] };
    }
  }
  const projectId = typeof value['projectId'] === 'string' ? value['projectId'] : '';
  return { format: 'marginalia-qdpx-extras', version: 1, projectId, coders, documents, memos, codes };
}
