/**
 * Phase 3 of reading a project: each `<TextSource>` (and a PDF's text `<Representation>`) whose
 * text is found becomes a PendingSource with its selections as written; picture, audio and video
 * sources and sources without text are skipped and reported. Also the variables given through
 * `<Case>`s, once documents exist (`readCaseVariables`).
 */
import type { DocumentId } from '../../model/index.ts';
import { stripBom } from '../../text/codePoints.ts';
import { guidKey, readOwnGuid } from '../codebookXml.ts';
import { deriveGuid } from '../../common/guid.ts';
import { findSourceFile } from '../internalFiles.ts';
import { parseQuote, SourceText } from '../offsets.ts';
import type { XmlElement } from '../xmlReader.ts';
import { child, children, decodeSourceBytes, NONE, readVariableValue, type PendingSelection, type ReadContext } from './context.ts';

/** Reads `<Sources>` into `ctx.sources` (and `ctx.skippedSources`). */
export function readSources(ctx: ReadContext): void {
  const { zip, root, report, isBareQde, sources, skippedSources, newlineSources } = ctx;
  // Sources.
  const readSourceText = (element: XmlElement, name: string): string | null => {
    const content = child(element, 'PlainTextContent');
    if (content) return content.text;
    const path = element.attrs['plainTextPath'];
    if (!path) {
      report.skipped('source.no-plain-text', 'Sources that have no plain text (only a rich-text file) were skipped.', name);
      return null;
    }
    const found = findSourceFile(zip, path);
    if (!found) {
      if (isBareQde) {
        report.skipped('source.not-in-qde', 'Documents whose text is kept in a file beside the project document were skipped: a project.qde on its own carries only the texts written inside it.', name, 1, `plainTextPath ${path} with no PlainTextContent`);
      } else if (!path.toLowerCase().startsWith('internal://')) {
        report.skipped('source.external', 'Documents whose text lies outside the .qdpx, and is not in it under the same file name, were skipped.', name, 1, `relative://, absolute:// or file paths such as ${path}`);
      } else {
        report.skipped('source.missing-file', `Sources whose text file is missing from the .qdpx were skipped (first: ${path}).`, name);
      }
      return null;
    }
    if (found.isByName) {
      report.adjusted('source.found-by-name', 'Document texts that the file says lie elsewhere were found inside it by their file name.', name, 1, `${path} was read from ${found.entry.name}`);
    }
    const decoded = decodeSourceBytes(zip.read(found.entry), name, report);
    return stripBom(decoded.text);
  };
  const addTextSource = (element: XmlElement, fallbackName: string, ownerGuid?: string) => {
    const id = (ownerGuid !== undefined ? guidKey(ownerGuid) : readOwnGuid(element, 'source', report, `source/${sources.length}`)) as DocumentId;
    const name = element.attrs['name'] ?? fallbackName;
    const raw = readSourceText(element, name);
    if (raw === null) {
      skippedSources.add(id);
      keepCommentsOfSkippedSource(ctx, element, name);
      const lost = children(element, 'PlainTextSelection').reduce((n, s) => n + children(s, 'Coding').length, 0);
      if (lost) report.skipped('source.skipped-codings', 'Codings in sources that were skipped were not imported.', name, lost);
      return;
    }
    const text = new SourceText(raw);
    if (text.hasCarriageReturns) newlineSources.add(id);
    const selections: PendingSelection[] = [];
    for (const selection of element.children) {
      if (selection.local !== 'PlainTextSelection') continue;
      const start = Number(selection.attrs['startPosition']);
      const end = Number(selection.attrs['endPosition']);
      const selectionName = selection.attrs['name'] ?? '';
      // Usually every child is a Coding: then the children list itself serves, without a copy.
      let codings: XmlElement[] = selection.children;
      let noteRefs: XmlElement[] = NONE;
      let description = '';
      if (!selection.children.every((part) => part.local === 'Coding')) {
        codings = [];
        noteRefs = [];
        for (const part of selection.children) {
          if (part.local === 'Coding') codings.push(part);
          else if (part.local === 'NoteRef') noteRefs.push(part);
          else if (part.local === 'Description') description = part.text;
        }
      }
      selections.push({
        element: selection,
        codings,
        noteRefs,
        description,
        guid: readOwnGuid(selection, 'selection', report, `${id}/selection/${selections.length}`),
        start,
        end,
        quote: parseQuote(selectionName),
        name: selectionName,
        creatingUser: selection.attrs['creatingUser'],
        created: selection.attrs['creationDateTime'],
      });
    }
    const values: Record<string, string> = {};
    for (const value of children(element, 'VariableValue')) {
      const pair = readVariableValue(ctx, value);
      if (pair) values[pair[0]] = pair[1];
    }
    sources.push({ id, element, name, text, selections, created: element.attrs['creationDateTime'], variables: values });
  };
  for (const element of child(root, 'Sources')?.children ?? []) {
    const name = element.attrs['name'] ?? '';
    if (element.local === 'TextSource') addTextSource(element, 'Untitled source');
    else if (element.local === 'PDFSource' && child(element, 'Representation')) {
      // The PDF's text representation becomes the document, under the PDF's own GUID (what sets list).
      const lost = children(element, 'PDFSelection').length;
      if (lost) report.skipped('source.pdf-selections', 'Selections drawn on PDF pages (boxes, not text) were skipped; selections in the PDF text were kept.', name, lost);
      addTextSource(child(element, 'Representation')!, name || 'PDF text', element.attrs['guid'] ?? '');
    } else if (/Source$/.test(element.local)) {
      skippedSources.add(guidKey(element.attrs['guid'] ?? ''));
      keepCommentsOfSkippedSource(ctx, element, name);
      report.skipped(`source.${element.local}`, `${element.local.replace('Source', '')} sources were skipped: Marginalia codes text only.`, name);
    }
  }
}

/**
 * A skipped source's own description and the comments (descriptions) on its selections become
 * project memos that say where they were written, so no memo text is lost with the source.
 */
function keepCommentsOfSkippedSource(ctx: ReadContext, element: XmlElement, name: string): void {
  const label = name || 'a source';
  const own = child(element, 'Description')?.text ?? '';
  const kept = (guid: string, title: string, text: string, at: XmlElement) => {
    ctx.pendingMemos.push({ guid, target: { kind: 'project' }, title, text, user: at.attrs['creatingUser'], created: at.attrs['creationDateTime'] });
    ctx.report.adjusted('source.skipped-comments', 'Comments written in documents that could not be imported were kept as project memos that name their document.', name);
  };
  if (own.trim() !== '') kept(deriveGuid(`source-description:${element.attrs['guid'] ?? name}`), `Description of “${label}”`, own, element);
  const visit = (parent: XmlElement) => {
    for (const part of parent.children) {
      if (part.local.endsWith('Selection')) {
        const text = child(part, 'Description')?.text ?? '';
        if (text.trim() === '') continue;
        const quote = part.attrs['name'] ?? '';
        const title = quote && !/^\d\d:\d\d/.test(quote) ? `Comment on “${quote.slice(0, 60)}” in “${label}”` : `Comment in “${label}”`;
        kept(deriveGuid(`selection-description:${part.attrs['guid'] ?? `${label}:${quote}`}`), title, text, part);
      } else if (part.local === 'Representation' || part.local === 'Transcript') visit(part);
    }
  };
  visit(element);
}

/** Copies variable values given to cases to the documents the cases list. */
export function readCaseVariables(ctx: ReadContext): void {
  const { root, report, documents } = ctx;
  // Variables given through cases (MAXQDA writes per-source variables as nameless Cases).
  const documentById = new Map(documents.map((d) => [d.id as string, d]));
  for (const element of children(child(root, 'Cases'), 'Case')) {
    const values = children(element, 'VariableValue').map((value) => readVariableValue(ctx, value)).filter((v): v is [string, string] => v !== null);
    if (!values.length) continue;
    for (const ref of children(element, 'SourceRef')) {
      const document = documentById.get(guidKey(ref.attrs['targetGUID'] ?? ''));
      if (!document) continue;
      for (const [name, value] of values) if (!(name in document.variables)) document.variables[name] = value;
      report.adjusted('case.variables', 'Variable values given to cases were copied to the documents the cases list.', element.attrs['name'] ?? '(unnamed case)');
    }
  }
}
