/** Short messages at the bottom of the window: confirmations fade, errors stay until dismissed. */
import { useCallback, useRef, useState } from 'react';
import type { NoticeAction, NoticeKind } from './workspace.tsx';

export interface Notice {
  id: number;
  message: string;
  kind: NoticeKind;
  /** A button on the notice, e.g. Undo for the step it reports. */
  action?: NoticeAction | undefined;
}

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (message: string, kind: NoticeKind = 'info', action?: NoticeAction) => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-3), { id, message, kind, action }]);
      // A notice with a button stays long enough to reach the button.
      if (kind === 'info') setTimeout(() => dismiss(id), action ? 8000 : 4000);
    },
    [dismiss],
  );
  return { notices, notify, dismiss };
}
