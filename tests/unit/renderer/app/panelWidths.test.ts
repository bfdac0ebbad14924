import { describe, expect, it } from 'vitest';
import { DEFAULT_PANEL_WIDTHS, PANEL_LIMITS, storedPanelWidths } from '../../../../renderer/app/usePanelWidths.ts';

describe('storedPanelWidths', () => {
  it('keeps widths within the limits', () => {
    expect(storedPanelWidths({ documents: 300, codebook: 600 })).toEqual({ documents: 300, codebook: 600 });
  });

  it('falls back to the default for a missing, wrong or out-of-range width', () => {
    expect(storedPanelWidths({ documents: PANEL_LIMITS.documents.min - 1, codebook: 'wide' })).toEqual(DEFAULT_PANEL_WIDTHS);
    expect(storedPanelWidths({ codebook: PANEL_LIMITS.codebook.max + 1, documents: Number.NaN })).toEqual(DEFAULT_PANEL_WIDTHS);
    expect(storedPanelWidths(null)).toEqual(DEFAULT_PANEL_WIDTHS);
    expect(storedPanelWidths({ codebook: 500 })).toEqual({ documents: DEFAULT_PANEL_WIDTHS.documents, codebook: 500 });
  });
});
