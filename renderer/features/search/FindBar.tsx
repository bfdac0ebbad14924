/**
 * The find bar over the open document (Ctrl/⌘+F, Edit → Find in document…): a query, the mode
 * (words, exact phrase, regular expression), Match case and Whole words; "3 of 17"; Enter / F3
 * for the next hit, Shift+Enter / Shift+F3 for the previous; Escape closes it and clears the
 * paint. The hits are painted with highlights of their own (searchHighlights.ts) and listed as
 * keyword-in-context; clicking one scrolls to it.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { keywordInContext, type SearchMode } from '../../../shared/retrieval/textSearch.ts';
import type { HighlightPainter } from '../../editor/highlightPainter.ts';
import { SearchHighlights } from '../../editor/searchHighlights.ts';
import { HIT_LIMIT, useFindInDocument } from './useFindInDocument.ts';
import './findBar.css';

/** The most keyword-in-context rows listed (the count still says how many hits there are). */
const LIST_CAP = 300;

export interface FindBarProps {
  /** The stored text of the open document: hits are offsets into it. */
  text: string;
  /** The open document's painter: the hits are painted over the document it renders. */
  painterRef: { current: HighlightPainter | null };
}

export function FindBar({ text, painterRef }: FindBarProps) {
  const find = useFindInDocument(text);
  const { state, hits, error, current } = find;
  const inputRef = useRef<HTMLInputElement>(null);
  const [paint, setPaint] = useState<SearchHighlights | null>(null);
  const [isListOpen, setListOpen] = useState(false);

  useLayoutEffect(() => {
    const highlights = new SearchHighlights();
    setPaint(highlights);
    return () => highlights.dispose();
  }, []);

  useEffect(() => {
    if (find.focusRequest === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [find.focusRequest]);

  // Paint the hits (and the current one) while the bar is open; scroll to the current hit.
  useLayoutEffect(() => {
    if (!paint) return;
    const doc = painterRef.current?.rendered;
    if (!doc || !state.isOpen) {
      paint.clear();
      return;
    }
    paint.show(doc, hits, current);
    const hit = hits[current];
    if (hit) paint.reveal(doc, hit);
  }, [paint, painterRef, text, hits, current, state.isOpen]);

  if (!state.isOpen) return null;

  const close = () => {
    find.close();
    // Back to the document, where the researcher was reading.
    document.querySelector<HTMLElement>('.document-scroller')?.focus({ preventScroll: true });
  };
  const countText = error ? '' : hits.length === 0 ? (state.text.trim() ? 'No matches' : '') : `${current + 1} of ${hits.length >= HIT_LIMIT ? `${HIT_LIMIT.toLocaleString('en')}+` : hits.length}`;

  return (
    <div
      className="find-bar"
      role="search"
      aria-label="Find in document"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
      }}
    >
      <div className="find-bar-row">
        <input
          ref={inputRef}
          type="search"
          className="find-bar-query"
          aria-label="Find"
          placeholder="Find in document"
          value={state.text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'find-bar-error' : undefined}
          onChange={(event) => find.update({ text: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              find.step(event.shiftKey ? -1 : 1);
            }
          }}
        />
        <span className="find-bar-count" data-testid="find-count" aria-live="polite">
          {countText}
        </span>
        <button type="button" aria-label="Previous match (Shift+F3)" title="Previous match (Shift+F3)" disabled={hits.length === 0} onClick={() => find.step(-1)}>
          ↑
        </button>
        <button type="button" aria-label="Next match (F3)" title="Next match (F3)" disabled={hits.length === 0} onClick={() => find.step(1)}>
          ↓
        </button>
        <button type="button" aria-label="Close find" title="Close (Escape)" onClick={close}>
          ×
        </button>
      </div>
      <div className="find-bar-row find-bar-options">
        <select aria-label="Search mode" value={state.mode} onChange={(event) => find.update({ mode: event.target.value as SearchMode })}>
          <option value="words">Words</option>
          <option value="phrase">Exact phrase</option>
          <option value="regex">Regular expression</option>
        </select>
        <label>
          <input type="checkbox" checked={state.caseSensitive} onChange={(event) => find.update({ caseSensitive: event.target.checked })} /> Match case
        </label>
        <label>
          <input type="checkbox" checked={state.wholeWord} onChange={(event) => find.update({ wholeWord: event.target.checked })} /> Whole words
        </label>
      </div>
      {error && (
        <p className="find-bar-error" id="find-bar-error" role="alert">
          {error}
        </p>
      )}
      {hits.length > 0 && (
        <details className="find-bar-hits" open={isListOpen} onToggle={(event) => setListOpen(event.currentTarget.open)}>
          <summary>Matches in context</summary>
          {isListOpen && (
            <ol aria-label="Matches in context">
              {hits.slice(0, LIST_CAP).map((hit, index) => {
                const kwic = keywordInContext(text, hit, 40);
                return (
                  <li key={`${hit.start}-${hit.end}`}>
                    <button type="button" aria-current={index === current ? 'true' : undefined} onClick={() => find.setCurrent(index)}>
                      <span className="kwic-before">{kwic.before}</span>
                      <mark>{kwic.hit}</mark>
                      <span className="kwic-after">{kwic.after}</span>
                    </button>
                  </li>
                );
              })}
              {hits.length > LIST_CAP && <li className="muted">…and {(hits.length - LIST_CAP).toLocaleString('en')} more (step with F3)</li>}
            </ol>
          )}
        </details>
      )}
    </div>
  );
}
