/**
 * The memo editor's formatting actions, shared by the toolbar and the keyboard shortcuts so
 * that both routes do exactly the same thing, and the reading of the current format that the
 * toolbar shows as pressed buttons.
 */
import { $createLinkNode, $isLinkNode, $toggleLink } from '@lexical/link';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode, REMOVE_LIST_COMMAND } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $findMatchingParent, $getNearestNodeOfType, $insertNodeToNearestRoot } from '@lexical/utils';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $setSelection,
  FORMAT_TEXT_COMMAND,
  type BaseSelection,
  type LexicalEditor,
  type LexicalNode,
  type ParagraphNode,
} from 'lexical';
import { $createPassageQuoteNode, $isPassageQuoteNode, type PassageSource } from './PassageQuoteNode.ts';

/** The block kinds the toolbar offers. */
export type BlockKind = 'paragraph' | 'h1' | 'h2' | 'h3' | 'bullet' | 'number' | 'quote' | 'passage-quote';

/** What the toolbar shows as pressed. */
export interface FormatState {
  block: BlockKind;
  isBold: boolean;
  isItalic: boolean;
  isLink: boolean;
}

export const NO_FORMAT: FormatState = { block: 'paragraph', isBold: false, isItalic: false, isLink: false };

/** Reads the format at the selection; call inside `editorState.read`. */
export function $readFormatState(): FormatState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return NO_FORMAT;
  const anchor = selection.anchor.getNode();
  const top = $findMatchingParent(anchor, (node) => {
    const parent = node.getParent();
    return parent !== null && $isRootOrShadowRoot(parent);
  });
  let block: BlockKind = 'paragraph';
  const list = $getNearestNodeOfType(anchor, ListNode);
  if (list) block = list.getListType() === 'number' ? 'number' : 'bullet';
  else if ($isHeadingNode(top)) block = (['h1', 'h2', 'h3'] as const).find((tag) => tag === top.getTag()) ?? 'paragraph';
  else if ($isQuoteNode(top)) block = 'quote';
  else if ($isPassageQuoteNode(top)) block = 'passage-quote';
  return { block, isBold: selection.hasFormat('bold'), isItalic: selection.hasFormat('italic'), isLink: $findMatchingParent(anchor, $isLinkNode) !== null };
}

/** Turns the selected blocks into `kind`, or back into paragraphs when they already are. */
export function setBlock(editor: LexicalEditor, kind: Exclude<BlockKind, 'passage-quote'>, current: BlockKind): void {
  if (kind === 'bullet' || kind === 'number') {
    editor.dispatchCommand(current === kind ? REMOVE_LIST_COMMAND : kind === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
    return;
  }
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (current === 'bullet' || current === 'number') editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    const next = current === kind ? 'paragraph' : kind;
    $setBlocksType(selection, () => (next === 'paragraph' ? $createParagraphNode() : next === 'quote' ? $createQuoteNode() : $createHeadingNode(next)));
  });
}

export function toggleBold(editor: LexicalEditor): void {
  editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold');
}

export function toggleItalic(editor: LexicalEditor): void {
  editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic');
}

/** A web address as typed, made absolute (`example.org` → `https://example.org`). */
export function normaliseUrl(typed: string): string {
  const url = typed.trim();
  if (!url) return '';
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
}

/**
 * Makes the selection (saved when the link field opened) a link to `url`, or removes the link
 * when `url` is empty. With nothing selected, inserts the address itself as a link.
 */
export function applyLink(editor: LexicalEditor, saved: BaseSelection | null, typed: string): void {
  const url = normaliseUrl(typed);
  editor.update(() => {
    if (saved) $setSelectionSafely(saved);
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (url && selection.isCollapsed()) {
      const link = $createLinkNode(url);
      link.append($createTextNode(url));
      selection.insertNodes([link]);
      return;
    }
    $toggleLink(url || null);
  });
  editor.focus();
}

/** Puts back a selection saved before focus left the editor, unless its nodes are gone. */
function $setSelectionSafely(saved: BaseSelection): void {
  const clone = saved.clone();
  try {
    clone.getNodes();
  } catch {
    return;
  }
  $setSelection(clone);
}

/**
 * Inserts the passage as a quote block after the block holding the caret (or at the end), with
 * an empty paragraph after it so the researcher writes on below the quote.
 */
export function insertPassageQuote(editor: LexicalEditor, passage: PassageSource & { text: string }): void {
  editor.update(() => {
    const quote = $createPassageQuoteNode(passage);
    quote.append($createTextNode(passage.text.replace(/\s*\n+\s*/g, ' ').trim()));
    // With no selection in the memo (focus is in the document), the quote goes at the end.
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) $getRoot().selectEnd();
    // An empty paragraph at the caret (Enter was just pressed) becomes the quote itself.
    const current = $isRangeSelection(selection) ? selection.anchor.getNode().getTopLevelElement() : null;
    let inserted: LexicalNode;
    if (current && $isEmptyParagraph(current)) {
      current.replace(quote);
      inserted = quote;
    } else inserted = $insertNodeToNearestRoot(quote);
    const after = inserted.getNextSibling();
    if (after && $isEmptyParagraph(after)) after.selectStart();
    else {
      const paragraph = $createParagraphNode();
      inserted.insertAfter(paragraph);
      paragraph.selectStart();
    }
  });
  editor.focus();
}

function $isEmptyParagraph(node: LexicalNode): node is ParagraphNode {
  return $isParagraphNode(node) && node.getTextContent() === '';
}
