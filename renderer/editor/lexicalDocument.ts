/**
 * The read-only Lexical editor that renders a document: one ParagraphNode with one TextNode per
 * LF-separated line. Lexical owns the DOM of the text; codings never enter the editor state
 * (they are painted over it with CSS Custom Highlights, see highlightPainter.ts).
 */
import { $createParagraphNode, $createTextNode, $getRoot, createEditor, type LexicalEditor } from 'lexical';

export function createDocumentEditor(root: HTMLElement, onError: (error: Error) => void): LexicalEditor {
  const editor = createEditor({
    namespace: 'marginalia-document',
    editable: false,
    onError,
    theme: { paragraph: 'doc-paragraph' },
  });
  editor.setRootElement(root);
  return editor;
}

/** Replaces the editor's content with `lines`, synchronously, and returns the paragraph elements in order. */
export function loadLines(editor: LexicalEditor, lines: readonly string[]): HTMLElement[] {
  editor.update(
    () => {
      const root = $getRoot();
      root.clear();
      const paragraphs = lines.map((line) => {
        const paragraph = $createParagraphNode();
        if (line.length > 0) paragraph.append($createTextNode(line));
        return paragraph;
      });
      root.append(...paragraphs);
    },
    { discrete: true },
  );
  const rootElement = editor.getRootElement();
  return rootElement ? (Array.from(rootElement.children) as HTMLElement[]) : [];
}
