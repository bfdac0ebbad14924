/**
 * File → Import a teammate's coding…: a .qdpx from a colleague (ours, NVivo, ATLAS.ti, MAXQDA,
 * QualCoder) brings their codings into the open project under their own coders.
 *
 * Steps: choose the file → read it (a bad file says why in one sentence and changes nothing) →
 * a dialog shows how documents and codes were matched and asks, for each of their coders whose
 * name is one of ours, whether it is the same person → one undoable step writes it, and a notice
 * says what came across (with Undo).
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { TeammateImportPlan } from '../../../shared/agreement/teammateImport.ts';
import { errorMessage } from '../../../shared/common/errors.ts';
import type { CoderId, ProjectBundle } from '../../../shared/model/index.ts';
import { readQdpxAsync } from '../../../shared/refi/index.ts';
import { undoLastAction } from '../../db/history.ts';
import { applyTeammateImport, planTeammateImportInto } from '../../db/teammateRepository.ts';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { useMenuCommand } from '../../ui/menuCommands.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { PROJECT_IMPORT_FILTERS, plural, yieldToPaint } from '../exchange/exchangeFiles.ts';
import { streamCodec } from '../exchange/streamCodec.ts';
import './compare.css';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'failed'; fileName: string; message: string }
  | { kind: 'confirm'; fileName: string; theirs: ProjectBundle; plan: TeammateImportPlan };

/** Answers the File menu's teammate import and shows its dialogs. */
export function TeammateImportCommand() {
  const { db, bridge, project, notify } = useWorkspace();
  const [step, setStepState] = useState<Step>({ kind: 'idle' });
  const stepRef = useRef<Step>(step);
  const setStep = useCallback((next: Step) => {
    stepRef.current = next;
    setStepState(next);
  }, []);
  const close = () => setStep({ kind: 'idle' });

  const start = useCallback(async () => {
    if (stepRef.current.kind !== 'idle') return;
    const [file] = await bridge.openFiles({ title: 'Import a teammate’s coding', filters: PROJECT_IMPORT_FILTERS, allowMultiple: false });
    if (!file) return;
    setStep({ kind: 'reading', fileName: file.name });
    try {
      await yieldToPaint();
      const { bundle } = await readQdpxAsync(file.bytes, { codec: streamCodec });
      const plan = await planTeammateImportInto(db, project.id, bundle);
      setStep({ kind: 'confirm', fileName: file.name, theirs: bundle, plan });
    } catch (error) {
      setStep({ kind: 'failed', fileName: file.name, message: errorMessage(error) });
    }
  }, [bridge, db, project.id, setStep]);
  useMenuCommand('file:import-teammate', () => void start());

  const confirm = async (fileName: string, theirs: ProjectBundle, answers: Map<CoderId, CoderId | null>) => {
    const label = `Import coding from “${fileName}”`;
    setStep({ kind: 'reading', fileName });
    try {
      const outcome = await applyTeammateImport(db, project.id, theirs, answers, label);
      close();
      if (outcome.codings === 0 && outcome.newCodes === 0) {
        notify(`“${fileName}” brought no new codings: everything in it is already in this project.`);
        return;
      }
      const coders = outcome.newCoders.length ? `; new coders: ${outcome.newCoders.join(', ')}` : '';
      notify(`Imported ${plural(outcome.codings, 'coding')} and ${plural(outcome.newCodes, 'new code')} from “${fileName}”${coders}.`, 'info', {
        label: 'Undo',
        run: () => void undoLastAction(db, project.id).then((undone) => undone && notify(`Undid: ${undone}`)),
      });
    } catch (error) {
      setStep({ kind: 'failed', fileName, message: errorMessage(error) });
    }
  };

  if (step.kind === 'idle') return null;
  if (step.kind === 'reading') return <ReadingDialog fileName={step.fileName} />;
  if (step.kind === 'failed') return <FailedDialog fileName={step.fileName} message={step.message} onClose={close} />;
  return <ConfirmTeammateDialog fileName={step.fileName} plan={step.plan} onCancel={close} onImport={(answers) => void confirm(step.fileName, step.theirs, answers)} />;
}

function ReadingDialog({ fileName }: { fileName: string }) {
  const id = useId();
  return (
    <ModalDialog labelledBy={id} className="exchange-dialog">
      <h2 id={id} className="exchange-title">Reading “{fileName}”…</h2>
      <progress aria-label={`Reading ${fileName}`} />
    </ModalDialog>
  );
}

function FailedDialog({ fileName, message, onClose }: { fileName: string; message: string; onClose(): void }) {
  const id = useId();
  return (
    <ModalDialog labelledBy={id} onClose={onClose} role="alertdialog" className="exchange-dialog">
      <h2 id={id} className="exchange-title">Could not import coding from “{fileName}”</h2>
      <p className="exchange-error">{message}</p>
      <p className="muted">Nothing was changed.</p>
      <div className="dialog-actions">
        <button type="button" className="primary" data-autofocus onClick={onClose}>OK</button>
      </div>
    </ModalDialog>
  );
}

function ConfirmTeammateDialog({ fileName, plan, onCancel, onImport }: { fileName: string; plan: TeammateImportPlan; onCancel(): void; onImport(answers: Map<CoderId, CoderId | null>): void }) {
  const titleId = useId();
  const bodyId = useId();
  // A namesake is the same person only when the researcher says so.
  const [same, setSame] = useState<ReadonlyMap<CoderId, boolean>>(() => new Map());
  const matchedByText = plan.documents.map.size - plan.documents.byNameOnly.length;
  const skipped = plan.skipped.onUnmatchedDocuments + plan.skipped.outsideText;
  return (
    <ModalDialog labelledBy={titleId} describedBy={bodyId} onClose={onCancel} closeOnBackdrop={false} className="exchange-dialog teammate-dialog">
      <h2 id={titleId} className="exchange-title">Import coding from “{fileName}”</h2>
      <div id={bodyId} className="exchange-body">
        <p>
          {plural(plan.segments.length, 'coding')} will be added to this project under the teammate’s coders. Documents, codes and everything else
          already here stay as they are.
        </p>
        <ul className="teammate-facts">
          <li>{plural(matchedByText, 'document')} matched by identical text.</li>
          {plan.documents.byNameOnly.length > 0 && (
            <li>
              {plural(plan.documents.byNameOnly.length, 'document')} matched by name only (the texts differ, so their codings keep their positions as they are):{' '}
              {plan.documents.byNameOnly.map((p) => p.ours.name).join(', ')}.
            </li>
          )}
          {plan.documents.onlyTheirs.length > 0 && (
            <li>
              Not in this project, so their codings are left out: {plan.documents.onlyTheirs.map((d) => d.name).join(', ')}.
            </li>
          )}
          {plan.newCodes.length > 0 && <li>New codes added: {plan.newCodes.map((c) => c.name).join(', ')}.</li>}
          {plan.codesMatchedByPath > 0 && <li>{plural(plan.codesMatchedByPath, 'code')} matched by name and place in the codebook.</li>}
          {skipped > 0 && <li>{plural(skipped, 'coding')} left out (on documents not here, or past the end of a shorter text).</li>}
          {plan.skipped.alreadyHere > 0 && <li>{plural(plan.skipped.alreadyHere, 'coding')} already in this project, not added again.</li>}
          {plan.memosLeftOut > 0 && <li>{plural(plan.memosLeftOut, 'memo')} in the file are not imported: this brings coding only.</li>}
        </ul>
        <h3 className="teammate-subtitle">Coders</h3>
        <ul className="teammate-coders">
          {plan.coders.map(({ theirs, segments, sameAs }) => (
            <li key={theirs.id}>
              <strong>{theirs.name}</strong> — {plural(segments, 'coding')}
              {sameAs && (
                <fieldset className="teammate-same">
                  <legend>Is “{theirs.name}” the same person as your “{sameAs.name}”?</legend>
                  <label>
                    <input type="radio" name={`same-${theirs.id}`} checked={same.get(theirs.id) === true} onChange={() => setSame(new Map(same).set(theirs.id, true))} />
                    Yes, the same person: add to {sameAs.name}’s codings
                  </label>
                  <label>
                    <input type="radio" name={`same-${theirs.id}`} checked={same.get(theirs.id) !== true} onChange={() => setSame(new Map(same).set(theirs.id, false))} />
                    No, someone else: a new coder
                  </label>
                </fieldset>
              )}
            </li>
          ))}
        </ul>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>Cancel</button>
        <button
          type="button"
          className="primary"
          data-autofocus
          disabled={plan.segments.length === 0 && plan.newCodes.length === 0}
          onClick={() => onImport(new Map(plan.coders.map((c) => [c.theirs.id, c.sameAs && same.get(c.theirs.id) === true ? c.sameAs.id : null])))}
        >
          Import
        </button>
      </div>
    </ModalDialog>
  );
}
