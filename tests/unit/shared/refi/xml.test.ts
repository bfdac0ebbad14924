import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { ExchangeError } from '../../../../shared/common/errors.ts';
import { decodeXmlBytes, parseXml } from '../../../../shared/refi/xmlReader.ts';
import { escapeXmlAttribute, escapeXmlText, removeInvalidXmlChars, XmlWriter, type XmlWriterOptions } from '../../../../shared/refi/xmlWriter.ts';
import { readQdc, writeQdc } from '../../../../shared/refi/qdc.ts';
import { writeProjectXml } from '../../../../shared/refi/qdpxWrite.ts';
import { smallBundle, xmllint } from './helpers.ts';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return (error as Error).message;
  }
  throw new Error('did not throw');
};

describe('parseXml', () => {
  it('reads elements, attributes, text and CDATA, and decodes references', () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y=\'&#x1F600;\'><b>t &lt;&#233;</b><c><![CDATA[<raw> & ]]></c><?pi x?></a>');
    expect(root.local).toBe('a');
    expect(root.attrs).toEqual({ x: '1 & 2', y: '😀' });
    expect(root.children.map((c) => [c.local, c.text])).toEqual([
      ['b', 't <é'],
      ['c', '<raw> & '],
    ]);
  });

  it('matches prefixed names by local name', () => {
    const root = parseXml('<q:Project xmlns:q="urn:QDA-XML:project:1.0"><q:Users/></q:Project>');
    expect([root.local, root.children[0]!.local]).toEqual(['Project', 'Users']);
  });

  it('skips a byte-order mark before <?xml', () => {
    expect(parseXml('\uFEFF<?xml version="1.0" encoding="utf-8"?><r/>').local).toBe('r');
  });

  it('normalises line ends in text but keeps &#13;', () => {
    expect(parseXml('<r>a\r\nb\rc&#13;\n</r>').text).toBe('a\nb\nc\r\n');
  });

  it('normalises literal tabs and line breaks in attribute values to spaces', () => {
    expect(parseXml('<r a="x\ty\r\nz&#10;"/>').attrs['a']).toBe('x y z\n');
  });

  it('refuses a DOCTYPE, whatever it declares', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(messageOf(() => parseXml(xxe, { fileName: 'project.qde' }))).toBe(
      'The XML of project.qde declares a DOCTYPE or entity, which Marginalia refuses because it could read other files or expand without limit.',
    );
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(messageOf(() => parseXml(laughs))).toMatch(/declares a DOCTYPE/);
  });

  it('refuses undefined entities instead of resolving them', () => {
    expect(messageOf(() => parseXml('<r>&nbsp;</r>'))).toBe('The XML of the file is malformed at line 1: the entity &nbsp; is not defined (only &lt; &gt; &amp; &quot; &apos; are).');
  });

  it.each([
    ['<a><b></a>', 'line 1: the end tag </a> does not match the start tag <b>'],
    ['<a>\n<b x="1" x="2"/></a>', 'line 2: the attribute x appears twice on <b>'],
    ['<a x=1/>', 'the value of the attribute x is not in quotes'],
    ['<a x="<"/>', 'contains "<"'],
    ['<a>', 'is never closed'],
    ['<a/><b/>', 'content after the end of the root element'],
    ['text<a/>', 'text before the root element'],
    ['', 'the document has no root element'],
    ['<a>&</a>', 'an "&" that does not start an entity reference'],
    ['<a>&#0;</a>', 'is not a character XML allows'],
    ['<a><!-- open</a>', 'a comment is not closed'],
    ['<a><![CDATA[x</a>', 'a CDATA section is not closed'],
    ['<a b="1"c="2"/>', 'must be separated by white space'],
  ])('reports malformed XML %j as one sentence', (xml, fragment) => {
    const message = messageOf(() => parseXml(xml));
    expect(message).toContain(fragment);
    expect(message).toMatch(/^The XML of the file is malformed at line \d+: [^\n]+\.$/);
  });

  it('refuses nesting deeper than the limit', () => {
    expect(messageOf(() => parseXml('<a>'.repeat(20) + '</a>'.repeat(20), { maxDepth: 10 }))).toContain('nested more than 10 levels deep');
  });

  it('refuses an attribute named __proto__', () => {
    expect(messageOf(() => parseXml('<a __proto__="x"/>'))).toContain('__proto__');
  });
});

describe('decodeXmlBytes', () => {
  it('reads UTF-8 with or without BOM, and UTF-16 with BOM', () => {
    const xml = '<r>é😀</r>';
    const utf8 = new TextEncoder().encode(xml);
    expect(decodeXmlBytes(utf8)).toBe(xml);
    expect(decodeXmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(xml);
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, xml.charCodeAt(i), true);
    expect(decodeXmlBytes(utf16)).toBe(xml);
  });

  it('reads the encoding an XML declaration names', () => {
    expect(decodeXmlBytes(new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><r>'), 0xe9, ...new TextEncoder().encode('</r>')]))).toContain('é');
  });

  it('refuses invalid UTF-8 with one sentence', () => {
    expect(messageOf(() => decodeXmlBytes(new Uint8Array([0x3c, 0x72, 0x3e, 0xff, 0x3c]), 'project.qde'))).toBe('project.qde is not valid UTF-8 text.');
  });
});

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
const xmlSafe = (s: string) => s.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

/** A two-element document written by XmlWriter and read back by parseXml. */
const roundTrip = (attribute: string, text: string, options: XmlWriterOptions = {}) => {
  const root = parseXml(new XmlWriter(options).start('Root', { value: attribute }).element('Leaf', { n: 1 }, text).end().finish());
  return { attribute: root.attrs['value'], text: root.children[0]!.text };
};

describe('escapeXmlAttribute', () => {
  it('escapes markup and the characters attribute normalisation would change', () => {
    expect(escapeXmlAttribute('a"b<c>&\n\t\r')).toBe('a&quot;b&lt;c&gt;&amp;&#10;&#9;&#13;');
  });

  it('escapes an ampersand that already starts an entity', () => {
    expect(escapeXmlAttribute('&amp; &#10;')).toBe('&amp;amp; &amp;#10;');
  });

  it('returns a value with nothing to escape unchanged', () => {
    expect(escapeXmlAttribute('Code 1 – naïve 😀')).toBe('Code 1 – naïve 😀');
  });
});

describe('escapeXmlText', () => {
  it('escapes markup and CR, and leaves tab and LF as they are', () => {
    expect(escapeXmlText('a<b>&c\r\n]]>\t')).toBe('a&lt;b&gt;&amp;c&#13;\n]]&gt;\t');
  });

  it('drops characters XML 1.0 cannot carry, and only those', () => {
    expect(escapeXmlText('a\u0000b\u0007c\uFFFFd\uD800e😀')).toBe('abcde😀');
    expect(escapeXmlText('x\uDC00y')).toBe('xy');
  });
});

describe('removeInvalidXmlChars', () => {
  it('keeps surrogate pairs and drops lone halves without touching their neighbours', () => {
    expect(removeInvalidXmlChars('a\uDC00b\uD83D\uDE00c\uD83Dd\u000B\u000C')).toBe('ab😀cd');
  });
});

describe('XmlWriter', () => {
  it('streams without indentation: empty elements as <x/>, undefined attributes left out', () => {
    const w = new XmlWriter();
    w.start('A', { x: 'y', skipped: undefined, n: 3, on: true }).element('B').element('C', undefined, 'text').element('D', undefined, '').end();
    expect(w.finish()).toBe('<?xml version="1.0" encoding="utf-8"?><A x="y" n="3" on="true"><B/><C>text</C><D/></A>\n');
  });

  it('indents on request, putting each element on its own line and text inline', () => {
    const w = new XmlWriter({ indent: true });
    w.start('A', { x: 'y', skipped: undefined, n: 3, on: false }).element('B').start('C').element('D', undefined, ' two\nlines ').end().end();
    expect(w.finish()).toBe('<?xml version="1.0" encoding="utf-8"?>\n<A x="y" n="3" on="false">\n  <B/>\n  <C>\n    <D> two\nlines </D>\n  </C>\n</A>\n');
  });

  it('does not indent the text of an element that also holds elements', () => {
    const xml = new XmlWriter({ indent: true }).start('A').start('B').text(' a ').element('C').text('b\n').end().end().finish();
    expect(parseXml(xml).children[0]!.text).toBe(' a b\n');
  });

  it('refuses to write malformed documents', () => {
    expect(() => new XmlWriter().start('a').finish()).toThrow(/still open/);
    expect(() => new XmlWriter({ indent: true }).start('a').finish()).toThrow(/still open/);
    expect(() => new XmlWriter().finish()).toThrow(/no root element/);
    expect(() => new XmlWriter({ indent: true }).start('a').end().end()).toThrow(/No element is open/);
    expect(() => new XmlWriter().start('a').end().start('b')).toThrow(/one root/);
    expect(() => new XmlWriter({ indent: true }).start('a').end().start('b')).toThrow(/one root/);
  });

  it.each([
    ['tab, LF and CR in attributes', 'a\tb\nc\rd\r\ne  f', 'x'],
    ['CR and CRLF in text', 'x', 'one\rtwo\r\nthree\n'],
    ['text and attributes that look like entities', '&amp; &lt; &#10; &#x41;', '&amp; &lt; &gt; &quot; &#13; &#x41; &nbsp;'],
    ['markup characters', '<a href="x">\'&\'</a>', '<b>]]></b> & "quoted"'],
  ])('reads back %s exactly', (_, attribute, text) => {
    expect(roundTrip(attribute, text)).toEqual({ attribute, text });
    expect(roundTrip(attribute, text, { indent: true })).toEqual({ attribute, text });
  });

  it('leaves the caller\'s attributes untouched when it escapes them', () => {
    const attributes = { name: 'A & B', guid: 'a0000000-0000-4000-8000-000000000001' };
    expect(parseXml(new XmlWriter().element('Code', attributes).finish()).attrs).toEqual(attributes);
    expect(attributes.name).toBe('A & B');
  });

  it('drops characters XML 1.0 cannot carry from attributes and text', () => {
    expect(roundTrip('a\u0001b\uD800c\uDC00d\uFFFE', 'x\u0000y\uDC00z\uFFFF😀')).toEqual({ attribute: 'abcd', text: 'xyz😀' });
  });

  it('round-trips any text and attribute through parseXml, and saxes on its own reads the same', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.boolean(), (attribute, text, indent) => {
        const xml = new XmlWriter({ indent }).start('Root', { value: attribute }).element('Leaf', { n: 1 }, text).end().finish();
        const root = parseXml(xml);
        expect(root.attrs['value']).toBe(xmlSafe(attribute));
        expect(root.children[0]!.text).toBe(xmlSafe(text));
        // The bare SAX parser, without parseXml's tree and checks, reads the same attribute and text.
        const sax = new SaxesParser();
        let value: string | undefined;
        let leafText = '';
        let inLeaf = false;
        sax.on('opentag', (tag) => {
          if (tag.name === 'Root') value = tag.attributes['value'] as string;
          inLeaf = tag.name === 'Leaf';
        });
        sax.on('text', (chunk) => void (inLeaf && (leafText += chunk)));
        sax.on('closetag', () => void (inLeaf = false));
        sax.write(xml).close();
        expect(value).toBe(xmlSafe(attribute));
        expect(leafText).toBe(xmlSafe(text));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same document as bytes and as text', () => {
    const write = (w: XmlWriter) => {
      w.start('R');
      for (let i = 0; i < 5000; i++) w.element('E', { i, s: 'é😀' });
      return w.end();
    };
    expect(new TextDecoder().decode(write(new XmlWriter()).finishBytes())).toBe(write(new XmlWriter()).finish());
    expect(new TextDecoder().decode(write(new XmlWriter({ indent: true })).finishBytes())).toBe(write(new XmlWriter({ indent: true })).finish());
  });
});

describe('writeQdc and writeProjectXml', () => {
  const awkward = 'a\tb\nc\r\nd &amp; &#10; <e> "f"\u0007';

  it('keep tab, LF, CR and entity-like text in a codebook', () => {
    const codes = smallBundle().codes.map((code, i) => (i === 2 ? { ...code, name: awkward } : code));
    const xml = writeQdc({ codes, sets: [{ ...smallBundle().sets[0]!, name: awkward }] });
    expect(xmllint(xml, 'Codebook.xsd').valid).toBe(true);
    const read = readQdc(xml);
    expect(read.codes[2]!.name).toBe(xmlSafe(awkward));
    expect(read.sets[0]!.name).toBe(xmlSafe(awkward));
  });

  it('keep them in a project document, attributes and text alike', () => {
    const bundle = smallBundle();
    const xml = writeProjectXml({ ...bundle, project: { ...bundle.project, name: awkward, description: awkward } });
    expect(xmllint(xml, 'Project.xsd').valid).toBe(true);
    const root = parseXml(xml);
    expect(root.attrs['name']).toBe(xmlSafe(awkward));
    expect(root.children.find((c) => c.local === 'Description')!.text).toBe(xmlSafe(awkward));
  });
});
