/**
 * The codebook as a spreadsheet: one row per code, in tree order, with the columns
 *
 * `path, name, colour, codable, description, definition, inclusion, exclusion, examples,
 * codings, documents, id`
 *
 * - `path` is the names from the top of the tree down to the code, joined by `/`; a `/` or `\`
 *   inside a name is written `\/` or `\\`. It is what the reader rebuilds the hierarchy from.
 * - `colour` is `#rrggbb`; `codable` is `yes` or `no` (`no` for a category).
 * - `examples` holds one anchor example per line (cells may contain line breaks).
 * - `codings` and `documents` count how often the code was applied and in how many documents;
 *   the reader ignores them. `id` is the code's GUID, so a re-import can match codes by id.
 * - A text cell that starts with `=`, `+`, `-`, `@`, tab, CR or `'` is written with a leading `'`
 *   so spreadsheet programs never run it as a formula; the reader removes that one `'`.
 *
 * Written with RFC 4180 quoting and CRLF row ends (papaparse), optionally with a UTF-8 BOM so
 * Excel detects the encoding. The reader accepts `color` or `colour`, any column order, and
 * `true/false/1/0/y/n` for codable.
 */
import Papa from 'papaparse';
import type { Code, CodeId, ProjectId } from '../model/index.ts';
import { paletteColor, parseColor } from '../common/colors.ts';
import { ExchangeError } from '../common/errors.ts';
import { normalizeGuid } from '../common/guid.ts';
import { ReportBuilder, type ImportReport } from '../common/report.ts';
import { codeUsage, walkCodeTree, type CodebookData } from './tree.ts';

/** Column names, in writing order. */
export const CODEBOOK_CSV_COLUMNS = ['path', 'name', 'colour', 'codable', 'description', 'definition', 'inclusion', 'exclusion', 'examples', 'codings', 'documents', 'id'] as const;

const FORMULA_START = /^[=+\-@\t\r']/;

function protect(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function unprotect(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** Escapes one name for a path. */
function escapeSegment(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/\//g, '\\/');
}

/**
 * Splits a path into names, honouring `\/` and `\\`.
 *
 * @example
 * splitCodePath('Risk/Side effects\\/harms') // → ['Risk', 'Side effects/harms']
 */
export function splitCodePath(path: string): string[] {
  const names: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && i + 1 < path.length) {
      current += path[++i];
    } else if (c === '/') {
      names.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  names.push(current);
  return names;
}

/** Joins names into a path (inverse of `splitCodePath`). */
export function joinCodePath(names: readonly string[]): string {
  return names.map(escapeSegment).join('/');
}

/**
 * Writes the codebook CSV.
 *
 * @example
 * writeCodebookCsv({ codes, segments }) // → 'path,name,colour,codable,…\r\nRisk,Risk,#e15759,no,…'
 */
export function writeCodebookCsv(data: CodebookData, options: { bom?: boolean } = {}): string {
  const usage = codeUsage(data.segments);
  const rows = walkCodeTree(data.codes).map(({ code, path }) => {
    const used = usage.get(code.id);
    return [
      protect(joinCodePath(path)),
      protect(code.name),
      code.color,
      code.isCodable ? 'yes' : 'no',
      protect(code.description),
      protect(code.definition),
      protect(code.inclusion),
      protect(code.exclusion),
      protect(code.examples),
      String(used?.codings ?? 0),
      String(used?.documents ?? 0),
      code.id,
    ];
  });
  const csv = Papa.unparse({ fields: [...CODEBOOK_CSV_COLUMNS], data: rows }, { newline: '\r\n', quotes: false, escapeFormulae: false });
  return (options.bom ? '\uFEFF' : '') + csv + '\r\n';
}

const ALIASES: Record<string, (typeof CODEBOOK_CSV_COLUMNS)[number]> = {
  path: 'path',
  'code path': 'path',
  name: 'name',
  code: 'name',
  colour: 'colour',
  color: 'colour',
  codable: 'codable',
  iscodable: 'codable',
  description: 'description',
  definition: 'definition',
  inclusion: 'inclusion',
  'include when': 'inclusion',
  exclusion: 'exclusion',
  'exclude when': 'exclusion',
  examples: 'examples',
  codings: 'codings',
  documents: 'documents',
  id: 'id',
  guid: 'id',
};

export interface ReadCodebookCsvOptions {
  readonly projectId?: ProjectId;
  /** Id for rows without a usable `id`; default a random GUID. */
  readonly newId?: () => string;
}

/**
 * Reads a codebook CSV (ours, or any with at least a `path` or `name` column). Throws
 * ExchangeError for a CSV that cannot be parsed or has neither column.
 *
 * @example
 * const { codes, report } = readCodebookCsv(text, { projectId });
 */
export function readCodebookCsv(input: string, options: ReadCodebookCsvOptions = {}): { codes: Code[]; report: ImportReport } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter');
  if (fatal) throw new ExchangeError(`The CSV is malformed${fatal.row !== undefined ? ` at row ${fatal.row + 1}` : ''}: ${fatal.message.replace(/\.$/, '')}.`);
  const [header, ...rows] = parsed.data;
  if (!header) throw new ExchangeError('The CSV is empty, so it holds no codebook.');
  const columns = header.map((h) => ALIASES[h.trim().toLowerCase()]);
  if (!columns.includes('path') && !columns.includes('name')) {
    throw new ExchangeError('The CSV has neither a "path" nor a "name" column, so it is not a codebook.');
  }
  const report = new ReportBuilder('csv', 'CSV');
  const projectId = options.projectId ?? (crypto.randomUUID() as ProjectId);
  const newId = options.newId ?? (() => crypto.randomUUID());
  const codes: Code[] = [];
  const byPath = new Map<string, Code>();
  const autoCreated = new Set<string>();
  const usedIds = new Set<string>();
  const siblingCount = new Map<CodeId | null, number>();
  let paletteIndex = 0;
  const nextOrder = (parentId: CodeId | null) => {
    const n = siblingCount.get(parentId) ?? 0;
    siblingCount.set(parentId, n + 1);
    return n;
  };
  const parentFor = (names: string[]): CodeId | null => {
    if (names.length === 0) return null;
    const key = joinCodePath(names);
    const existing = byPath.get(key);
    if (existing) return existing.id;
    const parentId = parentFor(names.slice(0, -1));
    const id = newId() as CodeId;
    usedIds.add(id);
    const category: Code = { id, projectId, parentId, name: names[names.length - 1]!, color: paletteColor(paletteIndex++), description: '', definition: '', inclusion: '', exclusion: '', examples: '', isCodable: false, order: nextOrder(parentId) };
    codes.push(category);
    byPath.set(key, category);
    autoCreated.add(key);
    return id;
  };
  rows.forEach((row, index) => {
    const cell = (column: (typeof CODEBOOK_CSV_COLUMNS)[number]) => {
      const at = columns.indexOf(column);
      return at < 0 ? '' : unprotect((row[at] ?? '').replace(/\r\n?/g, '\n'));
    };
    const pathText = cell('path');
    const names = pathText !== '' ? splitCodePath(pathText) : [cell('name')];
    const name = cell('name') || names[names.length - 1]!;
    if (name === '' && pathText === '' && cell('id') === '') {
      report.skipped('csv.no-name', 'Rows without a name, path or id were skipped.', `row ${index + 2}`);
      return;
    }
    const key = joinCodePath(names);
    const placeholder = autoCreated.has(key) ? byPath.get(key) : undefined;
    const parentId = placeholder ? placeholder.parentId : parentFor(names.slice(0, -1));
    const rawColour = cell('colour');
    const parsedColour = rawColour === '' ? null : parseColor(rawColour);
    if (rawColour !== '' && !parsedColour) report.warning('csv.colour', `A colour is not a colour ("${rawColour}"); one from the default palette was used.`, name);
    const codable = cell('codable').trim().toLowerCase();
    const isCodable = !['no', 'n', 'false', '0'].includes(codable);
    if (codable !== '' && !['yes', 'y', 'true', '1', 'no', 'n', 'false', '0'].includes(codable)) report.warning('csv.codable', `"${codable}" is not yes or no; the code was made codable.`, name);
    let id = normalizeGuid(cell('id')) as CodeId | null;
    if (id && usedIds.has(id)) {
      report.warning('csv.duplicate-id', 'Rows repeating an id were given a new one.', name);
      id = null;
    }
    if (placeholder) {
      // The row of a parent that an earlier child row already created: fill it in.
      autoCreated.delete(key);
      if (id) {
        for (const other of codes) if (other.parentId === placeholder.id) other.parentId = id;
        placeholder.id = id;
        usedIds.add(id);
      }
      Object.assign(placeholder, {
        name,
        color: parsedColour?.color ?? placeholder.color,
        description: cell('description'),
        definition: cell('definition'),
        inclusion: cell('inclusion'),
        exclusion: cell('exclusion'),
        examples: cell('examples'),
        isCodable,
      });
      return;
    }
    id ??= newId() as CodeId;
    usedIds.add(id);
    const code: Code = {
      id,
      projectId,
      parentId,
      name,
      color: parsedColour?.color ?? paletteColor(paletteIndex++),
      description: cell('description'),
      definition: cell('definition'),
      inclusion: cell('inclusion'),
      exclusion: cell('exclusion'),
      examples: cell('examples'),
      isCodable,
      order: nextOrder(parentId),
    };
    codes.push(code);
    // Rows come in tree order, so a child's parent is the latest code with the parent's path
    // (two siblings may share a name).
    byPath.set(key, code);
  });
  for (const key of autoCreated) report.adjusted('csv.parent-created', 'Parents named in a path but missing as rows were created as categories.', key);
  return { codes, report: report.finish({ documents: 0, codes: codes.length, segments: 0, coders: 0, memos: 0, sets: 0 }) };
}
