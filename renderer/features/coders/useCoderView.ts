/**
 * The coder view of one project (coder filter, colour by coder, blind coding), remembered per
 * project in the settings so a coder working blind stays blind after a reload. `null` while the
 * stored view is read: the document waits for it, so a blind coder never glimpses the others'
 * codings for a frame.
 */
import { useCallback, useEffect, useState } from 'react';
import { parseCoderView, type CoderView } from '../../../shared/coding/coderView.ts';
import type { ProjectId } from '../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { readSetting, writeSetting } from '../../db/settingsRepository.ts';

export function useCoderView(db: MarginaliaDatabase, projectId: ProjectId): { view: CoderView | null; update(change: (view: CoderView) => CoderView): void } {
  const [view, setView] = useState<CoderView | null>(null);
  const key = `coderView:${projectId}` as const;

  useEffect(() => {
    let isCurrent = true;
    setView(null);
    void readSetting(db, key).then((stored) => {
      if (isCurrent) setView(parseCoderView(stored));
    });
    return () => {
      isCurrent = false;
    };
  }, [db, key]);

  const update = useCallback(
    (change: (view: CoderView) => CoderView) => {
      setView((current) => {
        if (!current) return current;
        const next = change(current);
        void writeSetting(db, key, next);
        return next;
      });
    },
    [db, key],
  );
  return { view, update };
}
