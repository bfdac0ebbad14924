/**
 * Bad input: every malicious or broken file is refused with ExchangeError and one sentence, and
 * nothing comes back. The zips and XML are built here, in the test.
 */
import { describe, expect, it } from 'vitest';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { ExchangeError, readQdc, readQdpx, summarizeQdpx, type RawDeflateCodec } from '../../../../shared/refi/index.ts';
import { openZip } from '../../../../shared/refi/zip.ts';
import { buildQdpx, declareSize, refusalOf } from './helpers.ts';

const nodeCodec: RawDeflateCodec = { deflate: (d, level) => deflateRawSync(d, { level }), inflate: (d, max) => inflateRawSync(d, { maxOutputLength: Math.max(1, max) }) };

function refusal(fn: () => unknown): string {
  const message = refusalOf(fn);
  // One sentence: ends with a full stop, no line breaks, no second sentence start after ". ".
  expect(message).toMatch(/^[A-Z][^\n]*\.$/);
  expect(message).not.toMatch(/\.\s+[A-Z]/);
  return message;
}

const PROJECT = (body: string, origin = 'Test') => `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="${origin}">${body}</Project>`;

describe('refusing what is not a project', () => {
  it('refuses bytes that are not a zip', () => {
    expect(refusal(() => readQdpx(strToU8('Project notes, typed by hand')))).toBe('The file is not a zip archive, so it cannot be a .qdpx project.');
    expect(refusal(() => readQdpx(new Uint8Array(0)))).toBe('The file is not a zip archive, so it cannot be a .qdpx project.');
  });

  it('refuses a zip without a .qde', () => {
    expect(refusal(() => readQdpx(buildQdpx({ 'sources/a.txt': 'x' })))).toBe('The file holds no .qde project document, so it is not a REFI-QDA project.');
  });

  it('refuses a .qde whose root is not <Project>', () => {
    expect(refusal(() => readQdpx(buildQdpx({ 'project.qde': '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>' })))).toBe(
      'The document project.qde is not a REFI-QDA project: its root element is <CodeBook>, not <Project>.',
    );
  });

  it('refuses malformed XML, naming the line', () => {
    expect(refusal(() => readQdpx(buildQdpx({ 'project.qde': PROJECT('\n<Users><User guid="x"></Users>') })))).toBe(
      'The XML of project.qde is malformed at line 3: the end tag </Users> does not match the start tag <User>.',
    );
  });

  it('refuses a DOCTYPE with an external entity, never reading it', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>';
    expect(refusal(() => readQdpx(buildQdpx({ 'project.qde': xml })))).toBe(
      'The XML of project.qde declares a DOCTYPE or entity, which Marginalia refuses because it could read other files or expand without limit.',
    );
    expect(refusal(() => readQdc(xml))).toMatch(/declares a DOCTYPE/);
  });
});

describe('zip entries that escape their folder', () => {
  it.each(['../evil.txt', 'sources/../../evil.txt', '/etc/passwd', 'C:/Windows/evil.txt', '..\\evil.txt'])('refuses an entry named %s', (name) => {
    const zip = zipSync({ 'project.qde': strToU8(PROJECT('')), [name]: strToU8('x') });
    expect(refusal(() => readQdpx(zip))).toBe(`The zip entry "${name.replace(/\\/g, '/')}" points outside its folder, so the file was refused.`);
  });
});

describe('zip bombs', () => {
  const zeros = new Uint8Array(8 * 1024 * 1024);

  it('refuses a zip whose declared sizes exceed the limit, before inflating', () => {
    const zip = zipSync({ 'project.qde': strToU8(PROJECT('')), 'sources/big.txt': zeros });
    expect(refusal(() => readQdpx(zip, { maxInflatedBytes: 1024 * 1024 }))).toBe('The zip would inflate to more than the limit of 1.0 MiB, so it was refused.');
  });

  it('stops inflating an entry that lies about its size', () => {
    const zip = declareSize(zipSync({ 'project.qde': zeros }), 1000);
    expect(refusal(() => openZip(zip).read(openZip(zip).entries[0]!))).toBe('The zip entry "project.qde" inflates to more than its declared 1000 bytes, so the file was refused.');
    expect(refusal(() => readQdpx(zip))).toBe('The zip entry "project.qde" inflates to more than its declared 1000 bytes, so the file was refused.');
  });

  it('stops a lying entry with a native codec too', () => {
    const zip = declareSize(zipSync({ 'project.qde': zeros }), 1000);
    expect(refusal(() => readQdpx(zip, { codec: nodeCodec }))).toBe('The zip entry "project.qde" is damaged or inflates to more than its declared 1000 bytes, so the file was refused.');
  });

  it('counts every entry read against the limit', () => {
    const zip = zipSync({ 'project.qde': strToU8(PROJECT('')), 'a.txt': new Uint8Array(600_000), 'b.txt': new Uint8Array(600_000) });
    const archive = openZip(zip, { maxInflatedBytes: 1_300_000 });
    archive.read(archive.find('a.txt')!);
    archive.read(archive.find('b.txt')!);
    // Declared total (1.2 MB + qde) fits the limit; reading everything stays within it too.
    expect(() => archive.read(archive.find('project.qde')!)).not.toThrow();
  });

  it('refuses an encrypted entry', () => {
    const zip = zipSync({ 'project.qde': strToU8(PROJECT('')) });
    const view = new DataView(zip.buffer);
    for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 8, 1, true);
    expect(refusal(() => readQdpx(zip))).toBe('The zip entry "project.qde" is encrypted, which Marginalia cannot read.');
  });
});

describe('references to unknown GUIDs', () => {
  const codebook = '<CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="A" isCodable="true"/></Codes></CodeBook>';
  const source = (inner: string) => `<Sources><TextSource guid="22222222-2222-4222-8222-222222222222" name="T"><PlainTextContent>Hello world</PlainTextContent>${inner}</TextSource></Sources>`;

  it('refuses a CodeRef to a code the codebook does not define', () => {
    const xml = PROJECT(codebook + source('<PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="0" endPosition="5"><Coding guid="44444444-4444-4444-8444-444444444444"><CodeRef targetGUID="99999999-9999-4999-8999-999999999999"/></Coding></PlainTextSelection>'));
    expect(refusal(() => readQdpx(buildQdpx({ 'project.qde': xml })))).toBe(
      'Coding 44444444-4444-4444-8444-444444444444 refers to the code 99999999-9999-4999-8999-999999999999, which the project does not define.',
    );
  });

  it('refuses a NoteRef to a note that does not exist', () => {
    const xml = PROJECT(codebook + source('') + '<NoteRef targetGUID="88888888-8888-4888-8888-888888888888"/>');
    expect(refusal(() => readQdpx(buildQdpx({ 'project.qde': xml })))).toBe('Project "p" refers to the note 88888888-8888-4888-8888-888888888888, which the project does not define.');
  });

  it('refuses a set member that names no code', () => {
    const xml = PROJECT(codebook + '<Sets><Set guid="55555555-5555-4555-8555-555555555555" name="S"><MemberCode targetGUID="99999999-9999-4999-8999-999999999999"/></Set></Sets>');
    expect(refusal(() => readQdpx(buildQdpx({ 'project.qde': xml })))).toBe('Set "S" refers to the code 99999999-9999-4999-8999-999999999999, which the project does not define.');
    expect(refusal(() => readQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="A" isCodable="true"/></Codes><Sets><Set guid="55555555-5555-4555-8555-555555555555" name="S"><MemberCode guid="99999999-9999-4999-8999-999999999999"/></Set></Sets></CodeBook>'))).toBe(
      'The set "S" lists the code 99999999-9999-4999-8999-999999999999, which the codebook does not define.',
    );
  });

  it('refuses two codes with one GUID', () => {
    const xml = PROJECT('<CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="A" isCodable="true"/><Code guid="{11111111-1111-4111-8111-111111111111}" name="B" isCodable="true"/></Codes></CodeBook>');
    expect(refusal(() => readQdpx(buildQdpx({ 'project.qde': xml })))).toBe('The code GUID {11111111-1111-4111-8111-111111111111} is declared more than once, so references to it are ambiguous.');
  });

  it('changes nothing it was given when it refuses', () => {
    const bytes = buildQdpx({ 'project.qde': PROJECT(codebook + source('<PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="0" endPosition="5"><Coding guid="44444444-4444-4444-8444-444444444444"><CodeRef targetGUID="99999999-9999-4999-8999-999999999999"/></Coding></PlainTextSelection>')) });
    const copy = bytes.slice();
    expect(() => readQdpx(bytes)).toThrow(ExchangeError);
    expect(bytes).toEqual(copy);
  });
});

describe('summarizeQdpx', () => {
  it('refuses the same bad input as readQdpx', () => {
    expect(refusal(() => summarizeQdpx(strToU8('not a zip')))).toBe('The file is not a zip archive, so it cannot be a .qdpx project.');
  });
});
