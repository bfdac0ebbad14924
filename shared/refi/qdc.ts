/**
 * REFI-QDA codebooks (.qdc): one XML document, `<CodeBook>` → `<Codes>` → `<Sets>?`.
 *
 * Writing produces an indented document valid against Codebook.xsd: the hierarchy by nesting,
 * categories as `isCodable="false"`, colours as `#rrggbb`, and each code's description plus its
 * coding criteria in `<Description>` (layout: shared/codebook/description.ts). Sets keep their
 * codes (a codebook cannot hold documents).
 *
 * Reading accepts any producer: any `urn:QDA-XML:` namespace version (the root is matched by its
 * local name), a BOM before `<?xml`, GUIDs in any case or in braces, colours with alpha or as
 * `rgb()`. Schema deviations that do not make the codebook ambiguous (Taguette's empty `<Sets/>`,
 * missing colours or attributes) are imported with a warning; a Set member that names no code
 * is an error.
 */
import type { Code, CodeId, CodeSet, CodeSetId, ProjectId } from '../model/index.ts';
import { guidKey, readCodes, readOwnGuid, writeCodes } from './codebookXml.ts';
import { ExchangeError } from '../common/errors.ts';
import { ReportBuilder, type ImportReport } from '../common/report.ts';
import { normalizeTree } from './lenient.ts';
import { decodeXmlBytes, namespaceOf, parseXml, type XmlElement } from './xmlReader.ts';
import { XmlWriter } from './xmlWriter.ts';

/** Namespace of the REFI-QDA 1.0 codebook. */
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** The `origin` Marginalia writes. */
export const MARGINALIA_ORIGIN = 'Marginalia 0.1';

export interface WriteQdcInput {
  readonly codes: readonly Code[];
  /** Sets of codes; document members are dropped (a codebook has no documents). */
  readonly sets?: readonly CodeSet[];
  /** `origin` attribute; default `Marginalia 0.1`. */
  readonly origin?: string;
}

/**
 * Writes a REFI-QDA codebook.
 *
 * @example
 * const xml = writeQdc({ codes: bundle.codes, sets: bundle.sets });
 * const bytes = new TextEncoder().encode(xml);
 */
export function writeQdc(input: WriteQdcInput): string {
  const writer = new XmlWriter({ indent: true });
  writer.start('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: input.origin ?? MARGINALIA_ORIGIN });
  if (input.codes.length === 0) {
    throw new ExchangeError('A REFI-QDA codebook needs at least one code, and this one has none.');
  }
  writeCodes(writer, input.codes);
  const codeIds = new Set(input.codes.map((c) => c.id));
  const sets = input.sets ?? [];
  if (sets.length) {
    writer.start('Sets');
    for (const set of sets) {
      writer.start('Set', { guid: set.id, name: set.name });
      if (set.description !== '') writer.element('Description', undefined, set.description);
      for (const id of set.codeIds) if (codeIds.has(id)) writer.element('MemberCode', { guid: id });
      writer.end();
    }
    writer.end();
  }
  writer.end();
  return writer.finish();
}

export interface ReadQdcOptions {
  /** Project the codes will belong to; default a new id. */
  readonly projectId?: ProjectId;
}

/** What a codebook file holds. */
export interface ReadQdcResult {
  readonly codes: Code[];
  readonly sets: CodeSet[];
  readonly report: ImportReport;
}

/** Checks the root of a REFI-QDA document: local name, and a `urn:QDA-XML:` namespace (warned if absent). */
export function checkRoot(root: XmlElement, expected: 'CodeBook' | 'Project', fileName: string | undefined, report: ReportBuilder): void {
  if (root.local !== expected) {
    const kind = expected === 'CodeBook' ? 'codebook' : 'project';
    throw new ExchangeError(`The document${fileName ? ` ${fileName}` : ''} is not a REFI-QDA ${kind}: its root element is <${root.name}>, not <${expected}>.`);
  }
  const namespace = namespaceOf(root);
  if (!namespace || !namespace.startsWith('urn:QDA-XML:')) {
    report.warning('namespace', `The root element is not in a urn:QDA-XML: namespace (found ${namespace ? `"${namespace}"` : 'none'}); it was read as REFI-QDA anyway.`);
  } else if (expected === 'Project' && namespace.startsWith('urn:QDA-XML:codebook:')) {
    report.warning('namespace.codebook', 'The project names the codebook namespace rather than the project one; it was read as a project.', undefined, 1, `xmlns="${namespace}"`);
  }
}

/** Reads `<Sets>` of codes (and, in a project, documents) with strict member references. */
export function readSets(
  setsElement: XmlElement | undefined,
  projectId: ProjectId,
  report: ReportBuilder,
  resolve: { codes: ReadonlySet<string>; documents?: ReadonlySet<string>; skippedDocuments?: ReadonlySet<string>; notes?: ReadonlySet<string> },
): CodeSet[] {
  if (!setsElement) return [];
  const sets: CodeSet[] = [];
  const setElements = setsElement.children.filter((c) => c.local === 'Set');
  if (setElements.length === 0) {
    report.warning('sets.empty', 'The file has an empty <Sets/> element, which the REFI-QDA schema does not allow; it was ignored.');
  }
  setElements.forEach((element, index) => {
    const id = readOwnGuid(element, 'set', report, `set/${index}`) as CodeSetId;
    const name = element.attrs['name'] ?? '';
    const description = element.children.find((c) => c.local === 'Description')?.text ?? '';
    const codeIds: CodeId[] = [];
    const documentIds: CodeSet['documentIds'] = [];
    for (const member of element.children) {
      const raw = member.attrs['targetGUID'] ?? member.attrs['guid'];
      if (member.local !== 'MemberCode' && member.local !== 'MemberSource' && member.local !== 'MemberNote') continue;
      if (raw === undefined) {
        report.warning('set.member.noguid', `A member of the set "${name}" names no GUID; it was ignored.`, name);
        continue;
      }
      const key = guidKey(raw);
      if (member.local === 'MemberCode') {
        if (!resolve.codes.has(key)) throw new ExchangeError(`The set "${name}" lists the code ${raw}, which the codebook does not define.`);
        codeIds.push(key as CodeId);
      } else if (member.local === 'MemberSource') {
        if (resolve.documents?.has(key)) documentIds.push(key as CodeSet['documentIds'][number]);
        else if (resolve.skippedDocuments?.has(key)) report.skipped('set.member.skipped-source', 'Set members that are sources Marginalia did not import were left out of their sets.', name);
        else throw new ExchangeError(`The set "${name}" lists the source ${raw}, which the project does not define.`);
      } else {
        if (!resolve.notes?.has(key)) throw new ExchangeError(`The set "${name}" lists the note ${raw}, which the project does not define.`);
        report.skipped('set.member.note', 'Notes listed in sets were left out of them (Marginalia sets hold codes and documents).', name);
      }
    }
    sets.push({ id, projectId, name, description, codeIds, documentIds });
  });
  return sets;
}

/**
 * Reads a REFI-QDA codebook from any producer. Throws ExchangeError for input that is not a
 * codebook, malformed XML, a DOCTYPE, duplicate code GUIDs or a set naming an unknown code.
 *
 * @example
 * const { codes, sets, report } = readQdc(bytes, { projectId });
 * report.warnings // e.g. [{ kind: 'sets.empty', message: 'The file has an empty <Sets/> element…' }]
 */
export function readQdc(input: string | Uint8Array, options: ReadQdcOptions = {}): ReadQdcResult {
  const text = typeof input === 'string' ? input : decodeXmlBytes(input, 'The codebook');
  const root = parseXml(text, { fileName: 'the codebook' });
  const report = new ReportBuilder('qdc');
  normalizeTree(root, report);
  checkRoot(root, 'CodeBook', undefined, report);
  report.setProducer(root.attrs['origin'] ?? 'unknown');
  const projectId = options.projectId ?? (crypto.randomUUID() as ProjectId);
  const codesElement = root.children.find((c) => c.local === 'Codes');
  if (!codesElement) report.warning('codes.missing', 'The codebook has no <Codes> element, which the schema requires.');
  else if (!codesElement.children.some((c) => c.local === 'Code')) report.warning('codes.empty', 'The codebook has an empty <Codes/> element, which the schema does not allow.');
  const { codes } = readCodes(codesElement, projectId, report);
  const sets = readSets(root.children.find((c) => c.local === 'Sets'), projectId, report, { codes: new Set(codes.map((c) => c.id)) });
  return { codes, sets, report: report.finish({ documents: 0, codes: codes.length, segments: 0, coders: 0, memos: 0, sets: sets.length }) };
}
