/**
 * The memo editor's toolbar: block kinds, bold and italic, link, and Insert quote. Each button
 * has an accessible name, shows its shortcut in its tooltip, and says whether it is in effect
 * at the caret (`aria-pressed`). Buttons keep the editor's focus (mousedown does not take it),
 * so the selection the researcher made stays selected.
 */
import type { LexicalEditor } from 'lexical';
import type { MouseEvent, ReactNode } from 'react';
import { setBlock, toggleBold, toggleItalic, type FormatState } from './memoFormatting.ts';
import { MEMO_SHORTCUTS } from './MemoShortcutsPlugin.tsx';

export interface MemoToolbarProps {
  editor: LexicalEditor;
  format: FormatState;
  onLink(): void;
  onInsertQuote(): void;
  onOpenQuotedPassage: (() => void) | null;
}

function keepFocus(event: MouseEvent) {
  event.preventDefault();
}

function ToolButton({ label, shortcut, pressed, onClick, children, className }: { label: string; shortcut?: string; pressed?: boolean; onClick(): void; children: ReactNode; className?: string }) {
  return (
    <button
      type="button"
      className={`memo-tool${className ? ` ${className}` : ''}`}
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      onMouseDown={keepFocus}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** A 16×16 line icon (currentColor), hidden from assistive technology: the button has a name. */
function Icon({ d, dots = [] }: { d: string; dots?: [number, number][] }) {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
      {dots.map(([cx, cy]) => (
        <circle key={`${cx},${cy}`} cx={cx} cy={cy} r="0.9" fill="currentColor" stroke="none" />
      ))}
    </svg>
  );
}

export function MemoToolbar({ editor, format, onLink, onInsertQuote, onOpenQuotedPassage }: MemoToolbarProps) {
  const block = format.block;
  return (
    <div className="memo-toolbar" role="toolbar" aria-label="Memo formatting">
      <div className="memo-tool-group">
        <ToolButton label="Heading 1" shortcut={MEMO_SHORTCUTS.h1} pressed={block === 'h1'} onClick={() => setBlock(editor, 'h1', block)}>H1</ToolButton>
        <ToolButton label="Heading 2" shortcut={MEMO_SHORTCUTS.h2} pressed={block === 'h2'} onClick={() => setBlock(editor, 'h2', block)}>H2</ToolButton>
        <ToolButton label="Heading 3" shortcut={MEMO_SHORTCUTS.h3} pressed={block === 'h3'} onClick={() => setBlock(editor, 'h3', block)}>H3</ToolButton>
      </div>
      <div className="memo-tool-group">
        <ToolButton label="Bold" shortcut={MEMO_SHORTCUTS.bold} pressed={format.isBold} onClick={() => toggleBold(editor)}><b>B</b></ToolButton>
        <ToolButton label="Italic" shortcut={MEMO_SHORTCUTS.italic} pressed={format.isItalic} onClick={() => toggleItalic(editor)}><i>I</i></ToolButton>
        <ToolButton label="Link" shortcut={MEMO_SHORTCUTS.link} pressed={format.isLink} onClick={onLink}>
          <Icon d="M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 013.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 014.5 9l1-1" />
        </ToolButton>
      </div>
      <div className="memo-tool-group">
        <ToolButton label="Bulleted list" shortcut={MEMO_SHORTCUTS.bullet} pressed={block === 'bullet'} onClick={() => setBlock(editor, 'bullet', block)}>
          <Icon d="M6 4h7M6 8h7M6 12h7" dots={[[3, 4], [3, 8], [3, 12]]} />
        </ToolButton>
        <ToolButton label="Numbered list" shortcut={MEMO_SHORTCUTS.number} pressed={block === 'number'} onClick={() => setBlock(editor, 'number', block)}>
          <Icon d="M6.5 4h6.5M6.5 8h6.5M6.5 12h6.5M2.5 2.8l1-.6v3.6M2.3 7.2a1 1 0 011.8.6L2.3 9.8h2M2.4 11h1.6l-.9 1.1a.9.9 0 11-.9 1.2" />
        </ToolButton>
        <ToolButton label="Block quote" shortcut={MEMO_SHORTCUTS.quote} pressed={block === 'quote'} onClick={() => setBlock(editor, 'quote', block)}>
          <Icon d="M3 4v8M6 5h7M6 8h7M6 11h5" />
        </ToolButton>
      </div>
      <div className="memo-tool-group memo-tool-group-end">
        {onOpenQuotedPassage && (
          <ToolButton label="Open quoted passage" onClick={onOpenQuotedPassage} className="memo-tool-text">Open passage</ToolButton>
        )}
        <ToolButton label="Insert quote" shortcut={MEMO_SHORTCUTS.insertQuote} onClick={onInsertQuote} className="memo-tool-text">Insert quote</ToolButton>
      </div>
    </div>
  );
}
