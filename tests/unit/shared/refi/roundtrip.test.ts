/**
 * Export then import loses nothing: codes with all fields, document text byte for byte,
 * segments, coders, memos, sets. Every export is validated with Debian's xmllint against the
 * published schemas.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ProjectBundle } from '../../../../shared/model/index.ts';
import { ExchangeError, readQdc, readQdpx, writeProjectXml, writeQdc, writeQdpx, type RawDeflateCodec } from '../../../../shared/refi/index.ts';
import { openZip } from '../../../../shared/refi/zip.ts';
import { PROJECT_ID, bundleArbitrary, buildQdpx, canonical, qdeOf, smallBundle, withoutQuickKeys, xmllint } from './helpers.ts';

describe('writeQdpx', () => {
  const bundle = smallBundle();
  const bytes = writeQdpx(bundle);
  const files = unzipSync(bytes);

  it('writes project.qde valid against Project.xsd', () => {
    expect(Object.keys(files).sort()).toEqual(['marginalia.json', 'project.qde', 'sources/d0000000-0000-4000-8000-000000000001.txt', 'sources/d0000000-0000-4000-8000-000000000002.txt']);
    const result = xmllint(files['project.qde']!, 'Project.xsd');
    expect(result.output).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('stores each text as UTF-8 without BOM, byte for byte, referenced internal://<GUID>.txt', () => {
    expect(files['sources/d0000000-0000-4000-8000-000000000001.txt']).toEqual(new TextEncoder().encode(bundle.documents[0]!.text));
    expect(files['sources/d0000000-0000-4000-8000-000000000002.txt']).toEqual(new Uint8Array(0));
    expect(new TextDecoder().decode(files['project.qde'])).toContain('plainTextPath="internal://d0000000-0000-4000-8000-000000000001.txt"');
  });

  it('writes offsets in code points, the quote as the selection name, and the coder as creatingUser', () => {
    const xml = new TextDecoder().decode(files['project.qde']);
    const text = bundle.documents[0]!.text;
    const second = bundle.segments[1]!;
    const cp = (o: number) => Array.from(text.slice(0, o)).length;
    expect(cp(second.start)).not.toBe(second.start - 1);
    expect(xml).toContain(`<PlainTextSelection guid="${second.id}" name="poison 😡 they said.&#10;My arm hurt for a we…" startPosition="${cp(second.start)}" endPosition="${cp(second.end)}" creatingUser="${second.coderId}"`);
    expect(second.start).toBe(6);
    expect(cp(second.end)).toBe(second.end - 1);
  });

  it('escapes markup in names and keeps the criteria in the Description', () => {
    const xml = new TextDecoder().decode(files['project.qde']);
    expect(xml).toContain('name="Disease &lt;severity&gt; &amp; &quot;fear&quot;"');
    expect(xml).toContain('<Description>== Coding criteria ==\nDefinition: Any claim that a vaccine hurts.\n  Including rumours.\nInclude when: Side effects, “poison”.');
    expect(xml).toContain('<User guid="c0000000-0000-4000-8000-000000000002" name="Ben “B” &lt;Smith&gt; &amp; co"/>');
  });

  it('is reproducible: the same project gives the same bytes', () => {
    expect(writeQdpx(bundle)).toEqual(bytes);
  });

  it('gives the same project with a native DEFLATE (zlib) as with fflate', () => {
    const codec: RawDeflateCodec = { deflate: (d, level) => deflateRawSync(d, { level }), inflate: (d, max) => inflateRawSync(d, { maxOutputLength: Math.max(1, max) }) };
    const native = writeQdpx(bundle, { codec });
    expect(xmllint(qdeOf(native), 'Project.xsd').valid).toBe(true);
    expect(canonical(readQdpx(native, { projectId: PROJECT_ID }).bundle)).toEqual(canonical(bundle));
    expect(canonical(readQdpx(bytes, { projectId: PROJECT_ID, codec }).bundle)).toEqual(canonical(bundle));
  });

  it('stores the texts of a large project when it has no native DEFLATE, and deflates them with one', () => {
    const large = smallBundle();
    large.documents[1] = { ...large.documents[1]!, text: 'word 😀 naïve\n'.repeat(700_000) };
    const codec: RawDeflateCodec = { deflate: (d, level) => deflateRawSync(d, { level }), inflate: (d, max) => inflateRawSync(d, { maxOutputLength: Math.max(1, max) }), crc32: (d) => crc32(d) };
    const methods = (bytes: Uint8Array) => Object.fromEntries(openZip(bytes).entries.map((e) => [e.name.split('/')[0], e.method]));
    const plain = writeQdpx(large);
    expect(methods(plain)).toMatchObject({ 'project.qde': 8, sources: 0 });
    const native = writeQdpx(large, { codec });
    expect(methods(native)).toMatchObject({ 'project.qde': 8, sources: 8 });
    for (const bytes of [plain, native]) expect(canonical(readQdpx(bytes, { projectId: PROJECT_ID, codec }).bundle)).toEqual(canonical(large));
  });

  it('refuses a project whose references are broken instead of writing them', () => {
    const broken = smallBundle();
    broken.segments[0] = { ...broken.segments[0]!, codeId: 'a0000000-0000-4000-8000-000000000009' as never };
    expect(() => writeQdpx(broken)).toThrow(ExchangeError);
    expect(() => writeQdpx(broken)).toThrow(/^A coding in “.+” refers to a code \(a0000000-0000-4000-8000-000000000009\) that the project does not contain\.$/);
  });
});

describe('export then import', () => {
  it('loses nothing from a small project with one of everything', () => {
    const bundle = smallBundle();
    const bytes = writeQdpx(bundle);
    expect(xmllint(qdeOf(bytes), 'Project.xsd').valid).toBe(true);
    expect(canonical(readQdpx(bytes, { projectId: bundle.project.id }).bundle)).toEqual(canonical(bundle));
  });

  it('keeps quick keys through marginalia.json, and drops keys there that break the rules', () => {
    const bundle = smallBundle();
    const files = unzipSync(writeQdpx(bundle));
    const sidecar = JSON.parse(new TextDecoder().decode(files['marginalia.json']));
    expect(sidecar.codes).toEqual({ 'a0000000-0000-4000-8000-000000000002': { quickKey: 4 } });
    expect(readQdpx(buildQdpx(files), { projectId: PROJECT_ID }).bundle.codes.map((c) => [c.name, c.quickKey])).toEqual([
      ['Risk', undefined],
      ['Vaccine harms', 4],
      ['Disease <severity> & "fear"', undefined],
    ]);
    // A category holding a key, a second holder of key 4, a key out of range, an unknown code.
    sidecar.codes = {
      'a0000000-0000-4000-8000-000000000001': { quickKey: 2 },
      'a0000000-0000-4000-8000-000000000002': { quickKey: 4 },
      'a0000000-0000-4000-8000-000000000003': { quickKey: 4 },
      'a0000000-0000-4000-8000-000000000009': { quickKey: 5 },
    };
    files['marginalia.json'] = new TextEncoder().encode(JSON.stringify(sidecar));
    expect(readQdpx(buildQdpx(files), { projectId: PROJECT_ID }).bundle.codes.map((c) => c.quickKey)).toEqual([undefined, 4, undefined]);
    sidecar.codes = { 'a0000000-0000-4000-8000-000000000003': { quickKey: 10 }, 'a0000000-0000-4000-8000-000000000002': { quickKey: '4' } };
    files['marginalia.json'] = new TextEncoder().encode(JSON.stringify(sidecar));
    expect(readQdpx(buildQdpx(files), { projectId: PROJECT_ID }).bundle.codes.map((c) => c.quickKey)).toEqual([undefined, undefined, undefined]);
  });

  it('without marginalia.json, loses only coder colours, memo formatting and quick keys (REFI-QDA has no place for them)', () => {
    const bundle = smallBundle();
    const bytes = writeQdpx(bundle, { includeSidecar: false });
    expect(xmllint(qdeOf(bytes), 'Project.xsd').valid).toBe(true);
    const back = readQdpx(bytes, { projectId: bundle.project.id }).bundle;
    expect(back.coders.map((c) => c.name)).toEqual(bundle.coders.map((c) => c.name));
    expect(back.memos.map((m) => m.plainText).sort()).toEqual(bundle.memos.map((m) => m.plainText).sort());
    expect(back.memos.every((m) => m.content === '')).toBe(true);
    expect(back.documents.map((d) => d.origin)).toEqual(['qdpx', 'qdpx']);
    expect(back.codes.map((c) => c.quickKey)).toEqual([undefined, undefined, undefined]);
  });

  it('drops a memo’s formatting when another tool changed its text', () => {
    const bundle = smallBundle();
    const files = unzipSync(writeQdpx(bundle));
    files['project.qde'] = new TextEncoder().encode(new TextDecoder().decode(files['project.qde']).replace('Read everything twice.', 'Read it once.'));
    const back = readQdpx(buildQdpx(files), { projectId: PROJECT_ID }).bundle;
    expect(back.memos.find((m) => m.title === 'Plan')).toMatchObject({ plainText: 'Read it once.', content: '' });
    expect(back.memos.find((m) => m.title === 'Scope')!.content).not.toBe('');
  });

  it('loses nothing from any generated project (emoji, empty documents, a code tree seven levels deep, overlapping codings), and every export is schema-valid', () => {
    fc.assert(
      fc.property(bundleArbitrary, (bundle) => {
        const bytes = writeQdpx(bundle);
        const result = xmllint(qdeOf(bytes), 'Project.xsd');
        if (!result.valid) throw new Error(result.output);
        const back = readQdpx(bytes, { projectId: bundle.project.id }).bundle;
        expect(canonical(back)).toEqual(canonical(bundle));
        for (const document of bundle.documents) {
          expect(unzipSync(bytes)[`sources/${document.id}.txt`]).toEqual(new TextEncoder().encode(document.text));
        }
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('generates what it claims to (deep trees, overlaps, astral text, empty documents, quick keys)', () => {
    const samples = fc.sample(bundleArbitrary, { numRuns: 60, seed: 7 });
    const depth = (b: ProjectBundle) => {
      const parent = new Map(b.codes.map((c) => [c.id, c.parentId]));
      return Math.max(...b.codes.map((c) => {
        let d = 0;
        for (let p = c.parentId; p; p = parent.get(p) ?? null) d++;
        return d + 1;
      }));
    };
    expect(samples.some((b) => depth(b) >= 7)).toBe(true);
    expect(samples.some((b) => b.codes.filter((c) => c.quickKey !== undefined).length >= 3)).toBe(true);
    expect(samples.some((b) => b.documents.some((d) => d.text === ''))).toBe(true);
    expect(samples.some((b) => b.documents.some((d) => /[\uD800-\uDBFF]/.test(d.text)))).toBe(true);
    expect(samples.some((b) => b.segments.some((s) => b.segments.some((t) => t !== s && t.documentId === s.documentId && t.start < s.end && s.start < t.end)))).toBe(true);
  });
});

describe('CRLF sources', () => {
  it('normalises a CRLF text to LF on import and moves every offset with it', () => {
    const text = 'Line one 😀\r\nLine two\r\nLine three\r\n';
    const quote = 'Line three';
    const start = Array.from(text.slice(0, text.indexOf(quote))).length;
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="CRLF" origin="QualCoder 3.5">
<Users><User guid="c0000000-0000-4000-8000-000000000001" name="Ana"/></Users>
<CodeBook><Codes><Code guid="a0000000-0000-4000-8000-000000000001" name="A" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="d0000000-0000-4000-8000-000000000001" name="crlf" plainTextPath="internal://d0000000-0000-4000-8000-000000000001.txt">
<PlainTextSelection guid="e0000000-0000-4000-8000-000000000001" name="${quote}" startPosition="${start}" endPosition="${start + quote.length}" creatingUser="c0000000-0000-4000-8000-000000000001">
<Coding guid="e1000000-0000-4000-8000-000000000001"><CodeRef targetGUID="a0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`;
    const { bundle, report } = readQdpx(buildQdpx({ 'project.qde': qde, 'sources/d0000000-0000-4000-8000-000000000001.txt': text }), { projectId: PROJECT_ID });
    const document = bundle.documents[0]!;
    expect(document.text).toBe('Line one 😀\nLine two\nLine three\n');
    const segment = bundle.segments[0]!;
    expect(document.text.slice(segment.start, segment.end)).toBe(quote);
    expect(report.adjusted.map((i) => i.kind)).toContain('source.newlines');
    // Exported again: LF text, code-point offsets of the LF text, still schema-valid.
    const again = writeQdpx(bundle);
    expect(xmllint(qdeOf(again), 'Project.xsd').valid).toBe(true);
    expect(new TextDecoder().decode(qdeOf(again))).toContain(`startPosition="${Array.from(document.text.slice(0, segment.start)).length}"`);
  });
});

describe('writeQdc / readQdc', () => {
  it('writes a codebook valid against Codebook.xsd and reads back every field', () => {
    const bundle = smallBundle();
    const xml = writeQdc({ codes: bundle.codes, sets: bundle.sets });
    expect(xmllint(xml, 'Codebook.xsd').valid).toBe(true);
    const back = readQdc(xml, { projectId: PROJECT_ID });
    // A .qdc has no marginalia.json, so quick keys stay behind: every other field comes back.
    expect(back.codes).toEqual(withoutQuickKeys(bundle.codes));
    expect(back.sets).toEqual(bundle.sets.map((s) => ({ ...s, documentIds: [] })));
  });

  it('round-trips any generated codebook and validates every one', () => {
    fc.assert(
      fc.property(bundleArbitrary, (bundle) => {
        const xml = writeQdc({ codes: bundle.codes, sets: bundle.sets });
        const result = xmllint(xml, 'Codebook.xsd');
        if (!result.valid) throw new Error(result.output);
        const byId = (codes: readonly { id: string }[]) => [...codes].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(byId(readQdc(new TextEncoder().encode(xml), { projectId: bundle.project.id }).codes)).toEqual(byId(withoutQuickKeys(bundle.codes)));
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('writes categories as isCodable="false" and the hierarchy by nesting', () => {
    const xml = writeQdc({ codes: smallBundle().codes });
    expect(xml).toMatch(/<Code guid="a0000000-0000-4000-8000-000000000001" name="Risk" isCodable="false" color="#4e79a7">\n\s+<Description>Talk about danger.<\/Description>\n\s+<Code guid="a0000000-0000-4000-8000-000000000002"/);
  });

  it('writes the project document alone for inspection', () => {
    expect(xmllint(writeProjectXml(smallBundle()), 'Project.xsd').valid).toBe(true);
  });
});
