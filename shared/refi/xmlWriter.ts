/**
 * Writing XML documents with xmlbuilder 15. The library writes the document: the declaration,
 * tags and attributes, nesting, empty elements as `<x/>`, indentation. This module escapes
 * every attribute value and text node before handing it over (the two functions below), and
 * for a streamed document gathers the output into chunks, so a 95 MB project.qde is never one
 * string before it is encoded.
 *
 * Two layouts: streamed through xmlbuilder's callback API (`begin(options, onData)`) with no
 * indentation, for the project; or built as xmlbuilder's tree and written indented, for small
 * documents such as a codebook. The streaming writer cannot indent without indenting text
 * content too, which would change it.
 *
 * Guarantees: attribute values survive attribute-value normalisation (tab, LF and CR are
 * written as character references), text keeps its CRs (`&#13;`), text that looks like an
 * entity (`&amp;`) reads back literally, and characters XML 1.0 cannot carry at all (control
 * characters other than tab/LF/CR, lone surrogates, U+FFFE, U+FFFF) are dropped.
 *
 * Why xmlbuilder's own escaping is turned off (`noValidation`, which also skips its name
 * checks: the names written are fixed in the code). Measured by building the export
 * benchmark's project.qde (600,000 elements, 95 MB; the whole export has a 5 s budget) on a
 * shared 2-core machine:
 * - this module: 2.6–2.9 s (a hand-written writer took 2.2–2.5 s; 0.7 s of either is the
 *   exporter's own work).
 * - xmlbuilder's own escaping: 4.0–4.2 s, since it runs six regular-expression replacements on
 *   every value. It is complete for markup, tab, LF and CR, but throws on characters XML
 *   cannot carry, and its option to replace them also drops the character before a lone low
 *   surrogate.
 * - fast-xml-parser 5's XMLBuilder (fast-xml-builder 1.3) with `processEntities: false` and the
 *   escaping here: 3.6–4.2 s built one TextSource at a time, 4.8 s and 1.4 GB for the whole
 *   document at once. With its own escaping, tab, LF and CR in attributes are lost.
 * - xmlbuilder 15's tree, written indented: 7.1 s and 1.4 GB.
 * - @xmldom/xmldom 0.9's XMLSerializer: 8.1 s and 2.3 GB, and a CR in text is written literally.
 * - xmlbuilder2 4.0.3's callback API: 36 s (it builds DOM nodes underneath). It also writes tab,
 *   LF and CR in attributes and CR in text literally, and leaves `&amp;` in text unescaped.
 */
import xmlbuilder from 'xmlbuilder';
import type { XMLDocument, XMLDocumentCB, XMLElement } from 'xmlbuilder';

/** Attribute values in writing order; `undefined` leaves the attribute out. */
export type XmlAttributes = Readonly<Record<string, string | number | boolean | undefined>>;

// Control characters are exactly what these expressions look for: XML 1.0 cannot carry them.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Anything that may need work: markup characters, whitespace that attributes normalise, controls, surrogates. */
// eslint-disable-next-line no-control-regex
const TEXT_NEEDS_WORK = /[\x00-\x08\x0B\x0C\x0E-\x1F&<>\r\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const ATTRIBUTE_NEEDS_WORK = /[\x00-\x1F&<>"\uD800-\uDFFF\uFFFE\uFFFF]/;
const TEXT_MARKUP = /[&<>\r]/;
const ATTRIBUTE_MARKUP = /[&<>"\t\n\r]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
/** Join the library's small output pieces into one chunk past this many UTF-16 units. */
const CHUNK = 1 << 16;

/** Removes characters that XML 1.0 cannot represent. */
export function removeInvalidXmlChars(value: string): string {
  INVALID_XML_CHARS.lastIndex = 0;
  return INVALID_XML_CHARS.test(value) ? value.replace(INVALID_XML_CHARS, '') : value;
}

/**
 * Escapes character data.
 *
 * @example
 * escapeXmlText('a < b & c\r\n') // → 'a &lt; b &amp; c&#13;\n'
 */
export function escapeXmlText(value: string): string {
  if (!TEXT_NEEDS_WORK.test(value)) return value;
  const clean = removeInvalidXmlChars(value);
  return TEXT_MARKUP.test(clean) ? clean.replace(/[&<>\r]/g, (c) => ESCAPES[c]!) : clean;
}

/**
 * Escapes an attribute value (for double quotes).
 *
 * @example
 * escapeXmlAttribute('say "hi"\n') // → 'say &quot;hi&quot;&#10;'
 */
export function escapeXmlAttribute(value: string): string {
  if (!ATTRIBUTE_NEEDS_WORK.test(value)) return value;
  const clean = removeInvalidXmlChars(value);
  return ATTRIBUTE_MARKUP.test(clean) ? clean.replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]!) : clean;
}

/**
 * The attributes with their strings escaped: the same object when nothing needed escaping (most
 * do not, and this runs 600,000 times on a large export). xmlbuilder writes numbers and booleans
 * as `String()` does and leaves `undefined` attributes out.
 */
function escapeXmlAttributes(attributes: XmlAttributes | undefined): XmlAttributes | undefined {
  if (!attributes) return undefined;
  let escaped: Record<string, string | number | boolean | undefined> | undefined;
  for (const name in attributes) {
    const value = attributes[name];
    if (typeof value !== 'string') continue;
    const safe = escapeXmlAttribute(value);
    if (safe !== value) (escaped ??= { ...attributes })[name] = safe;
  }
  return escaped ?? attributes;
}

/** How XmlWriter lays out its document. */
export interface XmlWriterOptions {
  /**
   * Two spaces per level, each element on its own line, text exactly as given (default false).
   * The whole tree is built before it is written, so this is for small documents (a codebook):
   * xmlbuilder's streaming writer can only indent by indenting text content too.
   */
  readonly indent?: boolean;
}

/**
 * Writes one XML document through xmlbuilder, escaping every value: streamed and without
 * indentation by default, or as an indented tree (`{ indent: true }`).
 *
 * @example
 * const w = new XmlWriter({ indent: true });
 * w.start('CodeBook', { xmlns: 'urn:QDA-XML:codebook:1.0' });
 * w.start('Codes'); w.element('Code', { guid, name: 'A & B', isCodable: true }); w.end(); w.end();
 * w.finish() // → '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook …>\n  <Codes>\n    <Code … name="A &amp; B" …/>…'
 */
export class XmlWriter {
  /** The streaming document (no indentation), or the tree (indented) and its innermost open element. */
  private readonly stream: XMLDocumentCB | undefined;
  private readonly tree: XMLDocument | undefined;
  private current: XMLDocument | XMLElement | undefined;
  /** Joined chunks of about CHUNK units each, and the pieces of the one being gathered. */
  private readonly chunks: string[] = [];
  private pieces: string[] = [];
  private piecesLength = 0;
  private openElements = 0;
  private hasRoot = false;

  constructor(options: XmlWriterOptions = {}) {
    if (options.indent) {
      this.tree = this.current = xmlbuilder.begin({ noValidation: true });
      this.tree.dec('1.0', 'utf-8');
    } else {
      this.stream = xmlbuilder.begin({ noValidation: true, writer: { pretty: false } }, (piece) => this.gather(piece));
      this.stream.dec('1.0', 'utf-8');
    }
  }

  private gather(piece: string): void {
    this.pieces.push(piece);
    this.piecesLength += piece.length;
    // Joining a short array is cheap; joining millions of pieces at the end is not.
    if (this.piecesLength > CHUNK) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
      this.piecesLength = 0;
    }
  }

  /** Opens an element. */
  start(name: string, attributes?: XmlAttributes): this {
    // xmlbuilder's tree would take a second root without complaint.
    if (this.openElements === 0 && this.hasRoot) throw new Error('An XML document has exactly one root element.');
    if (this.stream) this.stream.ele(name, escapeXmlAttributes(attributes));
    else this.current = this.current!.ele(name, escapeXmlAttributes(attributes));
    this.openElements++;
    this.hasRoot = true;
    return this;
  }

  /** Writes character data into the open element. */
  text(value: string): this {
    if (value === '') return this;
    if (this.stream) this.stream.txt(escapeXmlText(value));
    else this.current!.txt(escapeXmlText(value));
    return this;
  }

  /** Closes the innermost open element. */
  end(): this {
    if (this.openElements === 0) throw new Error('No element is open.');
    if (this.stream) this.stream.up();
    // The root's up() throws in xmlbuilder's tree; above the root is the document.
    else this.current = this.openElements === 1 ? this.tree : this.current!.up();
    this.openElements--;
    return this;
  }

  /** An element with attributes and optional text, opened and closed (`<x/>` when it has neither). */
  element(name: string, attributes?: XmlAttributes, text?: string): this {
    this.start(name, attributes);
    if (text !== undefined) this.text(text);
    return this.end();
  }

  /** Ends the document; xmlbuilder would silently close what is still open, so that is refused here. */
  private endDocument(): void {
    if (this.openElements > 0) throw new Error(`${this.openElements} element(s) are still open.`);
    if (!this.hasRoot) throw new Error('The document has no root element.');
    if (this.stream) {
      this.stream.end();
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    } else {
      // dontPrettyTextNodes: an element holding text and elements keeps its text unindented.
      this.chunks.push(this.tree!.end({ pretty: true, indent: '  ', newline: '\n', dontPrettyTextNodes: true }));
    }
    // Like any text file, the document ends with a line break.
    this.chunks.push('\n');
  }

  /** The document as text. Throws if an element is still open or there is no root. */
  finish(): string {
    this.endDocument();
    return this.chunks.join('');
  }

  /** The document as UTF-8 bytes, encoded chunk by chunk (no full-size string is ever built when streaming). */
  finishBytes(): Uint8Array {
    this.endDocument();
    const encoder = new TextEncoder();
    const encoded = this.chunks.map((chunk) => encoder.encode(chunk));
    this.chunks.length = 0;
    const bytes = new Uint8Array(encoded.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of encoded) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }
}
