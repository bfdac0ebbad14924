/**
 * The widths of the documents panel and the codebook panel, which the researcher sets by
 * dragging their dividers, remembered across reloads (the `panelWidths` setting).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MarginaliaDatabase } from '../db/database.ts';
import { readSetting, writeSetting } from '../db/settingsRepository.ts';

export interface PanelWidths {
  documents: number;
  codebook: number;
}

export type PanelName = keyof PanelWidths;

export const DEFAULT_PANEL_WIDTHS: PanelWidths = { documents: 240, codebook: 330 };
export const PANEL_LIMITS: Record<PanelName, { min: number; max: number }> = {
  documents: { min: 160, max: 520 },
  codebook: { min: 240, max: 760 },
};

function isWidth(value: unknown, panel: PanelName): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= PANEL_LIMITS[panel].min && value <= PANEL_LIMITS[panel].max;
}

/** The stored widths, each replaced by its default when missing or outside its limits. */
export function storedPanelWidths(stored: unknown): PanelWidths {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    documents: isWidth(record['documents'], 'documents') ? record['documents'] : DEFAULT_PANEL_WIDTHS.documents,
    codebook: isWidth(record['codebook'], 'codebook') ? record['codebook'] : DEFAULT_PANEL_WIDTHS.codebook,
  };
}

export function usePanelWidths(db: MarginaliaDatabase) {
  const [widths, setWidths] = useState<PanelWidths>(DEFAULT_PANEL_WIDTHS);
  const hasChanged = useRef(false);

  useEffect(() => {
    let isCurrent = true;
    void readSetting<unknown>(db, 'panelWidths').then((stored) => {
      // A drag that began before the read finished wins over the stored widths.
      if (!isCurrent || hasChanged.current || stored === undefined) return;
      setWidths(storedPanelWidths(stored));
    });
    return () => {
      isCurrent = false;
    };
  }, [db]);

  const resize = useCallback((panel: PanelName, width: number) => {
    hasChanged.current = true;
    setWidths((current) => ({ ...current, [panel]: width }));
  }, []);

  const latest = useRef(widths);
  latest.current = widths;
  const commit = useCallback(
    (panel: PanelName, width: number) => {
      void writeSetting(db, 'panelWidths', { ...latest.current, [panel]: width } satisfies PanelWidths);
    },
    [db],
  );

  return { widths, resize, commit };
}
