/**
 * Help → Keyboard shortcuts. The menu shortcuts are read from the same description the menus
 * are drawn from (shared/menu.ts), for the build that is running; the coding keys, which no
 * menu shows, are listed below them.
 */
import { useEffect, useRef } from 'react';
import { acceleratorFor, formatAccelerator, MENUS, plainTitle } from '../../shared/menu.ts';
import { isMac, menuHost } from './menuHost.ts';

const primary = isMac ? '⌘' : 'Ctrl';

/** Keys no menu item shows: coding in the document and moving through the codebook. */
export const CODING_SHORTCUTS: [string, string][] = [
  ['Document: ← → ↑ ↓, Home, End', 'Move the caret in the document (click in it or Tab to it first)'],
  ['Document: Shift + ← → ↑ ↓, Home, End', 'Select by character, line or to the line’s start or end (add Ctrl/⌘ for words)'],
  ['Document: Ctrl/⌘ + A', 'Select the whole text of the document'],
  ['Document: Escape', 'Let go of the selection'],
  ['F3 / Shift+F3', 'Next / previous hit of the find bar (Enter / Shift+Enter in its field); Escape closes it'],
  ['1 – 9', 'Apply the code that holds that quick key (shown in the codebook) to the selection'],
  [`${primary}+Shift+K`, 'Code in vivo: a new code named after the selected words'],
  ['Ctrl+Y', 'Redo (as well as the Redo shortcut above)'],
  ['Right-click the selection', 'Open the code picker (its “Add memo instead” writes a memo on the passage)'],
  ['Click a coded spot', 'See the codes and coders there; change, remove or resize a coding; add a memo'],
  ['Documents: Shift+F10', 'The focused document’s menu: open, add memo, rename, delete'],
  ['Memo mark: Enter', 'Open the memo (or choose one when several share the mark); Escape closes the preview'],
  ['Codebook: ↑ ↓ ← →', 'Move through the code tree, collapse and expand'],
  ['Codebook: Enter', 'Apply the focused code to the selection'],
  ['Codebook: F2 / Delete', 'Rename / delete the focused code'],
  ['Codebook: Alt + ↑ ↓', 'Move the code up or down among its siblings'],
  ['Codebook: Alt + → ←', 'Make it a sub-code of the code above / move it up a level'],
  ['Panel edge: ← →', 'Make the focused panel divider narrower or wider'],
  ['Review mode: J or N / K or P', 'Next / previous disagreement in the document'],
  ['Review mode: Escape', 'Leave review mode, back to the normal view'],
  ['Review list: J or ↓ / K or ↑', 'Next / previous disagreement'],
  ['Review list: 1 – 9, B, U, I, N', 'Keep that coder’s version, both, union, intersection, neither'],
  ['Review list: O', 'Open the disagreement’s document in review mode, at that place'],
  ['?', 'This list'],
];

/** The menu items that have a shortcut in this build, as [keys, "Menu → Item"]. */
export function menuShortcuts(): [string, string][] {
  const rows: [string, string][] = [];
  if (menuHost === 'web') rows.push(['F10 or Alt', 'Go to the menu bar']);
  for (const menu of MENUS) {
    for (const entry of menu.items) {
      if (entry.kind !== 'command') continue;
      const accelerator = acceleratorFor(entry, menuHost);
      if (accelerator) rows.push([formatAccelerator(accelerator, isMac), `${plainTitle(menu.title)} → ${entry.label}`]);
    }
  }
  return rows;
}

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const sections: [string, [string, string][]][] = [
    ['Menus', menuShortcuts()],
    ['Coding and the codebook', CODING_SHORTCUTS],
  ];
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcuts-title" className="shortcuts-dialog">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <div className="shortcuts-sections">
        {sections.map(([title, rows]) => (
          <section key={title} aria-label={title}>
            <h3 className="shortcuts-section">{title}</h3>
            <table className="shortcuts">
              <tbody>
                {rows.map(([keys, what]) => (
                  <tr key={keys}>
                    <th scope="row"><kbd>{keys}</kbd></th>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <form method="dialog">
        <button type="submit" className="primary">Close</button>
      </form>
    </dialog>
  );
}
