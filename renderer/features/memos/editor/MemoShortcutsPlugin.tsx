/**
 * The memo editor's keyboard shortcuts beyond Lexical's own (Ctrl+B, Ctrl+I, Ctrl+U, Ctrl+Z,
 * Ctrl+Shift+Z): Ctrl+Alt+1/2/3 headings, Ctrl+Alt+0 plain paragraph, Ctrl+Shift+7 numbered
 * list, Ctrl+Shift+8 bulleted list, Ctrl+Shift+9 block quote, Ctrl+K link, Ctrl+' insert the
 * passage selected in the document. Keys are matched by physical key (`event.code`), so Shift
 * turning 7 into & or Alt into a dead key does not matter. A handled key is not seen by the
 * workbench (its Ctrl+K opens the code picker outside the memo).
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_NORMAL, KEY_DOWN_COMMAND } from 'lexical';
import { useEffect, useRef } from 'react';
import { setBlock, type BlockKind } from './memoFormatting.ts';

export interface MemoShortcutsProps {
  currentBlock: BlockKind;
  onLink(): void;
  onInsertQuote(): void;
}

/** The shortcut of each action, as the toolbar's tooltips show it. */
export const MEMO_SHORTCUTS = {
  bold: 'Ctrl+B',
  italic: 'Ctrl+I',
  h1: 'Ctrl+Alt+1',
  h2: 'Ctrl+Alt+2',
  h3: 'Ctrl+Alt+3',
  paragraph: 'Ctrl+Alt+0',
  number: 'Ctrl+Shift+7',
  bullet: 'Ctrl+Shift+8',
  quote: 'Ctrl+Shift+9',
  link: 'Ctrl+K',
  insertQuote: "Ctrl+'",
} as const;

const HEADING_KEYS: Partial<Record<string, 'h1' | 'h2' | 'h3' | 'paragraph'>> = { Digit1: 'h1', Digit2: 'h2', Digit3: 'h3', Digit0: 'paragraph' };
const BLOCK_KEYS: Partial<Record<string, 'number' | 'bullet' | 'quote'>> = { Digit7: 'number', Digit8: 'bullet', Digit9: 'quote' };

export function MemoShortcutsPlugin(props: MemoShortcutsProps) {
  const [editor] = useLexicalComposerContext();
  const latest = useRef(props);
  latest.current = props;
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event: KeyboardEvent) => {
          const mod = event.ctrlKey || event.metaKey;
          if (!mod) return false;
          const { currentBlock, onLink, onInsertQuote } = latest.current;
          let run: (() => void) | null = null;
          if (event.altKey && !event.shiftKey) {
            const block = HEADING_KEYS[event.code];
            if (block) run = () => setBlock(editor, block, block === 'paragraph' ? 'paragraph' : currentBlock);
          } else if (event.shiftKey && !event.altKey) {
            const block = BLOCK_KEYS[event.code];
            if (block) run = () => setBlock(editor, block, currentBlock);
          } else if (!event.shiftKey && !event.altKey) {
            if (event.code === 'KeyK') run = onLink;
            else if (event.code === 'Quote') run = onInsertQuote;
          }
          if (!run) return false;
          event.preventDefault();
          event.stopPropagation();
          run();
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor],
  );
  return null;
}
