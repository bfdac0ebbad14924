/**
 * Hostile files on the real command line (spawned, as a researcher runs it): `segments` on a
 * project whose selection names are very long quotes or whose code tree is deep with long
 * names, and a damaged file refused in one line that names the damaged entry.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { openZip } from '../../../shared/refi/zip.ts';

const BIN = fileURLToPath(new URL('../../../cli/bin/marginalia.mjs', import.meta.url));
const USER = '11111111-1111-4111-8111-111111111111';
const CODE = '22222222-2222-4222-8222-222222222222';
const SOURCE = '33333333-3333-4333-8333-333333333333';

/** Runs the command line on `bytes` written to a temporary file. */
function runOn(bytes: Uint8Array, command: string) {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-hostile-'));
  try {
    const file = join(dir, 'hostile.qdpx');
    writeFileSync(file, bytes);
    return { file, ...spawnSync(process.execPath, [BIN, command, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('marginalia segments on hostile files', () => {
  it('lists segments whose selection names are quotes of about 200,000 characters, a few characters off their positions', () => {
    const passages = Array.from({ length: 10 }, (_, i) => `passage ${i} ` + 'words (and [brackets] *stars* ?) '.repeat(6000));
    const text = `${passages.join('\n\n')}\n\nThe end.`;
    let at = 0;
    const selections = passages.map((passage, i) => {
      const start = at;
      at += passage.length + 2;
      // Off by two, and the name's whitespace collapsed: what realigning is for.
      return `<PlainTextSelection guid="44444444-4444-4444-8444-${String(i).padStart(12, '0')}" name="${passage.trim()}" startPosition="${start + 2}" endPosition="${start + 2 + passage.trim().length}" creatingUser="${USER}"><Coding guid="66666666-6666-4666-8666-${String(i).padStart(12, '0')}"><CodeRef targetGUID="${CODE}"/></Coding></PlainTextSelection>`;
    });
    const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Test"><Users><User guid="${USER}" name="Ana"/></Users><CodeBook><Codes><Code guid="${CODE}" name="C" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="${SOURCE}" name="doc"><PlainTextContent>${text}</PlainTextContent>${selections.join('')}</TextSource></Sources></Project>`;
    const result = runOn(zipSync({ 'project.qde': strToU8(qde) }), 'segments');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as { start: number; text: string }[];
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.text)).toEqual(passages.map((p) => p.trim()));
  });

  it('refuses a file with a damaged entry in one line naming it, with a non-zero exit', () => {
    const zip = zipSync({ 'project.qde': [strToU8('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'), { level: 0 }] });
    const entry = openZip(zip).entries[0]!;
    const at = entry.localHeaderOffset + 30 + entry.name.length + 40;
    zip[at] = zip[at]! ^ 0x01;
    const result = runOn(zip, 'segments');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`marginalia segments: ${result.file}: The zip entry "project.qde" is damaged (its CRC-32 checksum does not match its data), so the file was refused.\n`);
  });

  it('lists a segment coded with the deepest of 990 nested codes with 1,000-character names, joining only the path it prints', () => {
    const guid = (i: number) => `22222222-2222-4222-8222-${String(i).padStart(12, '0')}`;
    const depth = 990;
    let codes = '';
    for (let i = depth - 1; i >= 0; i--) codes = `<Code guid="${guid(i)}" name="${'n'.repeat(999)}${i % 10}" isCodable="true">${codes}</Code>`;
    const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Test"><Users><User guid="${USER}" name="A"/></Users><CodeBook><Codes>${codes}</Codes></CodeBook><Sources><TextSource guid="${SOURCE}" name="d"><PlainTextContent>Hello world</PlainTextContent><PlainTextSelection guid="44444444-4444-4444-8444-444444444444" startPosition="0" endPosition="5" creatingUser="${USER}"><Coding guid="66666666-6666-4666-8666-666666666666"><CodeRef targetGUID="${guid(depth - 1)}"/></Coding></PlainTextSelection></TextSource></Sources></Project>`;
    const result = runOn(zipSync({ 'project.qde': strToU8(qde) }), 'segments');
    expect(result.stderr).toBe('');
    const rows = JSON.parse(result.stdout) as { code: string; text: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBe('Hello');
    expect(rows[0]!.code.split(' / ')).toHaveLength(depth);
  });
});
