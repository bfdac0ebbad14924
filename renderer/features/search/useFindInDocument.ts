/**
 * The state of the find bar over the open document: the query and its switches, the hits (found
 * in the stored text, so their offsets are exact), which hit is current, and the keys that open
 * the bar and step through hits (Ctrl/⌘+F, F3, Shift+F3). Edit → Find in document… opens it too.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { compileQuery, findHits, SearchQueryError, type SearchHit, type SearchMode } from '../../../shared/retrieval/textSearch.ts';
import { useMenuCommand } from '../../ui/menuCommands.ts';

/** A search stops after this many hits (the count then reads "10,000+"). */
export const HIT_LIMIT = 10_000;

export interface FindState {
  isOpen: boolean;
  text: string;
  mode: SearchMode;
  caseSensitive: boolean;
  wholeWord: boolean;
}

const CLOSED: FindState = { isOpen: false, text: '', mode: 'words', caseSensitive: false, wholeWord: false };

/** True when a key press belongs to a text field other than the find bar's own. */
function isOtherTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || !element.tagName || element.closest('.find-bar')) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export function useFindInDocument(documentText: string) {
  const [state, setState] = useState<FindState>(CLOSED);
  const [current, setCurrent] = useState(-1);
  /** Bumped to ask the bar to focus (and select) its query field. */
  const [focusRequest, setFocusRequest] = useState(0);
  const query = useDeferredValue(state);

  const result = useMemo((): { hits: SearchHit[]; error: string | null } => {
    if (!query.isOpen) return { hits: [], error: null };
    try {
      const pattern = compileQuery(query);
      return { hits: pattern ? findHits(documentText, pattern, HIT_LIMIT) : [], error: null };
    } catch (error) {
      if (error instanceof SearchQueryError) return { hits: [], error: error.message };
      throw error;
    }
  }, [documentText, query]);

  // A new search starts at its first hit.
  useEffect(() => setCurrent(result.hits.length > 0 ? 0 : -1), [result]);

  const open = useCallback(() => {
    setState((s) => ({ ...s, isOpen: true }));
    setFocusRequest((n) => n + 1);
  }, []);
  const close = useCallback(() => setState((s) => ({ ...s, isOpen: false })), []);
  const update = useCallback((change: Partial<Omit<FindState, 'isOpen'>>) => setState((s) => ({ ...s, ...change })), []);

  const count = result.hits.length;
  const step = useCallback(
    (by: 1 | -1) => {
      if (count === 0) return;
      setCurrent((index) => (index < 0 ? 0 : (index + by + count) % count));
    },
    [count],
  );

  useMenuCommand('edit:find', open);

  const latest = useRef({ isOpen: state.isOpen, open, step });
  latest.current = { isOpen: state.isOpen, open, step };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]')) return;
      const primary = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      if (primary && !event.shiftKey && !event.altKey && (event.code === 'KeyF' || event.key.toLowerCase() === 'f')) {
        if (isOtherTextField(event.target)) return;
        // Chromium's own find bar must not open over ours.
        event.preventDefault();
        latest.current.open();
      } else if (event.key === 'F3' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        if (latest.current.isOpen) latest.current.step(event.shiftKey ? -1 : 1);
        else latest.current.open();
      }
    };
    // In the capture phase: panels that stop a key's propagation must not swallow F3.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  return { state, hits: result.hits, error: result.error, current, setCurrent, step, open, close, update, focusRequest };
}
