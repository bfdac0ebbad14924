/** Phase 2 of reading a project: the codebook (`<CodeBook>`) and the variables (`<Variables>`). */
import { guidKey, readCodes } from '../codebookXml.ts';
import { child, children, type ReadContext } from './context.ts';

/** Reads the codes into `ctx.codes` and the variable names into `ctx.variables`. */
export function readCodebook(ctx: ReadContext): void {
  const { root, report, projectId, variables } = ctx;
  // Codebook.
  const codebook = child(root, 'CodeBook');
  const { codes, noteRefs } = readCodes(codebook ? child(codebook, 'Codes') : undefined, projectId, report);
  ctx.codes = codes;
  ctx.codeNoteRefs = noteRefs;
  for (const code of codes) ctx.codeIds.add(code.id);

  // Variables.
  for (const element of children(child(root, 'Variables'), 'Variable')) {
    variables.set(guidKey(element.attrs['guid'] ?? ''), element.attrs['name'] ?? 'Variable');
  }

}
