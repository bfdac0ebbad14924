/**
 * The coder view's controls above the document: whose codings are shown (all coders, only mine,
 * only others), colour by coder (with a legend of the coders' colours), and blind coding. The
 * same choices are in the View menu; the workbench owns them (useCoderView) and this bar only
 * shows and changes them. While blind coding is on, the filter shows "Only mine" and the other
 * choices are disabled: blind coding decides.
 */
import { effectiveCoderFilter, type CoderFilter, type CoderView } from '../../../shared/coding/coderView.ts';
import type { Coder } from '../../../shared/model/index.ts';
import './coderView.css';

const FILTER_CHOICES: readonly { filter: CoderFilter; label: string; title: string }[] = [
  { filter: 'all', label: 'All coders', title: 'Show every coder’s codings' },
  { filter: 'mine', label: 'Only mine', title: 'Show only the codings you made' },
  { filter: 'others', label: 'Only others', title: 'Show only the other coders’ codings' },
];

interface CoderViewBarProps {
  view: CoderView;
  coder: Coder;
  coders: readonly Coder[];
  onFilter(filter: CoderFilter): void;
  onToggleColorBy(): void;
  onToggleBlind(): void;
}

export function CoderViewBar({ view, coder, coders, onFilter, onToggleColorBy, onToggleBlind }: CoderViewBarProps) {
  const shown = effectiveCoderFilter(view);
  const isColoredByCoder = view.colorBy === 'coder';
  // Blind, only the current coder's codings are on screen, so only their colour means anything.
  const legend = view.isBlind ? [coder] : coders;
  return (
    <div className="coder-view-bar" role="toolbar" aria-label="Coder view">
      <span className="coder-view-caption" id="coder-filter-caption">Codings of</span>
      <div className="segmented" role="radiogroup" aria-labelledby="coder-filter-caption" onKeyDown={(event) => chooseByArrow(event, shown, view.isBlind, onFilter)}>
        {FILTER_CHOICES.map(({ filter, label, title }) => (
          <button
            key={filter}
            type="button"
            role="radio"
            aria-checked={shown === filter}
            // One stop for Tab; the arrows move between the choices, as in any radio group.
            tabIndex={shown === filter ? 0 : -1}
            disabled={view.isBlind && filter !== 'mine'}
            title={view.isBlind && filter !== 'mine' ? 'Blind coding is on: only your codings are shown' : title}
            onClick={() => onFilter(filter)}
          >
            {label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="coder-view-toggle"
        aria-pressed={isColoredByCoder}
        title={isColoredByCoder ? 'Codings are coloured by coder; click to colour them by code' : 'Colour codings by the coder who made them instead of by code'}
        onClick={onToggleColorBy}
      >
        Colour by coder
      </button>
      <button
        type="button"
        className="coder-view-toggle blind-toggle"
        aria-pressed={view.isBlind}
        title={view.isBlind ? 'Blind coding is on: other coders’ codings are hidden while you code; click to show them again' : 'Hide every other coder’s codings while you code (Compare coders still compares everyone)'}
        onClick={onToggleBlind}
      >
        Blind coding
      </button>
      {isColoredByCoder && (
        <ul className="coder-legend" aria-label="Colours by coder">
          {legend.map((c) => (
            <li key={c.id}>
              <span className="color-dot" style={{ background: c.color }} />
              {c.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** ← → (or ↑ ↓) in the filter choose the previous or next choice and move the focus to it. */
function chooseByArrow(event: React.KeyboardEvent<HTMLElement>, shown: CoderFilter, isBlind: boolean, onFilter: (filter: CoderFilter) => void): void {
  const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
  // Blind, "Only mine" is the one choice there is.
  if (step === 0 || isBlind) return;
  event.preventDefault();
  const count = FILTER_CHOICES.length;
  const index = FILTER_CHOICES.findIndex((choice) => choice.filter === shown);
  const next = (index + step + count) % count;
  onFilter(FILTER_CHOICES[next]!.filter);
  event.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]')[next]?.focus();
}

/** In the top bar while blind coding is on, so nobody forgets it (and the others' hidden work). */
export function BlindCodingBadge() {
  return (
    <span className="blind-badge" data-testid="blind-badge" title="Blind coding is on: other coders’ codings are hidden while you code. Turn it off in the View menu or above the document.">
      Blind coding
    </span>
  );
}
