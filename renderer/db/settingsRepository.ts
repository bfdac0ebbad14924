/** Small per-installation settings: the current project and coder, UI preferences. */
import type { MarginaliaDatabase } from './database.ts';

/** `coderView:<projectId>`: whose codings a project's document view shows, and how (per project). */
export type SettingKey = 'currentProjectId' | 'currentCoderId' | 'marginVisible' | 'codebookExpanded' | 'panelWidths' | `coderView:${string}`;

export async function readSetting<T>(db: MarginaliaDatabase, key: SettingKey): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function writeSetting(db: MarginaliaDatabase, key: SettingKey, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
