/**
 * The notices at the bottom of the window (see notices.ts for the rules). Each information
 * notice runs its own fade timer, stopped while the pointer is over it or the focus is in it,
 * so a researcher reading or tabbing to its button does not lose it.
 */
import { useEffect, useState } from 'react';
import { NOTICE_FADE_MS, type Notice } from './notices.ts';

interface NoticeStackProps {
  notices: readonly Notice[];
  dismiss(id: number): void;
}

export function NoticeStack({ notices, dismiss }: NoticeStackProps) {
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <NoticeView key={notice.id} notice={notice} dismiss={dismiss} />
      ))}
    </div>
  );
}

function NoticeView({ notice, dismiss }: { notice: Notice; dismiss(id: number): void }) {
  const [isHovered, setHovered] = useState(false);
  const [isFocused, setFocused] = useState(false);
  const isHeld = isHovered || isFocused;

  useEffect(() => {
    if (notice.kind !== 'info' || isHeld) return;
    // Restarts in full after a hover: the researcher was reading it.
    const timer = setTimeout(() => dismiss(notice.id), NOTICE_FADE_MS);
    return () => clearTimeout(timer);
  }, [notice, isHeld, dismiss]);

  return (
    <div
      className={`notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <span>{notice.message}</span>
      {notice.action && (
        <button
          type="button"
          className="notice-action"
          onClick={() => {
            dismiss(notice.id);
            notice.action?.run();
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>×</button>
    </div>
  );
}
