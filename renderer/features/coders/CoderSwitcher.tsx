/** The current coder, always visible; switch to another coder or add one. */
import { useEffect, useRef, useState } from 'react';
import { useWorkspace } from '../../ui/workspace.tsx';
import { useCoderActions, useCoders } from './useCoders.ts';

export function CoderSwitcher() {
  const { coder } = useWorkspace();
  const coders = useCoders() ?? [];
  const actions = useCoderActions();
  const [open, setOpen] = useState(false);
  const [newName, setNewName] = useState('');
  const ref = useRef<HTMLDivElement>(null);

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
                    void actions.switchTo(c);
                  }}
                >
                  <span className="color-dot" style={{ background: c.color }} /> {c.name} {c.id === coder.id ? '✓' : ''}
                </button>
              </li>
            ))}
          </ul>
          <label className="field inline">
            <span>Your colour</span>
            <input type="color" value={coder.color} onChange={(e) => void actions.recolour(e.target.value)} />
          </label>
          <form
            className="new-coder"
            onSubmit={(event) => {
              event.preventDefault();
              void actions.add(newName, coders.length).then((isAdded) => {
                if (!isAdded) return;
                setNewName('');
                setOpen(false);
              });
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
