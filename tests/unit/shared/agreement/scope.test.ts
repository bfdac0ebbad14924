import { describe, expect, it } from 'vitest';
import type { Code, CodeId, Coder, CoderId, Document, DocumentId, ProjectBundle, ProjectId, Segment, SegmentId } from '../../../../shared/model/index.ts';
import { compareInScope, formatFigure, readFigure } from '../../../../shared/agreement/scope.ts';
import { comparisonCsv, comparisonCsvText, comparisonTable, POOLED_LABEL } from '../../../../shared/agreement/comparisonTable.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const P = 'p' as ProjectId;
const code = (id: string, name: string, parentId: string | null = null): Code => ({
  id: id as CodeId, projectId: P, parentId: parentId as CodeId | null, name, color: '#336699', description: '', definition: '',
  inclusion: '', exclusion: '', examples: '', isCodable: true, order: 0,
});
const doc = (id: string, name: string, text: string): Document => ({ id: id as DocumentId, projectId: P, name, text, origin: 'txt', order: 0, createdAt: NOW, variables: {} });
const coder = (id: string, name: string): Coder => ({ id: id as CoderId, name, color: '#000000' });
let n = 0;
const seg = (documentId: string, codeId: string, coderId: string, start: number, end: number): Segment => ({
  id: `s${n++}` as SegmentId, projectId: P, documentId: documentId as DocumentId, codeId: codeId as CodeId, coderId: coderId as CoderId, start, end, createdAt: NOW,
});

// "Framing" is a category (it groups codes, nobody codes with it). Document d1 (10 characters): Ana codes [0,5), Ben codes [0,4) with "Victim". d2 (10 characters): nobody codes it.
const bundle: ProjectBundle = {
  project: { id: P, name: 'p', description: '', createdAt: NOW, modifiedAt: NOW },
  coders: [coder('a', 'Ana'), coder('b', 'Ben'), coder('c', 'Cy')],
  codes: [{ ...code('framing', 'Framing'), isCodable: false }, code('victim', 'Victim', 'framing'), code('actor', 'Actor')],
  documents: [doc('d1', 'Coded', 'aaaaaaaaaa'), doc('d2', 'Untouched', 'bbbbbbbbbb')],
  segments: [seg('d1', 'victim', 'a', 0, 5), seg('d1', 'victim', 'b', 0, 4), seg('d2', 'actor', 'c', 0, 3)],
  memos: [],
  sets: [],
};

describe('compareInScope', () => {
  it('leaves out, with the character unit, a document none of the compared coders coded', () => {
    const result = compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'characters', codeBranch: 'framing' as CodeId });
    const pooled = result.report.byUnit.characters!.pooled;
    // By hand over d1's 10 characters: 4 coded by both, 5 by neither → p_o = .9;
    // p_e = .5 × .4 + .5 × .6 = .5 → κ = (.9 − .5) / (1 − .5) = .8.
    expect(pooled.units).toBe(10);
    expect(pooled.percentAgreement.value).toBeCloseTo(0.9, 12);
    expect(pooled.cohenKappa.value).toBeCloseTo(0.8, 12);
    expect(result.uncodedDocumentsLeftOut).toEqual(['Untouched']);
    expect(result.method).toContain('1 document none of the compared coders coded is left out');
    expect(result.method).toContain('“Framing” and the codes under it (1 code)');
  });

  it('counts every character when asked (NVivo’s figure), and says so', () => {
    const result = compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'characters', codeBranch: 'framing' as CodeId, countUncodedDocuments: true });
    const pooled = result.report.byUnit.characters!.pooled;
    // 20 characters: p_o = 19/20; p_e = .25 × .2 + .75 × .8 = .65 → κ = .3 / .35.
    expect(pooled.units).toBe(20);
    expect(pooled.percentAgreement.value).toBeCloseTo(0.95, 12);
    expect(pooled.cohenKappa.value).toBeCloseTo(0.3 / 0.35, 12);
    expect(result.uncodedDocumentsLeftOut).toEqual([]);
    expect(result.method).toContain('all characters, as NVivo counts them');
  });

  it('treats a document coded only by a coder outside the comparison as uncoded', () => {
    const result = compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'characters' });
    expect(result.uncodedDocumentsLeftOut).toEqual(['Untouched']);
  });

  it('keeps every chosen document with the segment unit, and names the threshold', () => {
    const result = compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'segments', threshold: 0.75 });
    expect(result.uncodedDocumentsLeftOut).toEqual([]);
    expect(result.method).toContain('at least 0.75');
    // |[0,4) ∩ [0,5)| / |[0,4) ∪ [0,5)| = 4/5 ≥ .75: one place, both coded it with Victim.
    const victim = result.report.byUnit.segments!.byCode.find((r) => r.codeId === 'victim')!;
    expect(victim.units).toBe(1);
    expect(victim.percentAgreement.value).toBe(1);
  });

  it('counts only the chosen documents', () => {
    const result = compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'documents', documentIds: ['d1' as DocumentId] });
    expect(result.documents.map((d) => d.name)).toEqual(['Coded']);
    expect(result.method).toContain('1 document counted.');
  });
});

describe('formatFigure', () => {
  it('shows three decimals, a real minus sign, and a dash when undefined', () => {
    expect(formatFigure({ value: 0.8124 })).toBe('0.812');
    expect(formatFigure({ value: -0.12345 })).toBe('−0.123');
    expect(formatFigure({ value: -0.0001 })).toBe('0.000');
    expect(formatFigure({ value: 1 })).toBe('1.000');
    expect(formatFigure({ value: null, reason: 'No variation.' })).toBe('—');
  });
});

describe('readFigure', () => {
  it('reads α ≥ .800 as reliable and ≥ .667 as tentative', () => {
    expect(readFigure({ value: 0.8 })).toBe('reliable');
    expect(readFigure({ value: 0.7999 })).toBe('tentative');
    expect(readFigure({ value: 0.667 })).toBe('tentative');
    expect(readFigure({ value: 0.6669 })).toBe('unreliable');
    expect(readFigure({ value: null, reason: 'x' })).toBe('undefined');
  });
});

describe('comparisonTable', () => {
  it('gives one row per compared code in codebook order (siblings by order, then name) and the pooled row', () => {
    const table = comparisonTable(compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'characters' }));
    expect(table.coders).toEqual(['Ana', 'Ben']);
    expect(table.rows.map((r) => r.label)).toEqual(['Actor', 'Framing / Victim']);
    expect(table.rows[1]!.segments).toEqual([1, 1]);
    expect(table.rows[1]!.figures.cohenKappa.value).toBeCloseTo(0.8, 12);
    expect(table.pooled.label).toBe(POOLED_LABEL);
  });

  it('exports full precision, with the reason beside an undefined figure', () => {
    const table = comparisonTable(compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'characters' }));
    const csv = comparisonCsv(table);
    expect(csv.fields.slice(0, 4)).toEqual(['code', 'Ana segments', 'Ben segments', 'units']);
    const victim = csv.records[1]!;
    expect(victim[csv.fields.indexOf('Cohen’s κ')]).toBeCloseTo(0.8, 12);
    // Nobody coded "Actor" in the one counted document: κ has no variation to work with.
    const actor = csv.records[0]!;
    expect(actor[csv.fields.indexOf('Cohen’s κ')]).toBeNull();
    expect(String(actor[csv.fields.indexOf('Cohen’s κ undefined because')])).not.toBe('');
  });
});

describe('comparisonCsvText', () => {
  it('writes a BOM, the header and rows, then the method statement', () => {
    const comparison = compareInScope(bundle, { coders: ['Ana', 'Ben'], unit: 'characters' });
    const text = comparisonCsvText(comparisonTable(comparison), comparison.method);
    expect(text.startsWith('\uFEFFcode,Ana segments,Ben segments,units,Agreement,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[2]!.startsWith('Framing / Victim,1,1,10,0.9,,0.8')).toBe(true);
    expect(text).toContain('Method: Coders: Ana, Ben.');
  });
});
