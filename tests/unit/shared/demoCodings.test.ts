import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AGREEMENT_UNITS, compareInScope, comparisonTable, findPlaces } from '../../../shared/agreement/index.ts';
import { DEMO_CODERS, DEMO_CODINGS, isDemoCoder, locateDemoCoding, planDemoSegments } from '../../../shared/demo/demoCodings.ts';
import { STARTER_CODEBOOK, STARTER_DOCUMENTS, flattenStarterCodebook } from '../../../shared/demo/starterCodebook.ts';
import type { DocumentId, ProjectBundle, ProjectId } from '../../../shared/model/index.ts';

/** The copies the app ships. */
const SHIPPED_CORPUS = new URL('../../../renderer/demo/corpus/', import.meta.url);
const textOf = (file: string): string => readFileSync(new URL(file, SHIPPED_CORPUS), 'utf8');
const [PRIYA, TOM] = DEMO_CODERS;

/** The demo project as the app writes it, as a bundle for the agreement engine. */
function demoBundle(): ProjectBundle {
  let next = 0;
  const makeId = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
  const projectId = makeId() as ProjectId;
  const codes = flattenStarterCodebook(STARTER_CODEBOOK, makeId, projectId);
  const documents = STARTER_DOCUMENTS.map((doc, order) => ({
    id: makeId() as DocumentId, projectId, name: doc.name, origin: 'demo' as const, order, createdAt: '2026-01-01T00:00:00.000Z', variables: {}, text: textOf(doc.file), file: doc.file,
  }));
  const segments = planDemoSegments(DEMO_CODINGS, { projectId, documents, codes, makeId, createdAt: '2026-01-01T00:00:00.000Z' });
  return {
    project: { id: projectId, name: 'Demo', description: '', createdAt: '2026-01-01T00:00:00.000Z', modifiedAt: '2026-01-01T00:00:00.000Z' },
    coders: DEMO_CODERS.map((c) => ({ ...c })),
    codes,
    documents: documents.map(({ file: _file, ...d }) => d),
    segments,
    memos: [],
    sets: [],
  };
}

describe('DEMO_CODERS', () => {
  it('are two examples, named as such, with distinct colours and GUID ids', () => {
    expect(DEMO_CODERS.map((c) => c.name)).toEqual(['Demo coder A (Priya)', 'Demo coder B (Tom)']);
    expect(PRIYA.color).not.toBe(TOM.color);
    for (const coder of DEMO_CODERS) {
      expect(coder.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(coder.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(isDemoCoder(coder.id)).toBe(true);
    }
    expect(isDemoCoder('00000000-0000-4000-8000-000000000001')).toBe(false);
  });
});

describe('DEMO_CODINGS', () => {
  it('quotes every passage verbatim from its document, once or at the occurrence it names', () => {
    for (const coding of DEMO_CODINGS) {
      const text = textOf(coding.document);
      const count = text.split(coding.quote).length - 1;
      if (coding.occurrence === undefined) expect(count, coding.quote).toBe(1);
      else expect(count, coding.quote).toBeGreaterThanOrEqual(coding.occurrence);
      const { start, end } = locateDemoCoding(text, coding);
      expect(text.slice(start, end)).toBe(coding.quote);
    }
  });

  it('names only documents of the demo and codable codes of the starter codebook, by path', () => {
    const files = STARTER_DOCUMENTS.map((d) => d.file);
    const paths = STARTER_CODEBOOK.flatMap((category) => category.children.filter((c) => c.isCodable).map((child) => `${category.name} › ${child.name}`));
    for (const coding of DEMO_CODINGS) {
      expect(files, coding.quote).toContain(coding.document);
      expect(paths, coding.quote).toContain(coding.code);
    }
  });

  it('gives both coders a share of the work on every document, and 25–45 codings in all', () => {
    expect(DEMO_CODINGS.length).toBeGreaterThanOrEqual(25);
    expect(DEMO_CODINGS.length).toBeLessThanOrEqual(45);
    for (const doc of STARTER_DOCUMENTS) {
      for (const coder of DEMO_CODERS) {
        expect(DEMO_CODINGS.filter((c) => c.document === doc.file && c.coderId === coder.id).length, `${coder.name} in ${doc.file}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('never codes the passage whose author asked not to be quoted', () => {
    const text = textOf('2012-06-14-occupy-patriarchy-statement.txt');
    const start = text.indexOf('“When the vice squad does stings');
    const end = text.indexOf('anonymous sex worker\n');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    for (const coding of DEMO_CODINGS.filter((c) => c.document === '2012-06-14-occupy-patriarchy-statement.txt')) {
      const range = locateDemoCoding(text, coding);
      expect(range.end <= start || range.start >= end, coding.quote).toBe(true);
    }
  });
});

describe('locateDemoCoding', () => {
  it('finds the occurrence asked for', () => {
    expect(locateDemoCoding('a cat, a cat', { quote: 'a cat', occurrence: 2 })).toEqual({ start: 7, end: 12 });
  });

  it('refuses a quote that occurs twice when no occurrence is named, or not at all', () => {
    expect(() => locateDemoCoding('a cat, a cat', { quote: 'a cat' })).toThrow(/occurs 2 times/);
    expect(() => locateDemoCoding('a cat', { quote: 'a dog' })).toThrow(/occurs 0 times/);
    expect(() => locateDemoCoding('a cat', { quote: 'a cat', occurrence: 2 })).toThrow(/does not occur/);
  });
});

describe('planDemoSegments', () => {
  it('makes one segment per coding, on the quoted range, under the coded path and coder', () => {
    const bundle = demoBundle();
    expect(bundle.segments).toHaveLength(DEMO_CODINGS.length);
    bundle.segments.forEach((segment, i) => {
      const coding = DEMO_CODINGS[i]!;
      const document = bundle.documents.find((d) => d.id === segment.documentId)!;
      expect(document.text.slice(segment.start, segment.end)).toBe(coding.quote);
      const code = bundle.codes.find((c) => c.id === segment.codeId)!;
      const parent = bundle.codes.find((c) => c.id === code.parentId)!;
      expect(`${parent.name} › ${code.name}`).toBe(coding.code);
      expect(segment.coderId).toBe(coding.coderId);
    });
  });

  it('says which code is missing from the codebook', () => {
    const bundle = demoBundle();
    const codes = bundle.codes.filter((c) => c.name !== 'Sensationalism');
    const documents = bundle.documents.map((d, i) => ({ ...d, file: STARTER_DOCUMENTS[i]!.file }));
    expect(() => planDemoSegments(DEMO_CODINGS, { projectId: bundle.project.id, documents, codes, makeId: () => 'x', createdAt: '' })).toThrow(/Framing › Sensationalism/);
  });
});

describe('the demo coders compared', () => {
  it('give pooled figures that are defined and neither 0 nor 1, for every unit', () => {
    const bundle = demoBundle();
    for (const unit of AGREEMENT_UNITS) {
      const table = comparisonTable(compareInScope(bundle, { coders: [PRIYA.name, TOM.name], unit }));
      const { percentAgreement, cohenKappa, alphaBinary, cuAlpha } = table.pooled.figures;
      for (const [name, figure] of Object.entries({ percentAgreement, cohenKappa, alphaBinary, cuAlpha })) {
        expect(figure.value, `${unit} ${name}: ${figure.reason ?? ''}`).not.toBeNull();
        expect(figure.value!, `${unit} ${name}`).toBeLessThan(1);
        expect(figure.value!, `${unit} ${name}`).toBeGreaterThan(0);
      }
    }
  });

  it('compare all three documents with the character unit (none is left out)', () => {
    const comparison = compareInScope(demoBundle(), { coders: [PRIYA.name, TOM.name], unit: 'characters' });
    expect(comparison.uncodedDocumentsLeftOut).toEqual([]);
  });

  it('differ in places of every kind, and agree in others', () => {
    const bundle = demoBundle();
    const places = findPlaces({ coders: [PRIYA.id, TOM.id], segments: bundle.segments });
    const kinds = new Set(places.disagreements.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['boundaries', 'different-codes', 'only-some']);
    expect(places.agreements.length).toBeGreaterThanOrEqual(5);
    // Each kind more than once, so the review list is worth walking through.
    for (const kind of kinds) expect(places.disagreements.filter((p) => p.kind === kind).length, String(kind)).toBeGreaterThanOrEqual(2);
  });
});
