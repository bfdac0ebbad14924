import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { findInternalFile, internalFileName } from '../../../../shared/refi/internalFiles.ts';
import { openZip } from '../../../../shared/refi/zip.ts';

describe('internalFileName', () => {
  it('percent-decodes the name and drops leading slashes', () => {
    expect(internalFileName('internal://A%20B%C3%A9.txt')).toBe('A Bé.txt');
    expect(internalFileName('internal:///doc.txt')).toBe('doc.txt');
  });

  it('takes a name that is not valid percent-encoding as written', () => {
    expect(internalFileName('internal://100%.txt')).toBe('100%.txt');
    expect(internalFileName('internal://%E0.txt')).toBe('%E0.txt');
  });
});

describe('findInternalFile', () => {
  const zip = openZip(
    zipSync({
      'Sources/Interview One.txt': strToU8('one'),
      'sources/%E0.txt': strToU8('literal percent'),
      'elsewhere/notes.txt': strToU8('notes'),
    }),
  );

  it('finds the file under sources/ whatever the folder’s case', () => {
    expect(findInternalFile(zip, 'internal://Interview%20One.txt')?.name).toBe('Sources/Interview One.txt');
    expect(findInternalFile(zip, 'internal://interview one.txt')?.name).toBe('Sources/Interview One.txt');
  });

  it('finds a file named with a stray percent sign, and one in another folder', () => {
    expect(findInternalFile(zip, 'internal://%E0.txt')?.name).toBe('sources/%E0.txt');
    expect(findInternalFile(zip, 'internal://notes.txt')?.name).toBe('elsewhere/notes.txt');
  });

  it('finds nothing for a file the zip does not hold', () => {
    expect(findInternalFile(zip, 'internal://missing.txt')).toBeUndefined();
  });
});
