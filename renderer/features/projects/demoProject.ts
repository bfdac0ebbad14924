/**
 * The demo project Marginalia opens with on first run: the three documents of the demo corpus
 * (shipped inside the app, unchanged) and the starter codebook written out in full.
 */
import { STARTER_CODEBOOK, STARTER_DOCUMENTS, flattenStarterCodebook } from '../../../shared/demo/starterCodebook.ts';
import type { ProjectId } from '../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { createProject } from '../../db/projectRepository.ts';

const corpusTexts = import.meta.glob('../../demo/corpus/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const DEMO_PROJECT_NAME = 'Demo: Oakland anti-trafficking debate';

export async function createDemoProject(db: MarginaliaDatabase) {
  const documents = STARTER_DOCUMENTS.map((doc) => {
    const text = corpusTexts[`../../demo/corpus/${doc.file}`];
    if (text === undefined) throw new Error(`The demo document ${doc.file} is missing from this build.`);
    return { name: doc.name, text, origin: 'demo' as const };
  });
  // Codes get their real project id inside createProject; the placeholder only satisfies the type.
  const codes = flattenStarterCodebook(STARTER_CODEBOOK, () => newId(), '' as ProjectId);
  return createProject(db, DEMO_PROJECT_NAME, { documents, codes });
}
