/**
 * A block of consecutive paragraphs. The browser skips style, layout and paint of a block that
 * is off screen (`content-visibility: auto` on the block), so a 6,000-paragraph document opens
 * after laying out one screen instead of six thousand paragraphs; settleChunks.ts then lays the
 * blocks out in idle time so that scrolling does not have to.
 */
import { ElementNode, type LexicalNode, type NodeKey, type SerializedElementNode } from 'lexical';

export class DocumentChunkNode extends ElementNode {
  static override getType(): string {
    return 'document-chunk';
  }

  static override clone(node: DocumentChunkNode): DocumentChunkNode {
    return new DocumentChunkNode(node.__key);
  }

  constructor(key?: NodeKey) {
    super(key);
  }

  override createDOM(): HTMLElement {
    const element = document.createElement('div');
    element.className = 'doc-chunk';
    return element;
  }

  override updateDOM(): boolean {
    return false;
  }

  static override importJSON(): DocumentChunkNode {
    return $createDocumentChunkNode();
  }

  override exportJSON(): SerializedElementNode {
    return { ...super.exportJSON(), type: 'document-chunk', version: 1 };
  }
}

export function $createDocumentChunkNode(): DocumentChunkNode {
  return new DocumentChunkNode();
}

export function $isDocumentChunkNode(node: LexicalNode | null | undefined): node is DocumentChunkNode {
  return node instanceof DocumentChunkNode;
}
