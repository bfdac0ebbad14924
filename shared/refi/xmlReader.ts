/**
 * A small, strict, non-validating XML parser for REFI-QDA documents, producing a light element
 * tree. It exists because a project of 200,000 codings is an 80 MB document: this parser reads it
 * in well under a second, where general-purpose JavaScript parsers take several.
 *
 * Safety, by design rather than by option:
 * - A DOCTYPE (and therefore any entity declaration, internal or external) is refused, never
 *   resolved: no file or URL is ever read and no entity can expand.
 * - Only the five predefined entities and character references are decoded; anything else is
 *   malformed.
 * - Nesting is limited (default 1,000 levels), so consumers that recurse cannot overflow.
 *
 * Well-formedness checked: one root element, matching end tags, quoted and unique attributes,
 * no `<` in attribute values, terminated comments/CDATA/processing instructions, nothing but
 * comments and processing instructions outside the root. Line endings are normalised as XML
 * requires (CRLF and CR become LF; `&#13;` stays a CR), attribute values are normalised
 * (literal tab, CR, LF become spaces).
 */
import { ExchangeError } from './errors.ts';

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
  /** Offset of the element's `<` in the source, for messages. */
  readonly position: number;
}

export interface ParseXmlOptions {
  /** Maximum element nesting. Default 1,000. */
  readonly maxDepth?: number;
  /** Name of the document in error messages, e.g. `project.qde`. */
  readonly fileName?: string;
}

/** Called for each start tag, outermost first; `ancestors` are the open elements, root first. */
export type XmlVisitor = (element: XmlElement, ancestors: readonly XmlElement[]) => void;

const ATTRIBUTE_SPECIAL = /[<&\t\r\n]/;

function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}
/** Shared by all leaf elements: most elements of a large project (CodeRef, NoteRef…) have no children. */
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

class Parser {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly maxDepth: number,
    private readonly fileName: string,
    /** When set, elements are reported to it and not kept in the tree (children stay empty). */
    private readonly visit?: XmlVisitor,
  ) {}

  fail(detail: string, at = this.pos): never {
    let line = 1;
    for (let i = this.src.indexOf('\n'); i >= 0 && i < at; i = this.src.indexOf('\n', i + 1)) line++;
    throw new ExchangeError(`The XML of ${this.fileName} is malformed at line ${line}: ${detail}.`);
  }

  refuseDoctype(): never {
    throw new ExchangeError(`The XML of ${this.fileName} declares a DOCTYPE or entity, which Marginalia refuses because it could read other files or expand without limit.`);
  }

  // The two functions below run several times per element of an 80 MB document, so they
  // compare char codes instead of running regular expressions.
  skipWhitespace(): void {
    const src = this.src;
    let pos = this.pos;
    for (let c = src.charCodeAt(pos); c === 32 || c === 10 || c === 9 || c === 13; c = src.charCodeAt(++pos));
    this.pos = pos;
  }

  /**
   * An XML name (letters, digits, `_ : . -`, anything non-ASCII), not starting with a digit, `.`
   * or `-`. Names seen before come back as the same string object: a document repeats a few dozen
   * names millions of times, and a property key that is already known is far cheaper to use.
   */
  readName(): string {
    const src = this.src;
    const start = this.pos;
    let pos = start;
    let c = src.charCodeAt(pos);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xc0)) this.fail('expected an element or attribute name');
    do c = src.charCodeAt(++pos);
    while ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45 || c === 0xb7 || c >= 0xc0);
    this.pos = pos;
    const key = (pos - start) * 0x10000 + src.charCodeAt(start);
    const known = this.names.get(key);
    if (known) {
      for (const name of known) if (src.startsWith(name, start)) return name;
    }
    const name = src.slice(start, pos);
    if (this.nameCount < 512) {
      this.nameCount++;
      if (known) known.push(name);
      else this.names.set(key, [name]);
    }
    return name;
  }

  /** Names read so far, by length and first character. */
  private readonly names = new Map<number, string[]>();
  private nameCount = 0;

  /** Decodes entity and character references in `raw` (already line-end normalised). */
  decode(raw: string, at: number): string {
    let amp = raw.indexOf('&');
    if (amp < 0) return raw;
    let out = '';
    let from = 0;
    while (amp >= 0) {
      const semi = raw.indexOf(';', amp);
      if (semi < 0 || semi - amp > 12) this.fail('an "&" that does not start an entity reference (write &amp;)', at);
      const ref = raw.slice(amp + 1, semi);
      let value: string | undefined;
      if (ref.startsWith('#')) {
        const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
        if (!isXmlChar(code)) this.fail(`the character reference &${ref}; is not a character XML allows`, at);
        value = String.fromCodePoint(code);
      } else {
        value = PREDEFINED[ref];
        if (value === undefined) this.fail(`the entity &${ref}; is not defined (only &lt; &gt; &amp; &quot; &apos; are)`, at);
      }
      out += raw.slice(from, amp) + value;
      from = semi + 1;
      amp = raw.indexOf('&', from);
    }
    return out + raw.slice(from);
  }

  /** Skips a comment or processing instruction at `pos`; returns false if neither starts here. */
  skipMisc(): boolean {
    const src = this.src;
    if (src.startsWith('<!--', this.pos)) {
      const end = src.indexOf('-->', this.pos + 4);
      if (end < 0) this.fail('a comment is not closed with -->');
      this.pos = end + 3;
      return true;
    }
    if (src.startsWith('<?', this.pos)) {
      const start = this.pos;
      const end = src.indexOf('?>', this.pos + 2);
      if (end < 0) this.fail('a processing instruction is not closed with ?>');
      this.pos += 2;
      const target = this.readName();
      if (target.toLowerCase() === 'xml') this.fail('the XML declaration may only appear at the very start', start);
      this.pos = end + 2;
      return true;
    }
    if (src.startsWith('<!', this.pos)) {
      if (/^<!(DOCTYPE|ENTITY)/i.test(src.slice(this.pos, this.pos + 10))) this.refuseDoctype();
      this.fail('unexpected markup "<!"');
    }
    return false;
  }

  parse(): XmlElement {
    const src = this.src;
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (src.startsWith('<?xml', this.pos) && /[\s?]/.test(src[this.pos + 5] ?? '')) {
      const end = src.indexOf('?>', this.pos);
      if (end < 0) this.fail('the XML declaration is not closed with ?>');
      this.pos = end + 2;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= src.length) this.fail('the document has no root element');
      if (src.charCodeAt(this.pos) !== 60 /* < */) this.fail('text before the root element');
      if (!this.skipMisc()) break;
    }
    const root = this.parseElements();
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= src.length) break;
      if (src.charCodeAt(this.pos) !== 60 || !this.skipMisc()) this.fail('content after the end of the root element');
    }
    return root;
  }

  /** Parses the root element and everything inside it, iteratively. */
  parseElements(): XmlElement {
    const src = this.src;
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    for (;;) {
      // At a '<' here.
      const lt = this.pos;
      const next = src.charCodeAt(lt + 1);
      if (next === 47 /* / */) {
        this.pos = lt + 2;
        const name = this.readName();
        this.skipWhitespace();
        if (src.charCodeAt(this.pos) !== 62) this.fail(`the end tag </${name}> is not closed with >`);
        this.pos++;
        const open = stack.pop();
        if (!open) this.fail(`the end tag </${name}> has no matching start tag`, lt);
        if (open.name !== name) this.fail(`the end tag </${name}> does not match the start tag <${open.name}>`, lt);
        if (stack.length === 0) return open;
      } else if (next === 33 /* ! */) {
        if (src.startsWith('<![CDATA[', lt)) {
          const end = src.indexOf(']]>', lt + 9);
          if (end < 0) this.fail('a CDATA section is not closed with ]]>');
          const parent = stack[stack.length - 1]!;
          parent.text += src.slice(lt + 9, end).replace(/\r\n?/g, '\n');
          this.pos = end + 3;
        } else if (!this.skipMisc()) {
          this.fail('unexpected markup');
        }
      } else if (next === 63 /* ? */) {
        this.skipMisc();
      } else {
        this.pos = lt + 1;
        const name = this.readName();
        // A plain object keeps V8's fast property layout (Object.create(null) objects are
        // dictionaries, several times larger); `__proto__` is refused below instead.
        const attrs: Record<string, string> = {};
        let selfClosing = false;
        for (;;) {
          const before = this.pos;
          this.skipWhitespace();
          const c = src.charCodeAt(this.pos);
          if (c === 62 /* > */) {
            this.pos++;
            break;
          }
          if (c === 47 /* / */ && src.charCodeAt(this.pos + 1) === 62) {
            this.pos += 2;
            selfClosing = true;
            break;
          }
          if (Number.isNaN(c)) this.fail(`the start tag <${name}> is not closed`, lt);
          if (this.pos === before) this.fail(`attributes of <${name}> must be separated by white space`);
          const attrName = this.readName();
          this.skipWhitespace();
          if (src.charCodeAt(this.pos) !== 61 /* = */) this.fail(`the attribute ${attrName} of <${name}> has no value`);
          this.pos++;
          this.skipWhitespace();
          const quote = src[this.pos];
          if (quote !== '"' && quote !== "'") this.fail(`the value of the attribute ${attrName} is not in quotes`);
          const end = src.indexOf(quote, this.pos + 1);
          if (end < 0) this.fail(`the value of the attribute ${attrName} is not closed`);
          let raw = src.slice(this.pos + 1, end);
          if (attrName === '__proto__') this.fail('an attribute is named __proto__, which Marginalia refuses');
          if (Object.hasOwn(attrs, attrName)) this.fail(`the attribute ${attrName} appears twice on <${name}>`);
          // Most values (GUIDs, numbers, dates) need nothing: one scan tells.
          if (ATTRIBUTE_SPECIAL.test(raw)) {
            if (raw.includes('<')) this.fail(`the value of the attribute ${attrName} contains "<"`);
            if (/[\t\r\n]/.test(raw)) raw = raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ');
            raw = this.decode(raw, this.pos);
          }
          attrs[attrName] = raw;
          this.pos = end + 1;
        }
        const colon = name.indexOf(':');
        const element: XmlElement = { name, local: colon < 0 ? name : name.slice(colon + 1), attrs, children: NO_CHILDREN, text: '', position: lt };
        const parent = stack[stack.length - 1];
        if (this.visit) this.visit(element, stack);
        else if (parent) {
          if (parent.children === NO_CHILDREN) parent.children = [element];
          else parent.children.push(element);
        }
        else root = element;
        if (selfClosing) {
          if (!parent) return element;
        } else {
          if (stack.length >= this.maxDepth) this.fail(`elements are nested more than ${this.maxDepth} levels deep`, lt);
          stack.push(element);
        }
      }
      // Character data up to the next '<'.
      const nextLt = src.indexOf('<', this.pos);
      if (nextLt < 0) this.fail(`the element <${stack[stack.length - 1]?.name ?? root?.name}> is never closed`);
      if (nextLt > this.pos) {
        const parent = stack[stack.length - 1]!;
        let raw = src.slice(this.pos, nextLt);
        if ((parent.children.length === 0 && !this.visit) || !isWhitespace(raw)) {
          if (raw.includes('\r')) raw = raw.replace(/\r\n?/g, '\n');
          parent.text += this.decode(raw, this.pos);
        }
      }
      this.pos = nextLt;
    }
  }
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
  return new Parser(text, options.maxDepth ?? 1000, options.fileName ?? 'the file').parse();
}

/**
 * Reads an XML document without keeping it: `visit` sees each element as its start tag is read
 * (attributes complete; text and children not yet), with its open ancestors. The same checks and
 * refusals as `parseXml`, at a fraction of the memory, for counting through large documents.
 *
 * @example
 * let codings = 0;
 * scanXml(qde, (element) => { if (element.local === 'Coding') codings++; });
 */
export function scanXml(text: string, visit: XmlVisitor, options: ParseXmlOptions = {}): void {
  new Parser(text, options.maxDepth ?? 1000, options.fileName ?? 'the file', visit).parse();
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
