/**
 * A comparison as a researcher asks for it: which coders, which documents, which codes (all or
 * one branch), which unit, and how the figures read. The app's comparison table and the
 * command line both go through {@link compareInScope}, so they give the same figures.
 *
 * With the character unit, a document that none of the compared coders coded (with any compared
 * code) is left out by default: its characters would all count as agreement on "not coded" and
 * inflate every figure. `countUncodedDocuments` brings them back (NVivo's all-characters figure);
 * the method statement says which was done.
 */
import type { CodeId, CoderId, DocumentId } from '../model/index.ts';
import { descendantIds } from '../coding/codeTree.ts';
import type { Coefficient } from './coefficient.ts';
import { DEFAULT_SEGMENT_THRESHOLD, type AgreementUnit } from './codings.ts';
import { compareCoders, type CodersInProject, type ProjectComparison } from './projects.ts';

/** What to compare. */
export interface ComparisonScope {
  /** Two or more coders, by name or id. */
  readonly coders: readonly string[];
  /** The documents to count; absent or null = every document. */
  readonly documentIds?: readonly DocumentId[] | null;
  /** One code and everything under it; absent or null = every code. */
  readonly codeBranch?: CodeId | null;
  readonly unit: AgreementUnit;
  /** Segment unit: the overlap (intersection over union) at which two segments are one place. */
  readonly threshold?: number;
  /** Character unit: also count documents none of the compared coders coded. Default false. */
  readonly countUncodedDocuments?: boolean;
  /** Also give every code × document cell (the heat map). Default false. */
  readonly withCells?: boolean;
}

/** A comparison, with what it left out and a method statement a paper can quote. */
export interface ScopedComparison extends ProjectComparison {
  readonly unit: AgreementUnit;
  /** Names of documents left out because none of the compared coders coded them. */
  readonly uncodedDocumentsLeftOut: readonly string[];
  /** One paragraph: unit, threshold, pooling, which documents and codes count. */
  readonly method: string;
}

/**
 * Compares coders of one project within a scope.
 *
 * @example
 * compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'characters' }).report.byUnit.characters!.pooled.cohenKappa
 */
export function compareInScope(bundle: CodersInProject, scope: ComparisonScope): ScopedComparison {
  const threshold = scope.threshold ?? DEFAULT_SEGMENT_THRESHOLD;
  const codeIds = scope.codeBranch ? descendantIds(bundle.codes, scope.codeBranch) : null;
  const chosenDocuments = scope.documentIds ? new Set<string>(scope.documentIds) : null;
  let documents = chosenDocuments ? bundle.documents.filter((d) => chosenDocuments.has(d.id)) : bundle.documents;
  const codes = codeIds ? bundle.codes.filter((c) => codeIds.has(c.id)) : bundle.codes;

  // Resolve the coders first (compareCoders names them the same way), to know who "coded" a document.
  const coderIds = new Set<CoderId>(compareCoders({ ...bundle, documents: [], segments: [] }, scope.coders, { units: [] }).coders.map((c) => c.id));
  let uncodedDocumentsLeftOut: string[] = [];
  if (scope.unit === 'characters' && !scope.countUncodedDocuments) {
    const coded = new Set<string>();
    for (const s of bundle.segments) if (coderIds.has(s.coderId) && (!codeIds || codeIds.has(s.codeId))) coded.add(s.documentId);
    uncodedDocumentsLeftOut = documents.filter((d) => !coded.has(d.id)).map((d) => d.name);
    documents = documents.filter((d) => coded.has(d.id));
  }
  const kept = new Set<string>(documents.map((d) => d.id));
  const segments = bundle.segments.filter((s) => kept.has(s.documentId) && (!codeIds || codeIds.has(s.codeId)));
  const comparison = compareCoders({ ...bundle, documents, codes, segments }, scope.coders, { units: [scope.unit], threshold, includeCells: scope.withCells === true });
  const method = methodStatement({
    unit: scope.unit,
    threshold,
    coders: comparison.coders.map((c) => c.name),
    documents: documents.length,
    uncodedLeftOut: uncodedDocumentsLeftOut.length,
    countUncoded: scope.unit === 'characters' && scope.countUncodedDocuments === true,
    codes: comparison.codes.length,
    branch: scope.codeBranch ? (bundle.codes.find((c) => c.id === scope.codeBranch)?.name ?? null) : null,
  });
  return { ...comparison, unit: scope.unit, uncodedDocumentsLeftOut, method };
}

interface MethodFacts {
  unit: AgreementUnit;
  threshold: number;
  coders: string[];
  documents: number;
  uncodedLeftOut: number;
  countUncoded: boolean;
  codes: number;
  branch: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function methodStatement(f: MethodFacts): string {
  const unit = {
    characters: 'Unit of analysis: the character; each character of each counted document is coded or not coded by each coder.',
    segments: `Unit of analysis: the coded place; segments of two coders are the same place when their overlap (intersection over union, in characters) is at least ${f.threshold.toFixed(2)}.`,
    documents: 'Unit of analysis: the document; a coder coded a document with a code when they applied it there at least once.',
  }[f.unit];
  let documents = `Documents: ${plural(f.documents, 'document')} counted`;
  if (f.unit === 'characters') {
    documents += f.countUncoded
      ? ', including documents none of the compared coders coded (all characters, as NVivo counts them).'
      : f.uncodedLeftOut > 0
        ? `; ${plural(f.uncodedLeftOut, 'document')} none of the compared coders coded ${f.uncodedLeftOut === 1 ? 'is' : 'are'} left out, so uncoded text does not inflate agreement.`
        : '; every one was coded by at least one compared coder.';
  } else documents += '.';
  const codes = f.branch ? `Codes: “${f.branch}” and the codes under it (${plural(f.codes, 'code')}).` : `Codes: ${plural(f.codes, 'code')}.`;
  return [
    `Coders: ${f.coders.join(', ')}.`,
    unit,
    documents,
    codes,
    'Pooled row: counts (units, coincidences) summed over codes and documents before computing each coefficient; coefficients are never averaged.',
    'Coefficients: percent agreement; Cohen’s κ (two coders; Cohen 1960); Fleiss’ κ (Fleiss 1971); Krippendorff’s α-binary (|uα) and cuα on the character continuum (Krippendorff 1995, 2019).',
  ].join(' ');
}

/** How a figure reads, for the colour of its cell. */
export type FigureReading = 'reliable' | 'tentative' | 'unreliable' | 'undefined';

/**
 * Krippendorff's reading of a chance-corrected coefficient: α ≥ .800 reliable, ≥ .667 good enough
 * for tentative conclusions, below that unreliable. (Applied to κ too, as a common yardstick.)
 *
 * @example readFigure({ value: 0.7 }) // → 'tentative'
 */
export function readFigure(figure: Coefficient): FigureReading {
  if (figure.value === null) return 'undefined';
  if (figure.value >= 0.8) return 'reliable';
  if (figure.value >= 0.667) return 'tentative';
  return 'unreliable';
}

/**
 * A figure as a table shows it: three decimals, a real minus sign, or "—" when undefined.
 *
 * @example formatFigure({ value: -0.12345 }) // → '−0.123'; formatFigure({ value: null, reason: '…' }) // → '—'
 */
export function formatFigure(figure: Coefficient): string {
  if (figure.value === null) return '—';
  const text = figure.value.toFixed(3);
  return text.startsWith('-') ? (Number(text) === 0 ? '0.000' : `−${text.slice(1)}`) : text;
}
