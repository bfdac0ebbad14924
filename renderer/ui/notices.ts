/**
 * Short messages at the bottom of the window. Information fades by itself (after
 * NOTICE_FADE_MS, paused while the pointer or the focus is on it); errors stay until dismissed.
 * At most MAX_NOTICES show at once: the oldest information goes first, errors are kept over
 * information. A notice may carry one action button ("Undo", "Show"), which runs and dismisses.
 */
import { useCallback, useRef, useState } from 'react';
import type { NoticeAction, NoticeKind } from './workspace.tsx';

export interface Notice {
  id: number;
  message: string;
  kind: NoticeKind;
  action?: NoticeAction;
}

export const MAX_NOTICES = 3;
/** How long information stays while nobody looks at it. */
export const NOTICE_FADE_MS = 5000;

/**
 * The notices to show once `incoming` arrives: at most `max`, dropping the oldest information
 * first, and the oldest error only when there is nothing but errors.
 *
 * @example stackNotices([info1, info2, error3], info4) // [info2, error3, info4]
 */
export function stackNotices(shown: readonly Notice[], incoming: Notice, max = MAX_NOTICES): Notice[] {
  const next = [...shown, incoming];
  while (next.length > max) {
    const oldestInfo = next.findIndex((notice) => notice.kind === 'info');
    next.splice(oldestInfo >= 0 ? oldestInfo : 0, 1);
  }
  return next;
}

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback((message: string, kind: NoticeKind = 'info', action?: NoticeAction) => {
    const notice: Notice = { id: nextId.current++, message, kind, ...(action ? { action } : {}) };
    setNotices((list) => stackNotices(list, notice));
  }, []);
  return { notices, notify, dismiss };
}
