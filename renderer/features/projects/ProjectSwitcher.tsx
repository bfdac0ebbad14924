/**
 * The current project, and the menu to switch, create, rename and delete projects and to write a
 * project memo; a memo mark beside the name when the project has memos of its own. It answers
 * File → New project.
 */
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../ui/ModalDialog.tsx';
import { useMenuCommand } from '../../ui/menuCommands.ts';
import { useWorkspace } from '../../ui/workspace.tsx';
import { useProjectActions, useProjects } from './useProjects.ts';
import { errorMessage } from '../../../shared/common/errors.ts';
import { MemoMark } from '../../editor/memoMarks/MemoMark.tsx';
import { useMemoIndex } from '../memos/marks/memoIndex.tsx';

type NameDialog = { kind: 'new' } | { kind: 'rename' } | null;

export function ProjectSwitcher() {
  const { project, writeMemo, openMemo } = useWorkspace();
  const projectMemos = useMemoIndex().project;
  const projects = useProjects() ?? [];
  const actions = useProjectActions();
  const [open, setOpen] = useState(false);
  const [nameDialog, setNameDialog] = useState<NameDialog>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useMenuCommand('file:new-project', () => setNameDialog({ kind: 'new' }));

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (event: PointerEvent) => {
      if (!menuRef.current?.parentElement?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);

  const item = (label: string, action: () => void, extra?: { current?: boolean; danger?: boolean }) => (
    <button
      type="button"
      role="menuitem"
      className={extra?.danger ? 'danger' : undefined}
      aria-current={extra?.current ? 'true' : undefined}
      onClick={() => {
        setOpen(false);
        action();
      }}
    >
      {extra?.current ? '✓ ' : ''}
      {label}
    </button>
  );

  return (
    <div className="project-switcher">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} className="project-button" title="Switch, create, rename or delete projects">
        <span className="muted">Project:</span> <strong>{project.name}</strong> ▾
      </button>
      {projectMemos.length > 0 && <MemoMark memos={projectMemos} on="on the project" onOpen={openMemo} className="is-row" />}
      {open && (
        <div
          role="menu"
          aria-label="Projects"
          className="menu-popup"
          ref={menuRef}
          onKeyDown={(event) => {
            const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
            const i = items.indexOf(document.activeElement as HTMLElement);
            if (event.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
            else if (event.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
            else if (event.key === 'Escape') setOpen(false);
            else return;
            event.preventDefault();
          }}
        >
          {projects.map((p) => item(p.name, () => void actions.switchTo(p), { current: p.id === project.id }))}
          <hr />
          {item('New project…', () => setNameDialog({ kind: 'new' }))}
          {item('New demo project', () => void actions.createDemo())}
          {item('Write project memo…', () => void writeMemo({ kind: 'project' }))}
          {item('Rename this project…', () => setNameDialog({ kind: 'rename' }))}
          {item('Delete this project…', () => setConfirmDelete(true), { danger: true })}
        </div>
      )}
      {nameDialog && (
        <ProjectNameDialog
          title={nameDialog.kind === 'new' ? 'New project' : 'Rename project'}
          initial={nameDialog.kind === 'new' ? '' : project.name}
          confirmLabel={nameDialog.kind === 'new' ? 'Create project' : 'Rename'}
          onCancel={() => setNameDialog(null)}
          onSubmit={async (name) => {
            await (nameDialog.kind === 'new' ? actions.create(name) : actions.rename(name));
            setNameDialog(null);
          }}
        />
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete “${project.name}”?`}
          confirmLabel="Delete project"
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void actions.remove();
          }}
        >
          All its documents, codes, codings and memos will be removed from this computer. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}

function ProjectNameDialog(props: { title: string; initial: string; confirmLabel: string; onCancel(): void; onSubmit(name: string): Promise<void> }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} onClose={props.onCancel} aria-labelledby="project-name-title">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit(name).catch((e: unknown) => setError(errorMessage(e)));
        }}
      >
        <h2 id="project-name-title">{props.title}</h2>
        <label className="field">
          <span>Project name</span>
          <input type="text" autoFocus value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        {error && <p role="alert" className="error-text">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>Cancel</button>
          <button type="submit" className="primary" disabled={!name.trim()}>{props.confirmLabel}</button>
        </div>
      </form>
    </dialog>
  );
}
