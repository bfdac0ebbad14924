/**
 * The `--reliability-data` input of the command line, as pure functions: validate a parsed JSON
 * value (a units × coders table or a unitized continuum) and compute its report as one plain
 * object whose figures are JSON numbers or `null`, with the reason for each `null` in `reasons`.
 *
 * Table:     {"level": "nominal"|"ordinal"|"interval"|"ratio", "coders": {"ann": [1, 2, null], "bob": [1, 3, 2]}}
 * Unitized:  {"length": 60, "coders": {"ann": [[0, 7, "1"], [7, 13, "2"]], "bob": [[0, 7, "1"]]}}
 */
import { errorMessage } from '../common/errors.ts';
import type { Coefficient } from './coefficient.ts';
import { bootstrapKrippendorffAlpha, computeKrippendorffAlpha, MEASUREMENT_LEVELS, type MeasurementLevel } from './krippendorff.ts';
import {
  computeBrennanPrediger, computeCohenKappa, computeFleissKappa, computeGwetAc1, computePercentAgreement,
  computeScottPi, prepareReliabilityData, type Rating,
} from './reliabilityData.ts';
import { computeUnitizedAlpha, type ValuedUnit } from './unitized.ts';

/** Bad `--reliability-data` input; the message is one sentence for the user. */
export class ReliabilityInputError extends Error {}

/** A validated units × coders table. */
export interface TableInput {
  kind: 'table';
  level: MeasurementLevel;
  coders: string[];
  /** `data[unit][coder]`. */
  data: Rating[][];
}

/** A validated unitized continuum. */
export interface UnitizedInput {
  kind: 'unitized';
  length: number;
  coders: Record<string, ValuedUnit[]>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates a parsed `--reliability-data` JSON value. Throws {@link ReliabilityInputError}
 * with one sentence on bad input.
 *
 * @example parseReliabilityInput({ coders: { ann: ['a', 'b'], bob: ['a', 'a'] } }).kind // → 'table'
 * @example parseReliabilityInput({ length: 10, coders: { ann: [[0, 5, 'x']], bob: [] } }).kind // → 'unitized'
 */
export function parseReliabilityInput(json: unknown): TableInput | UnitizedInput {
  if (!isRecord(json)) throw new ReliabilityInputError('The reliability data must be a JSON object with a "coders" field.');
  const coders = json.coders;
  if (!isRecord(coders)) throw new ReliabilityInputError('The reliability data need a "coders" object mapping each coder to their values.');
  const names = Object.keys(coders);
  if (names.length < 2) throw new ReliabilityInputError(`Agreement needs at least two coders; the file has ${names.length}.`);
  return 'length' in json ? parseUnitized(json.length, coders, names) : parseTable(json.level, coders, names);
}

function parseTable(level: unknown, coders: Record<string, unknown>, names: string[]): TableInput {
  if (level !== undefined && !MEASUREMENT_LEVELS.includes(level as MeasurementLevel)) {
    throw new ReliabilityInputError(`"level" must be one of ${MEASUREMENT_LEVELS.join(', ')}, not ${JSON.stringify(level)}.`);
  }
  const rows = names.map((name) => {
    const values = coders[name];
    if (!Array.isArray(values)) throw new ReliabilityInputError(`Coder "${name}" must have an array of values (one per unit).`);
    values.forEach((value, unit) => {
      const ok = value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
      if (!ok) {
        throw new ReliabilityInputError(`Coder "${name}" has ${JSON.stringify(value)} for unit ${unit + 1}; values must be numbers, strings or null.`);
      }
    });
    return values as Rating[];
  });
  const first = rows[0]!;
  rows.forEach((row, i) => {
    if (row.length !== first.length) {
      throw new ReliabilityInputError(
        `Coder "${names[i]}" has ${row.length} values but coder "${names[0]}" has ${first.length}: every coder needs one entry per unit.`,
      );
    }
  });
  const data: Rating[][] = first.map((_, unit) => rows.map((row) => row[unit] ?? null));
  return { kind: 'table', level: (level as MeasurementLevel | undefined) ?? 'nominal', coders: names, data };
}

function parseUnitized(length: unknown, coders: Record<string, unknown>, names: string[]): UnitizedInput {
  if (typeof length !== 'number' || !Number.isInteger(length) || length <= 0) {
    throw new ReliabilityInputError('"length" must be a positive whole number (the continuum length in characters).');
  }
  const parsed: Record<string, ValuedUnit[]> = {};
  for (const name of names) {
    const units = coders[name];
    if (!Array.isArray(units)) throw new ReliabilityInputError(`Coder "${name}" must have an array of [start, end, "value"] units.`);
    parsed[name] = units.map((unit, i) => {
      const ok = Array.isArray(unit) && unit.length === 3 && typeof unit[0] === 'number' && typeof unit[1] === 'number'
        && (typeof unit[2] === 'string' || typeof unit[2] === 'number');
      if (!ok) throw new ReliabilityInputError(`Unit ${i + 1} of coder "${name}" must be [start, end, "value"].`);
      const [start, end, value] = unit as [number, number, string | number];
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
        throw new ReliabilityInputError(
          `Unit ${i + 1} of coder "${name}" is [${start}, ${end}), which is not a whole-number range with 0 ≤ start < end ≤ ${length}.`,
        );
      }
      return { start, end, value: String(value) };
    });
    const sorted = [...parsed[name]].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.start < sorted[i - 1]!.end) {
        throw new ReliabilityInputError(
          `Coder "${name}" has overlapping units [${sorted[i - 1]!.start}, ${sorted[i - 1]!.end}) and [${sorted[i]!.start}, ${sorted[i]!.end}); one coder's units must not overlap.`,
        );
      }
    }
  }
  return { kind: 'unitized', length, coders: parsed };
}

/** The report for a units × coders table. Figures are numbers or null (see `reasons`). */
export interface TableReport {
  kind: 'table';
  units: number;
  coders: number;
  coderNames: string[];
  level: MeasurementLevel;
  percentAgreement: number | null;
  /** Which definition `percentAgreement` follows (they coincide for two coders without missing values). */
  percentAgreementDefinition: 'pairwise';
  percentAgreementDefinitions: { pairwise: number | null; pairableValues: number | null; allAgree: number | null };
  cohenKappa: number | null;
  scottPi: number | null;
  brennanPrediger: number | null;
  fleissKappa: number | null;
  fleissKappaByCategory: Record<string, number | null>;
  gwetAc1: number | null;
  krippendorffAlpha: Record<MeasurementLevel, number | null>;
  /** Bootstrap 95 % interval of α at `level` (Hayes & Krippendorff 2007), when asked for. */
  krippendorffAlphaCI95: { level: MeasurementLevel; lower: number | null; upper: number | null; samples: number; seed: number } | null;
  /** Field → why it is null. */
  reasons: Record<string, string>;
}

/** The report for a unitized continuum. */
export interface UnitizedReport {
  kind: 'unitized';
  length: number;
  coders: number;
  coderNames: string[];
  uAlpha: number | null;
  binaryUAlpha: number | null;
  cuAlpha: number | null;
  /** Value → (k)uα. */
  byValue: Record<string, number | null>;
  /** Value → share of its length that meets another coder's valued unit. */
  byValueCoverage: Record<string, number | null>;
  /** Valued × valued coincidences as a share of all pairable positions. */
  cuCoverage: number | null;
  reasons: Record<string, string>;
}

/** Options of {@link computeReliabilityReport}. */
export interface ReliabilityReportOptions {
  /** Bootstrap samples for α's interval (0 = none). Default 1000. */
  bootstrapSamples?: number;
  /** Seed of the bootstrap. Default 1. */
  seed?: number;
}

/**
 * Computes the command-line report for validated input.
 *
 * @example
 * computeReliabilityReport(parseReliabilityInput({ coders: { ann: ['A', 'B', 'A', 'B'], bob: ['A', 'B', 'B', 'B'] } }))
 * // → { percentAgreement: 0.75, cohenKappa: 0.5, krippendorffAlpha: { nominal: 0.5333, ordinal: null, … }, … }
 */
export function computeReliabilityReport(
  input: TableInput | UnitizedInput,
  options: ReliabilityReportOptions = {},
): TableReport | UnitizedReport {
  const reasons: Record<string, string> = {};
  const figure = (field: string, coefficient: Coefficient): number | null => {
    if (coefficient.value === null) reasons[field] = coefficient.reason ?? 'undefined';
    return coefficient.value;
  };
  if (input.kind === 'unitized') {
    const result = computeUnitizedAlpha({ length: input.length, coders: input.coders });
    const byValue: Record<string, number | null> = {};
    const byValueCoverage: Record<string, number | null> = {};
    for (const [value, entry] of Object.entries(result.byValue)) {
      byValue[value] = figure(`byValue.${value}`, entry.uAlpha);
      byValueCoverage[value] = entry.coverage;
    }
    return {
      kind: 'unitized',
      length: input.length,
      coders: Object.keys(input.coders).length,
      coderNames: Object.keys(input.coders),
      uAlpha: figure('uAlpha', result.uAlpha),
      binaryUAlpha: figure('binaryUAlpha', result.binaryUAlpha),
      cuAlpha: figure('cuAlpha', result.cuAlpha),
      byValue,
      byValueCoverage,
      cuCoverage: result.cuCoverage,
      reasons,
    };
  }
  let prepared;
  try {
    prepared = prepareReliabilityData(input.data);
  } catch (error) {
    throw new ReliabilityInputError(errorMessage(error));
  }
  const fleiss = computeFleissKappa(prepared);
  const fleissKappaByCategory: Record<string, number | null> = {};
  for (const [category, kappa] of Object.entries(fleiss.categories)) {
    fleissKappaByCategory[category] = figure(`fleissKappaByCategory.${category}`, kappa);
  }
  const alpha = {} as Record<MeasurementLevel, number | null>;
  for (const level of MEASUREMENT_LEVELS) alpha[level] = figure(`krippendorffAlpha.${level}`, computeKrippendorffAlpha(prepared, level));
  const samples = options.bootstrapSamples ?? 1000;
  let interval: TableReport['krippendorffAlphaCI95'] = null;
  if (samples > 0) {
    const ci = bootstrapKrippendorffAlpha(prepared, input.level, { samples, seed: options.seed ?? 1 });
    if (ci.reason) reasons.krippendorffAlphaCI95 = ci.reason;
    interval = { level: input.level, lower: ci.lower, upper: ci.upper, samples: ci.samples, seed: ci.seed };
  }
  return {
    kind: 'table',
    units: input.data.length,
    coders: input.coders.length,
    coderNames: input.coders,
    level: input.level,
    percentAgreement: figure('percentAgreement', computePercentAgreement(prepared, 'pairwise')),
    percentAgreementDefinition: 'pairwise',
    percentAgreementDefinitions: {
      pairwise: computePercentAgreement(prepared, 'pairwise').value,
      pairableValues: computePercentAgreement(prepared, 'pairable-values').value,
      allAgree: computePercentAgreement(prepared, 'all-agree').value,
    },
    cohenKappa: figure('cohenKappa', computeCohenKappa(prepared)),
    scottPi: figure('scottPi', computeScottPi(prepared)),
    brennanPrediger: figure('brennanPrediger', computeBrennanPrediger(prepared)),
    fleissKappa: figure('fleissKappa', fleiss),
    fleissKappaByCategory,
    gwetAc1: figure('gwetAc1', computeGwetAc1(prepared)),
    krippendorffAlpha: alpha,
    krippendorffAlphaCI95: interval,
    reasons,
  };
}
