/**
 * The memo's rich-text editor (Lexical): headings, bold, italic, lists, block quotes, links and
 * quoted passages, by toolbar and by shortcut, with its own undo. It reports every change of
 * content to `onChange` (the pane saves it) and loses nothing on blur (`onBlur` flushes).
 *
 * The stored content is Lexical's own JSON (the memo content contract); a memo that only has
 * plain text (imported from another program) opens as one paragraph per line.
 */
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { $createRangeSelectionFromDom, $getNearestNodeFromDOMNode, $createParagraphNode, $createTextNode, $getRoot, $getSelection, BLUR_COMMAND, COMMAND_PRIORITY_LOW, type BaseSelection, type EditorState } from 'lexical';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DocumentId } from '../../../../shared/model/index.ts';
import type { QuotablePassage } from '../MemoPane.tsx';
import { applyLink, $readFormatState, insertPassageQuote, NO_FORMAT, type FormatState } from './memoFormatting.ts';
import { MemoShortcutsPlugin } from './MemoShortcutsPlugin.tsx';
import { MemoToolbar } from './MemoToolbar.tsx';
import { PasteCleanupPlugin } from './PasteCleanupPlugin.tsx';
import { $isPassageQuoteNode, PassageQuoteNode, type PassageSource } from './PassageQuoteNode.ts';

export const MEMO_NODES = [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, PassageQuoteNode];

const THEME = {
  paragraph: 'memo-p',
  heading: { h1: 'memo-h1', h2: 'memo-h2', h3: 'memo-h3' },
  quote: 'memo-quote',
  list: { ul: 'memo-ul', ol: 'memo-ol', listitem: 'memo-li', nested: { listitem: 'memo-li-nested' } },
  link: 'memo-link',
  text: { bold: 'memo-bold', italic: 'memo-italic', underline: 'memo-underline' },
};

export interface MemoEditorProps {
  /** The stored Lexical JSON, or '' for a plain-text memo. */
  content: string;
  plainText: string;
  onChange(editorState: EditorState): void;
  onBlur(): void;
  quotablePassage(): QuotablePassage | null;
  onOpenPassage(documentId: DocumentId, start: number, end: number): void;
  /** Shown when Insert quote finds nothing selected in the document. */
  onNothingToQuote(): void;
}

function initialState(content: string, plainText: string): InitialConfigType['editorState'] {
  if (content) return content;
  return () => {
    const root = $getRoot();
    const lines = plainText.split('\n');
    for (const line of lines) root.append($createParagraphNode().append(...(line ? [$createTextNode(line)] : [])));
  };
}

export function MemoEditor(props: MemoEditorProps) {
  const [config] = useState<InitialConfigType>(() => ({
    namespace: 'memo',
    nodes: MEMO_NODES,
    theme: THEME,
    editorState: initialState(props.content, props.plainText),
    onError(error: Error) {
      throw error;
    },
  }));
  return (
    <LexicalComposer initialConfig={config}>
      <MemoEditorBody {...props} />
    </LexicalComposer>
  );
}

function MemoEditorBody({ onChange, onBlur, quotablePassage, onOpenPassage, onNothingToQuote }: MemoEditorProps) {
  const [editor] = useLexicalComposerContext();
  const [format, setFormat] = useState<FormatState>(NO_FORMAT);
  const [quoted, setQuoted] = useState<PassageSource | null>(null);
  const [linkDraft, setLinkDraft] = useState<{ url: string; selection: BaseSelection | null } | null>(null);

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const next = $readFormatState();
          setFormat((prev) => (prev.block === next.block && prev.isBold === next.isBold && prev.isItalic === next.isItalic && prev.isLink === next.isLink ? prev : next));
          const anchor = $getSelection()?.getNodes()[0];
          let node = anchor ?? null;
          while (node && !$isPassageQuoteNode(node)) node = node.getParent();
          const source = node && $isPassageQuoteNode(node) ? node.getSource() : null;
          setQuoted((prev) => (prev?.documentId === source?.documentId && prev?.start === source?.start && prev?.end === source?.end ? prev : source));
        });
      }),
    [editor],
  );

  useEffect(() => editor.registerCommand(BLUR_COMMAND, () => (onBlur(), false), COMMAND_PRIORITY_LOW), [editor, onBlur]);

  // Clicking a quoted passage opens its document there.
  useEffect(
    () =>
      editor.registerRootListener((root, previous) => {
        const onClick = (event: MouseEvent) => {
          const quote = (event.target as HTMLElement | null)?.closest?.('blockquote.memo-passage-quote');
          if (!quote) return;
          const source = editor.read(() => {
            const node = $getNearestNodeFromDOMNode(quote);
            return $isPassageQuoteNode(node) ? node.getSource() : null;
          });
          if (source) onOpenPassage(source.documentId as DocumentId, source.start, source.end);
        };
        previous?.removeEventListener('click', onClick as EventListener);
        root?.addEventListener('click', onClick);
      }),
    [editor, onOpenPassage],
  );

  const openLink = useCallback(() => {
    // The page's selection first, then the editor's: a Shift+Arrow pressed just before Ctrl+K has
    // moved the page's selection, but its selectionchange reaches Lexical only as a later task,
    // so the editor's last selection can still be one character short.
    const selection = editor.read(() => ($createRangeSelectionFromDom(window.getSelection(), editor) ?? $getSelection())?.clone() ?? null);
    setLinkDraft({ url: '', selection });
  }, [editor]);

  const insertQuote = useCallback(() => {
    const passage = quotablePassage();
    if (!passage) {
      onNothingToQuote();
      return;
    }
    insertPassageQuote(editor, { documentId: passage.documentId, documentName: passage.documentName, start: passage.start, end: passage.end, text: passage.text });
  }, [editor, quotablePassage, onNothingToQuote]);

  const commitLink = (url: string) => {
    const draft = linkDraft;
    setLinkDraft(null);
    if (draft) applyLink(editor, draft.selection, url);
  };

  const onLinkKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commitLink(event.currentTarget.value);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setLinkDraft(null);
      editor.focus();
    }
  };

  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const handleChange = useCallback((state: EditorState) => onChangeRef.current(state), []);

  return (
    <div className="memo-editor">
      <MemoToolbar
        editor={editor}
        format={format}
        onLink={openLink}
        onInsertQuote={insertQuote}
        onOpenQuotedPassage={quoted ? () => onOpenPassage(quoted.documentId as DocumentId, quoted.start, quoted.end) : null}
      />
      {linkDraft && (
        <div className="memo-link-field">
          <label>
            Link address
            <input autoFocus type="url" placeholder="https://…" defaultValue={linkDraft.url} onKeyDown={onLinkKey} aria-describedby="memo-link-hint" />
          </label>
          <span id="memo-link-hint" className="muted">Enter to apply · empty removes the link · Esc cancels</span>
        </div>
      )}
      <div className="memo-writing">
        <RichTextPlugin
          contentEditable={<ContentEditable className="memo-text" aria-label="Memo text" role="textbox" aria-multiline="true" spellCheck />}
          placeholder={<div className="memo-placeholder">Write your memo…</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <LinkPlugin />
      <PasteCleanupPlugin />
      <MemoShortcutsPlugin currentBlock={format.block} onLink={openLink} onInsertQuote={insertQuote} />
      <OnChangePlugin ignoreSelectionChange onChange={handleChange} />
    </div>
  );
}
