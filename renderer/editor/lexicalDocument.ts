/**
 * The read-only Lexical editor that renders a document: one ParagraphNode with one TextNode per
 * LF-separated line, grouped in DocumentChunkNodes of CHUNK_SIZE paragraphs so the browser can
 * skip off-screen blocks. Lexical owns the DOM of the text; codings never enter the editor state
 * (they are painted over it with CSS Custom Highlights, see highlightPainter.ts).
 */
import { $createParagraphNode, $createTextNode, $getRoot, createEditor, type LexicalEditor } from 'lexical';
import { $createDocumentChunkNode, DocumentChunkNode } from './DocumentChunkNode.ts';

/** Paragraphs per chunk: small enough that a chunk is about a screen, large enough to keep chunks few. */
export const CHUNK_SIZE = 32;

export function createDocumentEditor(root: HTMLElement, onError: (error: Error) => void): LexicalEditor {
  const editor = createEditor({
    namespace: 'marginalia-document',
    editable: false,
    onError,
    nodes: [DocumentChunkNode],
    theme: { paragraph: 'doc-paragraph' },
  });
  editor.setRootElement(root);
  return editor;
}

/** Roughly how tall a run of lines is (in em), so the scrollbar is right before a chunk is drawn. */
function estimateHeightEm(lines: readonly string[]): number {
  let em = 0;
  for (const line of lines) em += Math.max(1, Math.ceil(line.length / 78)) * 1.65 + 0.2;
  return em;
}

/** Replaces the editor's content with `lines`, synchronously, and returns the paragraph elements in order. */
export function loadLines(editor: LexicalEditor, lines: readonly string[]): HTMLElement[] {
  const chunkKeys: string[] = [];
  editor.update(
    () => {
      const root = $getRoot();
      root.clear();
      const chunks = [];
      for (let first = 0; first < lines.length; first += CHUNK_SIZE) {
        const chunk = $createDocumentChunkNode();
        for (const line of lines.slice(first, first + CHUNK_SIZE)) {
          const paragraph = $createParagraphNode();
          if (line.length > 0) paragraph.append($createTextNode(line));
          chunk.append(paragraph);
        }
        chunkKeys.push(chunk.getKey());
        chunks.push(chunk);
      }
      root.append(...chunks);
    },
    { discrete: true },
  );
  const paragraphs: HTMLElement[] = [];
  chunkKeys.forEach((key, index) => {
    const element = editor.getElementByKey(key);
    if (!element) return;
    element.style.containIntrinsicSize = `auto ${estimateHeightEm(lines.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE)).toFixed(1)}em`;
    paragraphs.push(...(Array.from(element.children) as HTMLElement[]));
  });
  return paragraphs;
}
