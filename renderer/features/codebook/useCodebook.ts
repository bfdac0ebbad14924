/**
 * The codebook's data hooks: live reads of the codes and their coding counts, the codebook
 * actions (each one a repository call wrapped in `workspace.run`, so an error becomes a notice
 * and every change is one undo step), and the remembered collapsed branches.
 *
 * Components call these hooks; only these hooks call the repositories.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Code, CodeId, ProjectId } from '../../../shared/model/index.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import {
  countSegments,
  createCode,
  describeCodeDeletion,
  listCodes,
  mergeCodes,
  moveCode,
  setQuickKey,
  updateCode,
  type CodePatch,
  type NewCode,
} from '../../db/codeRepository.ts';
import { readSetting, writeSetting } from '../../db/settingsRepository.ts';
import { countMemosAffectedByDeleting, deleteCode, type MemoFate } from '../memos/memoFate.ts';

export interface Codebook {
  /** `undefined` while the first read is running. */
  codes: Code[] | undefined;
  /**
   * Codings per code (own codings only; see subtreeCounts for categories), of the coders the
   * coder filter shows.
   */
  counts: ReadonlyMap<string, number>;
  /** Every coder's codings per code (what merging a code moves). */
  allCounts: ReadonlyMap<string, number>;
}

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

/** The project's codes and coding counts, kept current as they change. */
export function useCodebook(): Codebook {
  const { db, project, coder, coderFilter } = useWorkspace();
  const codes = useLiveQuery(() => listCodes(db, project.id), [db, project.id]);
  const counts = useLiveQuery(() => countSegments(db, project.id, { filter: coderFilter, coderId: coder.id }), [db, project.id, coderFilter, coder.id]);
  return { codes, counts: counts?.byCode ?? NO_COUNTS, allCounts: counts?.allByCode ?? NO_COUNTS };
}

function kindWord(fields: { isCodable?: boolean }): string {
  return fields.isCodable === false ? 'category' : 'code';
}

/** Every change the codebook can make, as functions that report their own errors. */
export function useCodebookActions() {
  const { db, project, run } = useWorkspace();

  return useMemo(
    () => ({
      /** Creates a code (or category); resolves to it, or null when it failed (a notice says why). */
      async create(fields: NewCode): Promise<Code | null> {
        const result: { code?: Code } = {};
        await run(async () => {
          result.code = await createCode(db, project.id, fields);
        }, `Created ${kindWord(fields)} “${fields.name.trim()}”.`);
        return result.code ?? null;
      },
      rename(code: Code, name: string): Promise<void> {
        if (name.trim() === code.name) return Promise.resolve();
        return run(() => updateCode(db, code.id, { name }), `Renamed “${code.name}” to “${name.trim()}”.`);
      },
      recolour(code: Code, color: string): Promise<void> {
        if (color.toLowerCase() === code.color.toLowerCase()) return Promise.resolve();
        return run(() => updateCode(db, code.id, { color }));
      },
      setCodable(code: Code, isCodable: boolean): Promise<void> {
        if (code.isCodable === isCodable) return Promise.resolve();
        return run(() => updateCode(db, code.id, { isCodable }), isCodable ? `“${code.name}” is now a code.` : `“${code.name}” is now a category.`);
      },
      /**
       * Pins quick key `key` to the code (null = no key); `holder` is the code that holds the
       * key now, which loses it. One undo step.
       */
      setQuickKey(code: Code, key: number | null, holder?: Code): Promise<void> {
        if ((code.quickKey ?? null) === key) return Promise.resolve();
        const message =
          key === null ? `“${code.name}” has no quick key now.` : holder && holder.id !== code.id ? `Key ${key} moved from “${holder.name}” to “${code.name}”.` : `Key ${key} now applies “${code.name}”.`;
        return run(() => setQuickKey(db, code.id, key), message);
      },
      /** Saves edited fields of the detail panel (quietly: the field itself shows the result). */
      update(id: CodeId, patch: CodePatch): Promise<void> {
        return run(() => updateCode(db, id, patch));
      },
      move(code: Code, parentId: CodeId | null, index: number): Promise<void> {
        return run(() => moveCode(db, code.id, parentId, index), `Moved “${code.name}”.`);
      },
      merge(source: Code, target: Code, codings: number): Promise<void> {
        const moved = codings === 1 ? '1 coding' : `${codings} codings`;
        return run(() => mergeCodes(db, source.id, target.id), `Merged “${source.name}” into “${target.name}” (${moved} moved).`);
      },
      /** Deletes a code and its sub-codes; the memos on them and their codings are kept or deleted (`memoFate`). */
      remove(code: Code, memoFate: MemoFate = 'delete'): Promise<void> {
        const kept = memoFate === 'keep' ? ' Its memos are now project memos.' : '';
        return run(() => deleteCode(db, code.id, memoFate), `Deleted “${code.name}”.${kept}`);
      },
      /** How many codes (the code itself included), codings and memos a delete would take. */
      async describeDeletion(id: CodeId): Promise<{ codes: number; segments: number; memos: number }> {
        const [counts, memos] = await Promise.all([describeCodeDeletion(db, id), countMemosAffectedByDeleting(db, { kind: 'code', id })]);
        return { ...counts, memos };
      },
    }),
    [db, project.id, run],
  );
}

export type CodebookActions = ReturnType<typeof useCodebookActions>;

/** Stored under the `codebookExpanded` setting: the collapsed branches of each project. */
type CodebookExpandedSetting = Record<string, { collapsed: CodeId[] }>;

/**
 * Which branches of the tree are collapsed, remembered per project across reloads (new codes
 * start expanded, so the setting lists the collapsed ones).
 */
export function useCollapsedCodes(): [ReadonlySet<CodeId>, (next: ReadonlySet<CodeId>) => void] {
  const { db, project } = useWorkspace();
  const [state, setState] = useState<{ projectId: ProjectId; collapsed: ReadonlySet<CodeId> }>({ projectId: project.id, collapsed: new Set() });
  const hasChangedRef = useRef(false);

  useEffect(() => {
    let isCurrent = true;
    hasChangedRef.current = false;
    void readSetting<CodebookExpandedSetting>(db, 'codebookExpanded').then((setting) => {
      // A click that came in before the read finished wins over the stored state.
      if (!isCurrent || hasChangedRef.current) return;
      setState({ projectId: project.id, collapsed: new Set(setting?.[project.id]?.collapsed ?? []) });
    });
    return () => {
      isCurrent = false;
    };
  }, [db, project.id]);

  const setCollapsed = useCallback(
    (next: ReadonlySet<CodeId>) => {
      hasChangedRef.current = true;
      setState({ projectId: project.id, collapsed: next });
      void (async () => {
        const setting = (await readSetting<CodebookExpandedSetting>(db, 'codebookExpanded')) ?? {};
        await writeSetting(db, 'codebookExpanded', { ...setting, [project.id]: { collapsed: [...next] } } satisfies CodebookExpandedSetting);
      })();
    },
    [db, project.id],
  );

  const collapsed = state.projectId === project.id ? state.collapsed : EMPTY;
  return [collapsed, setCollapsed];
}

const EMPTY: ReadonlySet<CodeId> = new Set();
