/**
 * Producer quirks, each in a small file built here: offsets per producer and verified against
 * quotes, CRLF sources, odd namespaces and spellings, comments without codings, duplicates,
 * missing files, and what the report says about each.
 */
import { describe, expect, it } from 'vitest';
import { readQdpx, type ImportReport } from '../../../../shared/refi/index.ts';
import { PROJECT_ID, buildQdpx } from './helpers.ts';

const NOW = '2026-03-01T00:00:00.000Z';
const U1 = 'AD68FBE7-E1EE-4A82-A279-23CC698C89EB';
const CODE = '0F8A1907-7E42-4739-8610-A676B4D1B69F';
const SRC = '69A4332D-5B31-4915-B520-5275CFC21B40';
let serial = 0;
const guid = () => `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;

function project(origin: string, sourceText: string, selections: { start: number; end: number; name?: string; extra?: string; user?: string }[], more = ''): Record<string, string | Uint8Array> {
  const sels = selections
    .map((s) => `<PlainTextSelection guid="${guid()}" ${s.name === undefined ? '' : `name="${s.name.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\n/g, '&#10;')}"`} startPosition="${s.start}" endPosition="${s.end}" creatingUser="${s.user ?? U1}">${s.extra ?? `<Coding guid="${guid()}" creatingUser="${s.user ?? U1}"><CodeRef targetGUID="${CODE}"/></Coding>`}</PlainTextSelection>`)
    .join('');
  return {
    'project.qde': `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Quirks" origin="${origin}">
<Users><User guid="${U1}" name="Ana"/></Users>
<CodeBook><Codes><Code guid="${CODE}" name="Feelings" isCodable="true" color="#F00082"/></Codes></CodeBook>
<Sources><TextSource guid="${SRC}" name="Mabel.txt" plainTextPath="internal://${SRC}.txt">${sels}</TextSource></Sources>${more}
</Project>`,
    [`Sources/${SRC}.txt`]: new TextEncoder().encode(sourceText),
  };
}

const segmentTexts = (bytes: Uint8Array) => {
  const { bundle, report } = readQdpx(bytes, { projectId: PROJECT_ID, now: NOW });
  const text = bundle.documents[0]!.text;
  return { texts: bundle.segments.map((s) => text.slice(s.start, s.end)), bundle, report };
};
const kinds = (report: ImportReport, section: 'adjusted' | 'skipped' | 'warnings') => report[section].map((i) => i.kind);

/** Offsets of `needle` in `text` under a counting rule. */
function positions(text: string, needle: string, rule: 'codePoints' | 'utf16' | 'codePointsCrlfOne') {
  const at = text.indexOf(needle);
  const count = (s: string) => (rule === 'utf16' ? s.length : Array.from(rule === 'codePointsCrlfOne' ? s.replace(/\r\n/g, '\n') : s).length);
  return { start: count(text.slice(0, at)), end: count(text.slice(0, at + needle.length)) };
}

describe('offsets per producer', () => {
  const text = 'Intro 😀😀 line\r\nSecond 👩🏽‍💻 line with the quote here\r\nThird 😡 line: the final words.\r\n';

  it('reads ATLAS.ti offsets as code points with CRLF counted once, in a .qde named after the project', () => {
    const quotes = ['the quote here', 'the final words.'];
    const files = project('ATLAS.ti 23.2.3', text, quotes.map((q) => ({ ...positions(text, q, 'codePointsCrlfOne'), name: q })));
    files['My Project.qde'] = files['project.qde']!;
    delete files['project.qde'];
    const { texts, report, bundle } = segmentTexts(buildQdpx(files));
    expect(texts).toEqual(quotes);
    expect(bundle.documents[0]!.text).toBe(text.replace(/\r\n/g, '\n'));
    expect(report.adjusted.find((i) => i.kind === 'offsets.convention')).toEqual({
      kind: 'offsets.convention',
      message: 'Selection positions were converted from ATLAS.ti\'s counting, so 2 codings land on the same words as in ATLAS.ti.',
      detail: "Offsets were read as Unicode code points, CRLF counted as one (the convention of ATLAS.ti 23.2.3) and converted to Marginalia's offsets.",
      count: 1,
      examples: [],
    });
    expect(kinds(report, 'adjusted')).toContain('qde.name');
    expect(report.warnings).toEqual([]);
  });

  it('reads NVivo offsets as UTF-16 units of the CRLF text, with no quotes to check', () => {
    const { texts } = segmentTexts(buildQdpx(project('NVivo for Windows 12.6', text, [{ ...positions(text, 'the final words.', 'utf16'), name: '' }])));
    expect(texts).toEqual(['the final words.']);
  });

  it('reads NVivo for Mac offsets (LF, UTF-16) and any other producer by the specification', () => {
    const lf = text.replace(/\r\n/g, '\n');
    expect(segmentTexts(buildQdpx(project('NVivo for Mac 14', lf, [positions(lf, 'the final words.', 'utf16')]))).texts).toEqual(['the final words.']);
    expect(segmentTexts(buildQdpx(project('QualCoder 3.5', text, [positions(text, 'the final words.', 'codePoints')]))).texts).toEqual(['the final words.']);
    expect(segmentTexts(buildQdpx(project('MAXQDA 24', lf, [positions(lf, 'the final words.', 'codePoints')]))).texts).toEqual(['the final words.']);
  });

  it('trusts the quotes over the producer’s name when they disagree, and says so', () => {
    const quotes = ['the quote here', 'the final words.', 'Second'];
    const { texts, report } = segmentTexts(buildQdpx(project('NVivo 14', text, quotes.map((q) => ({ ...positions(text, q, 'codePointsCrlfOne'), name: q })))));
    expect(texts).toEqual(quotes);
    const line = report.adjusted.find((i) => i.kind === 'offsets.detected')!;
    expect(line.message).toBe('Selection positions were read the way their quoted words fit, not the way NVivo usually counts, so 3 codings land on the words they quote.');
    expect(line.detail).toBe(
      'Offsets were read as Unicode code points, CRLF counted as one, because the quoted text of 3 of 3 checked selections matched that way (the usual convention of NVivo 14 is UTF-16 code units, CRLF counted as two).',
    );
  });

  it('says nothing about positions when the quotes show the file counts as the specification does', () => {
    const quotes = ['the quote here', 'the final words.', 'Second'];
    const { texts, report } = segmentTexts(buildQdpx(project('NVivo 14', text, quotes.map((q) => ({ ...positions(text, q, 'codePoints'), name: q })))));
    expect(texts).toEqual(quotes);
    expect(kinds(report, 'adjusted').filter((k) => k.startsWith('offsets.'))).toEqual([]);
  });

  it('checks truncated quotes (ATLAS.ti ends long names with …) and collapsed whitespace', () => {
    const long = 'Second 👩🏽‍💻 line with the quote here\r\nThird';
    const { texts, report } = segmentTexts(buildQdpx(project('ATLAS.ti 9', text, [{ ...positions(text, long, 'codePointsCrlfOne'), name: 'Second 👩🏽‍💻 line with the quote here Thi…' }])));
    expect(texts).toEqual([long.replace('\r\n', '\n')]);
    expect(report.warnings).toEqual([]);
  });

  it('moves a selection onto its quote when it sits a few characters away, and warns when a name is a label', () => {
    const at = positions(text, 'the final words.', 'codePointsCrlfOne');
    const { texts, report } = segmentTexts(
      buildQdpx(
        project('ATLAS.ti 9', text, [
          { start: at.start - 3, end: at.end - 3, name: 'the final words.' },
          { ...positions(text, 'Intro', 'codePointsCrlfOne'), name: 'my label' },
        ]),
      ),
    );
    expect(texts).toEqual(['the final words.', 'Intro']);
    expect(kinds(report, 'adjusted')).toContain('selection.realigned');
    expect(kinds(report, 'warnings')).toContain('selection.quote-mismatch');
  });
});

describe('selections that cannot become segments', () => {
  it('skips zero-length, reversed and out-of-range selections, with reasons', () => {
    const { bundle, report } = segmentTexts(buildQdpx(project('ATLAS.ti 26', 'short text', [{ start: 2, end: 2 }, { start: 5, end: 3 }, { start: 0, end: 99 }, { start: -1, end: 3 }, { start: 0, end: 5 }])));
    expect(bundle.segments).toHaveLength(1);
    expect(kinds(report, 'skipped')).toEqual(expect.arrayContaining(['selection.empty', 'selection.out-of-range', 'selection.bad-offsets']));
  });

  it('makes one segment per Coding of a selection that holds several (ATLAS.ti, MAXQDA), each by its own coder', () => {
    const U2 = 'BD68FBE7-E1EE-4A82-A279-23CC698C89EB';
    const files = project('MAXQDA 24', 'one passage, two codes', [
      { start: 0, end: 11, extra: `<Coding guid="A1000000-0000-4000-8000-000000000001" creatingUser="${U1}"><CodeRef targetGUID="${CODE}"/></Coding><Coding guid="A1000000-0000-4000-8000-000000000002" creatingUser="${U2}"><CodeRef targetGUID="${CODE}"/></Coding>` },
    ]);
    files['project.qde'] = (files['project.qde'] as string).replace('</Users>', `<User guid="${U2}" name="Ben"/></Users>`);
    const { bundle, texts } = segmentTexts(buildQdpx(files));
    expect(texts).toEqual(['one passage', 'one passage']);
    expect(bundle.segments.map((s) => [s.id, bundle.coders.find((c) => c.id === s.coderId)!.name])).toEqual([
      ['a1000000-0000-4000-8000-000000000001', 'Ana'],
      ['a1000000-0000-4000-8000-000000000002', 'Ben'],
    ]);
  });

  it('imports identical NVivo selections (same range, code and coder) once', () => {
    const { bundle, report } = segmentTexts(buildQdpx(project('NVivo for Windows 12.6', 'same passage twice', [{ start: 0, end: 4 }, { start: 0, end: 4 }])));
    expect(bundle.segments).toHaveLength(1);
    expect(report.skipped.find((i) => i.kind === 'coding.duplicate')).toMatchObject({ count: 1 });
  });

  it('turns a MAXQDA comment (a selection with a Description and no Coding) into a memo on its passage', () => {
    const { bundle, report } = segmentTexts(buildQdpx(project('MAXQDA 24', 'commented text', [{ start: 0, end: 9, name: 'commented', extra: '<Description>Check this later.</Description>' }])));
    expect(bundle.segments).toHaveLength(0);
    expect(bundle.memos).toMatchObject([{ title: 'Comment on “commented”', plainText: 'Check this later.', target: { kind: 'passage', id: SRC.toLowerCase(), start: 0, end: 9 } }]);
    expect(kinds(report, 'adjusted')).toContain('selection.description');
  });

  it('attributes codings without any user to "Unknown coder", and unknown users to a placeholder', () => {
    const files = project('Tool', 'some text here', [
      { start: 0, end: 4, user: '11111111-2222-4333-8444-555555555555' },
      { start: 5, end: 9, extra: `<Coding guid="${guid()}"><CodeRef targetGUID="${CODE}"/></Coding>` },
    ]);
    // The second selection names no user at all.
    files['project.qde'] = (files['project.qde'] as string).replace(/(<PlainTextSelection[^>]*startPosition="5" endPosition="9") creatingUser="[^"]*"/, '$1');
    const { bundle, report } = segmentTexts(buildQdpx(files));
    const names = new Map(bundle.coders.map((c) => [c.id, c.name]));
    expect(bundle.segments.map((s) => names.get(s.coderId))).toEqual(['Unknown coder 11111111', 'Unknown coder']);
    expect(kinds(report, 'warnings')).toContain('user.unknown');
    expect(kinds(report, 'adjusted')).toContain('user.none');
  });
});

describe('spellings and structure from other producers', () => {
  it('accepts other urn:QDA-XML: namespaces, prefixes, a BOM, braces, upper case and colours in any notation', () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<q:Project xmlns:q="urn:QDA-XML:project:0:10" name="Old">
<q:CodeBook><q:Codes>
<q:Code guid="{${CODE}}" name="A" isCodable="true" color="rgb(70, 170, 0)"/>
<q:Code guid="${CODE.replace('0F8A', '1F8A')}" name="B" isCodable="false" color="#46AA00CC"/>
<q:Code guid="${CODE.replace('0F8A', '2F8A')}" name="C" isCodable="true" color="#0a0"/>
</q:Codes></q:CodeBook></q:Project>`;
    const { bundle, report } = readQdpx(buildQdpx({ 'project.qde': new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml.slice(1))]) }), { projectId: PROJECT_ID, now: NOW });
    expect(bundle.codes.map((c) => [c.id, c.color, c.isCodable])).toEqual([
      ['0f8a1907-7e42-4739-8610-a676b4d1b69f', '#46aa00', true],
      ['1f8a1907-7e42-4739-8610-a676b4d1b69f', '#46aa00', false],
      ['2f8a1907-7e42-4739-8610-a676b4d1b69f', '#00aa00', true],
    ]);
    expect(report.warnings).toEqual([]);
    expect(kinds(report, 'adjusted')).toContain('code.color.converted');
  });

  it('reads variables from sources and from the nameless cases MAXQDA writes', () => {
    const V1 = guid();
    const V2 = guid();
    const more = `<Variables><Variable guid="${V1}" name="age" typeOfVariable="Integer"/><Variable guid="${V2}" name="site" typeOfVariable="Text"/></Variables>`;
    const files = project('MAXQDA 24', 'text', []);
    files['project.qde'] = (files['project.qde'] as string)
      .replace('</CodeBook>', `</CodeBook>${more}<Cases><Case guid="${guid()}"><VariableValue><VariableRef targetGUID="${V2}"/><TextValue>Oakland</TextValue></VariableValue><SourceRef targetGUID="${SRC}"/></Case></Cases>`)
      .replace('</TextSource>', `<VariableValue><VariableRef targetGUID="${V1}"/><IntegerValue>34</IntegerValue></VariableValue></TextSource>`);
    const { bundle } = readQdpx(buildQdpx(files), { projectId: PROJECT_ID, now: NOW });
    expect(bundle.documents[0]!.variables).toEqual({ age: '34', site: 'Oakland' });
  });

  it('reports a missing source file without failing, and imports the rest', () => {
    const files = project('ATLAS.ti 9', 'text', [{ start: 0, end: 4 }]);
    delete files[`Sources/${SRC}.txt`];
    const { bundle, report } = readQdpx(buildQdpx(files), { projectId: PROJECT_ID, now: NOW });
    expect(bundle.documents).toHaveLength(0);
    expect(bundle.codes).toHaveLength(1);
    expect(report.skipped.find((i) => i.kind === 'source.missing-file')).toMatchObject({ count: 1, examples: ['Mabel.txt'] });
    expect(report.skipped.find((i) => i.kind === 'source.skipped-codings')).toMatchObject({ count: 1 });
  });

  it('keeps a memo on a passage of a document whose text is missing as a project memo, and says why', () => {
    const N1 = guid();
    const files = project('ATLAS.ti 9', 'text', [{ start: 0, end: 4, extra: `<NoteRef targetGUID="${N1}"/>` }]);
    files['project.qde'] = (files['project.qde'] as string).replace('</Project>', `<Notes><Note guid="${N1}" name="On a lost passage"><PlainTextContent>kept</PlainTextContent></Note></Notes></Project>`);
    delete files[`Sources/${SRC}.txt`];
    const { bundle, report } = readQdpx(buildQdpx(files), { projectId: PROJECT_ID, now: NOW });
    expect(bundle.memos).toMatchObject([{ title: 'On a lost passage', plainText: 'kept', target: { kind: 'project' } }]);
    expect(kinds(report, 'adjusted')).toContain('note.skipped-source');
    expect(kinds(report, 'adjusted')).not.toContain('note.unattached');
  });

  it('attaches notes to what points at them, copies shared notes, and keeps unattached ones on the project', () => {
    const N1 = guid();
    const N2 = guid();
    const N3 = guid();
    const files = project('Tool', 'some text', [{ start: 0, end: 4, extra: `<Coding guid="${guid()}"><CodeRef targetGUID="${CODE}"/></Coding><NoteRef targetGUID="${N1}"/>` }]);
    files['project.qde'] = (files['project.qde'] as string)
      .replace('</TextSource>', `<NoteRef targetGUID="${N2}"/></TextSource>`)
      .replace('color="#F00082"/>', `color="#F00082"><NoteRef targetGUID="${N2}"/></Code>`)
      .replace('</Project>', `<Notes><Note guid="${N1}" name="On the passage"><PlainTextContent>p</PlainTextContent></Note><Note guid="${N2}" name="Shared"><PlainTextContent>s</PlainTextContent></Note><Note guid="${N3}" name="Free"/></Notes></Project>`);
    const { bundle } = readQdpx(buildQdpx(files), { projectId: PROJECT_ID, now: NOW });
    expect(bundle.memos.map((m) => [m.title, m.target.kind]).sort()).toEqual([
      ['Free', 'project'],
      ['On the passage', 'segment'],
      ['Shared', 'code'],
      ['Shared', 'document'],
    ]);
    expect(new Set(bundle.memos.map((m) => m.id)).size).toBe(4);
  });
});
