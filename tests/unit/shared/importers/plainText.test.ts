import { describe, expect, it } from 'vitest';
import { decodeTextBytes, ImportError, importPastedText, importTextFile, importTextFiles, markdownToPlainText, normaliseLineEndings } from '../../../../shared/importers/plainText.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => Uint8Array.from(values);

/** UTF-16 code units of `text` as bytes, with a byte-order mark. */
function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = [...(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff])];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (endian === 'le') out.push(unit & 0xff, unit >> 8);
    else out.push(unit >> 8, unit & 0xff);
  }
  return Uint8Array.from(out);
}

/** The first 16 bytes of every PNG: signature, then the IHDR chunk length and type. */
const PNG_HEADER = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);
/** A zip local file header (what a .docx starts with). */
const ZIP_HEADER = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00);

function importErrorOf(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError, but nothing was thrown');
}

describe('normaliseLineEndings', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(normaliseLineEndings('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('turns CR CR LF into two line breaks', () => {
    expect(normaliseLineEndings('a\r\r\nb')).toBe('a\n\nb');
  });

  it('keeps LF-only text and blank lines as they are', () => {
    expect(normaliseLineEndings('a\n\nb\n')).toBe('a\n\nb\n');
  });
});

describe('decodeTextBytes', () => {
  it('decodes UTF-8 with accented letters and dashes', () => {
    expect(decodeTextBytes('a.txt', utf8('Ñandú – café'))).toBe('Ñandú – café');
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeTextBytes('a.txt', bytes(0xef, 0xbb, 0xbf, ...utf8('Hola')))).toBe('Hola');
  });

  it('decodes UTF-16LE with a byte-order mark, surrogate pairs included', () => {
    expect(decodeTextBytes('a.txt', utf16('Hé 😀', 'le'))).toBe('Hé 😀');
  });

  it('decodes UTF-16BE with a byte-order mark', () => {
    expect(decodeTextBytes('a.txt', utf16('Hé 😀', 'be'))).toBe('Hé 😀');
  });

  it('decodes an empty file to empty text', () => {
    expect(decodeTextBytes('a.txt', bytes())).toBe('');
  });

  it('refuses a PNG, naming the file', () => {
    expect(() => decodeTextBytes('photo.txt', PNG_HEADER)).toThrow(ImportError);
    expect(() => decodeTextBytes('photo.txt', PNG_HEADER)).toThrow('“photo.txt” is not a text file');
  });

  it('refuses a zip, naming the file', () => {
    expect(() => decodeTextBytes('report.txt', ZIP_HEADER)).toThrow('“report.txt” is not a text file');
  });

  it('refuses invalid UTF-8 without NUL bytes', () => {
    expect(() => decodeTextBytes('latin1.txt', bytes(0x63, 0x61, 0x66, 0xe9))).toThrow('“latin1.txt” is not a text file');
  });

  it('refuses UTF-16 with an odd number of bytes after the mark', () => {
    expect(() => decodeTextBytes('cut.txt', bytes(0xff, 0xfe, 0x48, 0x00, 0x69))).toThrow(ImportError);
  });
});

describe('importTextFile', () => {
  it('imports a .txt as LF text named after the file', () => {
    expect(importTextFile('interview 3.txt', utf8('Q: Hello\r\nA: Hi\rQ: Bye'))).toEqual({ name: 'interview 3', text: 'Q: Hello\nA: Hi\nQ: Bye', origin: 'txt' });
  });

  it('normalises line endings of a UTF-16 file too', () => {
    expect(importTextFile('windows.txt', utf16('one\r\ntwo', 'le')).text).toBe('one\ntwo');
  });

  it('strips only the last extension from the name and accepts upper-case extensions', () => {
    expect(importTextFile('notes.2024.03.TXT', utf8('x')).name).toBe('notes.2024.03');
    expect(importTextFile('plain.text', utf8('x')).origin).toBe('txt');
  });

  it('converts a .md file to plain text', () => {
    const imported = importTextFile('field notes.md', utf8('# Day one\r\n\r\nWe met **Ana**.\r\n'));
    expect(imported.text).toBe('Day one\n\nWe met Ana.');
    expect(imported.origin).toBe('md');
  });

  it('reads .markdown as Markdown', () => {
    expect(importTextFile('a.markdown', utf8('*x*')).text).toBe('x');
  });

  it('refuses a .txt whose bytes are a PNG, naming the file', () => {
    const error = importErrorOf(() => importTextFile('scan.txt', PNG_HEADER));
    expect(error.message).toContain('“scan.txt”');
    expect(error.message).toContain('not a text file');
  });

  it('refuses a file type it does not read, naming the file', () => {
    const error = importErrorOf(() => importTextFile('thesis.docx', ZIP_HEADER));
    expect(error.message).toContain('“thesis.docx” is not a .txt or .md file');
  });

  it('refuses a file without an extension', () => {
    expect(() => importTextFile('README', utf8('x'))).toThrow(ImportError);
  });
});

describe('importTextFiles', () => {
  it('imports every file, in the order given', () => {
    const imported = importTextFiles([
      { name: 'b.txt', bytes: utf8('second\r\n') },
      { name: 'a.md', bytes: utf8('# First') },
    ]);
    expect(imported).toEqual([
      { name: 'b', text: 'second\n', origin: 'txt' },
      { name: 'a', text: 'First', origin: 'md' },
    ]);
  });

  it('imports nothing when one file of the batch is binary, and names only that file', () => {
    const error = importErrorOf(() =>
      importTextFiles([
        { name: 'one.txt', bytes: utf8('fine') },
        { name: 'logo.txt', bytes: PNG_HEADER },
        { name: 'three.txt', bytes: utf8('fine too') },
      ]),
    );
    expect(error.message).toContain('“logo.txt” is not a text file');
    expect(error.message).not.toContain('one.txt');
    expect(error.message).not.toContain('three.txt');
  });

  it('names every refused file and how many there were', () => {
    const error = importErrorOf(() =>
      importTextFiles([
        { name: 'logo.txt', bytes: PNG_HEADER },
        { name: 'ok.txt', bytes: utf8('fine') },
        { name: 'thesis.docx', bytes: ZIP_HEADER },
      ]),
    );
    expect(error.message).toMatch(/^2 files are not text documents, so nothing was imported/);
    expect(error.message).toContain('“logo.txt”');
    expect(error.message).toContain('“thesis.docx”');
    expect(error.message).not.toContain('ok.txt');
  });

  it('returns an empty list for no files', () => {
    expect(importTextFiles([])).toEqual([]);
  });
});

describe('markdownToPlainText', () => {
  it('keeps heading text without the hashes and takes the first heading as title', () => {
    expect(markdownToPlainText('# Field notes\n\nWe met *Ana* at [the centre](http://x).')).toEqual({
      title: 'Field notes',
      text: 'Field notes\n\nWe met Ana at the centre.',
    });
  });

  it('reads an underlined (setext) heading as a heading', () => {
    expect(markdownToPlainText('Day one\n=======\n\nbody')).toEqual({ title: 'Day one', text: 'Day one\n\nbody' });
  });

  it('takes the title from the first heading even when text comes before it', () => {
    expect(markdownToPlainText('Intro line.\n\n## Later **heading**\n\n# Top')).toEqual({
      title: 'Later heading',
      text: 'Intro line.\n\nLater heading\n\nTop',
    });
  });

  it('has no title when there is no heading', () => {
    expect(markdownToPlainText('Just a paragraph.').title).toBeNull();
  });

  it('drops emphasis, strong and strikethrough marks but keeps their words', () => {
    expect(markdownToPlainText('a *b* _c_ **d** __e__ ~~f~~ ***g***').text).toBe('a b c d e f g');
  });

  it('keeps link and image text and drops their targets', () => {
    expect(markdownToPlainText('See [the report](https://example.org/r.pdf "Report") and ![a map](map.png).').text).toBe('See the report and a map.');
  });

  it('writes bullet, numbered and nested list items as lines without their markers', () => {
    expect(markdownToPlainText('- one\n- two *em*\n  - nested\n\n1. first\n2. second').text).toBe('one\ntwo em\nnested\n\nfirst\nsecond');
  });

  it('keeps &, <, >, quotes and apostrophes as the author wrote them', () => {
    const text = 'Fish & chips cost < 5 € and > 3 €, "she said", it\'s true.';
    expect(markdownToPlainText(text).text).toBe(text);
  });

  it('keeps code spans and code blocks verbatim, special characters included', () => {
    expect(markdownToPlainText('Run `a < b && c` now.\n\n```\nif (x > 1 && y) {}\n```').text).toBe('Run a < b && c now.\n\nif (x > 1 && y) {}');
  });

  it('keeps a backslash-escaped character without the backslash', () => {
    expect(markdownToPlainText('Not \\*emphasis\\* here').text).toBe('Not *emphasis* here');
  });

  it('drops inline HTML tags but keeps the words between them', () => {
    expect(markdownToPlainText('a <span class="x">b</span> c').text).toBe('a b c');
  });

  it('keeps the words of an HTML block without its tags', () => {
    expect(markdownToPlainText('Before\n\n<div>Some <b>interview</b> text</div>\n\nAfter').text).toBe('Before\n\nSome interview text\n\nAfter');
  });

  it('drops HTML comments', () => {
    expect(markdownToPlainText('Before\n\n<!-- note to self -->\n\nAfter').text).toBe('Before\n\nAfter');
  });

  it('keeps a hard line break as a newline inside the paragraph', () => {
    expect(markdownToPlainText('line one  \nline two').text).toBe('line one\nline two');
  });

  it('keeps a block quote’s text without the markers', () => {
    expect(markdownToPlainText('> quoted **text**\n>\n> second').text).toBe('quoted text\n\nsecond');
  });

  it('writes a table as tab-separated rows', () => {
    expect(markdownToPlainText('| who | said |\n|---|---|\n| Ana | a & b |').text).toBe('who\tsaid\nAna\ta & b');
  });

  it('drops horizontal rules and blank lines between blocks', () => {
    expect(markdownToPlainText('one\n\n\n---\n\n\ntwo').text).toBe('one\n\ntwo');
  });

  it('accepts CRLF input', () => {
    expect(markdownToPlainText('# T\r\n\r\nbody\r\nmore')).toEqual({ title: 'T', text: 'T\n\nbody\nmore' });
  });
});

describe('importPastedText', () => {
  it('names the document after its first line and normalises line endings', () => {
    expect(importPastedText('Interview with A.\r\nShe said…')).toEqual({ name: 'Interview with A.', text: 'Interview with A.\nShe said…', origin: 'paste' });
  });

  it('skips leading blank lines and trims the name', () => {
    expect(importPastedText('\n\n   Notes from Monday   \nbody').name).toBe('Notes from Monday');
  });

  it('keeps a first line of 60 characters whole', () => {
    const line = 'x'.repeat(60);
    expect(importPastedText(`${line}\nrest`).name).toBe(line);
  });

  it('shortens a first line longer than 60 characters to 59 and an ellipsis', () => {
    const line = 'y'.repeat(61);
    expect(importPastedText(line).name).toBe(`${'y'.repeat(59)}…`);
  });

  it('does not cut a character outside the Basic Multilingual Plane in half when shortening', () => {
    const name = importPastedText(`${'x'.repeat(56)}😀${'y'.repeat(10)}`).name;
    // A lone surrogate does not survive UTF-8 (it becomes U+FFFD), e.g. in a REFI-QDA export.
    expect(new TextDecoder().decode(new TextEncoder().encode(name))).toBe(name);
    expect(name.endsWith('…')).toBe(true);
  });

  it('uses a given name, trimmed, over the first line', () => {
    expect(importPastedText('first line\nbody', '  Focus group  ').name).toBe('Focus group');
  });

  it('falls back to the first line when the given name is blank', () => {
    expect(importPastedText('first line\nbody', '   ').name).toBe('first line');
  });

  it('refuses empty or white-space-only text', () => {
    expect(() => importPastedText('')).toThrow(ImportError);
    expect(() => importPastedText(' \r\n\t ')).toThrow('The pasted text is empty');
  });
});
