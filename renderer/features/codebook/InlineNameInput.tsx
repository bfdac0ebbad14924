/**
 * The name field inside a codebook row, for renaming a code and for naming a new one: it takes
 * focus with its text selected, Enter commits, Escape cancels, and leaving the field commits.
 * It ends exactly once, however it ends (Enter then the blur it causes count as one).
 */
import { useLayoutEffect, useRef } from 'react';

interface InlineNameInputProps {
  initialValue: string;
  /** The field's accessible name, e.g. "New name for Agency". */
  label: string;
  placeholder?: string;
  /** Scroll the field into view when it appears (a new row may be below the fold). */
  scrollIntoView?: boolean;
  /**
   * `value` is null when the edit was cancelled (Escape); `focus` is false when the field lost
   * focus to something else, so focus stays where the researcher clicked.
   */
  onEnd(value: string | null, focus: boolean): void;
}

export function InlineNameInput({ initialValue, label, placeholder, scrollIntoView = false, onEnd }: InlineNameInputProps) {
  const ref = useRef<HTMLInputElement>(null);
  const doneRef = useRef(false);
  useLayoutEffect(() => {
    ref.current?.focus();
    ref.current?.select();
    if (scrollIntoView) ref.current?.scrollIntoView({ block: 'nearest' });
    // Only when the field appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const finish = (commit: boolean, focus: boolean) => {
    if (doneRef.current) return;
    doneRef.current = true;
    onEnd(commit ? (ref.current?.value ?? initialValue) : null, focus);
  };
  return (
    <input
      ref={ref}
      type="text"
      className="code-row-input"
      aria-label={label}
      placeholder={placeholder}
      defaultValue={initialValue}
      onKeyDown={(event) => {
        // The tree's own keys (arrows, Delete, letters) must not act while typing a name.
        event.stopPropagation();
        if (event.key === 'Enter') finish(true, true);
        else if (event.key === 'Escape') finish(false, true);
      }}
      onBlur={() => finish(true, false)}
      onClick={(event) => event.stopPropagation()}
    />
  );
}
