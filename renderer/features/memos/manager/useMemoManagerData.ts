/**
 * The memo manager's data: every memo of the project, indexed for search (shared/memos/query.ts)
 * together with the documents, codes, segments and coders their labels need, kept current.
 *
 * The index is rebuilt when any of these change, reusing the normalised text of every memo whose
 * title and text did not (so typing in one memo re-normalises one memo, not ten thousand). The
 * rows paint first; the normalised text for search is then prepared in idle time, a slice at a
 * time, so the first search finds it ready and no frame waits for it.
 * Components call this hook; only hooks call the repositories.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef } from 'react';
import type { Code, Coder, Segment } from '../../../../shared/model/index.ts';
import { indexMemos, prepareSearch, type MemoIndex, type MemoLookups } from '../../../../shared/memos/query.ts';
import type { DocumentRow } from '../../../db/database.ts';
import { listSegmentsOfProject } from '../../../db/segmentRepository.ts';
import { useCodebook } from '../../codebook/useCodebook.ts';
import { useCoders } from '../../coders/useCoders.ts';
import { useDocuments } from '../../documents/useDocuments.ts';
import { useWorkspace } from '../../../ui/workspace.tsx';
import { useNewestMemos, useProjectMemos } from '../useMemos.ts';

/** How many of the newest memos are shown while the whole list is still being read. */
const FIRST_SCREEN = 60;

export interface MemoManagerData {
  /** `undefined` until the memos (and what they point to) have been read once. */
  index: MemoIndex | undefined;
  /**
   * True while `index` holds only the newest memos: a project with thousands of memos shows its
   * first screen at once, and the whole list (for sorting, filters and search) when it is read.
   */
  isPartial: boolean;
  lookups: MemoLookups;
  documents: readonly DocumentRow[];
  codes: readonly Code[];
  coders: readonly Coder[];
}

const NONE: never[] = [];

/** The project's segments, kept current (only what a memo label needs is read from them). */
function useProjectSegments(): Segment[] | undefined {
  const { db, project } = useWorkspace();
  return useLiveQuery(() => listSegmentsOfProject(db, project.id), [db, project.id]);
}

export function useMemoManagerData(): MemoManagerData {
  const allMemos = useProjectMemos();
  const newest = useNewestMemos(FIRST_SCREEN);
  const isPartial = allMemos === undefined;
  const memos = allMemos ?? newest;
  const { documents } = useDocuments();
  const { codes } = useCodebook();
  const coders = useCoders();
  const segments = useProjectSegments();

  const lookups = useMemo<MemoLookups>(
    () => ({
      documents: new Map((documents ?? NONE).map((d) => [d.id as string, d])),
      codes: codes ?? NONE,
      segments: new Map((segments ?? NONE).map((s) => [s.id as string, s])),
      coders: new Map((coders ?? NONE).map((c) => [c.id as string, c])),
    }),
    [documents, codes, segments, coders],
  );

  const previous = useRef<MemoIndex | undefined>(undefined);
  const isReady = memos !== undefined && documents !== undefined && codes !== undefined && segments !== undefined && coders !== undefined;
  const index = useMemo(() => {
    if (!isReady) return undefined;
    const next = indexMemos(memos, lookups, previous.current);
    return next;
  }, [isReady, memos, lookups]);
  // Remembered after render so the next index can reuse this one's normalised text.
  previous.current = index ?? previous.current;

  usePrepareSearchWhenIdle(isPartial ? undefined : index);

  return { index, isPartial, lookups, documents: documents ?? NONE, codes: codes ?? NONE, coders: coders ?? NONE };
}

/** How many memos one idle slice normalises (about 4 ms of work for memos of average length). */
const SLICE = 100;

function usePrepareSearchWhenIdle(index: MemoIndex | undefined): void {
  useEffect(() => {
    if (!index) return;
    let next = 0;
    let handle = 0;
    const hasIdle = typeof requestIdleCallback === 'function';
    const work = (deadline?: IdleDeadline) => {
      do next = prepareSearch(index, next, SLICE);
      while (next < index.entries.length && deadline && deadline.timeRemaining() > 5);
      if (next < index.entries.length) schedule();
    };
    const schedule = () => {
      handle = hasIdle ? requestIdleCallback(work, { timeout: 1000 }) : window.setTimeout(work, 16);
    };
    schedule();
    return () => (hasIdle ? cancelIdleCallback(handle) : clearTimeout(handle));
  }, [index]);
}
