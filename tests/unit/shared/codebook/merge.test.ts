import { describe, expect, it } from 'vitest';
import type { Code, CodeId } from '../../../../shared/model/index.ts';
import { mergeCodebook } from '../../../../shared/codebook/merge.ts';
import { readQdc } from '../../../../shared/refi/index.ts';
import { PROJECT_ID, sample } from '../refi/helpers.ts';

const code = (id: string, name: string, parentId: string | null = null, extra: Partial<Code> = {}): Code => ({
  id: id as CodeId,
  projectId: PROJECT_ID,
  parentId: parentId as CodeId | null,
  name,
  color: '#111111',
  description: '',
  definition: '',
  inclusion: '',
  exclusion: '',
  examples: '',
  isCodable: true,
  order: 0,
  ...extra,
});

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('mergeCodebook', () => {
  const existing = [code(ID(1), 'Risk', null, { isCodable: false, definition: 'Our definition' }), code(ID(2), 'Harms', ID(1), { order: 0 }), code(ID(3), 'Trust')];

  it('matches by GUID first and updates the fields that changed', () => {
    const { codes, report } = mergeCodebook(existing, [code(ID(2), 'Harms', ID(1), { color: '#ff0000', description: 'New text' })]);
    expect(codes.find((c) => c.id === ID(2))).toMatchObject({ color: '#ff0000', description: 'New text', parentId: ID(1) });
    expect(report.updated).toEqual([{ id: ID(2), importedId: ID(2), path: ['Risk', 'Harms'], matchedBy: 'id', fields: ['color', 'description'] }]);
  });

  it('then matches by name path (ignoring case and spaces), and never erases text with an empty import', () => {
    const imported = [code(ID(11), ' risk ', null, { isCodable: false }), code(ID(12), 'HARMS', ID(11))];
    const { codes, report, idMap } = mergeCodebook(existing, imported);
    expect(idMap.get(ID(12) as CodeId)).toBe(ID(2));
    expect(codes.find((c) => c.id === ID(1))!.definition).toBe('Our definition');
    expect(report.added).toEqual([]);
    expect(report.updated.map((u) => [u.path, u.fields, u.matchedBy])).toEqual([
      [[' risk '], ['name'], 'path'],
      [[' risk ', 'HARMS'], ['name'], 'path'],
    ]);
  });

  it('adds new codes under their matched parent after the existing siblings, keeping their GUID', () => {
    const { codes, report } = mergeCodebook(existing, [code(ID(1), 'Risk', null, { isCodable: false }), code(ID(20), 'Side effects', ID(1))]);
    expect(codes.find((c) => c.id === ID(20))).toMatchObject({ parentId: ID(1), order: 1, projectId: PROJECT_ID });
    expect(report.added).toEqual([{ id: ID(20), importedId: ID(20), path: ['Risk', 'Side effects'] }]);
    expect(report.unchanged.map((u) => u.id)).toEqual([ID(1)]);
  });

  it('gives an added code a new GUID when its own is taken by an unrelated code', () => {
    const { codes, report } = mergeCodebook([code(ID(1), 'Risk')], [code(ID(30), 'Other'), code(ID(1), 'Unrelated', ID(30))], { newId: () => ID(99) });
    expect(report.updated.map((u) => u.id)).toEqual([ID(1)]);
    expect(codes).toHaveLength(2);
    expect(codes.find((c) => c.id === ID(1))!.parentId).toBe(ID(30));
  });

  it('moves a code matched by GUID under its new parent, but never into its own subtree', () => {
    const moved = mergeCodebook(existing, [code(ID(3), 'Trust', null), code(ID(2), 'Harms', ID(3))]);
    expect(moved.codes.find((c) => c.id === ID(2))).toMatchObject({ parentId: ID(3), order: 0 });
    expect(moved.report.updated.find((u) => u.id === ID(2))!.fields).toEqual(['parent']);
    // Risk under Harms, while Harms stays under Risk: that would be a cycle, so Risk stays put.
    const cycle = mergeCodebook(existing, [code(ID(1), 'Risk', ID(2), { isCodable: false })]);
    expect(cycle.codes.find((c) => c.id === ID(1))!.parentId).toBeNull();
    // Both moved by the import, consistently: the import's shape is adopted.
    const swapped = mergeCodebook(existing, [code(ID(2), 'Harms', null), code(ID(1), 'Risk', ID(2), { isCodable: false })]);
    expect(swapped.codes.filter((c) => c.id !== ID(3)).map((c) => [c.name, c.parentId])).toEqual([
      ['Risk', ID(2)],
      ['Harms', null],
    ]);
  });

  it('keeps the project’s colours when asked to leave them', () => {
    const { codes } = mergeCodebook(existing, [code(ID(3), 'Trust', null, { color: '#abcdef' })], { fields: ['name', 'description'] });
    expect(codes.find((c) => c.id === ID(3))!.color).toBe('#111111');
  });

  it('deletes nothing and changes none of its inputs', () => {
    const before = JSON.stringify(existing);
    const { codes } = mergeCodebook(existing, [code(ID(40), 'New')]);
    expect(codes.map((c) => c.id)).toEqual([ID(1), ID(2), ID(3), ID(40)]);
    expect(JSON.stringify(existing)).toBe(before);
  });

  it('merges a real codebook into itself as unchanged', () => {
    const { codes } = readQdc(sample('atlasti_win_23.4.0_codebook_from_requal_test.qdc'), { projectId: PROJECT_ID });
    const { report } = mergeCodebook(codes, codes);
    expect(report).toMatchObject({ added: [], updated: [], unchanged: [{ path: ['code1'], matchedBy: 'id' }] });
  });
});
