/**
 * Reads REFI-QDA XML with saxes (a conformant, streaming, pure-JavaScript SAX parser that runs in
 * the browser and in Node) into a light element tree. saxes does the parsing and every
 * well-formedness check; this wrapper exists to:
 * - build the small tree the importers walk (`XmlElement`: name, local name, attributes, children,
 *   text), or report elements one by one without keeping them (`scanXml`, for counting through an
 *   80 MB project);
 * - refuse, by design rather than by option, what a project file must never do: any DOCTYPE (so
 *   no entity declaration, internal or external, is ever read; no file or URL is ever opened;
 *   nothing can expand), any entity but the five predefined ones (saxes refuses undefined ones,
 *   and none is ever defined here), nesting deeper than a limit (default 1,000 levels, so
 *   consumers that recurse cannot overflow), an attribute named `__proto__`, and an attribute
 *   value longer than `MAX_ATTRIBUTE_LENGTH` (no REFI-QDA attribute is prose: names, GUIDs,
 *   paths, dates, and selection names that quote a passage);
 * - turn saxes's errors into one-sentence ExchangeErrors that name the file and the line.
 *
 * Namespaces are not resolved (saxes runs without `xmlns`): elements are matched by local name,
 * and callers check the root's namespace with `namespaceOf`, so any `urn:QDA-XML:` version and any
 * prefix are read alike. saxes normalises line ends (CRLF and CR become LF; `&#13;` stays a CR)
 * and attribute values (literal tab, CR, LF become spaces), as XML requires.
 *
 * Speed: the 95 MB project.qde of a 200,000-coding project takes saxes about 1.1 s to read and
 * this wrapper about 1.7–2 s to build into a tree (1.3 s to scan); the hand-written parser this
 * replaced took about 1 s (0.6 s to scan).
 */
import { SaxesParser, type SaxesAttributePlain, type SaxesTagPlain } from 'saxes';
import { ExchangeError } from '../common/errors.ts';

/** One element: its name as written, its local name (no prefix), attributes, children, text. */
export interface XmlElement {
  /** Qualified name as written, e.g. `Code` or `qda:Code`. */
  readonly name: string;
  /** Name without namespace prefix, e.g. `Code`. */
  readonly local: string;
  /** Attribute values by qualified name (read them by name; never named `__proto__`). */
  readonly attrs: Readonly<Record<string, string>>;
  /** Child elements in order. Leaves share one empty (frozen) array, so never push to it. */
  children: XmlElement[];
  /**
   * Character data directly inside this element (CDATA included). White space between child
   * elements is not kept.
   */
  text: string;
}

/**
 * The longest attribute value read, in UTF-16 code units: 1 MiB. Longer ones refuse the file.
 * Reading stays linear in the value's length either way; the limit keeps what one value can
 * cost everything built from it (names, memo titles, report lines, the app's indexes) small.
 */
export const MAX_ATTRIBUTE_LENGTH = 1024 * 1024;

export interface ParseXmlOptions {
  /** Maximum element nesting. Default 1,000. */
  readonly maxDepth?: number;
  /** Longest attribute value. Default `MAX_ATTRIBUTE_LENGTH`. */
  readonly maxAttributeLength?: number;
  /** Name of the document in error messages, e.g. `project.qde`. */
  readonly fileName?: string;
}

/** Called for each start tag, outermost first; `ancestors` are the open elements, root first. */
export type XmlVisitor = (element: XmlElement, ancestors: readonly XmlElement[]) => void;

/** Shared by all leaf elements: most elements of a large project (CodeRef, NoteRef…) have no children. */
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** `&…;` ending just before `end` in `src`, for messages (saxes reports entity errors after the `;`). */
function referenceBefore(src: string, end: number): string {
  const amp = src.lastIndexOf('&', end - 1);
  return amp >= 0 && end - amp <= 16 ? src.slice(amp, end) : '';
}

const BARE_AMPERSAND = 'an "&" that does not start an entity reference (write &amp;)';

/** The line of an offset in `src`, counting from 1. */
function lineAt(src: string, offset: number): number {
  let line = 1;
  for (let i = src.indexOf('\n'); i >= 0 && i < offset; i = src.indexOf('\n', i + 1)) line++;
  return line;
}

/** The name of the start tag open before `end` in `src` (empty if there is none), for messages. */
function startTagBefore(src: string, end: number): string {
  const lt = src.lastIndexOf('<', end - 1);
  return lt < 0 ? '' : (/^<([^\s/>=<"']+)/.exec(src.slice(lt, lt + 200))?.[1] ?? '');
}

/** Whether the last `open` in `src` is never followed by `close`. */
function unterminated(src: string, open: string, close: string): boolean {
  const at = src.lastIndexOf(open);
  return at >= 0 && src.indexOf(close, at + open.length) < 0;
}

function refuseDoctype(fileName: string): never {
  throw new ExchangeError(`The XML of ${fileName} declares a DOCTYPE or entity, which Marginalia refuses because it could read other files or expand without limit.`);
}

function read(src: string, options: ParseXmlOptions, visit: XmlVisitor | undefined): XmlElement | undefined {
  const fileName = options.fileName ?? 'the file';
  const maxDepth = options.maxDepth ?? 1000;
  const maxAttributeLength = options.maxAttributeLength ?? MAX_ATTRIBUTE_LENGTH;
  // No namespaces (names are matched by local name) and no position tracking (saxes counts lines
  // either way, and messages only need the line).
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  /** The element closed last: saxes closes the open element before reporting a mismatched end tag. */
  let lastClosed: XmlElement | undefined;
  const malformed = (detail: string, line = parser.line): never => {
    throw new ExchangeError(`The XML of ${fileName} is malformed at line ${line}: ${detail}.`);
  };

  /** saxes's message as the detail of our sentence: the common ones in our words, others as they are. */
  const describe = (message: string): string => {
    const at = parser.position;
    // The start tag being read, for errors inside it (saxes reports the element only once complete).
    const tagName = startTagBefore(src, at);
    const named = /^(duplicate attribute|unclosed tag|unmatched closing tag): (.*?)\.?$/.exec(message);
    if (named) {
      if (named[1] === 'duplicate attribute') return `the attribute ${named[2]} appears twice on <${tagName}>`;
      if (named[1] === 'unclosed tag') return `the element <${named[2]}> is never closed`;
      return `the end tag </${named[2]}> has no matching start tag`;
    }
    switch (message) {
      case 'unexpected close tag.': {
        const lt = src.lastIndexOf('</', at - 1);
        const name = lt < 0 ? '' : src.slice(lt + 2, at).replace(/[\s>]+$/, '');
        return `the end tag </${name}> does not match the start tag <${lastClosed?.name ?? ''}>`;
      }
      case 'undefined entity.':
        return `the entity ${referenceBefore(src, at)} is not defined (only &lt; &gt; &amp; &quot; &apos; are)`;
      case 'malformed character entity.':
        return `the character reference ${referenceBefore(src, at)} is not a character XML allows`;
      case 'empty entity name.':
        return BARE_AMPERSAND;
      case 'disallowed character.': {
        const code = src.codePointAt(at - 1) ?? 0;
        if (code === 60 /* < */) return `the value of an attribute of <${startTagBefore(src, at - 1)}> contains "<"`;
        return `the character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`;
      }
      case 'unquoted attribute value.': {
        // saxes has read the value's first character; the name is before the `=`.
        const name = /([^\s=]+)\s*=\s*$/.exec(src.slice(Math.max(0, at - 200), at - 1))?.[1];
        return name ? `the value of the attribute ${name} is not in quotes` : `the value of an attribute of <${tagName}> is not in quotes`;
      }
      case 'attribute without value.':
        return `an attribute of <${tagName}> has no value`;
      case 'no whitespace between attributes.':
        return `attributes of <${tagName}> must be separated by white space`;
      case 'documents may contain only one root.':
        return 'content after the end of the root element';
      case 'text data outside of root node.':
        return root ? 'content after the end of the root element' : 'text before the root element';
      case 'document must contain a root element.':
        return 'the document has no root element';
      case 'malformed comment.':
        return 'a comment contains "--"';
      case 'an XML declaration must be at the start of the document.':
      case 'the XML declaration must appear at the start of the document.':
        return 'the XML declaration may only appear at the very start';
      case 'incorrect syntax.':
        return 'unexpected markup "<!"';
      case 'disallowed character in tag name':
        return 'expected an element name after "<"';
      case 'processing instruction without a target.':
      case 'disallowed character in processing instruction name.':
        return 'a processing instruction has no valid target name';
      case 'the string "]]>" is disallowed in char data.':
        return 'the text contains "]]>", which XML does not allow there (write ]]&gt;)';
      default:
        if (message.startsWith('version number must match')) return 'the XML declaration names a version other than 1.x';
        if (message.startsWith('encoding value must match')) return 'the XML declaration names an encoding that is not a valid name';
        return message.replace(/\.$/, '');
    }
  };

  /** Attributes of the start tag being read: saxes reports them one by one, then the tag. */
  let attrs: Record<string, string> = {};
  /** What a visitor threw, passed on as it is rather than taken for an XML error. */
  let visitorError: unknown;

  // At most six handlers: saxes stores each as a property added by key, and from the eighth on V8
  // turns the parser into a dictionary-mode object, which makes parsing about five times slower
  // (saxes 6.0.0, Node 20). So errors are not taken through an `error` handler: without one,
  // saxes throws them.
  parser.on('doctype', () => refuseDoctype(fileName));
  parser.on('attribute', (attribute: SaxesAttributePlain) => {
    // A plain object keeps V8's fast property layout (saxes's own are dictionaries, several
    // times larger); `__proto__` is refused instead.
    if (attribute.name === '__proto__') malformed('an attribute is named __proto__, which Marginalia refuses');
    if (attribute.value.length > maxAttributeLength) {
      throw new ExchangeError(`The XML of ${fileName} has an attribute ${attribute.name.slice(0, 40)} of ${attribute.value.length.toLocaleString('en-US')} characters at line ${parser.line}, more than the limit of ${maxAttributeLength.toLocaleString('en-US')}, so it was refused.`);
    }
    attrs[attribute.name] = attribute.value;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const colon = name.indexOf(':');
    const element: XmlElement = { name, local: colon < 0 ? name : name.slice(colon + 1), attrs, children: NO_CHILDREN, text: '' };
    attrs = {};
    const parent = stack[stack.length - 1];
    if (visit) {
      try {
        visit(element, stack);
      } catch (error) {
        visitorError = error;
        throw error;
      }
    } else if (parent) {
      if (parent.children === NO_CHILDREN) parent.children = [element];
      else parent.children.push(element);
    }
    if (!root) root = element;
    if (!tag.isSelfClosing && stack.length >= maxDepth) malformed(`elements are nested more than ${maxDepth} levels deep`);
    // saxes reports a self-closing element's end at once, so it is pushed and popped alike.
    stack.push(element);
  });
  parser.on('closetag', () => {
    lastClosed = stack.pop();
  });
  // A scan keeps no text (its visitor sees start tags), and saxes does less without a text handler.
  if (!visit) {
    parser.on('text', (text) => {
      const parent = stack[stack.length - 1];
      if (parent && (parent.children === NO_CHILDREN || !isWhitespace(text))) parent.text += text;
    });
    parser.on('cdata', (text) => {
      const parent = stack[stack.length - 1];
      if (parent) parent.text += text;
    });
  }

  let closing = false;
  try {
    parser.write(src);
    closing = true;
    parser.close();
  } catch (error) {
    // Ours (ExchangeError) and a visitor's pass through; what is left is saxes's.
    if (error instanceof ExchangeError || error === visitorError || !(error instanceof Error)) throw error;
    const message = error.message;
    if (message === 'inappropriately located doctype declaration.') refuseDoctype(fileName);
    if (message === 'incorrect syntax.' && src.startsWith('<!ENTITY', src.lastIndexOf('<!', parser.position))) refuseDoctype(fileName);
    // saxes reads a bare `&` up to the next `;`, which may be lines later: name the `&`'s line.
    if (message === 'disallowed character in entity name.') malformed(BARE_AMPERSAND, lineAt(src, src.lastIndexOf('&', parser.position - 1)));
    if (closing) {
      // At the end saxes names the first unclosed element; what the document ends inside of says more.
      if (unterminated(src, '<![CDATA[', ']]>')) malformed('a CDATA section is not closed with ]]>');
      if (unterminated(src, '<!--', '-->')) malformed('a comment is not closed with -->');
      // A DOCTYPE's internal subset may hold any markup, so an unfinished one is refused as such.
      if (src.includes('<!DOCTYPE')) refuseDoctype(fileName);
      if (unterminated(src, '<?', '?>')) malformed('a processing instruction is not closed with ?>');
      if (unterminated(src, '&', ';')) malformed(BARE_AMPERSAND, lineAt(src, src.lastIndexOf('&')));
      if (src.lastIndexOf('<') > src.lastIndexOf('>')) malformed(`the start tag <${startTagBefore(src, src.length)}> is not closed`);
    }
    malformed(describe(message));
  }
  return root;
}

/**
 * Parses an XML document into its root element. Throws ExchangeError (one sentence, with the
 * line) for malformed XML and for any DOCTYPE.
 *
 * @example
 * const root = parseXml('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>');
 * root.local // → 'CodeBook'
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  // A document without a root has already been refused.
  return read(text, options, undefined)!;
}

/**
 * Reads an XML document without keeping it: `visit` sees each element as its start tag is read
 * (attributes complete; no text and no children are kept), with its open ancestors. The same
 * checks and refusals as `parseXml`, at a fraction of the memory, for counting through large
 * documents.
 *
 * @example
 * let codings = 0;
 * scanXml(qde, (element) => { if (element.local === 'Coding') codings++; });
 */
export function scanXml(text: string, visit: XmlVisitor, options: ParseXmlOptions = {}): void {
  read(text, options, visit);
}

/**
 * Decodes XML bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or the encoding the XML
 * declaration names. Throws ExchangeError for bytes that are not valid in that encoding.
 */
export function decodeXmlBytes(bytes: Uint8Array, fileName = 'the file'): string {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else if (bytes[0] === 0x3c && bytes[1] === 0x00) encoding = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) encoding = 'utf-16be';
  else {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    const declared = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
    if (declared && declared !== 'utf-8' && declared !== 'utf8' && !declared.startsWith('utf-16')) encoding = declared;
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new ExchangeError(`${fileName} is written in the encoding "${encoding}", which Marginalia cannot read.`);
  }
  try {
    return decoder.decode(bytes.subarray(start));
  } catch {
    throw new ExchangeError(`${fileName} is not valid ${encoding.toUpperCase()} text.`);
  }
}

/** The namespace URI of an element's own prefix, looked up on the element itself (enough for a root). */
export function namespaceOf(element: XmlElement): string | undefined {
  const colon = element.name.indexOf(':');
  return element.attrs[colon < 0 ? 'xmlns' : `xmlns:${element.name.slice(0, colon)}`];
}
