/**
 * A passage quoted from a document into a memo ("Insert quote"): a block holding the quoted
 * text, that remembers where it came from (document id and name, `[start, end)` in UTF-16 units
 * of the document's text) so that clicking it opens the document there.
 *
 * Invariant: it serializes exactly as the memo content contract says (docs in common brief):
 * `{ type: 'passage-quote', version: 1, documentId, documentName, start, end, children,
 *    direction, format, indent }` — nothing else, so exports and other readers can rely on it.
 */
import {
  $applyNodeReplacement,
  $createParagraphNode,
  ElementNode,
  type ElementFormatType,
  type LexicalNode,
  type NodeKey,
  type RangeSelection,
  type SerializedElementNode,
  type SerializedLexicalNode,
} from 'lexical';

export interface SerializedPassageQuoteNode {
  type: 'passage-quote';
  version: 1;
  documentId: string;
  documentName: string;
  start: number;
  end: number;
  children: SerializedLexicalNode[];
  direction: 'ltr' | 'rtl' | null;
  format: ElementFormatType;
  indent: number;
}

export interface PassageSource {
  documentId: string;
  documentName: string;
  start: number;
  end: number;
}

export class PassageQuoteNode extends ElementNode {
  __documentId: string;
  __documentName: string;
  __start: number;
  __end: number;

  static override getType(): string {
    return 'passage-quote';
  }

  static override clone(node: PassageQuoteNode): PassageQuoteNode {
    return new PassageQuoteNode(node.getSource(), node.__key);
  }

  constructor(source: PassageSource, key?: NodeKey) {
    super(key);
    this.__documentId = source.documentId;
    this.__documentName = source.documentName;
    this.__start = source.start;
    this.__end = source.end;
  }

  getSource(): PassageSource {
    const self = this.getLatest();
    return { documentId: self.__documentId, documentName: self.__documentName, start: self.__start, end: self.__end };
  }

  override createDOM(): HTMLElement {
    const element = document.createElement('blockquote');
    element.className = 'memo-passage-quote';
    this.decorate(element);
    return element;
  }

  override updateDOM(previous: PassageQuoteNode, dom: HTMLElement): boolean {
    if (previous.__documentName !== this.__documentName || previous.__documentId !== this.__documentId) this.decorate(dom);
    return false;
  }

  private decorate(element: HTMLElement): void {
    element.dataset['documentName'] = this.__documentName;
    element.title = `Open “${this.__documentName}” at this passage`;
  }

  static override importJSON(json: Parameters<typeof ElementNode.importJSON>[0]): PassageQuoteNode {
    const node = $createPassageQuoteNode({
      documentId: String(json['documentId'] ?? ''),
      documentName: String(json['documentName'] ?? ''),
      start: Number(json['start'] ?? 0),
      end: Number(json['end'] ?? 0),
    });
    node.setFormat((json['format'] as ElementFormatType | undefined) ?? '');
    node.setIndent(Number(json['indent'] ?? 0));
    node.setDirection((json['direction'] as 'ltr' | 'rtl' | null | undefined) ?? null);
    return node;
  }

  override exportJSON(): SerializedElementNode & SerializedPassageQuoteNode {
    // Lexical appends the serialized children itself (see $exportNodeToJSON).
    return {
      type: 'passage-quote',
      version: 1,
      documentId: this.__documentId,
      documentName: this.__documentName,
      start: this.__start,
      end: this.__end,
      children: [],
      direction: this.getDirection(),
      format: this.getFormatType(),
      indent: this.getIndent(),
    };
  }

  // Enter at the end of a quote continues the memo in a new paragraph, not inside the quote.
  override insertNewAfter(_selection: RangeSelection, restoreSelection = true): ElementNode {
    const paragraph = $createParagraphNode();
    this.insertAfter(paragraph, restoreSelection);
    return paragraph;
  }

  // Backspace at its very start turns an emptied quote back into a paragraph.
  override collapseAtStart(): boolean {
    const paragraph = $createParagraphNode();
    this.getChildren().forEach((child) => paragraph.append(child));
    this.replace(paragraph);
    return true;
  }

  override canBeEmpty(): boolean {
    return false;
  }
}

export function $createPassageQuoteNode(source: PassageSource): PassageQuoteNode {
  return $applyNodeReplacement(new PassageQuoteNode(source));
}

export function $isPassageQuoteNode(node: LexicalNode | null | undefined): node is PassageQuoteNode {
  return node instanceof PassageQuoteNode;
}
