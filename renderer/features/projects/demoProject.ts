/**
 * The demo project Marginalia opens with on first run: the three documents of the demo corpus
 * (shipped inside the app, unchanged), the starter codebook written out in full, and the codings
 * of two example coders (shared/demo/demoCodings.ts), so Compare coders and Review
 * disagreements have something to show before the researcher has coded anything.
 *
 * Everything is written in one transaction: a first run never shows half a demo. The example
 * coders are shared by every demo project (fixed ids) and never become the current coder.
 */
import { DEMO_CODERS, DEMO_CODINGS, planDemoSegments } from '../../../shared/demo/demoCodings.ts';
import { STARTER_CODEBOOK, STARTER_DOCUMENTS, flattenStarterCodebook } from '../../../shared/demo/starterCodebook.ts';
import type { Project, ProjectId } from '../../../shared/model/index.ts';
import { addMissingCoders } from '../../db/coderRepository.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { listDocuments, readDocumentText } from '../../db/documentRepository.ts';
import { newId, now } from '../../db/ids.ts';
import { createProject } from '../../db/projectRepository.ts';
import { addProjectSegments } from '../../db/segmentRepository.ts';

const corpusTexts = import.meta.glob('../../demo/corpus/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const DEMO_PROJECT_NAME = 'Demo: Oakland anti-trafficking debate';

export async function createDemoProject(db: MarginaliaDatabase): Promise<Project> {
  const documents = STARTER_DOCUMENTS.map((doc) => {
    const text = corpusTexts[`../../demo/corpus/${doc.file}`];
    if (text === undefined) throw new Error(`The demo document ${doc.file} is missing from this build.`);
    return { name: doc.name, text, origin: 'demo' as const };
  });
  // Codes get their real project id inside createProject; the placeholder only satisfies the type.
  const codes = flattenStarterCodebook(STARTER_CODEBOOK, () => newId(), '' as ProjectId);
  return db.transaction('rw', [db.projects, db.documents, db.documentTexts, db.codes, db.settings, db.coders, db.segments], async () => {
    const project = await createProject(db, DEMO_PROJECT_NAME, { documents, codes });
    // The documents were added in STARTER_DOCUMENTS order; quotes are found in the stored
    // (line-ending normalised) texts, the ones the offsets will be read against.
    const rows = await listDocuments(db, project.id);
    const placed = await Promise.all(
      rows.map(async (row, i) => ({ file: STARTER_DOCUMENTS[i]!.file, id: row.id, text: (await readDocumentText(db, row.id)) ?? '' })),
    );
    const segments = planDemoSegments(DEMO_CODINGS, {
      projectId: project.id,
      documents: placed,
      codes: codes.map((c) => ({ ...c, projectId: project.id })),
      makeId: () => newId(),
      createdAt: now(),
    });
    await addMissingCoders(db, DEMO_CODERS);
    await addProjectSegments(db, segments);
    return project;
  });
}
