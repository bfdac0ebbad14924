/**
 * The application root: opens the database, makes sure there is a coder and a project (first
 * run: the researcher names themself, and the demo project is created), then shows the
 * workbench for the current project and coder.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { MarginaliaDatabase } from '../db/database.ts';
import { readSession } from '../db/sessionRepository.ts';
import { bridge } from '../platform/bridge.ts';
import { exposeForTests } from '../platform/testHooks.ts';
import { createDemoProject } from '../features/projects/demoProject.ts';
import { CoderSetup } from '../features/coders/CoderSetup.tsx';
import { Workbench } from './Workbench.tsx';
import { errorMessage } from '../../shared/common/errors.ts';

const db = new MarginaliaDatabase();
// For the end-to-end tests and the benchmark, which inspect what was stored (test builds only).
exposeForTests('marginaliaDb', db);

/** The first-run demo project, created at most once per page (effects may run twice). */
let demoCreation: Promise<unknown> | null = null;

export function App() {
  const session = useLiveQuery(() => readSession(db), []);
  const [startupError, setStartupError] = useState<string | null>(null);

  // First run: the demo project, so there is something to read and code straight away.
  useEffect(() => {
    if (!session || session.hasProjects || demoCreation) return;
    demoCreation = createDemoProject(db).catch((error: unknown) => setStartupError(errorMessage(error)));
  }, [session]);

  if (startupError) return <div className="startup-message" role="alert">Marginalia could not start: {startupError}</div>;
  if (!session) return <div className="startup-message">Opening your projects…</div>;
  if (!session.hasCoders || !session.coder) return <CoderSetup db={db} firstRun={!session.hasCoders} />;
  if (!session.project) return <div className="startup-message">Preparing the demo project…</div>;
  return <Workbench key={session.project.id} db={db} bridge={bridge} project={session.project} coder={session.coder} />;
}
