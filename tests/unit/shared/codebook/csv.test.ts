import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { readCodebookCsv, splitCodePath, joinCodePath, writeCodebookCsv } from '../../../../shared/codebook/csv.ts';
import { ExchangeError } from '../../../../shared/common/errors.ts';
import { PROJECT_ID, bundleArbitrary, smallBundle, withoutQuickKeys } from '../refi/helpers.ts';

const byId = <T extends { id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('writeCodebookCsv', () => {
  const bundle = smallBundle();
  const csv = writeCodebookCsv({ codes: bundle.codes, segments: bundle.segments });
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

  it('writes one row per code in tree order with our columns', () => {
    expect(rows[0]).toEqual(['path', 'name', 'colour', 'codable', 'description', 'definition', 'inclusion', 'exclusion', 'examples', 'codings', 'documents', 'id']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Risk', 'Risk/Vaccine harms', 'Risk/Disease <severity> & "fear"']);
    expect(rows[1]).toEqual(['Risk', 'Risk', '#4e79a7', 'no', 'Talk about danger.', '', '', '', '', '0', '0', 'a0000000-0000-4000-8000-000000000001']);
    expect(rows[2]!.slice(8, 11)).toEqual(['It is poison 😡\nMy arm hurt for a week', '2', '1']);
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180) and ends rows with CRLF', () => {
    expect(csv).toContain('"Risk/Disease <severity> & ""fear"""');
    expect(csv.split('\r\n')).toHaveLength(5);
  });

  it('adds a BOM for Excel when asked', () => {
    expect(writeCodebookCsv({ codes: bundle.codes }, { bom: true }).charCodeAt(0)).toBe(0xfeff);
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    const codes = [{ ...bundle.codes[0]!, name: '=SUM(A1;A2)', description: '+1', definition: '-2', inclusion: '@x', exclusion: "'quoted" }];
    const row = Papa.parse<string[]>(writeCodebookCsv({ codes }), { skipEmptyLines: true }).data[1]!;
    expect(row.slice(0, 8)).toEqual(["'=SUM(A1;A2)", "'=SUM(A1;A2)", '#4e79a7', 'no', "'+1", "'-2", "'@x", "''quoted"]);
    expect(readCodebookCsv(writeCodebookCsv({ codes }), { projectId: PROJECT_ID }).codes[0]).toMatchObject({ name: '=SUM(A1;A2)', description: '+1', definition: '-2', inclusion: '@x', exclusion: "'quoted" });
  });
});

describe('readCodebookCsv', () => {
  it('reads back every field of what it wrote (quick keys stay with the project)', () => {
    const bundle = smallBundle();
    expect(readCodebookCsv(writeCodebookCsv({ codes: bundle.codes }, { bom: true }), { projectId: PROJECT_ID }).codes).toEqual(withoutQuickKeys(bundle.codes));
  });

  it('round-trips any generated codebook', () => {
    fc.assert(
      fc.property(bundleArbitrary, (bundle) => {
        const { codes } = readCodebookCsv(writeCodebookCsv({ codes: bundle.codes }), { projectId: bundle.project.id });
        expect(byId(codes)).toEqual(byId(withoutQuickKeys(bundle.codes)));
      }),
      { numRuns: 150 },
    );
  });

  it('reads a hand-made sheet: any column order, missing parents created, yes/no in any spelling', () => {
    const csv = 'Name,Path,Color,Codable\nChild,Parent/Child,#F00,N\nOther,,"rgb(0,0,255)",\n';
    let n = 0;
    const { codes, report } = readCodebookCsv(csv, { projectId: PROJECT_ID, newId: () => `00000000-0000-4000-8000-00000000000${++n}` });
    expect(codes.map((c) => [c.name, c.parentId, c.isCodable, c.color])).toEqual([
      ['Parent', null, false, expect.stringMatching(/^#[0-9a-f]{6}$/)],
      ['Child', '00000000-0000-4000-8000-000000000001', false, '#ff0000'],
      ['Other', null, true, '#0000ff'],
    ]);
    expect(report.adjusted.map((i) => i.kind)).toEqual(['csv.parent-created']);
  });

  it('fills in a parent row that comes after its children', () => {
    const csv = 'path,name,description,id\nA/B,B,,\nA,A,The parent,11111111-1111-4111-8111-111111111111\n';
    const { codes, report } = readCodebookCsv(csv, { projectId: PROJECT_ID });
    expect(codes.map((c) => [c.name, c.description, c.parentId])).toEqual([
      ['A', 'The parent', null],
      ['B', '', '11111111-1111-4111-8111-111111111111'],
    ]);
    expect(report.adjusted).toEqual([]);
  });

  it('refuses what is not a codebook', () => {
    expect(() => readCodebookCsv('a,b\n1,2\n')).toThrow(new ExchangeError('The CSV has neither a "path" nor a "name" column, so it is not a codebook.'));
    expect(() => readCodebookCsv('')).toThrow(ExchangeError);
    expect(() => readCodebookCsv('path,name\n"unclosed,x\n')).toThrow(/^The CSV is malformed/);
  });
});

describe('code paths', () => {
  it('escape the separator inside names', () => {
    expect(joinCodePath(['a/b', 'c\\d', 'e'])).toBe('a\\/b/c\\\\d/e');
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (names) => {
        expect(splitCodePath(joinCodePath(names))).toEqual(names);
      }),
    );
  });
});
