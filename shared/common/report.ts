/**
 * What an import did, for the researcher: counts of what was imported and one line for each
 * kind of thing that was adjusted, skipped or looked wrong. Entries of the same kind are
 * aggregated (one line with a count and the first few examples) so a file with 200,000 codings
 * never produces 200,000 lines.
 */

/** One kind of event, e.g. "zero-length selections skipped", with how often it happened. */
export interface ReportItem {
  /** A stable key for the kind of event (e.g. `selection.zero-length`), for programs. */
  readonly kind: string;
  /** One sentence for people, describing the first occurrence or the rule applied. */
  readonly message: string;
  /** How many times it happened. */
  readonly count: number;
  /** Up to five examples (names or ids) of what it happened to. */
  readonly examples: readonly string[];
  /** The technical rule behind the message (units, element names…), for who wants it; shown folded away. */
  readonly detail?: string;
}

/** Counts of what ended up in the bundle. */
export interface ImportCounts {
  documents: number;
  codes: number;
  segments: number;
  coders: number;
  memos: number;
  sets: number;
}

/** The result of reading a file besides its data. */
export interface ImportReport {
  /** `qdpx`, `qdc` or `csv`. */
  readonly format: 'qdpx' | 'qdc' | 'csv';
  /** The producer as the file names it (`origin` attribute), or `unknown`. */
  readonly producer: string;
  readonly imported: ImportCounts;
  /** Things imported but changed to fit the model (offset unit, line endings, colours…). */
  readonly adjusted: readonly ReportItem[];
  /** Things not imported, and why. */
  readonly skipped: readonly ReportItem[];
  /** Problems in the file that did not stop the import (schema deviations, mismatching quotes…). */
  readonly warnings: readonly ReportItem[];
}

/** The longest example kept in a report line; longer ones are cut, ending in "…". */
export const MAX_EXAMPLE_LENGTH = 200;

interface MutableItem {
  kind: string;
  message: string;
  count: number;
  examples: string[];
  detail?: string;
}

/** Collects report items while a reader works; `finish` freezes them into an ImportReport. */
export class ReportBuilder {
  private readonly sections = { adjusted: new Map<string, MutableItem>(), skipped: new Map<string, MutableItem>(), warnings: new Map<string, MutableItem>() };

  constructor(
    private readonly format: ImportReport['format'],
    private producer = 'unknown',
  ) {}

  setProducer(producer: string): void {
    this.producer = producer;
  }

  adjusted(kind: string, message: string, example?: string, count = 1, detail?: string): void {
    this.add('adjusted', kind, message, example, count, detail);
  }

  skipped(kind: string, message: string, example?: string, count = 1, detail?: string): void {
    this.add('skipped', kind, message, example, count, detail);
  }

  warning(kind: string, message: string, example?: string, count = 1, detail?: string): void {
    this.add('warnings', kind, message, example, count, detail);
  }

  private add(section: keyof ReportBuilder['sections'], kind: string, message: string, rawExample: string | undefined, count: number, detail: string | undefined): void {
    const items = this.sections[section];
    // Examples come from the file (names, GUIDs, values): a hostile one must not make the report, and the dialog showing it, huge.
    const example = rawExample !== undefined && rawExample.length > MAX_EXAMPLE_LENGTH ? `${rawExample.slice(0, MAX_EXAMPLE_LENGTH)}…` : rawExample;
    const item = items.get(kind);
    if (item) {
      item.count += count;
      if (example !== undefined && item.examples.length < 5) item.examples.push(example);
    } else {
      items.set(kind, { kind, message, count, examples: example === undefined ? [] : [example], ...(detail === undefined ? {} : { detail }) });
    }
  }

  finish(imported: ImportCounts): ImportReport {
    const freeze = (items: Map<string, MutableItem>): ReportItem[] => [...items.values()].map((item) => ({ ...item, examples: [...item.examples] }));
    return {
      format: this.format,
      producer: this.producer,
      imported,
      adjusted: freeze(this.sections.adjusted),
      skipped: freeze(this.sections.skipped),
      warnings: freeze(this.sections.warnings),
    };
  }
}

/**
 * One report item as a line without its label: the message, how often, and examples.
 *
 * @example
 * formatItem({ kind: 'code.color.missing', message: 'Codes without a colour…', count: 60, examples: ['Trust'] })
 * // → 'Codes without a colour… (60×) e.g. “Trust”'
 */
export function formatItem(item: ReportItem): string {
  const times = item.count > 1 ? ` (${item.count}×)` : '';
  const examples = item.examples.length ? ` e.g. ${item.examples.map((e) => `“${e}”`).join(', ')}` : '';
  return `${item.message}${times}${examples}`;
}

/**
 * The report as plain lines, e.g. for a command line or a log (details left out; see `detail`).
 *
 * @example
 * formatReport(report) // → ['Imported 1 document, 60 codes, …', 'Adjusted: …']
 */
export function formatReport(report: ImportReport): string[] {
  const c = report.imported;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const lines = [`Imported from ${report.producer}: ${n(c.documents, 'document')}, ${n(c.codes, 'code')}, ${n(c.segments, 'segment')}, ${n(c.coders, 'coder')}, ${n(c.memos, 'memo')}, ${n(c.sets, 'set')}.`];
  const add = (label: string, items: readonly ReportItem[]) => {
    for (const item of items) lines.push(`${label}: ${formatItem(item)}`);
  };
  add('Adjusted', report.adjusted);
  add('Skipped', report.skipped);
  add('Warning', report.warnings);
  return lines;
}
