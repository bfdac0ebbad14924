import { describe, expect, it } from 'vitest';
import { ReliabilityInputError, computeReliabilityReport, parseReliabilityInput, type TableReport, type UnitizedReport } from '../../../../shared/agreement/index.ts';

describe('parseReliabilityInput', () => {
  it('tells a table from a unitized continuum by the "length" field', () => {
    expect(parseReliabilityInput({ coders: { a: [1], b: [1] } }).kind).toBe('table');
    expect(parseReliabilityInput({ length: 5, coders: { a: [], b: [] } }).kind).toBe('unitized');
  });

  it.each([
    [[1, 2], /JSON object with a "coders" field/],
    [{ coders: [1, 2] }, /"coders" object/],
    [{ coders: { a: [1] } }, /at least two coders; the file has 1/],
    [{ coders: { a: [1, 2], b: [1] } }, /Coder "b" has 1 values but coder "a" has 2: every coder needs one entry per unit/],
    [{ coders: { a: [true], b: [1] } }, /values must be numbers, strings or null/],
    [{ level: 'cardinal', coders: { a: [1], b: [1] } }, /"level" must be one of nominal, ordinal, interval, ratio/],
    [{ length: 0, coders: { a: [], b: [] } }, /"length" must be a positive whole number/],
    [{ length: 10, coders: { a: [[0, 5]], b: [] } }, /must be \[start, end, "value"\]/],
    [{ length: 10, coders: { a: [[0, 11, 'x']], b: [] } }, /not a whole-number range with 0 ≤ start < end ≤ 10/],
    [{ length: 10, coders: { a: [[0, 5, 'x'], [4, 8, 'y']], b: [] } }, /overlapping units \[0, 5\) and \[4, 8\)/],
  ])('refuses %j with one sentence', (json, message) => {
    expect(() => parseReliabilityInput(json)).toThrow(ReliabilityInputError);
    expect(() => parseReliabilityInput(json)).toThrow(message);
  });
});

describe('computeReliabilityReport', () => {
  it('reports a table with plain numbers, nulls and their reasons', () => {
    const report = computeReliabilityReport(parseReliabilityInput({
      level: 'interval', coders: { a: [1, 2, 3, null], b: [1, 2, 4, 4], c: [1, 3, 3, 4] },
    }), { bootstrapSamples: 200 }) as TableReport;
    expect(report.units).toBe(4);
    expect(report.coders).toBe(3);
    expect(report.cohenKappa).toBeNull();
    expect(report.reasons.cohenKappa).toMatch(/exactly two coders/);
    expect(report.fleissKappa).toBeNull();
    expect(report.reasons.fleissKappa).toMatch(/missing values/);
    expect(typeof report.krippendorffAlpha.ratio).toBe('number');
    expect(report.krippendorffAlphaCI95).toMatchObject({ level: 'interval', samples: 200, seed: 1 });
  });

  it('reports a unitized continuum: identical coders → uα = |uα = 1, and cuα undefined with one value', () => {
    const report = computeReliabilityReport(parseReliabilityInput({
      length: 20, coders: { a: [[0, 5, 'x'], [10, 15, 'x']], b: [[0, 5, 'x'], [10, 15, 'x']] },
    })) as UnitizedReport;
    expect(report.uAlpha).toBeCloseTo(1, 12);
    expect(report.binaryUAlpha).toBeCloseTo(1, 12);
    expect(report.cuAlpha).toBeNull();
    expect(report.reasons.cuAlpha).toMatch(/same value/);
    expect(report.byValue).toEqual({ x: null });
  });
});
