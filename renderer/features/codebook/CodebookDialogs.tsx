/**
 * The codebook's dialogs and the summaries shown inside them: recolouring a code, choosing its
 * quick key, and what a delete or a merge takes with it.
 */
import { useEffect, useRef } from 'react';
import type { Code } from '../../../shared/model/index.ts';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { ColourSwatches } from './ColourSwatches.tsx';
import { plural } from './codeTreeView.ts';
import { NUMBERED_CODE_LIMIT, quickKeyCodes } from './numberedCodes.ts';

export function RecolourDialog({ code, onPick, onClose }: { code: Code; onPick(color: string): void; onClose(): void }) {
  const customRef = useRef<HTMLInputElement>(null);
  // The native `change` event fires once when the colour chooser closes: one undo step.
  useEffect(() => {
    const input = customRef.current!;
    const onChange = () => onPick(input.value);
    input.addEventListener('change', onChange);
    return () => input.removeEventListener('change', onChange);
  }, [onPick]);
  return (
    <ModalDialog labelledBy="recolour-title" onClose={onClose} className="codebook-dialog">
      <h2 id="recolour-title" className="codebook-dialog-title">
        Colour of “{code.name}”
      </h2>
      <ColourSwatches
        label="Palette"
        value={code.color}
        autoFocus
        onPick={(color) => {
          onPick(color);
          onClose();
        }}
      />
      <label className="codebook-dialog-custom">
        Custom colour <input ref={customRef} type="color" defaultValue={code.color} />
      </label>
      <div className="codebook-dialog-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </ModalDialog>
  );
}

/** What deleting a code takes; `memos` > 0 means the memo question follows (MemoFateDialog). */
export function DeletionSummary({ code, codes, segments, memos }: { code: Code; codes: number; segments: number; memos: number }) {
  const subcodes = codes - 1;
  if (subcodes === 0 && segments === 0) return <p>“{code.name}” has no codings. You can undo this.</p>;
  return (
    <>
      <p>This also deletes:</p>
      <ul className="codebook-dialog-list">
        {subcodes > 0 && <li>{plural(subcodes, 'sub-code')}</li>}
        {segments > 0 && <li>{plural(segments, 'coding')}{subcodes > 0 ? ' (of the code and its sub-codes)' : ''}</li>}
      </ul>
      <p className="muted">{memos > 0 ? 'You can undo this.' : 'No memos are written on them. You can undo this.'}</p>
    </>
  );
}

export function MergeSummary({ code, codings, subcodes }: { code: Code; codings: number; subcodes: number }) {
  const parts = [codings > 0 ? plural(codings, 'coding') : '', subcodes > 0 ? plural(subcodes, 'sub-code') : ''].filter(Boolean).join(' and ');
  if (!parts) return <>“{code.name}” has no codings or sub-codes; merging removes it.</>;
  const verb = codings + subcodes === 1 ? 'moves' : 'move';
  return (
    <>
      Its {parts} {verb} to the code you choose, then “{code.name}” is removed.
    </>
  );
}

/**
 * Chooses the quick key of a code: one button per key 1–9, each naming the code that holds it
 * now (choosing a taken key moves it here), and "No key".
 */
export function QuickKeyDialog({ code, codes, onPick, onClose }: { code: Code; codes: readonly Code[]; onPick(key: number | null, holder: Code | undefined): void; onClose(): void }) {
  const holders = quickKeyCodes(codes);
  const current = [...holders].find(([, c]) => c.id === code.id)?.[0] ?? null;
  const pick = (key: number | null) => {
    onPick(key, key === null ? undefined : holders.get(key));
    onClose();
  };
  const keys = Array.from({ length: NUMBERED_CODE_LIMIT }, (_, i) => i + 1);
  return (
    <ModalDialog labelledBy="quick-key-title" describedBy="quick-key-help" onClose={onClose} className="codebook-dialog quick-key-dialog">
      <h2 id="quick-key-title" className="codebook-dialog-title">
        Quick key of “{code.name}”
      </h2>
      <p id="quick-key-help" className="muted">
        With text selected, pressing the key applies the code. A key another code holds moves to this one.
      </p>
      <div className="quick-key-grid" role="group" aria-label="Quick keys">
        {keys.map((key) => {
          const holder = holders.get(key);
          const isCurrent = key === current;
          return (
            <button
              key={key}
              type="button"
              className={`quick-key-choice${isCurrent ? ' is-current' : ''}`}
              aria-pressed={isCurrent}
              aria-label={`Key ${key}${holder && !isCurrent ? `, now “${holder.name}”` : ''}`}
              data-autofocus={isCurrent || (current === null && key === 1) ? true : undefined}
              onClick={() => pick(key)}
            >
              <kbd className="code-key">{key}</kbd>
              <span className="quick-key-holder" title={holder?.name}>
                {isCurrent ? 'this code' : (holder?.name ?? 'free')}
              </span>
            </button>
          );
        })}
      </div>
      <div className="codebook-dialog-actions">
        <button type="button" disabled={current === null} onClick={() => pick(null)}>
          No key
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
