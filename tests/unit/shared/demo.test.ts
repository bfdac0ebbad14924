import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProjectId } from '../../../shared/model/index.ts';
import { STARTER_CODEBOOK, STARTER_DOCUMENTS, flattenStarterCodebook, type StarterCode } from '../../../shared/demo/starterCodebook.ts';

/** The demo corpus as collected (/work/shared/corpus), beside the repository. */
const SOURCE_CORPUS = new URL('../../../../shared/corpus/', import.meta.url);
/** The copies the app ships. */
const SHIPPED_CORPUS = new URL('../../../renderer/demo/corpus/', import.meta.url);

const readText = (dir: URL, file: string): string => readFileSync(new URL(file, dir), 'utf8');
const children = (): StarterCode[] => STARTER_CODEBOOK.flatMap((category) => category.children);

/** WCAG relative luminance of an sRGB triple (0–255). */
function luminance([r, g, b]: number[]): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r ?? 0) + 0.7152 * linear(g ?? 0) + 0.0722 * linear(b ?? 0);
}

/** A highlight as painted: `color` at `alpha` over a white page. */
function paint(color: string, alpha = 0.35): number[] {
  return [1, 3, 5].map((i) => alpha * parseInt(color.slice(i, i + 2), 16) + (1 - alpha) * 255);
}

/** CIE L*a*b* (D65) of an sRGB triple, for the CIE76 colour difference. */
function toLab(rgb: number[]): number[] {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const deltaE = (a: string, b: string): number => Math.hypot(...toLab(paint(a)).map((v, i) => v - (toLab(paint(b))[i] ?? 0)));

function hue(color: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

const hueDistance = (a: number, b: number): number => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

describe('STARTER_CODEBOOK', () => {
  it('has three non-codable categories with 7, 8 and 6 codable children', () => {
    expect(STARTER_CODEBOOK.map((c) => c.name)).toEqual(['Framing', 'Actor', 'Harm claim']);
    expect(STARTER_CODEBOOK.map((c) => c.children.length)).toEqual([7, 8, 6]);
    for (const category of STARTER_CODEBOOK) {
      expect(category.isCodable).toBe(false);
      expect(category.description).not.toBe('');
      for (const child of category.children) {
        expect(child.isCodable).toBe(true);
        expect(child.children).toEqual([]);
      }
    }
  });

  it('writes out every child in full: description, definition, inclusion, exclusion, examples', () => {
    for (const child of children()) {
      expect(child.description.trim(), child.name).not.toBe('');
      expect(child.definition.trim(), child.name).not.toBe('');
      expect(child.inclusion, child.name).toMatch(/^Code when /);
      expect(child.exclusion, child.name).toMatch(/^Do not code /);
      expect(child.examples.length, child.name).toBeGreaterThanOrEqual(1);
      expect(child.examples.length, child.name).toBeLessThanOrEqual(2);
    }
  });

  it('points each exclusion at codes that exist', () => {
    const paths = STARTER_CODEBOOK.flatMap((category) => category.children.map((child) => `${category.name} › ${child.name}`));
    for (const category of STARTER_CODEBOOK) {
      for (const child of category.children) {
        // A sibling by name, or a code elsewhere as `Category › Name`; `A or B` names two.
        const known = [...category.children.filter((c) => c !== child).map((c) => c.name), ...paths];
        const resolves = (target: string): boolean =>
          known.includes(target) || known.some((name) => target.startsWith(`${name} or `) && resolves(target.slice(name.length + 4)));
        const targets = [
          ...[...child.exclusion.matchAll(/\(use ([^)]+)\)/g)].map((m) => m[1] ?? ''),
          ...[...child.exclusion.matchAll(/under ([^.;]+ › [^.;]+)/g)].map((m) => m[1] ?? ''),
        ];
        expect(targets.length, child.name).toBeGreaterThan(0);
        for (const target of targets) expect(resolves(target), `${child.name} → ${target}`).toBe(true);
      }
    }
  });

  it('quotes every anchor example verbatim from a demo text, as one line of 40–250 characters', () => {
    const texts = STARTER_DOCUMENTS.map((doc) => readText(SOURCE_CORPUS, doc.file));
    for (const child of children()) {
      for (const example of child.examples) {
        expect(example.length, example).toBeGreaterThanOrEqual(40);
        expect(example.length, example).toBeLessThanOrEqual(250);
        expect(example, example).not.toMatch(/\n/);
        expect(texts.some((text) => text.includes(example)), `${child.name}: ${example}`).toBe(true);
      }
    }
  });

  it('keeps names unique among siblings', () => {
    const groups = [STARTER_CODEBOOK, ...STARTER_CODEBOOK.map((c) => c.children)];
    for (const siblings of groups) {
      const names = siblings.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('uses #rrggbb colours that stay readable behind black text at 35 % opacity', () => {
    const all = [...STARTER_CODEBOOK, ...children()];
    for (const code of all) {
      expect(code.color, code.name).toMatch(/^#[0-9a-f]{6}$/);
      // WCAG AAA for body text: contrast of black on the painted highlight.
      expect((luminance(paint(code.color)) + 0.05) / 0.05, code.name).toBeGreaterThanOrEqual(7);
    }
  });

  it('gives siblings shades that stay distinguishable when painted', () => {
    for (const category of STARTER_CODEBOOK) {
      category.children.forEach((a, i) => {
        for (const b of category.children.slice(i + 1)) {
          expect(deltaE(a.color, b.color), `${a.name} / ${b.name}`).toBeGreaterThanOrEqual(10);
        }
      });
    }
  });

  it('keeps each category to its own hue family', () => {
    for (const category of STARTER_CODEBOOK) {
      for (const child of category.children) {
        const own = hueDistance(hue(child.color), hue(category.color));
        for (const other of STARTER_CODEBOOK.filter((c) => c !== category)) {
          expect(own, `${child.name} vs ${other.name}`).toBeLessThan(hueDistance(hue(child.color), hue(other.color)));
        }
      }
    }
  });
});

describe('STARTER_DOCUMENTS', () => {
  it('lists each demo text once, with a human name', () => {
    const files = STARTER_DOCUMENTS.map((doc) => doc.file);
    expect(new Set(files).size).toBe(3);
    expect([...files].sort()).toEqual(readdirSync(fileURLToPath(SOURCE_CORPUS)).filter((f) => f.endsWith('.txt')).sort());
    for (const doc of STARTER_DOCUMENTS) expect(doc.name.trim()).not.toBe('');
  });

  it('ships copies byte-identical to the corpus as collected', () => {
    const shipped = readdirSync(fileURLToPath(SHIPPED_CORPUS)).filter((f) => f.endsWith('.txt')).sort();
    expect(shipped).toEqual(STARTER_DOCUMENTS.map((doc) => doc.file).sort());
    for (const file of shipped) {
      expect(readFileSync(new URL(file, SHIPPED_CORPUS)).equals(readFileSync(new URL(file, SOURCE_CORPUS))), file).toBe(true);
    }
  });
});

describe('flattenStarterCodebook', () => {
  const projectId = 'p' as ProjectId;
  const counter = (): (() => string) => {
    let n = 0;
    return () => `id-${++n}`;
  };
  const leaf = (name: string): StarterCode => ({
    name, color: '#336699', description: name, definition: '', inclusion: '', exclusion: '', examples: [], isCodable: true, children: [],
  });

  it('puts parents before children and links each child to its parent with its order among siblings', () => {
    const tree: StarterCode[] = [
      { ...leaf('A'), isCodable: false, children: [leaf('A1'), { ...leaf('A2'), children: [leaf('A2a')] }] },
      leaf('B'),
    ];
    const codes = flattenStarterCodebook(tree, counter(), projectId);
    expect(codes.map((c) => [c.id, c.name, c.parentId, c.order])).toEqual([
      ['id-1', 'A', null, 0],
      ['id-2', 'A1', 'id-1', 0],
      ['id-3', 'A2', 'id-1', 1],
      ['id-4', 'A2a', 'id-3', 0],
      ['id-5', 'B', null, 1],
    ]);
    expect(codes.every((c) => c.projectId === projectId)).toBe(true);
    expect(codes[0]?.isCodable).toBe(false);
  });

  it('joins anchor examples one per line', () => {
    const [code] = flattenStarterCodebook([{ ...leaf('A'), examples: ['first quote', 'second quote'] }], counter(), projectId);
    expect(code?.examples).toBe('first quote\nsecond quote');
  });

  it('turns the starter codebook into 24 codes under 3 top-level categories', () => {
    const codes = flattenStarterCodebook(STARTER_CODEBOOK, counter(), projectId);
    expect(codes).toHaveLength(24);
    const top = codes.filter((c) => c.parentId === null);
    expect(top.map((c) => [c.name, c.order])).toEqual([['Framing', 0], ['Actor', 1], ['Harm claim', 2]]);
    for (const category of top) {
      const kids = codes.filter((c) => c.parentId === category.id);
      const starter = STARTER_CODEBOOK.find((s) => s.name === category.name);
      expect(kids.map((c) => c.name)).toEqual(starter?.children.map((s) => s.name));
      expect(kids.map((c) => c.order)).toEqual(kids.map((_, i) => i));
    }
    expect(new Set(codes.map((c) => c.id)).size).toBe(24);
  });
});
