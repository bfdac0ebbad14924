/**
 * The codebook as the exporters see it: a forest in display order, every code's name path, and
 * how often each code was applied. Unlike the editing helpers in shared/coding/codeTree.ts these
 * tolerate bad data, because an export must never fail on it: a code whose parent is missing, or
 * that sits in a parent cycle, is treated as a top-level code.
 */
import type { Code, CodeId, Coder, CodeSet, Document, DocumentId, Memo, Segment } from '../model/index.ts';
import { childrenByParent } from '../coding/codeTree.ts';

/** What every codebook exporter takes. A ProjectBundle has all of it (see `codebookFromBundle`). */
export interface CodebookData {
  /** Shown in titles, e.g. the project name. */
  readonly title?: string;
  readonly codes: readonly Code[];
  readonly sets?: readonly CodeSet[];
  /** For counts and anchor quotes; optional. */
  readonly segments?: readonly Segment[];
  /** For anchor quotes and document names; optional. */
  readonly documents?: readonly Document[];
  /** Memos; those on codes are printed under their code (Markdown and DOCX). Optional. */
  readonly memos?: readonly Memo[];
  /** For the names of memo authors; optional. */
  readonly coders?: readonly Coder[];
}

/** The codebook part of a project. */
export function codebookFromBundle(bundle: { project: { name: string }; codes: readonly Code[]; sets: readonly CodeSet[]; segments: readonly Segment[]; documents: readonly Document[]; memos?: readonly Memo[]; coders?: readonly Coder[] }): CodebookData {
  return { title: bundle.project.name, codes: bundle.codes, sets: bundle.sets, segments: bundle.segments, documents: bundle.documents, memos: bundle.memos, coders: bundle.coders };
}

/** One memo on a code, as the printed codebooks show it. */
export interface CodeMemo {
  readonly memo: Memo;
  readonly author: string;
}

/**
 * The memos on each code, by creation time, with their authors' names.
 *
 * @example
 * codeMemos(data).get(code.id) // → [{ memo, author: 'Ana' }]
 */
export function codeMemos(data: CodebookData): Map<string, CodeMemo[]> {
  const names = new Map((data.coders ?? []).map((c) => [c.id as string, c.name]));
  const out = new Map<string, CodeMemo[]>();
  const sorted = [...(data.memos ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const memo of sorted) {
    if (memo.target.kind !== 'code') continue;
    const author = memo.coderId === null ? 'Unknown author' : (names.get(memo.coderId) ?? 'Unknown author');
    const list = out.get(memo.target.id);
    if (list) list.push({ memo, author });
    else out.set(memo.target.id, [{ memo, author }]);
  }
  return out;
}

/** One code in tree order. */
export interface TreeEntry {
  readonly code: Code;
  /** 0 for top-level codes. */
  readonly depth: number;
  /** Names from the top down to this code. */
  readonly path: readonly string[];
  /** Outline number, e.g. `2.1.3`. */
  readonly number: string;
  readonly children: readonly Code[];
}

/**
 * Codes depth first in display order (siblings by `order`, then name), with depth, name path and
 * outline number. Codes with a missing parent or in a cycle come out as top-level codes.
 *
 * @example
 * walkCodeTree(codes).map((e) => `${e.number} ${e.path.join(' / ')}`) // → ['1 Risk', '1.1 Risk / Vaccine', …]
 */
export function walkCodeTree(codes: readonly Code[]): TreeEntry[] {
  const ids = new Set(codes.map((c) => c.id));
  const byParent = childrenByParent(codes);
  const sorted = [...codes].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const roots = sorted.filter((c) => c.parentId === null || !ids.has(c.parentId));
  const visited = new Set<CodeId>();
  const entries: TreeEntry[] = [];
  const visit = (top: Code, index: number) => {
    const stack: { code: Code; depth: number; path: string[]; number: string }[] = [{ code: top, depth: 0, path: [top.name], number: String(index) }];
    while (stack.length) {
      const item = stack.pop()!;
      if (visited.has(item.code.id)) continue;
      visited.add(item.code.id);
      const children = (byParent.get(item.code.id) ?? []).filter((c) => !visited.has(c.id));
      entries.push({ code: item.code, depth: item.depth, path: item.path, number: item.number, children });
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i]!;
        stack.push({ code: child, depth: item.depth + 1, path: [...item.path, child.name], number: `${item.number}.${i + 1}` });
      }
    }
  };
  let index = 0;
  for (const root of roots) visit(root, ++index);
  // Whatever is left sits in a parent cycle: each cycle is cut at its first code in display order.
  for (const code of sorted) if (!visited.has(code.id)) visit(code, ++index);
  return entries;
}

/** How often a code was applied: segments, and distinct documents they are in. */
export interface CodeUsage {
  readonly codings: number;
  readonly documents: number;
}

/** Usage per code id (codes never applied are absent). */
export function codeUsage(segments: readonly Segment[] = []): Map<CodeId, CodeUsage> {
  const docs = new Map<CodeId, Set<DocumentId>>();
  const counts = new Map<CodeId, number>();
  for (const segment of segments) {
    counts.set(segment.codeId, (counts.get(segment.codeId) ?? 0) + 1);
    let set = docs.get(segment.codeId);
    if (!set) docs.set(segment.codeId, (set = new Set()));
    set.add(segment.documentId);
  }
  const usage = new Map<CodeId, CodeUsage>();
  for (const [id, codings] of counts) usage.set(id, { codings, documents: docs.get(id)!.size });
  return usage;
}

/** Examples stored on a code: one per line, blank lines dropped. */
export function exampleLines(code: Pick<Code, 'examples'>): string[] {
  return code.examples.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}
