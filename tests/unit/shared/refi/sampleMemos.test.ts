/**
 * What each real sample's memos become, with the expected memos read by hand from the XML of
 * the files in ../shared/refi-qda/samples (quoted in the comments), and a QualCoder-style project
 * written here (no QualCoder sample is in ../shared) in the shape QualCoder exports: code memos
 * and file memos as Descriptions, coding memos as a selection's Description, annotations as a
 * selection's NoteRef to a Note, case memos as a Case's Description.
 */
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import type { Memo } from '../../../../shared/model/index.ts';
import { readQdpx } from '../../../../shared/refi/index.ts';
import { PROJECT_ID, buildQdpx, sample } from './helpers.ts';

const NOW = '2026-03-01T00:00:00.000Z';
const read = (bytes: Uint8Array) => readQdpx(bytes, { projectId: PROJECT_ID, now: NOW });
const byTitle = (memos: readonly Memo[], title: string) => {
  const found = memos.filter((m) => m.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!;
};

describe('NVivo 12.6, MAXQDA 24 and ATLAS.ti 23.2.3 samples', () => {
  // nvivo_win_12.6: no <Notes>, no <NoteRef>; its 97 selection, 1 source and project Descriptions are empty (<Description />);
  // its 9 non-empty Descriptions are on Codes, e.g. "COVID vay nem COVID".
  it('NVivo: no memos; code descriptions stay descriptions', () => {
    const { bundle, report } = read(sample('nvivo_win_12.6_pyqdpx_oltas.qdpx'));
    expect(bundle.memos).toEqual([]);
    expect(bundle.codes.some((c) => c.description.includes('COVID vay nem COVID'))).toBe(true);
    expect(report.imported.memos).toBe(0);
  });

  // maxqda24: 307 <Code> each with a <Description> ("Use this code when the paper …"), no Notes, no selections.
  it('MAXQDA: no memos; the 307 code descriptions (coding rules) stay descriptions', () => {
    const { bundle } = read(sample('maxqda24_bedingjd_paper_themes.qdpx'));
    expect(bundle.memos).toEqual([]);
    expect(bundle.codes.filter((c) => c.description !== '')).toHaveLength(307);
  });

  // atlasti_win_23.2.3: three <Code>s without Description, no Notes.
  it('ATLAS.ti 23.2.3: no memos', () => {
    expect(read(sample('atlasti_win_23.2.3_ponte_target.qdpx')).bundle.memos).toEqual([]);
  });
});

describe('ATLAS.ti 8.4, the specification’s annex example', () => {
  const { bundle, report } = read(sample('atlasti_8.4_SPEC_ANNEX_A2_skyloom_TestProject.qdpx'));
  const USER = 'ad68fbe7-e1ee-4a82-a279-23cc698c89eb';

  it('has 11 memos: 2 notes and 2 passage comments on the project, 7 code comments', () => {
    expect(bundle.memos).toHaveLength(11);
    expect(bundle.memos.filter((m) => m.target.kind === 'project')).toHaveLength(4);
    expect(bundle.memos.filter((m) => m.target.kind === 'code')).toHaveLength(7);
  });

  // <Note … name="Research Plan" creationDateTime="2018-03-27T19:38:46Z" modifiedDateTime="2018-03-27T19:41:09Z">
  //   <Description>day to day log about this amazing project</Description>
  //   <PlainTextContent>This is a great project by a dynamic team of researcher-developers. </PlainTextContent>
  // No NoteRef points at it: a project memo. The second note, "My favorite Coke ad", is linked (Link) to a video selection.
  it('keeps its notes, attached to nothing, as project memos with their author and dates', () => {
    const plan = byTitle(bundle.memos, 'Research Plan');
    expect(plan).toMatchObject({ target: { kind: 'project' }, coderId: USER, createdAt: '2018-03-27T19:38:46Z', modifiedAt: '2018-03-27T19:41:09Z' });
    expect(plan.plainText).toContain('day to day log about this amazing project');
    expect(plan.plainText).toContain('This is a great project by a dynamic team');
    expect(byTitle(bundle.memos, 'My favorite Coke ad')).toMatchObject({ target: { kind: 'project' }, plainText: 'This version is much better than the new Director’s cut ' });
  });

  // <Code … name="Coke::full-fat Coke" guid="0983E32E-…"><Description>aka regular</Description></Code>, and six more.
  it('shows ATLAS.ti code comments as memos on their codes, and keeps them as the codes’ descriptions', () => {
    const memo = byTitle(bundle.memos, 'Comment on “Coke::full-fat Coke”');
    // The Code has no dates or user: the memo is dated when the file was saved (<Project … modifiedDateTime="2018-03-27T17:46:39Z">), by no known author.
    expect(memo).toMatchObject({ target: { kind: 'code', id: '0983e32e-6866-431a-bd94-dac9bb963825' }, plainText: 'aka regular', createdAt: '2018-03-27T17:46:39Z', coderId: null });
    expect(bundle.codes.find((c) => c.id === '0983e32e-6866-431a-bd94-dac9bb963825')!.description).toBe('aka regular');
    expect(byTitle(bundle.memos, 'Comment on “cornflakes”').plainText).toBe('breakfast cereal made by Kellogg’s');
    expect(report.adjusted.map((i) => i.kind)).toContain('code.description-memo');
  });

  // In "Mabêl 2ième.txt" (text file not in the zip): <PlainTextSelection startPosition="250" endPosition="412" name="For some reason babies …">
  //   <Description>Mabel is not the only person I know who has Coke for breakfast!</Description>  (no Coding)
  // In "Simon.docx" (not in the zip either): a coded selection "damage done by fatty foods" with
  //   <Description>why does Simon feel the need to do this?</Description>
  it('keeps comments written in documents that are not in the file as project memos naming the document', () => {
    const mabel = bundle.memos.find((m) => m.plainText === 'Mabel is not the only person I know who has Coke for breakfast!')!;
    expect(mabel).toMatchObject({ target: { kind: 'project' }, coderId: USER, createdAt: '2018-03-27T18:49:32Z' });
    // The file spells the name decomposed (e + combining circumflex).
    expect(mabel.title.normalize('NFC')).toContain('Mabêl 2ième.txt');
    const simon = bundle.memos.find((m) => m.plainText === 'why does Simon feel the need to do this?')!;
    expect(simon.title).toBe('Comment on “damage done by fatty foods” in “Simon.docx”');
    expect(report.adjusted.map((i) => i.kind)).toContain('source.skipped-comments');
  });

  it('attaches the two comments to their passage and to their coded segment when the texts are there', () => {
    // The same file with the two missing texts supplied: the quotes at the positions the file gives.
    const files = unzipSync(sample('atlasti_8.4_SPEC_ANNEX_A2_skyloom_TestProject.qdpx'));
    const qde = new TextDecoder().decode(files['Project.qde']!);
    const path = (sourceName: string) => new RegExp(`<TextSource plainTextPath="internal://([^"]+)"[^>]*name="${sourceName.normalize('NFD')}"`).exec(qde)![1]!;
    const filler = (n: number) => 'x'.repeat(n);
    const mabelText = `${filler(250)}For some reason babies aren't supposed to have cow's milk that is low fat. However, I am really bad${filler(162 - 99)} end.`;
    const simonText = `${filler(688)}damage done by fatty foods${filler(907 - 688 - 26)} end.`;
    const withTexts = zipSync({ ...files, [`Sources/${path('Mabêl 2ième.txt')}`]: new TextEncoder().encode(mabelText), [`Sources/${path('Simon.docx')}`]: new TextEncoder().encode(simonText) });
    const { bundle: full } = read(withTexts);
    const mabel = full.memos.find((m) => m.plainText.startsWith('Mabel is not'))!;
    const mabelDoc = full.documents.find((d) => d.name.normalize('NFC') === 'Mabêl 2ième.txt')!;
    expect(mabel.target).toEqual({ kind: 'passage', id: mabelDoc.id, start: 250, end: 412 });
    const simon = full.memos.find((m) => m.plainText === 'why does Simon feel the need to do this?')!;
    expect(simon.target.kind).toBe('segment');
    const segment = full.segments.find((s) => s.id === (simon.target as { id: string }).id)!;
    expect(full.documents.find((d) => d.id === segment.documentId)!.text.slice(segment.start, segment.start + 26)).toBe('damage done by fatty foods');
  });
});

describe('a QualCoder project', () => {
  const U = '6a1d3f5e-0000-4000-8000-000000000001';
  const CODE = '6a1d3f5e-0000-4000-8000-0000000000c1';
  const SRC = '6a1d3f5e-0000-4000-8000-0000000000d1';
  const NOTE = '6a1d3f5e-0000-4000-8000-0000000000e1';
  const text = 'I moved here for work. The rent is too high. My neighbours help.';
  const at = (quote: string) => `startPosition="${text.indexOf(quote)}" endPosition="${text.indexOf(quote) + quote.length}"`;
  const qde = `<?xml version="1.0" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="housing" origin="QualCoder 3.5" creationDateTime="2024-05-01T10:00:00Z">
<Users><User guid="${U}" name="colin"/></Users>
<CodeBook><Codes><Code guid="${CODE}" name="Cost" isCodable="true" color="#F5A9A9"><Description>Money worries of any kind.</Description></Code></Codes></CodeBook>
<Cases><Case guid="6a1d3f5e-0000-4000-8000-0000000000f1" name="Participant 7"><Description>Met at the library; very open.</Description><SourceRef targetGUID="${SRC}"/></Case></Cases>
<Sources><TextSource guid="${SRC}" name="interview7.txt" plainTextPath="internal://${SRC}.txt" creatingUser="${U}" creationDateTime="2024-05-01T10:00:00Z">
<Description>Transcribed by hand.</Description>
<PlainTextSelection guid="6a1d3f5e-0000-4000-8000-0000000000a1" name="The rent is too high." ${at('The rent is too high.')} creatingUser="${U}" creationDateTime="2024-05-02T09:00:00Z"><Description>Compare with P3.</Description><Coding guid="6a1d3f5e-0000-4000-8000-0000000000b1" creatingUser="${U}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="6a1d3f5e-0000-4000-8000-0000000000a2" name="My neighbours help." ${at('My neighbours help.')} creatingUser="${U}" creationDateTime="2024-05-02T09:30:00Z"><NoteRef targetGUID="${NOTE}"/></PlainTextSelection>
</TextSource></Sources>
<Notes><Note guid="${NOTE}" creatingUser="${U}" creationDateTime="2024-05-02T09:30:00Z"><PlainTextContent>Social support theme?</PlainTextContent></Note></Notes>
</Project>`;
  const { bundle } = read(buildQdpx({ 'housing.qde': qde, [`sources/${SRC}.txt`]: new TextEncoder().encode(text) }));
  const doc = bundle.documents[0]!;
  const memoWith = (plainText: string) => bundle.memos.find((m) => m.plainText === plainText)!;

  it('attaches a coding memo to its segment and an annotation to its uncoded passage', () => {
    const coding = memoWith('Compare with P3.');
    expect(coding.target.kind).toBe('segment');
    const segment = bundle.segments.find((s) => s.id === (coding.target as { id: string }).id)!;
    expect(doc.text.slice(segment.start, segment.end)).toBe('The rent is too high.');
    const start = text.indexOf('My neighbours help.');
    expect(memoWith('Social support theme?')).toMatchObject({ target: { kind: 'passage', id: doc.id, start, end: start + 'My neighbours help.'.length }, coderId: U, createdAt: '2024-05-02T09:30:00Z' });
  });

  it('attaches the file memo and the case memo to the document, and keeps the code memo as the code’s description', () => {
    expect(memoWith('Transcribed by hand.').target).toEqual({ kind: 'document', id: doc.id });
    expect(memoWith('Met at the library; very open.')).toMatchObject({ title: 'Case “Participant 7”', target: { kind: 'document', id: doc.id } });
    expect(bundle.codes[0]!.description).toBe('Money worries of any kind.');
    expect(bundle.memos).toHaveLength(4);
  });
});
