/**
 * How a Code's coding criteria travel inside one REFI-QDA `<Description>`.
 *
 * REFI-QDA gives a code only a name, a colour and a description. Marginalia's codes also have a
 * definition, inclusion and exclusion criteria and anchor examples. They are written into the
 * description in a layout that reads naturally in any other tool and that `parseCodeDescription`
 * reads back without loss:
 *
 * ```
 * The plain description, as the researcher wrote it (any number of lines).
 *
 * == Coding criteria ==
 * Definition: first line of the definition
 *   second line of the definition (continuation lines are indented by two spaces)
 * Include when: …
 * Exclude when: …
 * Examples:
 *   - first anchor example
 *   - second anchor example
 * ```
 *
 * Rules:
 * - The block starts at the LAST line that is exactly `== Coding criteria ==` and that is either
 *   the first line or preceded by an empty line. The description is everything before it,
 *   minus the one empty separator line. Without that line, the whole text is the description:
 *   descriptions written by other tools are never reinterpreted.
 * - A section starts with its label at the start of a line: `Definition:`, `Include when:`,
 *   `Exclude when:`, `Examples:`. Empty fields are left out; fields appear in that order.
 * - The first line of a value follows the label after one space; every further line is written
 *   with a two-space indent (so a value line can never look like a label or the marker).
 * - Examples are one per line (as the model stores them), each written as `  - ` + the line.
 * - If the plain description itself contains the marker line, the block is always written
 *   (even when every field is empty), so the last marker is always the writer's.
 */

/** The fields of a Code that share the REFI-QDA Description. */
export interface CodeCriteria {
  description: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  /** One example per line. */
  examples: string;
}

/** The line that starts the criteria block. */
export const CRITERIA_MARKER = '== Coding criteria ==';

const LABELS = [
  ['definition', 'Definition:'],
  ['inclusion', 'Include when:'],
  ['exclusion', 'Exclude when:'],
  ['examples', 'Examples:'],
] as const satisfies readonly (readonly [keyof CodeCriteria, string])[];

const LABEL_LINE = /^(Definition|Include when|Exclude when|Examples):( |$)/;

/**
 * Writes the description and criteria of a code as one REFI-QDA Description.
 *
 * @example
 * formatCodeDescription({ description: 'Talk about risk.', definition: 'Any mention of harm.', inclusion: '', exclusion: '', examples: 'It could kill you' })
 * // → 'Talk about risk.\n\n== Coding criteria ==\nDefinition: Any mention of harm.\nExamples:\n  - It could kill you'
 */
export function formatCodeDescription(criteria: CodeCriteria): string {
  const lines: string[] = [];
  for (const [field, label] of LABELS) {
    const value = criteria[field];
    if (value === '') continue;
    const valueLines = value.split('\n');
    if (field === 'examples') {
      lines.push(label);
      for (const line of valueLines) lines.push(`  - ${line}`);
    } else {
      lines.push(`${label} ${valueLines[0]}`);
      for (const line of valueLines.slice(1)) lines.push(`  ${line}`);
    }
  }
  const mustWriteBlock = lines.length > 0 || containsMarker(criteria.description);
  if (!mustWriteBlock) return criteria.description;
  const block = [CRITERIA_MARKER, ...lines].join('\n');
  return criteria.description === '' ? block : `${criteria.description}\n\n${block}`;
}

function containsMarker(text: string): boolean {
  return text === CRITERIA_MARKER || text.startsWith(CRITERIA_MARKER + '\n') || text.includes('\n' + CRITERIA_MARKER);
}

/** Where the writer's block starts, or -1. */
function findBlock(text: string): number {
  if (text === CRITERIA_MARKER || text.startsWith(CRITERIA_MARKER + '\n')) {
    // The first line; a later marker (preceded by an empty line) wins below.
    let last = 0;
    for (let at = text.indexOf('\n\n' + CRITERIA_MARKER); at >= 0; at = text.indexOf('\n\n' + CRITERIA_MARKER, at + 1)) {
      if (isMarkerLineAt(text, at + 2)) last = at + 2;
    }
    return last;
  }
  let last = -1;
  for (let at = text.indexOf('\n\n' + CRITERIA_MARKER); at >= 0; at = text.indexOf('\n\n' + CRITERIA_MARKER, at + 1)) {
    if (isMarkerLineAt(text, at + 2)) last = at + 2;
  }
  return last;
}

function isMarkerLineAt(text: string, at: number): boolean {
  const end = at + CRITERIA_MARKER.length;
  return text.startsWith(CRITERIA_MARKER, at) && (end === text.length || text[end] === '\n');
}

/**
 * Reads a REFI-QDA Description back into description and criteria. A description without the
 * criteria block (any other tool's) comes back whole as `description`.
 *
 * @example
 * parseCodeDescription('Talk about risk.\n\n== Coding criteria ==\nDefinition: Any mention of harm.')
 * // → { description: 'Talk about risk.', definition: 'Any mention of harm.', inclusion: '', exclusion: '', examples: '' }
 */
export function parseCodeDescription(text: string): CodeCriteria {
  const result: CodeCriteria = { description: text, definition: '', inclusion: '', exclusion: '', examples: '' };
  const start = findBlock(text);
  if (start < 0) return result;
  result.description = start === 0 ? '' : text.slice(0, start - 2);
  const lines = text.slice(start + CRITERIA_MARKER.length + 1).split('\n');
  if (start + CRITERIA_MARKER.length === text.length) return result;
  const values: Partial<Record<keyof CodeCriteria, string[]>> = {};
  let current: keyof CodeCriteria | undefined;
  for (const line of lines) {
    const label = LABEL_LINE.exec(line);
    if (label) {
      const entry = LABELS.find(([, l]) => l === `${label[1]}:`)!;
      current = entry[0];
      const rest = line.slice(entry[1].length);
      values[current] = current === 'examples' ? [] : [rest.startsWith(' ') ? rest.slice(1) : rest];
      continue;
    }
    if (!current) {
      // Text between the marker and the first label was not written by us: keep it in the description.
      result.description += (result.description ? '\n' : '') + line;
      continue;
    }
    let value = line.startsWith('  ') ? line.slice(2) : line;
    if (current === 'examples') value = value.startsWith('- ') ? value.slice(2) : value === '-' ? '' : value;
    values[current]!.push(value);
  }
  for (const [field] of LABELS) if (values[field]) result[field] = values[field].join('\n');
  return result;
}
