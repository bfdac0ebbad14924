/** Help → Keyboard shortcuts. */
import { useEffect, useRef } from 'react';

export const SHORTCUTS: [string, string][] = [
  ['Document: ← → ↑ ↓, Home, End', 'Move the caret in the document (click in it or Tab to it first)'],
  ['Document: Shift + ← → ↑ ↓, Home, End', 'Select by character, line or to the line’s start or end (add Ctrl/⌘ for words)'],
  ['Document: Ctrl/⌘ + A', 'Select the whole text of the document'],
  ['Document: Escape', 'Let go of the selection'],
  ['1 – 9', 'Apply one of the first nine codes (numbered in the codebook) to the selection'],
  ['Ctrl/⌘ + K', 'Open the code picker for the selection (also: right-click the selection)'],
  ['Ctrl/⌘ + Shift + K', 'Code in vivo: a new code named after the selected words'],
  ['Ctrl/⌘ + Z', 'Undo the last coding or codebook change'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Click a coded spot', 'See the codes and coders there; change, remove or resize a coding'],
  ['Codebook: ↑ ↓ ← →', 'Move through the code tree, collapse and expand'],
  ['Codebook: Enter', 'Apply the focused code to the selection'],
  ['Codebook: F2 / Delete', 'Rename / delete the focused code'],
  ['Codebook: Alt + ↑ ↓', 'Move the code up or down among its siblings'],
  ['Codebook: Alt + → ←', 'Make it a sub-code of the code above / move it up a level'],
  ['?', 'This list'],
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row"><kbd>{keys}</kbd></th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary">Close</button>
      </form>
    </dialog>
  );
}
