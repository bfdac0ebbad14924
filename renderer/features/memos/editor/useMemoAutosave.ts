/**
 * Saving a memo without a button: every change is queued and stored through `saveMemoContent`
 * 400 ms after typing pauses (and at least once a second while it goes on), and flushed at once
 * when the memo loses focus, the page is hidden, unloaded or reloaded, and when the pane closes.
 *
 * As the page goes away (reload, close), awaiting an IndexedDB write is not possible: the last
 * change is then written synchronously (saveMemoContentAsPageCloses) over the row as last read.
 *
 * Invariant: `state` is 'saved' only once every change made so far has been written (the save's
 * IndexedDB transaction completed), so the "Saved" the pane shows is a promise kept.
 */
import { $getRoot, type EditorState } from 'lexical';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Memo } from '../../../../shared/model/index.ts';
import { saveMemoContentAsPageCloses, type MemoDraft } from '../../../db/memoRepository.ts';
import { useWorkspace } from '../../../ui/workspace.tsx';
import { useMemoActions } from '../useMemos.ts';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

/** Typing pauses this long before a save. */
export const SAVE_DEBOUNCE_MS = 400;
/** Typing that goes on is saved at least this often. */
export const SAVE_MAX_WAIT_MS = 1000;

interface PendingChange {
  title?: string;
  editorState?: EditorState;
}

/** The memo's stored form of an editor state: the contract's JSON and its text content. */
export function serializeMemo(editorState: EditorState): Required<Pick<MemoDraft, 'content' | 'plainText'>> {
  return { content: JSON.stringify(editorState.toJSON()), plainText: editorState.read(() => $getRoot().getTextContent()) };
}

export function useMemoAutosave(memo: Memo) {
  const memoId = memo.id;
  const { db } = useWorkspace();
  const { save } = useMemoActions();
  // The row as last read, for the synchronous write as the page closes.
  const row = useRef(memo);
  useLayoutEffect(() => {
    row.current = memo;
  }, [memo]);
  // Saves queued before a synchronous write as the page closed must not land after it.
  const closedAtTicket = useRef(0);
  // Everything sent to be saved so far, newer than `row` until the live read catches up.
  const sent = useRef<MemoDraft>({});
  const [state, setState] = useState<SaveState>('saved');
  const pending = useRef<PendingChange | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstUnsavedAt = useRef<number | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const latestSave = useRef(0);
  // Timers and page events call the current `flush` through this.
  const flushRef = useRef<() => Promise<void>>(() => Promise.resolve());

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    firstUnsavedAt.current = null;
    const change = pending.current;
    if (!change) return queue.current;
    pending.current = null;
    const patch: MemoDraft = change.editorState ? serializeMemo(change.editorState) : {};
    if (change.title !== undefined) patch.title = change.title;
    sent.current = { ...sent.current, ...patch };
    const ticket = ++latestSave.current;
    setState('saving');
    // Saves run one after another, so an older save can never land after a newer one.
    queue.current = queue.current.then(() =>
      (ticket <= closedAtTicket.current ? Promise.resolve() : save(memoId, patch)).then(
        () => {
          if (ticket === latestSave.current && !pending.current) setState('saved');
        },
        () => {
          // Keep the words: put them back under anything typed since, and try again shortly.
          pending.current = { ...change, ...pending.current };
          setState('failed');
          timer.current = setTimeout(() => void flushRef.current(), 2000);
        },
      ),
    );
    return queue.current;
  }, [memoId, save]);
  useLayoutEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const schedule = useCallback((change: PendingChange) => {
    pending.current = { ...pending.current, ...change };
    setState('unsaved');
    const at = performance.now();
    firstUnsavedAt.current ??= at;
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(SAVE_DEBOUNCE_MS, firstUnsavedAt.current + SAVE_MAX_WAIT_MS - at));
    timer.current = setTimeout(() => void flushRef.current(), wait);
  }, []);

  /** Writes the pending change synchronously, as the page unloads. */
  const flushAsPageCloses = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    firstUnsavedAt.current = null;
    const change = pending.current;
    if (!change) return;
    const patch: MemoDraft = change.editorState ? serializeMemo(change.editorState) : {};
    if (change.title !== undefined) patch.title = change.title;
    // Everything queued so far is older than this write: a save still waiting would undo it.
    closedAtTicket.current = latestSave.current;
    if (saveMemoContentAsPageCloses(db, { ...row.current, ...sent.current }, patch)) pending.current = null;
  }, [db]);
  const flushAsPageClosesRef = useRef(flushAsPageCloses);
  useLayoutEffect(() => {
    flushAsPageClosesRef.current = flushAsPageCloses;
  }, [flushAsPageCloses]);

  useEffect(() => {
    const flushNow = () => void flushRef.current();
    const flushAsPageCloses = () => flushAsPageClosesRef.current();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushNow();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flushAsPageCloses);
    window.addEventListener('beforeunload', flushAsPageCloses);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flushAsPageCloses);
      window.removeEventListener('beforeunload', flushAsPageCloses);
      // Closing the pane (or switching memo) stores what is still queued.
      flushNow();
    };
  }, []);

  return { state, schedule, flush };
}
