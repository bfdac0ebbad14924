/** The current coder, always visible; switch to another coder or add one. */
import { useEffect, useRef, useState } from 'react';
import type { Coder } from '../../../shared/model/index.ts';
import type { MarginaliaDatabase } from '../../db/database.ts';
import { createCoder, updateCoder } from '../../db/coderRepository.ts';
import { writeSetting } from '../../db/settingsRepository.ts';
import type { NoticeKind } from '../../ui/workspace.tsx';
import { CODER_COLORS } from './CoderSetup.tsx';

interface CoderSwitcherProps {
  db: MarginaliaDatabase;
  coder: Coder;
  coders: Coder[];
  notify(message: string, kind?: NoticeKind): void;
}

export function CoderSwitcher({ db, coder, coders, notify }: CoderSwitcherProps) {
  const [open, setOpen] = useState(false);
  const [newName, setNewName] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  const fail = (e: unknown) => notify(e instanceof Error ? e.message : String(e), 'error');

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);

  return (
    <div className="coder-switcher" ref={ref}>
      <button type="button" className="coder-chip" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(!open)} title="The coder recorded on every coding you make">
        <span className="color-dot" style={{ background: coder.color }} />
        <span className="visually-hidden">Current coder: </span>
        {coder.name}
      </button>
      {open && (
        <div className="menu-popup coder-popup" role="dialog" aria-label="Coders" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <p className="panel-title">Coding as</p>
          <ul>
            {coders.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  aria-current={c.id === coder.id ? 'true' : undefined}
                  onClick={() => {
                    setOpen(false);
                    writeSetting(db, 'currentCoderId', c.id).then(() => notify(`Now coding as ${c.name}.`), fail);
                  }}
                >
                  <span className="color-dot" style={{ background: c.color }} /> {c.name} {c.id === coder.id ? '✓' : ''}
                </button>
              </li>
            ))}
          </ul>
          <label className="field inline">
            <span>Your colour</span>
            <input type="color" value={coder.color} onChange={(e) => updateCoder(db, coder.id, { color: e.target.value }).catch(fail)} />
          </label>
          <form
            className="new-coder"
            onSubmit={(event) => {
              event.preventDefault();
              createCoder(db, newName, CODER_COLORS[coders.length % CODER_COLORS.length]!).then(() => {
                notify(`Now coding as ${newName.trim()}.`);
                setNewName('');
                setOpen(false);
              }, fail);
            }}
          >
            <input type="text" aria-label="New coder's name" placeholder="Add a coder…" value={newName} onChange={(e) => setNewName(e.target.value)} />
            <button type="submit" disabled={!newName.trim()}>Add</button>
          </form>
        </div>
      )}
    </div>
  );
}
