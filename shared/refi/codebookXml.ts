/**
 * The `<Codes>` tree shared by the codebook (.qdc) and the project (.qde): writing Codes with
 * their criteria in the Description (layout in shared/codebook/description.ts) and reading them
 * back from any producer, leniently: GUIDs in any case or braces, colours in any notation,
 * missing attributes filled in, each adjustment reported.
 */
import type { Code, CodeId, ProjectId } from '../model/index.ts';
import { formatCodeDescription, parseCodeDescription } from '../codebook/description.ts';
import { walkCodeTree } from '../codebook/tree.ts';
import { isModelColor, paletteColor, parseColor } from '../common/colors.ts';
import { ExchangeError } from '../common/errors.ts';
import { deriveGuid, normalizeGuid } from '../common/guid.ts';
import type { ReportBuilder } from '../common/report.ts';
import type { XmlElement } from './xmlReader.ts';
import type { XmlWriter } from './xmlWriter.ts';

/**
 * The model id for a GUID as a file spells it. A value that is not a GUID still gets a stable
 * id (derived from the text), so references spelled the same way still resolve.
 */
export function guidKey(raw: string): string {
  return normalizeGuid(raw) ?? deriveGuid(`invalid-guid:${raw.trim()}`);
}

/** The id an element declares in its `guid` attribute, warning when it is missing or malformed. */
export function readOwnGuid(element: XmlElement, what: string, report: ReportBuilder, fallbackSeed: string): string {
  const raw = element.attrs['guid'];
  if (raw === undefined) {
    report.warning(`guid.missing.${element.local}`, `A ${what} has no guid attribute, which the schema requires; it was given one.`, element.attrs['name']);
    return deriveGuid(`missing-guid:${fallbackSeed}`);
  }
  const normalized = normalizeGuid(raw);
  if (normalized === null) {
    report.warning(`guid.invalid`, `A GUID is not in 8-4-4-4-12 hex form; a stable replacement id was used.`, raw);
    return guidKey(raw);
  }
  return normalized;
}

/** Writes `<Codes>` (nothing if there are no codes, since the schema requires at least one Code). */
export function writeCodes(writer: XmlWriter, codes: readonly Code[], noteRefs?: (id: CodeId) => readonly string[]): void {
  if (codes.length === 0) return;
  writer.start('Codes');
  let open = 0;
  for (const entry of walkCodeTree(codes)) {
    while (open > entry.depth) {
      writer.end();
      open--;
    }
    const code = entry.code;
    writer.start('Code', {
      guid: code.id,
      name: code.name,
      isCodable: code.isCodable ? 'true' : 'false',
      color: isModelColor(code.color) ? code.color.toLowerCase() : undefined,
    });
    const description = formatCodeDescription(code);
    if (description !== '') writer.element('Description', undefined, description);
    for (const target of noteRefs?.(code.id) ?? []) writer.element('NoteRef', { targetGUID: target });
    open++;
  }
  while (open > 0) {
    writer.end();
    open--;
  }
  writer.end();
}

/** What reading a `<Codes>` element gives. */
export interface ReadCodesResult {
  readonly codes: Code[];
  /** NoteRef targets per code (project files only). */
  readonly noteRefs: Map<CodeId, string[]>;
}

function readBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/**
 * Reads `<Codes>` into model Codes (parent before child, `order` = position among siblings).
 * Throws ExchangeError when two codes share a GUID.
 */
export function readCodes(codesElement: XmlElement | undefined, projectId: ProjectId, report: ReportBuilder): ReadCodesResult {
  const codes: Code[] = [];
  const noteRefs = new Map<CodeId, string[]>();
  if (!codesElement) return { codes, noteRefs };
  const seen = new Set<string>();
  let missingColors = 0;
  const stack: { element: XmlElement; parentId: CodeId | null; order: number; path: string }[] = [];
  const pushChildren = (element: XmlElement, parentId: CodeId | null, path: string) => {
    const children = element.children.filter((c) => c.local === 'Code');
    for (let i = children.length - 1; i >= 0; i--) stack.push({ element: children[i]!, parentId, order: i, path: `${path}/${i}` });
  };
  pushChildren(codesElement, null, '');
  while (stack.length) {
    const { element, parentId, order, path } = stack.pop()!;
    const id = readOwnGuid(element, 'code', report, `code${path}`) as CodeId;
    if (seen.has(id)) throw new ExchangeError(`The codebook defines the code GUID ${id} twice, so references to it would be ambiguous.`);
    seen.add(id);
    let name = element.attrs['name'];
    if (name === undefined) {
      report.warning('code.name.missing', 'A code has no name attribute, which the schema requires; it was named "(unnamed code)".', id);
      name = '(unnamed code)';
    }
    let isCodable = readBoolean(element.attrs['isCodable']);
    if (isCodable === undefined) {
      report.warning('code.isCodable.missing', 'A code has no valid isCodable attribute, which the schema requires; it was made codable.', name);
      isCodable = true;
    }
    let color: string;
    const rawColor = element.attrs['color'];
    const parsed = rawColor === undefined ? null : parseColor(rawColor);
    if (rawColor === undefined) {
      color = paletteColor(missingColors++);
      report.adjusted('code.color.missing', 'Codes without a colour were given one from the default palette.', name);
    } else if (!parsed) {
      color = paletteColor(missingColors++);
      report.warning('code.color.invalid', `A code colour is not a colour ("${rawColor}"); one from the default palette was used.`, name);
    } else {
      color = parsed.color;
      if (parsed.converted) report.adjusted('code.color.converted', `Colours written as ${rawColor} (alpha, rgb() or short form) were converted to #rrggbb.`, name);
    }
    const descriptionElement = element.children.find((c) => c.local === 'Description');
    const criteria = parseCodeDescription(descriptionElement?.text ?? '');
    codes.push({ id, projectId, parentId, name, color, isCodable, order, ...criteria });
    const refs = element.children.filter((c) => c.local === 'NoteRef').map((c) => c.attrs['targetGUID'] ?? '');
    if (refs.length) noteRefs.set(id, refs);
    pushChildren(element, id, path);
  }
  return { codes, noteRefs };
}
