/**
 * `marginalia memos`, spawned as the real command line on real .qdpx files: one written by our
 * writer (a project with memos of every kind) and the ATLAS.ti sample from ../shared.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { MemoId } from '../../../shared/model/index.ts';
import { writeQdpx } from '../../../shared/refi/index.ts';
import { samplePath, smallBundle } from '../shared/refi/helpers.ts';

const BIN = fileURLToPath(new URL('../../../cli/bin/marginalia.mjs', import.meta.url));
const ANNEX = samplePath('atlasti_8.4_SPEC_ANNEX_A2_skyloom_TestProject.qdpx');
const dir = mkdtempSync(join(tmpdir(), 'marginalia-memos-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });

// Our own export: the small project's memos (project, document, code, segment) plus a comment on an uncoded passage.
const bundle = smallBundle();
const doc = bundle.documents[0]!;
const at = doc.text.indexOf('they said');
const OURS = join(dir, 'ours.qdpx');
writeFileSync(
  OURS,
  writeQdpx({
    ...bundle,
    memos: [...bundle.memos, { ...bundle.memos[0]!, id: 'f0000000-0000-4000-8000-000000000099' as MemoId, target: { kind: 'passage', id: doc.id, start: at, end: at + 9 }, title: 'Who are they?', content: '', plainText: 'Ask in round two.' }],
  }),
);

describe('marginalia memos', () => {
  it('prints the Markdown report by default, each memo under what it is attached to', () => {
    const result = cli('memos', OURS);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^# Memos: Vaccine talk \\<pilot\\>\n/);
    expect(result.stdout).toContain('## Project\n\n### Plan\n\n*Ana · created 2026-03-01 09:00*\n\nRead everything twice.');
    expect(result.stdout).toContain('#### Who are they?\n\n*Ana · created 2026-03-01 09:00*\n\n> “they said”\n\nOn an uncoded passage.\n\nAsk in round two.');
    expect(result.stdout).toContain('### Risk › Vaccine harms\n\n#### Scope');
  });

  it('gives JSON: every memo with id, title, author, dates, target spelled out (offsets in code points: the emoji before “they” counts once) and plain text', () => {
    const result = cli('memos', OURS, '--format', 'json');
    expect(result.status).toBe(0);
    const memos = JSON.parse(result.stdout) as { title: string; target: Record<string, unknown> }[];
    expect(memos.map((m) => m.title)).toEqual(['Plan', 'About interview 1', 'Strong word', 'Who are they?', 'Scope']);
    expect(memos[3]).toEqual({ id: 'f0000000-0000-4000-8000-000000000099', title: 'Who are they?', author: 'Ana', created: '2026-03-01T09:00:00.000Z', modified: '2026-03-01T09:00:00.000Z', target: { kind: 'passage', document: 'Interview 1', passage: 'they said', start: at - 1, end: at + 8 }, plainText: 'Ask in round two.' });
    expect(memos[2]!.target).toMatchObject({ kind: 'segment', document: 'Interview 1', code: 'Risk › Vaccine harms', passage: 'It is poison 😡' });
    expect(memos[4]!.target).toEqual({ kind: 'code', code: 'Risk › Vaccine harms' });
  });

  it('writes a DOCX with -o, and refuses DOCX without it', () => {
    const refused = cli('memos', OURS, '--format', 'docx');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('marginalia memos: --format docx writes a binary file: give it a name with -o OUT.\n');
    const written = cli('memos', OURS, '--format', 'docx', '-o', 'memos.docx');
    expect([written.status, written.stderr]).toEqual([0, 'Wrote memos.docx (5 memos).\n']);
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(join(dir, 'memos.docx'))))['word/document.xml']);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const needle of ['Who are they?', '“they said”', 'Ask in round two.', 'Interview 1', 'Keep narrow.']) expect(text).toContain(needle);
  });

  it('lists the ATLAS.ti sample’s memos: its notes, the comments of its missing documents and its code comments', () => {
    const result = cli('memos', ANNEX, '--format', 'json');
    expect(result.status).toBe(0);
    const memos = JSON.parse(result.stdout) as { title: string; author: string | null; target: { kind: string; code?: string }; plainText: string }[];
    expect(memos).toHaveLength(11);
    // creatingUser="AD68FBE7-…" on the Note, listed as <User … name="Friedrich Markgraf"/>.
    expect(memos.find((m) => m.title === 'Research Plan')).toMatchObject({ author: 'Friedrich Markgraf', target: { kind: 'project' } });
    expect(memos.find((m) => m.plainText === 'aka regular')).toMatchObject({ target: { kind: 'code', code: 'Coke::full-fat Coke' } });
    const md = cli('memos', ANNEX);
    expect(md.stdout).toContain('## Codes');
    expect(md.stdout).toContain('This version is much better than the new Director’s cut');
  });

  it('says in one sentence what is wrong, with a non-zero exit', () => {
    writeFileSync(join(dir, 'bad.qdpx'), 'not a zip');
    expect(cli('memos', 'bad.qdpx')).toMatchObject({ status: 1, stdout: '', stderr: 'marginalia memos: bad.qdpx: The file is not a zip archive, so it cannot be a .qdpx project.\n' });
    expect(cli('memos', OURS, '--format', 'pdf')).toMatchObject({ status: 2, stderr: 'marginalia memos: --format must be one of md, json, docx, not "pdf".\n' });
    expect(cli('memos')).toMatchObject({ status: 2, stderr: 'marginalia memos: Usage: marginalia memos FILE.qdpx|FILE.qde [--format md|json|docx] [-o OUT].\n' });
    expect(existsSync(join(dir, 'memos.docx'))).toBe(true);
  });
});
