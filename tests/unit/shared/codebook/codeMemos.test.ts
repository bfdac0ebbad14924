/** Code memos printed under their code in the Markdown and DOCX codebooks, and through the CLI's `codebook` command. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { MemoId } from '../../../../shared/model/index.ts';
import { codebookFromBundle, writeCodebookDocx, writeCodebookMarkdown } from '../../../../shared/codebook/index.ts';
import { writeQdpx } from '../../../../shared/refi/index.ts';
import { smallBundle } from '../refi/helpers.ts';
import { RICH_CONTENT, RICH_PLAIN } from '../memos/fixtures.ts';

const base = smallBundle();
const harms = base.codes[1]!;
const bundle = {
  ...base,
  memos: [...base.memos, { ...base.memos[2]!, id: 'f0000000-0000-4000-8000-000000000077' as MemoId, title: 'Why distrust', content: RICH_CONTENT, plainText: RICH_PLAIN, coderId: base.coders[1]!.id, createdAt: '2026-03-09T10:00:00.000Z' }],
};
const docText = (bytes: Uint8Array) => {
  const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
};

describe('code memos in the printed codebooks', () => {
  it('Markdown: lists each code’s memos under it, with title, author, date and formatting', () => {
    const md = writeCodebookMarkdown(codebookFromBundle(bundle));
    const section = md.slice(md.indexOf(`### 1.1 ${harms.name}`), md.indexOf('### 1.2'));
    expect(section).toContain('**Memos** (2):');
    expect(section).toContain('***Scope*** — Ana, 2026-03-01\n\nKeep narrow.');
    expect(section).toContain('***Why distrust*** — Ben “B” \\<Smith\\> & co, 2026-03-09');
    expect(section).toContain('The nurses are **trusted** but *not*');
    expect(md.match(/\*\*Memos\*\*/g)).toHaveLength(1);
  });

  it('DOCX: the same memos after the code’s passages', async () => {
    const text = docText(await writeCodebookDocx(codebookFromBundle(bundle), { date: '2026-05-01' }));
    const at = text.indexOf('Memos (2)');
    expect(at).toBeGreaterThan(text.indexOf(`1.1  ${harms.name}`));
    expect(at).toBeLessThan(text.indexOf('1.2  '));
    for (const needle of ['Scope', 'Keep narrow.', 'Why distrust', 'Trust is earned.', '— Interview 1']) expect(text.slice(at)).toContain(needle);
  });

  it('the CLI’s codebook command prints them from a .qdpx', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-codebook-'));
    writeFileSync(join(dir, 'p.qdpx'), writeQdpx(bundle));
    const bin = fileURLToPath(new URL('../../../../cli/bin/marginalia.mjs', import.meta.url));
    const md = spawnSync(process.execPath, [bin, 'codebook', 'p.qdpx', '--format', 'md'], { encoding: 'utf8', cwd: dir });
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('***Why distrust*** — Ben “B” \\<Smith\\> & co, 2026-03-09');
    const docx = spawnSync(process.execPath, [bin, 'codebook', 'p.qdpx', '--format', 'docx', '-o', 'c.docx'], { encoding: 'utf8', cwd: dir });
    expect(docx.status).toBe(0);
    expect(docText(new Uint8Array(readFileSync(join(dir, 'c.docx'))))).toContain('Keep narrow.');
  });
});
