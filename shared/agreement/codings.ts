/**
 * From codings to coefficients: two or more coders' segments on the same documents → agreement
 * per code, per document, per code × document and pooled, for three units of analysis:
 *
 * - `characters`: each character of each document is a unit, coded or not by each coder
 *   (NVivo's coding comparison). Percent agreement, Cohen's κ (two coders) and Fleiss' κ.
 * - `segments`: a unit is a *place*: coders' segments (any code) whose overlap
 *   |A ∩ B| / |A ∪ B| (intersection over union, in characters) reaches the threshold
 *   (default 0.9) are the same place; places are the connected groups of such matches within a
 *   document. For a code, a coder "coded the place" when one of their segments of that code is
 *   in it; places where someone applied only other codes are the "neither" units that make κ
 *   defined (MAXQDA's segment comparison, with a chance-corrected figure).
 * - `documents`: each document is a unit; a coder "coded" it when they applied the code at
 *   least once (MAXQDA's code presence).
 *
 * Whatever the unit, `alphaBinary` (|uα, ATLAS.ti's α-binary) and `cuAlpha` are unitizing
 * coefficients computed on the character continuum of each document: |uα per code with the
 * code's segments as units, cuα over the domain of all compared codes (on a code's row: that
 * code's (k)uα). Where one coder applies two codes to the same passage the domain is not a
 * partition; cuα then uses the same sums with every pair of overlapping units counted.
 *
 * A coder's own overlapping or adjacent segments of one code are merged first. Pooling sums
 * characters, places, documents and coincidences; κ is never averaged.
 *
 * Cost: one sort of each document's segments plus one sweep over their boundaries, so
 * O(S log S) for S segments in total, plus O(D × C × m) for D documents, C codes and m coders
 * (the tallies). Coder pairs are never enumerated: pair sums come from how many coders are
 * active at each position, so the sweep grows linearly with coders through S only. Document
 * length does not matter (no per-character arrays).
 */
import type { CodeId, CoderId, DocumentId, Segment } from '../model/index.ts';
import { undefinedBecause, type Coefficient } from './coefficient.ts';
import { computeBinaryAgreement, emptyBinaryTally, type BinaryTally } from './binaryTally.ts';
import type { PercentAgreement } from './reliabilityData.ts';
import {
  addTally, computeBinaryUnitizedAlpha, computeCuAlpha, emptyTally, tallyContinuum, valueSelfCoincidence,
  type ContinuumTally, type CuAlpha,
} from './unitized.ts';

/** What one unit of analysis is. */
export type AgreementUnit = 'characters' | 'segments' | 'documents';

/** The three units of analysis. */
export const AGREEMENT_UNITS: readonly AgreementUnit[] = ['characters', 'segments', 'documents'];

/** The default overlap (intersection over union) at which two segments are the same place. */
export const DEFAULT_SEGMENT_THRESHOLD = 0.9;

/** The codings to compare. Segments of other documents, codes or coders are ignored (and counted). */
export interface CodingsInput {
  /** Documents all coders coded; `length` in UTF-16 code units of the text. */
  documents: ReadonlyArray<{ id: DocumentId; length: number }>;
  codes: ReadonlyArray<{ id: CodeId }>;
  /** Two or more coders, in report order. */
  coders: ReadonlyArray<CoderId>;
  segments: ReadonlyArray<Pick<Segment, 'documentId' | 'codeId' | 'coderId' | 'start' | 'end'>>;
}

export interface CodingsOptions {
  /** Which units to report (default all three). */
  units?: readonly AgreementUnit[];
  /** Overlap (intersection / union) at which segments are the same place; `(0, 1]`, default 0.9. */
  threshold?: number;
  /** Also report every code × document cell (NVivo's per-source figures). Default false. */
  includeCells?: boolean;
}

/** One row of a report: a code, a document, a code × document cell, or everything pooled. */
export interface AgreementRow {
  /** The code, or null on document rows and the pooled row. */
  codeId: CodeId | null;
  /** The document, or null on code rows and the pooled row. */
  documentId: DocumentId | null;
  /** Coder id → segments that coder made (as given, before merging). */
  segments: Record<string, number>;
  /** How many units of analysis the row counts (characters, places, or code-in-document judgements). */
  units: number;
  percentAgreement: PercentAgreement;
  /** Two coders only; null otherwise. */
  cohenKappa: Coefficient;
  fleissKappa: Coefficient;
  /** |uα on the character continuum (independent of the unit of analysis). */
  alphaBinary: Coefficient;
  /** cuα of all compared codes on document/pooled rows; the code's (k)uα on code rows and cells. */
  cuAlpha: Coefficient;
}

/** The rows for one unit of analysis. */
export interface UnitReport {
  unit: AgreementUnit;
  byCode: AgreementRow[];
  byDocument: AgreementRow[];
  /** Code × document cells, when asked for. */
  cells?: AgreementRow[];
  pooled: AgreementRow;
}

export interface CodingAgreementReport {
  coders: CoderId[];
  threshold: number;
  documents: number;
  codes: number;
  /** Segments left out because their document, code or coder is not compared, or they are empty. */
  ignoredSegments: number;
  /** Coder id → segments after merging each coder's overlapping/adjacent segments of one code. */
  mergedSegments: Record<string, number>;
  byUnit: Partial<Record<AgreementUnit, UnitReport>>;
}

/**
 * Merges overlapping or adjacent ranges (one coder, one code, one document) into disjoint,
 * sorted, non-touching ranges.
 *
 * @example mergeOverlappingSegments([{ start: 5, end: 9 }, { start: 0, end: 3 }, { start: 3, end: 6 }])
 * // → [{ start: 0, end: 9 }]
 */
export function mergeOverlappingSegments(ranges: ReadonlyArray<{ start: number; end: number }>): { start: number; end: number }[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const { start, end } of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

/** Union-find over unit indices, for grouping matched segments into places. */
function findRoot(parent: Int32Array, i: number): number {
  let root = i;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[i] !== root) {
    const next = parent[i]!;
    parent[i] = root;
    i = next;
  }
  return root;
}

/** Per-code binary tallies for one unit of analysis, laid out `[code × (m+1) + k]` and `[code × m + coder]`. */
interface CodeTallies {
  histogram: Float64Array;
  positives: Float64Array;
}

function emptyCodeTallies(codes: number, m: number): CodeTallies {
  return { histogram: new Float64Array(codes * (m + 1)), positives: new Float64Array(codes * m) };
}

function sliceTally(tallies: CodeTallies, code: number, m: number): BinaryTally {
  return {
    coders: m,
    histogram: tallies.histogram.slice(code * (m + 1), (code + 1) * (m + 1)),
    positives: tallies.positives.slice(code * m, (code + 1) * m),
  };
}

function sumTallies(tallies: CodeTallies, codes: number, m: number): BinaryTally {
  const sum = emptyBinaryTally(m);
  for (let c = 0; c < codes; c++) {
    for (let k = 0; k <= m; k++) sum.histogram[k]! += tallies.histogram[c * (m + 1) + k]!;
    for (let i = 0; i < m; i++) sum.positives[i]! += tallies.positives[c * m + i]!;
  }
  return sum;
}

function addCodeTallies(into: CodeTallies, from: CodeTallies): void {
  for (let i = 0; i < into.histogram.length; i++) into.histogram[i]! += from.histogram[i]!;
  for (let i = 0; i < into.positives.length; i++) into.positives[i]! += from.positives[i]!;
}

/** The continuum figures of a row, shared by every unit of analysis. */
interface ContinuumFigures {
  alphaBinary: Coefficient;
  cuAlpha: Coefficient;
}

function cuSums(tally: ContinuumTally): CuAlpha {
  const m = tally.coders;
  const self: number[] = [];
  const lengths: number[] = [];
  for (let v = 0; v < tally.values; v++) {
    self.push(valueSelfCoincidence(tally, v));
    let V = 0;
    for (let c = 0; c < m; c++) V += tally.coverage[v * m + c]!;
    lengths.push(V);
  }
  return computeCuAlpha({ self, cross: tally.crossSum, crossSquares: tally.crossSquares }, lengths);
}

/** |uα of one code (value) of a tally. */
function codeAlphaBinary(tally: ContinuumTally, code: number): Coefficient {
  return computeBinaryUnitizedAlpha(tally.coders, tally.valueHistogram, tally.squares[code]!, code * (tally.coders + 1));
}

/** |uα of all codes of a tally pooled (their continua concatenated). */
function pooledAlphaBinary(tally: ContinuumTally): Coefficient {
  const m = tally.coders;
  const histogram = new Float64Array(m + 1);
  let squares = 0;
  for (let v = 0; v < tally.values; v++) {
    for (let k = 0; k <= m; k++) histogram[k]! += tally.valueHistogram[v * (m + 1) + k]!;
    squares += tally.squares[v]!;
  }
  return computeBinaryUnitizedAlpha(m, histogram, squares);
}

function characterTallies(tally: ContinuumTally): CodeTallies {
  return { histogram: tally.valueHistogram, positives: tally.coverage };
}

/**
 * Agreement between two or more coders' codings of the same documents, per code, per document
 * and pooled, for each requested unit of analysis. Throws a `RangeError` (one sentence) when
 * fewer than two coders are given, the threshold is outside (0, 1], or a segment lies outside
 * its document.
 *
 * @example
 * const report = computeCodingAgreement({
 *   documents: [{ id: doc, length: 100 }], codes: [{ id: code }], coders: [ann, bob],
 *   segments: [
 *     { documentId: doc, codeId: code, coderId: ann, start: 0, end: 10 },
 *     { documentId: doc, codeId: code, coderId: bob, start: 0, end: 10 },
 *   ],
 * });
 * report.byUnit.characters!.pooled.cohenKappa.value // → 1
 */
export function computeCodingAgreement(input: CodingsInput, options: CodingsOptions = {}): CodingAgreementReport {
  const units = options.units ?? AGREEMENT_UNITS;
  const threshold = options.threshold ?? DEFAULT_SEGMENT_THRESHOLD;
  const includeCells = options.includeCells ?? false;
  const m = input.coders.length;
  if (m < 2) throw new RangeError('Agreement needs at least two coders.');
  if (new Set(input.coders).size !== m) throw new RangeError('Each coder may be listed only once.');
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('The segment overlap threshold must be greater than 0 and at most 1.');
  const D = input.documents.length;
  const C = input.codes.length;
  const docIndex = new Map<string, number>(input.documents.map((d, i) => [d.id, i]));
  const codeIndex = new Map<string, number>(input.codes.map((c, i) => [c.id, i]));
  const coderIndex = new Map<string, number>(input.coders.map((c, i) => [c, i]));
  input.documents.forEach((d) => {
    if (!(Number.isInteger(d.length) && d.length >= 0)) throw new RangeError(`Document ${d.id} has an invalid length.`);
  });

  // Bucket the segments by document (counting sort), validating as we go.
  const S = input.segments.length;
  const segDoc = new Int32Array(S).fill(-1);
  const segCode = new Int32Array(S);
  const segCoder = new Int32Array(S);
  const segStart = new Float64Array(S);
  const segEnd = new Float64Array(S);
  const perDocument = new Int32Array(D + 1);
  const rawCounts = new Float64Array(D * C * m);
  let ignoredSegments = 0;
  for (let s = 0; s < S; s++) {
    const seg = input.segments[s]!;
    const d = docIndex.get(seg.documentId);
    const c = codeIndex.get(seg.codeId);
    const k = coderIndex.get(seg.coderId);
    if (d === undefined || c === undefined || k === undefined || !(seg.end > seg.start)) {
      ignoredSegments++;
      continue;
    }
    const length = input.documents[d]!.length;
    if (!(Number.isInteger(seg.start) && Number.isInteger(seg.end) && seg.start >= 0 && seg.end <= length)) {
      throw new RangeError(`A segment [${seg.start}, ${seg.end}) lies outside document ${seg.documentId} (length ${length}).`);
    }
    segDoc[s] = d;
    segCode[s] = c;
    segCoder[s] = k;
    segStart[s] = seg.start;
    segEnd[s] = seg.end;
    perDocument[d + 1]!++;
    rawCounts[(d * C + c) * m + k]!++;
  }
  for (let d = 0; d < D; d++) perDocument[d + 1]! += perDocument[d]!;
  const byDocumentOrder = new Int32Array(S - ignoredSegments);
  {
    const fill = perDocument.slice(0, D);
    for (let s = 0; s < S; s++) if (segDoc[s]! >= 0) byDocumentOrder[fill[segDoc[s]!]!++] = s;
  }

  const wantCharacters = units.includes('characters');
  const wantSegments = units.includes('segments');
  const wantDocuments = units.includes('documents');
  const total = emptyTally(m, C);
  const codeTotals: Partial<Record<AgreementUnit, CodeTallies>> = {};
  for (const unit of units) if (unit !== 'characters') codeTotals[unit] = emptyCodeTallies(C, m);
  const documentRows: Partial<Record<AgreementUnit, AgreementRow[]>> = {};
  const cellRows: Partial<Record<AgreementUnit, AgreementRow[]>> = {};
  for (const unit of units) {
    documentRows[unit] = [];
    if (includeCells) cellRows[unit] = [];
  }
  const mergedSegments = new Float64Array(m);

  const coderCounts = (counts: ArrayLike<number>): Record<string, number> => {
    const record: Record<string, number> = {};
    input.coders.forEach((coder, k) => (record[coder] = counts[k]!));
    return record;
  };
  const row = (
    codeId: CodeId | null, documentId: DocumentId | null, counts: ArrayLike<number>, tally: BinaryTally, continuum: ContinuumFigures,
  ): AgreementRow => {
    const figures = computeBinaryAgreement(tally);
    return {
      codeId, documentId, segments: coderCounts(counts), units: figures.units,
      percentAgreement: figures.percentAgreement, cohenKappa: figures.cohenKappa, fleissKappa: figures.fleissKappa,
      alphaBinary: continuum.alphaBinary, cuAlpha: continuum.cuAlpha,
    };
  };

  // Scratch arrays reused across documents.
  let capacity = 0;
  let uStart = new Float64Array(0);
  let uEnd = new Float64Array(0);
  let uCoder = new Int32Array(0);
  let uCode = new Int32Array(0);

  for (let d = 0; d < D; d++) {
    const document = input.documents[d]!;
    const from = perDocument[d]!;
    const to = perDocument[d + 1]!;
    const count = to - from;
    // Sort by (code, coder, start) through one number per segment; the index rides along in
    // the low digits while that stays exact, else a comparator on the same keys.
    const order = new Float64Array(count);
    const stride = document.length + 1;
    if ((C * m * stride + 1) * count < Number.MAX_SAFE_INTEGER) {
      for (let i = 0; i < count; i++) {
        const s = byDocumentOrder[from + i]!;
        order[i] = ((segCode[s]! * m + segCoder[s]!) * stride + segStart[s]!) * count + i;
      }
      order.sort();
      for (let i = 0; i < count; i++) order[i] = byDocumentOrder[from + (order[i]! % count)]!;
    } else {
      const keys = new Map<number, number>();
      for (let i = 0; i < count; i++) {
        const s = byDocumentOrder[from + i]!;
        keys.set(s, (segCode[s]! * m + segCoder[s]!) * stride + segStart[s]!);
        order[i] = s;
      }
      order.sort((a, b) => keys.get(a)! - keys.get(b)!);
    }
    if (count > capacity) {
      capacity = Math.max(count, capacity * 2);
      uStart = new Float64Array(capacity);
      uEnd = new Float64Array(capacity);
      uCoder = new Int32Array(capacity);
      uCode = new Int32Array(capacity);
    }
    // Merge each coder's overlapping or adjacent segments of one code.
    let U = 0;
    for (let i = 0; i < count; i++) {
      const s = order[i]!;
      const start = segStart[s]!;
      const end = segEnd[s]!;
      const c = segCode[s]!;
      const k = segCoder[s]!;
      if (U > 0 && uCode[U - 1] === c && uCoder[U - 1] === k && start <= uEnd[U - 1]!) {
        if (end > uEnd[U - 1]!) uEnd[U - 1] = end;
        continue;
      }
      uStart[U] = start;
      uEnd[U] = end;
      uCoder[U] = k;
      uCode[U] = c;
      mergedSegments[k]!++;
      U++;
    }

    const tally = tallyContinuum({
      length: document.length, coders: m, values: C, starts: uStart, ends: uEnd, unitCoders: uCoder, unitValues: uCode, count: U,
    });
    addTally(total, tally);
    const docCounts = new Float64Array(m);
    for (let c = 0; c < C; c++) for (let k = 0; k < m; k++) docCounts[k]! += rawCounts[(d * C + c) * m + k]!;

    const documentCu = cuSums(tally);
    const documentFigures: ContinuumFigures = { alphaBinary: pooledAlphaBinary(tally), cuAlpha: documentCu.cuAlpha };
    const cellFigures: ContinuumFigures[] = [];
    if (includeCells) {
      for (let c = 0; c < C; c++) cellFigures.push({ alphaBinary: codeAlphaBinary(tally, c), cuAlpha: documentCu.byValue[c]! });
    }

    const perUnit: Partial<Record<AgreementUnit, CodeTallies>> = {};
    if (wantCharacters) perUnit.characters = characterTallies(tally);
    if (wantSegments) perUnit.segments = tallyPlaces(uStart, uEnd, uCoder, uCode, U, C, m, threshold);
    if (wantDocuments) {
      const presence = emptyCodeTallies(C, m);
      for (let c = 0; c < C; c++) {
        let k = 0;
        for (let i = 0; i < m; i++) {
          if (tally.unitCounts[c * m + i]! > 0) {
            k++;
            presence.positives[c * m + i] = 1;
          }
        }
        presence.histogram[c * (m + 1) + k] = 1;
      }
      perUnit.documents = presence;
    }
    for (const unit of units) {
      const tallies = perUnit[unit]!;
      if (unit !== 'characters') addCodeTallies(codeTotals[unit]!, tallies);
      documentRows[unit]!.push(row(null, document.id, docCounts, sumTallies(tallies, C, m), documentFigures));
      if (includeCells) {
        for (let c = 0; c < C; c++) {
          const counts = rawCounts.subarray((d * C + c) * m, (d * C + c + 1) * m);
          cellRows[unit]!.push(row(input.codes[c]!.id, document.id, counts, sliceTally(tallies, c, m), cellFigures[c]!));
        }
      }
    }
  }

  // Code rows and the pooled row, from tallies summed over documents.
  const totalCu = cuSums(total);
  const codeFigures: ContinuumFigures[] = input.codes.map((_, c) => ({
    alphaBinary: codeAlphaBinary(total, c),
    cuAlpha: totalCu.byValue[c] ?? undefinedBecause('There are no codes.'),
  }));
  const pooledFigures: ContinuumFigures = { alphaBinary: pooledAlphaBinary(total), cuAlpha: totalCu.cuAlpha };
  const codeCounts = new Float64Array(C * m);
  const allCounts = new Float64Array(m);
  for (let d = 0; d < D; d++) {
    for (let c = 0; c < C; c++) {
      for (let k = 0; k < m; k++) {
        const n = rawCounts[(d * C + c) * m + k]!;
        codeCounts[c * m + k]! += n;
        allCounts[k]! += n;
      }
    }
  }
  const byUnit: Partial<Record<AgreementUnit, UnitReport>> = {};
  for (const unit of units) {
    const tallies = unit === 'characters' ? characterTallies(total) : codeTotals[unit]!;
    const byCode = input.codes.map((code, c) =>
      row(code.id, null, codeCounts.subarray(c * m, (c + 1) * m), sliceTally(tallies, c, m), codeFigures[c]!));
    byUnit[unit] = {
      unit,
      byCode,
      byDocument: documentRows[unit]!,
      ...(includeCells ? { cells: cellRows[unit]! } : {}),
      pooled: row(null, null, allCounts, sumTallies(tallies, C, m), pooledFigures),
    };
  }
  return {
    coders: [...input.coders],
    threshold,
    documents: D,
    codes: C,
    ignoredSegments,
    mergedSegments: coderCounts(mergedSegments),
    byUnit,
  };
}

/**
 * Groups one document's merged segments into places (segments of any coder and code whose
 * intersection over union reaches `threshold`, transitively) and tallies, per code, how many
 * coders coded each place. Places where nobody applied the code are that code's "neither" units.
 */
function tallyPlaces(
  starts: Float64Array, ends: Float64Array, coders: Int32Array, codes: Int32Array, U: number, C: number, m: number, threshold: number,
): CodeTallies {
  const result = emptyCodeTallies(C, m);
  if (U === 0) return result;
  const parent = new Int32Array(U);
  for (let u = 0; u < U; u++) parent[u] = u;
  const byStart = new Float64Array(U);
  for (let u = 0; u < U; u++) byStart[u] = starts[u]! * U + u;
  byStart.sort();
  const active: number[] = [];
  for (let i = 0; i < U; i++) {
    const u = byStart[i]! % U;
    const start = starts[u]!;
    const end = ends[u]!;
    let kept = 0;
    for (let j = 0; j < active.length; j++) {
      const a = active[j]!;
      if (ends[a]! <= start) continue;
      active[kept++] = a;
      // a started no later than u, so the union is one interval from a's start.
      const intersection = Math.min(ends[a]!, end) - start;
      const union = Math.max(ends[a]!, end) - starts[a]!;
      if (intersection + 1e-9 * union >= threshold * union) {
        const ra = findRoot(parent, a);
        const ru = findRoot(parent, u);
        if (ra !== ru) parent[ra] = ru;
      }
    }
    active.length = kept;
    active.push(u);
  }
  // Number the places, then count distinct coders per (place, code).
  const placeOf = new Int32Array(U).fill(-1);
  let places = 0;
  const keys = new Float64Array(U);
  for (let u = 0; u < U; u++) {
    const root = findRoot(parent, u);
    if (placeOf[root] === -1) placeOf[root] = places++;
    keys[u] = (placeOf[root]! * C + codes[u]!) * m + coders[u]!;
  }
  keys.sort();
  const width = m + 1;
  let i = 0;
  while (i < U) {
    const group = Math.floor(keys[i]! / m);
    const code = group % C;
    let distinct = 0;
    let previousCoder = -1;
    while (i < U && Math.floor(keys[i]! / m) === group) {
      const coder = keys[i]! % m;
      if (coder !== previousCoder) {
        distinct++;
        result.positives[code * m + coder]!++;
        previousCoder = coder;
      }
      i++;
    }
    result.histogram[code * width + distinct]!++;
  }
  for (let c = 0; c < C; c++) {
    let someone = 0;
    for (let k = 1; k <= m; k++) someone += result.histogram[c * width + k]!;
    result.histogram[c * width] = places - someone;
  }
  return result;
}
