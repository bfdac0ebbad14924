/**
 * Lenient reading of REFI-QDA documents as real exports write them: element and attribute names
 * in another letter case (`plainTextSource`, `StartPosition`), attributes carrying a namespace
 * prefix (`qda:guid`), empty optional attributes (`color=""`), and dates in a form other than
 * xsd:dateTime. `normalizeTree` rewrites the parsed tree in place to the names and values the
 * specification uses, wherever the meaning is unambiguous, and reports each kind of change once
 * with a count. Names that match no REFI-QDA name in any case are left as they are (the readers
 * ignore them), and nothing here ever refuses a file. A `name` longer than `MAX_NAME_LENGTH`
 * (of a project, user, code, source, note, set, variable…; not a selection's, which quotes its
 * passage) is cut to that length and marked with an ellipsis: no producer writes such names,
 * and everything the app builds from a name (code paths, lists, indexes) grows with it.
 */
import type { ReportBuilder } from '../common/report.ts';
import type { XmlElement } from './xmlReader.ts';

const ELEMENTS = [
  'AudioSelection', 'AudioSource', 'BooleanValue', 'Case', 'Cases', 'Code', 'CodeBook', 'CodeRef', 'Codes', 'Coding', 'DateTimeValue', 'DateValue',
  'Description', 'Edge', 'FloatValue', 'Graph', 'Graphs', 'IntegerValue', 'Link', 'Links', 'MemberCode', 'MemberNote', 'MemberSource', 'Note', 'NoteRef',
  'Notes', 'PDFSelection', 'PDFSource', 'PictureSelection', 'PictureSource', 'PlainTextContent', 'PlainTextSelection', 'Project', 'Representation',
  'SelectionRef', 'Set', 'Sets', 'SourceRef', 'Sources', 'SyncPoint', 'TextDescription', 'TextSource', 'TextValue', 'Transcript', 'TranscriptSelection',
  'User', 'Users', 'Variable', 'VariableRef', 'VariableValue', 'Variables', 'Vertex', 'VideoSelection', 'VideoSource',
];

const ATTRIBUTES = [
  'basePath', 'begin', 'color', 'creatingUser', 'creatingUserGUID', 'creationDateTime', 'currentPath', 'direction', 'end', 'endPosition', 'firstX',
  'firstY', 'fromSyncPoint', 'guid', 'id', 'isCodable', 'lineStyle', 'modifiedDateTime', 'modifyingUser', 'modifyingUserGUID', 'name', 'origin',
  'originGUID', 'page', 'path', 'plainTextPath', 'position', 'representedGUID', 'richTextPath', 'secondX', 'secondY', 'shape', 'sourceVertex',
  'startPosition', 'targetGUID', 'targetVertex', 'timeStamp', 'toSyncPoint', 'typeOfVariable',
];

const ELEMENT_SET = new Set(ELEMENTS);
const ATTRIBUTE_SET = new Set(ATTRIBUTES);
const ELEMENT_BY_LOWER = new Map(ELEMENTS.map((name) => [name.toLowerCase(), name]));
const ATTRIBUTE_BY_LOWER = new Map(ATTRIBUTES.map((name) => [name.toLowerCase(), name]));
const DATE_ATTRIBUTES = new Set(['creationDateTime', 'modifiedDateTime']);
/** Attributes whose empty value means what their absence means to every reader here: dropped without a word. */
const SILENT_WHEN_EMPTY = new Set(['basePath', 'currentPath', 'richTextPath', 'path', 'origin', 'typeOfVariable', 'name']);
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** The longest name kept whole, in UTF-16 code units; longer names are cut to it, with "…". */
export const MAX_NAME_LENGTH = 1000;

type Mutable = { local: string; attrs: Record<string, string>; children: XmlElement[] };

/**
 * Rewrites a parsed REFI-QDA tree (project or codebook) to the specification's names, in place,
 * and reports what it changed. Returns the number of changes.
 *
 * @example
 * const root = parseXml('<Project><sources><textSource Name="A"/></sources></Project>');
 * normalizeTree(root, report);
 * root.children[0].children[0].local // → 'TextSource', attrs → { name: 'A' }
 */
export function normalizeTree(root: XmlElement, report: ReportBuilder): number {
  let elementCase = 0;
  let attributeCase = 0;
  let empty = 0;
  let dateForm = 0;
  let dateBad = 0;
  let longName = 0;
  const examples = { element: '', attribute: '', empty: '', date: '', name: '' };
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const element = stack.pop()! as XmlElement & Mutable;
    if (!ELEMENT_SET.has(element.local)) {
      const canonical = ELEMENT_BY_LOWER.get(element.local.toLowerCase());
      if (canonical) {
        if (!elementCase++) examples.element = `<${element.local}> as <${canonical}>`;
        element.local = canonical;
      }
    }
    const attrs = element.attrs;
    let rebuilt: Record<string, string> | undefined;
    for (const key in attrs) {
      const value = attrs[key]!;
      let name = key;
      if (!ATTRIBUTE_SET.has(key) && key !== 'xmlns' && !key.startsWith('xmlns:')) {
        const colon = key.indexOf(':');
        const bare = colon < 0 ? key : key.slice(colon + 1);
        const canonical = ATTRIBUTE_SET.has(bare) ? bare : ATTRIBUTE_BY_LOWER.get(bare.toLowerCase());
        if (canonical && !(canonical in attrs)) {
          if (!attributeCase++) examples.attribute = `${key} as ${canonical}`;
          name = canonical;
        }
      }
      let kept: string | undefined = value;
      if (value.trim() === '' && name !== 'name' && ATTRIBUTE_SET.has(name)) {
        if (!SILENT_WHEN_EMPTY.has(name) && !empty++) examples.empty = `${name}=""`;
        kept = undefined;
      } else if (DATE_ATTRIBUTES.has(name) && !DATE_TIME.test(value)) {
        const parsed = Date.parse(value);
        if (Number.isNaN(parsed)) {
          if (!dateBad++) examples.date = value;
          kept = undefined;
        } else {
          dateForm++;
          kept = new Date(parsed).toISOString();
        }
      } else if (name === 'name' && value.length > MAX_NAME_LENGTH && !element.local.endsWith('Selection')) {
        kept = cutName(value);
        if (!longName++) examples.name = `${value.slice(0, 40)}…`;
      }
      if (name !== key || kept !== value) rebuilt ??= copyUpTo(attrs, key);
      if (rebuilt && kept !== undefined) rebuilt[name] = kept;
    }
    if (rebuilt) element.attrs = rebuilt;
    const children = element.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  if (elementCase) {
    report.adjusted('lenient.element-case', 'Parts of the file written with other capitals than the standard were read all the same.', examples.element, elementCase, 'Element names were matched ignoring letter case.');
  }
  if (attributeCase) {
    report.adjusted('lenient.attribute-case', 'Details written with other capitals or a prefix were read all the same.', examples.attribute, attributeCase, 'Attribute names were matched ignoring letter case and namespace prefix.');
  }
  if (empty) {
    report.adjusted('lenient.empty-attribute', 'Details left empty in the file were treated as not given.', examples.empty, empty, 'Empty attribute values (other than names) were read as missing attributes.');
  }
  if (dateForm) report.adjusted('lenient.date-form', 'Dates written in another form were read all the same.', undefined, dateForm, 'Dates that are not xsd:dateTime but parse as dates were converted to ISO 8601.');
  if (dateBad) {
    report.adjusted('lenient.date-bad', 'Dates that could not be read were replaced by the time of the import.', examples.date, dateBad, 'creationDateTime or modifiedDateTime values that are not dates were dropped.');
  }
  if (longName) {
    report.adjusted('lenient.long-name', `Names longer than ${MAX_NAME_LENGTH.toLocaleString('en-US')} characters were cut to that length.`, examples.name, longName, 'A name attribute longer than the limit was cut, at a character boundary, and ends in "…".');
  }
  return elementCase + attributeCase + empty + dateForm + dateBad + longName;
}

/** A name cut to `MAX_NAME_LENGTH` code units, never between the two halves of a surrogate pair, and "…". */
function cutName(name: string): string {
  const last = name.charCodeAt(MAX_NAME_LENGTH - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
  return `${name.slice(0, end)}…`;
}

/** The attributes before `stop`, in order: the start of a rebuilt attribute record. */
function copyUpTo(attrs: Readonly<Record<string, string>>, stop: string): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const key in attrs) {
    if (key === stop) break;
    copy[key] = attrs[key]!;
  }
  return copy;
}
