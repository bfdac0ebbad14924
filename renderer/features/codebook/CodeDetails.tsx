/**
 * The selected code's details: name, colour, kind and the codebook entry a coding manual
 * needs (description, definition, inclusion and exclusion criteria, anchor examples).
 *
 * Text fields keep a local draft while focused and save when they lose focus, or after a
 * pause in typing: one undo step per edit, never one per keystroke. Undo or a change made
 * elsewhere shows up in a field as soon as it is not being edited.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { Code } from '../../../shared/model/index.ts';
import { PATH_SEPARATOR, subtreeCounts } from './codeTreeView.ts';
import { codeNamePath } from '../../../shared/coding/codeTree.ts';
import type { CodePatch } from '../../db/codeRepository.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { ColourSwatches } from './ColourSwatches.tsx';
import { FolderIcon } from './icons.tsx';
import { NUMBERED_CODE_LIMIT, quickKeyCodes, quickKeyOf } from './numberedCodes.ts';
import { useCodebook, useCodebookActions, type CodebookActions } from './useCodebook.ts';
import { MemoList } from '../../editor/memoMarks/MemoList.tsx';
import { useMemoIndex } from '../memos/marks/memoIndex.tsx';
import './codebook.css';

/** How long typing may pause before a field saves on its own. */
const SAVE_AFTER_MS = 1500;

export function CodeDetails() {
  const { selectedCodeId } = useWorkspace();
  const { codes, counts } = useCodebook();
  const actions = useCodebookActions();
  const code = selectedCodeId ? codes?.find((c) => c.id === selectedCodeId) : undefined;

  if (!code || !codes) {
    return (
      <div className="code-details is-empty">
        <h2 className="panel-title">Code details</h2>
        <p className="muted code-details-placeholder">Select a code in the codebook to read and edit its definition.</p>
      </div>
    );
  }
  // Keyed by code: switching codes saves the open edit of the previous one and starts afresh.
  return <CodeDetailsForm key={code.id} code={code} codes={codes} counts={counts} actions={actions} />;
}

interface CodeDetailsFormProps {
  code: Code;
  codes: Code[];
  counts: ReadonlyMap<string, number>;
  actions: CodebookActions;
}

type TextField = 'description' | 'definition' | 'inclusion' | 'exclusion' | 'examples';

const TEXT_FIELDS: { field: TextField; label: string; hint: string; rows: number }[] = [
  { field: 'description', label: 'Description', hint: 'What the code is about, in a sentence or two.', rows: 2 },
  { field: 'definition', label: 'Definition', hint: 'The rule coders follow: when this code applies.', rows: 4 },
  { field: 'inclusion', label: 'Inclusion criteria', hint: 'Passages that belong here, even when it is not obvious.', rows: 3 },
  { field: 'exclusion', label: 'Exclusion criteria', hint: 'Passages that look alike but belong elsewhere (say where).', rows: 3 },
  { field: 'examples', label: 'Examples', hint: 'Anchor examples from the texts, one per line.', rows: 4 },
];

function CodeDetailsForm({ code, codes, counts, actions }: CodeDetailsFormProps) {
  const baseId = useId();
  const { writeMemo, openMemo } = useWorkspace();
  const memos = useMemoIndex().onTarget(code.id);
  const save = (patch: CodePatch) => void actions.update(code.id, patch);
  const path = codeNamePath(codes, code.id);
  const own = counts.get(code.id) ?? 0;
  const total = useMemo(() => subtreeCounts(codes, counts).get(code.id) ?? 0, [codes, counts, code.id]);
  const numberKey = useMemo(() => quickKeyOf(codes).get(code.id) ?? 0, [codes, code.id]);
  // A name saves only when the field is left (or Enter): half-typed names would rename the tree.
  const name = useDraftText(
    code.name,
    (value) => {
      if (value.trim() && value.trim() !== code.name) void actions.rename(code, value);
    },
    { saveWhileTyping: false },
  );

  return (
    <div className="code-details">
      <div className="code-details-head">
        <h2 id={`${baseId}-heading`} className="panel-title">
          {code.isCodable ? 'Code' : 'Category'}
        </h2>
        {path.length > 1 && (
          <p className="code-details-path" title={path.join(PATH_SEPARATOR)}>
            {path.slice(0, -1).join(PATH_SEPARATOR)}
            {PATH_SEPARATOR}
          </p>
        )}
      </div>

      <div className="code-details-body">
        <div className="code-field">
          <label htmlFor={`${baseId}-name`}>Name</label>
          <div className="code-details-name">
            {code.isCodable ? <span className="color-dot" style={{ background: code.color }} aria-hidden="true" /> : <FolderIcon color={code.color} />}
            <input
              id={`${baseId}-name`}
              type="text"
              {...name.inputProps}
              onKeyDown={(event) => {
                if (event.key === 'Enter') event.currentTarget.blur();
                else if (event.key === 'Escape') {
                  name.revert();
                  event.currentTarget.blur();
                }
              }}
            />
          </div>
        </div>

        <p className="code-details-stats">
          <span>
            <strong>{own}</strong> {own === 1 ? 'coding' : 'codings'}
          </span>
          {total > own && (
            <span>
              <strong>{total}</strong> with sub-codes
            </span>
          )}
          {numberKey > 0 && (
            <span>
              key <kbd>{numberKey}</kbd> applies it
            </span>
          )}
        </p>

        <div className="code-details-memos">
          <button type="button" onClick={() => void writeMemo({ kind: 'code', id: code.id })}>
            Add memo
          </button>
          <MemoList memos={memos} onOpen={openMemo} />
        </div>

        <div className="code-field">
          <label htmlFor={`${baseId}-colour`}>Colour</label>
          <div className="code-details-colour">
            <ColourInput id={`${baseId}-colour`} value={code.color} onCommit={(color) => void actions.recolour(code, color)} />
            <ColourSwatches label="Palette" value={code.color} onPick={(color) => void actions.recolour(code, color)} />
          </div>
        </div>

        {code.isCodable && <QuickKeyField id={`${baseId}-quick-key`} code={code} codes={codes} actions={actions} />}

        <fieldset className="code-field code-details-kind">
          <legend>Kind</legend>
          <label>
            <input type="radio" name={`${baseId}-kind`} checked={code.isCodable} onChange={() => void actions.setCodable(code, true)} /> Code
            <span className="muted"> — applied to text</span>
          </label>
          <label>
            <input type="radio" name={`${baseId}-kind`} checked={!code.isCodable} disabled={code.isCodable && own > 0} onChange={() => void actions.setCodable(code, false)} /> Category
            <span className="muted"> — only groups codes{code.isCodable && own > 0 ? ' (not while it has codings)' : ''}</span>
          </label>
        </fieldset>

        {TEXT_FIELDS.map(({ field, label, hint, rows }) => (
          <CodeTextField key={field} id={`${baseId}-${field}`} label={label} hint={hint} rows={rows} value={code[field]} onSave={(value) => save({ [field]: value })} />
        ))}
      </div>
    </div>
  );
}

/** The code's quick key: 1–9 (each option names the code holding it now) or none. */
function QuickKeyField({ id, code, codes, actions }: { id: string; code: Code; codes: Code[]; actions: CodebookActions }) {
  const holders = useMemo(() => quickKeyCodes(codes), [codes]);
  const current = quickKeyOf(codes).get(code.id) ?? null;
  const keys = Array.from({ length: NUMBERED_CODE_LIMIT }, (_, i) => i + 1);
  return (
    <div className="code-field">
      <label htmlFor={id}>Quick key</label>
      <p id={`${id}-hint`} className="code-field-hint">
        Pressed over selected text, the key applies this code. A key another code holds moves here.
      </p>
      <select
        id={id}
        className="code-details-quick-key"
        aria-describedby={`${id}-hint`}
        value={current ?? ''}
        onChange={(event) => {
          const key = event.target.value === '' ? null : Number(event.target.value);
          void actions.setQuickKey(code, key, key === null ? undefined : holders.get(key));
        }}
      >
        <option value="">No key</option>
        {keys.map((key) => {
          const holder = holders.get(key);
          return (
            <option key={key} value={key}>
              {holder && holder.id !== code.id ? `${key} (now “${holder.name}”)` : `${key}`}
            </option>
          );
        })}
      </select>
    </div>
  );
}

function CodeTextField({ id, label, hint, rows, value, onSave }: { id: string; label: string; hint: string; rows: number; value: string; onSave(value: string): void }) {
  const draft = useDraftText(value, onSave);
  return (
    <div className="code-field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="code-field-hint">
        {hint}
      </p>
      <textarea id={id} rows={rows} aria-describedby={`${id}-hint`} {...draft.inputProps} />
    </div>
  );
}

/**
 * A text field's draft: shows the stored value until the field is focused, then the draft;
 * saves when the field loses focus, after `SAVE_AFTER_MS` without typing (unless
 * `saveWhileTyping` is false), and on unmount.
 */
function useDraftText(value: string, save: (value: string) => void, { saveWhileTyping = true } = {}) {
  const [draft, setDraft] = useState<string | null>(null);
  const draftRef = useRef<string | null>(null);
  const savedRef = useRef(value);
  const saveRef = useRef(save);
  const timerRef = useRef<number | undefined>(undefined);
  saveRef.current = save;
  useLayoutEffect(() => {
    if (draftRef.current === null) savedRef.current = value;
  }, [value]);

  const flush = () => {
    window.clearTimeout(timerRef.current);
    const text = draftRef.current;
    if (text !== null && text !== savedRef.current) {
      savedRef.current = text;
      saveRef.current(text);
    }
  };

  // Leaving the code (or the app unmounting the panel) keeps what was typed.
  useEffect(() => flush, []);

  return {
    revert() {
      window.clearTimeout(timerRef.current);
      draftRef.current = null;
      setDraft(null);
    },
    inputProps: {
      value: draft ?? value,
      onFocus() {
        draftRef.current = value;
        savedRef.current = value;
        setDraft(value);
      },
      onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) {
        draftRef.current = event.target.value;
        setDraft(event.target.value);
        window.clearTimeout(timerRef.current);
        if (saveWhileTyping) timerRef.current = window.setTimeout(flush, SAVE_AFTER_MS);
      },
      onBlur() {
        flush();
        draftRef.current = null;
        setDraft(null);
      },
    },
  };
}

/**
 * The native colour input, saved once when the chooser closes (its `change` event) rather than
 * on every `input` event while the researcher drags through colours.
 */
function ColourInput({ id, value, onCommit }: { id: string; value: string; onCommit(color: string): void }) {
  const ref = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const commitRef = useRef(onCommit);
  commitRef.current = onCommit;
  useEffect(() => {
    const input = ref.current!;
    const onChange = () => {
      setPreview(null);
      commitRef.current(input.value);
    };
    input.addEventListener('change', onChange);
    return () => input.removeEventListener('change', onChange);
  }, []);
  return <input ref={ref} id={id} type="color" className="code-colour-input" value={preview ?? value} onChange={(event) => setPreview(event.target.value)} />;
}
