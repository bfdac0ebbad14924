import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { comparisonReportDocx, comparisonReportMarkdown, type ComparisonReportInput } from '../../../../shared/agreement/comparisonReport.ts';
import type { CodeId } from '../../../../shared/model/index.ts';

const figure = (value: number | null) => (value === null ? { value, reason: 'No variation: every unit was coded the same.' } : { value });
const figures = (kappa: number | null) => ({ percentAgreement: figure(0.95), cohenKappa: figure(kappa), fleissKappa: figure(kappa), alphaBinary: figure(kappa), cuAlpha: figure(kappa) });
const input: ComparisonReportInput = {
  projectName: 'Oakland | debate',
  table: {
    coders: ['Ana', 'Ben'],
    rows: [{ label: 'Framing / Victim', codeId: 'v' as CodeId, segments: [3, 2], units: 1000, figures: figures(0.81234) }],
    pooled: { label: 'All codes (pooled)', codeId: null, segments: [3, 2], units: 1000, figures: figures(null) },
  },
  method: 'Coders: Ana, Ben. Unit of analysis: the character.',
  warnings: ['Ben made no codings in one document.'],
  disagreements: [{ kind: 'boundaries', documentName: 'Interview 1', start: 0, end: 14, passage: 'We met at the\ncentre', versions: [{ coder: 'Ana', codings: [{ code: 'Victim', start: 0, end: 10 }] }, { coder: 'Ben', codings: [] }] }],
  generatedAt: '2026-12-02T10:00:00.000Z',
  appVersion: '0.1.0',
};

describe('comparisonReportMarkdown', () => {
  const md = comparisonReportMarkdown(input);
  it('states date, version, method, formulas with citations', () => {
    expect(md).toContain('Generated on 2026-12-02 by Marginalia 0.1.0.');
    expect(md).toContain('Coders: Ana, Ben. Unit of analysis: the character.');
    expect(md).toContain('Cohen, J. (1960)');
    expect(md).toContain('Krippendorff, K. (1995)');
  });
  it('prints the table rounded to three decimals with a dash for undefined figures', () => {
    expect(md).toContain('| Code | Ana segments | Ben segments | Units | Agreement | Cohen’s κ | Fleiss’ κ | α-binary | cuα |');
    expect(md).toContain('| Framing / Victim | 3 | 2 | 1000 | 0.950 | 0.812 | 0.812 | 0.812 | 0.812 |');
    expect(md).toContain('| **All codes (pooled)** | 3 | 2 | 1000 | 0.950 | — | — | — | — |');
  });
  it('quotes each disagreement with what each coder did', () => {
    expect(md).toContain('### 1. Boundaries differ: Interview 1, characters 0–14');
    expect(md).toContain('> We met at the centre');
    expect(md).toContain('- Ana: Victim (0–10)');
    expect(md).toContain('- Ben: nothing coded');
  });
});

describe('comparisonReportDocx', () => {
  it('writes a Word document holding the method, the table and the disagreements', async () => {
    const bytes = await comparisonReportDocx(input);
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('Inter-coder agreement: Oakland | debate');
    expect(text).toContain('Coders: Ana, Ben. Unit of analysis: the character.');
    expect(text).toContain('0.812');
    expect(text).toContain('—');
    expect(text).toContain('1. Boundaries differ: Interview 1, characters 0–14');
    expect(text).toContain('nothing coded');
    expect(xml).toContain('<w:tbl>');
  });
});
