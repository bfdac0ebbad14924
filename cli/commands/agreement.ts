/**
 * `marginalia agreement`: inter-coder agreement from the command line.
 *
 *   agreement --reliability-data FILE.json [--bootstrap N] [--seed N]
 *   agreement A.qdpx B.qdpx [--unit characters|segments|documents] [--format json|csv] [--threshold 0.9] [--cells]
 *   agreement FILE.qdpx --coders "NAME1,NAME2[,…]" [same options]
 *
 * The first form reads a units × coders table or a unitized continuum (see
 * shared/agreement/reliabilityReport.ts) and prints one JSON object. The other two compare two
 * coders' .qdpx exports of the same documents, or coders inside one project, and print a table
 * per code and a pooled row (JSON, or CSV with --format csv). All statistics come from
 * shared/agreement; files are read as every command reads them (cli/commands/exchangeHelpers.ts),
 * arguments and CSV go through cli/args.ts; this file only shapes the output.
 */
import { basename, extname } from 'node:path';
import { CliError, type CliIO, type Command } from '../io.ts';
import {
  AGREEMENT_UNITS, ComparisonError, DEFAULT_SEGMENT_THRESHOLD, ReliabilityInputError, compareInScope, compareProjects,
  computeReliabilityReport, parseReliabilityInput, type AgreementRow, type AgreementUnit, type Coefficient,
  type ProjectComparison, type ScopedComparison,
} from '../../shared/agreement/index.ts';
import { errorMessage } from '../../shared/common/errors.ts';
import { parseArgs, stringOption, writeCsv } from '../args.ts';
import { readInput, readProjectFile } from './exchangeHelpers.ts';

const USAGE = 'Usage: marginalia agreement --reliability-data FILE.json | A.qdpx B.qdpx | FILE.qdpx --coders "NAME1,NAME2" '
  + '[--unit characters|segments|documents] [--format json|csv] [--threshold 0.9] [--cells] [--all-characters].';

interface Options {
  files: string[];
  reliabilityData?: string;
  coders?: string;
  unit: AgreementUnit;
  format: 'json' | 'csv';
  threshold: number;
  cells: boolean;
  /** Character unit inside one project: count documents none of the compared coders coded. */
  allCharacters: boolean;
  bootstrap: number;
  seed: number;
}

/** Reads the options (util.parseArgs via cli/args.ts) and checks each value, one sentence per mistake. */
function readOptions(args: string[]): Options {
  const parsed = parseArgs(args, {
    'reliability-data': { type: 'string' },
    coders: { type: 'string' },
    unit: { type: 'string' },
    format: { type: 'string' },
    threshold: { type: 'string' },
    cells: { type: 'boolean' },
    'all-characters': { type: 'boolean' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
  }, USAGE);
  const options: Options = {
    files: parsed.positional, unit: 'characters', format: 'json', threshold: DEFAULT_SEGMENT_THRESHOLD,
    cells: parsed.options['cells'] === true, allCharacters: parsed.options['all-characters'] === true, bootstrap: 1000, seed: 1,
    reliabilityData: stringOption(parsed, 'reliability-data'), coders: stringOption(parsed, 'coders'),
  };
  const unit = stringOption(parsed, 'unit');
  if (unit !== undefined) {
    if (!AGREEMENT_UNITS.includes(unit as AgreementUnit)) throw new CliError(`--unit must be one of ${AGREEMENT_UNITS.join(', ')}, not "${unit}".`);
    options.unit = unit as AgreementUnit;
  }
  const format = stringOption(parsed, 'format');
  if (format !== undefined) {
    if (format !== 'json' && format !== 'csv') throw new CliError(`--format must be json or csv, not "${format}".`);
    options.format = format;
  }
  const threshold = stringOption(parsed, 'threshold');
  if (threshold !== undefined) {
    const n = Number(threshold);
    if (!(n > 0 && n <= 1)) throw new CliError(`--threshold must be a number greater than 0 and at most 1, not "${threshold}".`);
    options.threshold = n;
  }
  for (const name of ['bootstrap', 'seed'] as const) {
    const value = stringOption(parsed, name);
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`--${name} must be a whole number, not "${value}".`);
    options[name] = n;
  }
  return options;
}

async function reliabilityData(io: CliIO, options: Options): Promise<number> {
  const path = options.reliabilityData!;
  if (options.files.length > 0 || options.coders) throw new CliError(`--reliability-data takes one JSON file and no .qdpx files or --coders. ${USAGE}`);
  const bytes = await readInput(io, path);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`${path} is not valid JSON (${errorMessage(error)}).`);
  }
  try {
    const report = computeReliabilityReport(parseReliabilityInput(json), { bootstrapSamples: options.bootstrap, seed: options.seed });
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    if (error instanceof ReliabilityInputError || error instanceof RangeError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
  return 0;
}

/** A row as printed: plain numbers or null, with the reason for each null. */
function printableRow(row: AgreementRow, coderNames: Map<string, string>) {
  const reasons: Record<string, string> = {};
  const figure = (field: string, c: Coefficient) => {
    if (c.value === null) reasons[field] = c.reason ?? 'undefined';
    return c.value;
  };
  const segments: Record<string, number> = {};
  for (const [id, n] of Object.entries(row.segments)) segments[coderNames.get(id) ?? id] = n;
  return {
    segments,
    units: row.units,
    percentAgreement: figure('percentAgreement', row.percentAgreement),
    cohenKappa: figure('cohenKappa', row.cohenKappa),
    fleissKappa: figure('fleissKappa', row.fleissKappa),
    alphaBinary: figure('alphaBinary', row.alphaBinary),
    cuAlpha: figure('cuAlpha', row.cuAlpha),
    ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
  };
}

const UNIT_MEANING: Record<AgreementUnit, string> = {
  characters: 'each character of each document, coded or not (NVivo coding comparison)',
  segments: 'each place coded by someone: segments overlapping by at least the threshold (intersection / union) are one place',
  documents: 'each document: code present or not (MAXQDA code presence)',
};

function isScoped(comparison: ProjectComparison): comparison is ScopedComparison {
  return 'method' in comparison;
}

function comparisonOutput(comparison: ProjectComparison, options: Options, io: CliIO): number {
  const coderNames = new Map(comparison.coders.map((c) => [c.id as string, c.name]));
  const codePath = new Map(comparison.codes.map((c) => [c.id as string, c.path]));
  const documentName = new Map(comparison.documents.map((d) => [d.id as string, d.name]));
  const report = comparison.report.byUnit[options.unit]!;
  const codes = report.byCode.map((row) => ({ code: codePath.get(row.codeId!) ?? row.codeId, ...printableRow(row, coderNames) }));
  const pooled = printableRow(report.pooled, coderNames);
  if (options.format === 'csv') {
    const names = comparison.coders.map((c) => c.name);
    const header = ['code', 'units', ...names.map((n) => `segments ${n}`), 'percent_agreement', 'cohen_kappa', 'fleiss_kappa', 'alpha_binary', 'cu_alpha'];
    const line = (label: string, row: ReturnType<typeof printableRow>) => [
      label, row.units, ...names.map((n) => row.segments[n] ?? 0),
      row.percentAgreement, row.cohenKappa, row.fleissKappa, row.alphaBinary, row.cuAlpha,
    ];
    io.stdout(writeCsv(header, [...codes.map((row) => line(String(row.code), row)), line('(pooled)', pooled)], '\n'));
    return 0;
  }
  const output = {
    unit: options.unit,
    unitMeaning: UNIT_MEANING[options.unit],
    threshold: comparison.report.threshold,
    coders: comparison.coders.map((c) => c.name),
    documents: comparison.documents.length,
    percentAgreementDefinition: 'pairwise: mean share of agreeing coder pairs per unit (two coders: (both + neither) / units)',
    codes,
    pooled,
    byDocument: report.byDocument.map((row) => ({ document: documentName.get(row.documentId!) ?? row.documentId, ...printableRow(row, coderNames) })),
    ...(report.cells ? {
      cells: report.cells.map((row) => ({
        code: codePath.get(row.codeId!) ?? row.codeId, document: documentName.get(row.documentId!) ?? row.documentId, ...printableRow(row, coderNames),
      })),
    } : {}),
    mergedSegments: Object.fromEntries(Object.entries(comparison.report.mergedSegments).map(([id, n]) => [coderNames.get(id) ?? id, n])),
    ignoredSegments: comparison.report.ignoredSegments,
    unmatched: comparison.unmatched,
    warnings: comparison.warnings,
    ...(isScoped(comparison) ? { method: comparison.method, uncodedDocumentsLeftOut: comparison.uncodedDocumentsLeftOut } : {}),
  };
  io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}

function label(path: string): string {
  return basename(path, extname(path));
}

/** The `agreement` command. */
export const agreementCommand: Command = async (args, io) => {
  const options = readOptions(args);
  if (options.reliabilityData !== undefined) return reliabilityData(io, options);
  const codings = { units: [options.unit], threshold: options.threshold, includeCells: options.cells };
  try {
    if (options.coders !== undefined) {
      if (options.files.length !== 1) throw new CliError(`--coders compares coders inside one .qdpx file; give exactly one. ${USAGE}`);
      const bundle = await readProjectFile(io, options.files[0]!);
      // The app's comparison (View → Compare coders) goes through the same compareInScope.
      const scope = { coders: options.coders.split(','), unit: options.unit, threshold: options.threshold, countUncodedDocuments: options.allCharacters, withCells: options.cells };
      return comparisonOutput(compareInScope(bundle, scope), options, io);
    }
    if (options.files.length !== 2) throw new CliError(`Give two .qdpx files, or one with --coders, or --reliability-data FILE.json. ${USAGE}`);
    const [pathA, pathB] = options.files as [string, string];
    const [a, b] = [await readProjectFile(io, pathA), await readProjectFile(io, pathB)];
    const labels: [string, string] = label(pathA) === label(pathB) ? [pathA, pathB] : [label(pathA), label(pathB)];
    return comparisonOutput(compareProjects(a, b, { ...codings, labels }), options, io);
  } catch (error) {
    if (error instanceof ComparisonError) throw new CliError(error.message);
    throw error;
  }
};
