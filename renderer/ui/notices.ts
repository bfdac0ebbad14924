/** Short messages at the bottom of the window: confirmations fade, errors stay until dismissed. */
import { useCallback, useRef, useState } from 'react';
import type { NoticeKind } from './workspace.tsx';

export interface Notice {
  id: number;
  message: string;
  kind: NoticeKind;
}

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (message: string, kind: NoticeKind = 'info') => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-3), { id, message, kind }]);
      if (kind === 'info') setTimeout(() => dismiss(id), 4000);
    },
    [dismiss],
  );
  return { notices, notify, dismiss };
}
