/**
 * Pasting from Word or a web page keeps the structure (headings, lists, quotes, links, bold,
 * italic) and drops the styling: Lexical's HTML import carries inline CSS (fonts, colours,
 * sizes) into a text node's `style` and alignment into a block's format; these transforms clear
 * both the moment such a node appears, so a memo never stores a `style`.
 */
import { ListItemNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import { ParagraphNode, TextNode, type ElementNode, type Klass } from 'lexical';
import { useEffect } from 'react';
import { PassageQuoteNode } from './PassageQuoteNode.ts';

const BLOCKS: Klass<ElementNode>[] = [ParagraphNode, HeadingNode, QuoteNode, ListItemNode, PassageQuoteNode];

function $unstyleBlock(node: ElementNode): void {
  if (node.getFormatType() !== '') node.setFormat('');
  if (node.getTextStyle() !== '') node.setTextStyle('');
}

export function PasteCleanupPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(TextNode, (node) => {
          if (node.getStyle() !== '') node.setStyle('');
        }),
        ...BLOCKS.map((klass) => editor.registerNodeTransform(klass, $unstyleBlock)),
      ),
    [editor],
  );
  return null;
}
