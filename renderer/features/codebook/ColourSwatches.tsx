/**
 * The code palette as a row of swatches: one Tab stop, arrow keys move between swatches,
 * Enter/Space or a click picks. Each swatch is named by its colour for screen readers.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { CODE_PALETTE } from '../../../shared/common/colors.ts';

const PALETTE_NAMES: Record<string, string> = {
  '#e6194b': 'Red',
  '#3cb44b': 'Green',
  '#4363d8': 'Blue',
  '#f58231': 'Orange',
  '#911eb4': 'Purple',
  '#42d4f4': 'Cyan',
  '#f032e6': 'Magenta',
  '#9a6324': 'Brown',
  '#469990': 'Teal',
  '#bfef45': 'Lime',
  '#808000': 'Olive',
  '#4b6cb7': 'Slate blue',
  '#000075': 'Navy',
};

/** A readable name for a colour of the palette, or its hex value. */
export function colourName(hex: string): string {
  return PALETTE_NAMES[hex.toLowerCase()] ?? hex;
}

interface ColourSwatchesProps {
  /** The current colour, `#rrggbb`. */
  value: string;
  onPick(color: string): void;
  /** Names the group, e.g. "Palette". */
  label: string;
  autoFocus?: boolean;
}

export function ColourSwatches({ value, onPick, label, autoFocus }: ColourSwatchesProps) {
  const current = CODE_PALETTE.findIndex((c) => c.toLowerCase() === value.toLowerCase());
  const [focusIndex, setFocusIndex] = useState(Math.max(0, current));
  const groupRef = useRef<HTMLDivElement>(null);

  const moveFocus = (index: number) => {
    const next = (index + CODE_PALETTE.length) % CODE_PALETTE.length;
    setFocusIndex(next);
    groupRef.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) moveFocus(focusIndex + moves[event.key]!);
    else if (event.key === 'Home') moveFocus(0);
    else if (event.key === 'End') moveFocus(CODE_PALETTE.length - 1);
    else return;
    event.preventDefault();
  };

  return (
    <div ref={groupRef} className="colour-swatches" role="group" aria-label={label} onKeyDown={onKeyDown}>
      {CODE_PALETTE.map((color, index) => (
        <button
          key={color}
          type="button"
          className="colour-swatch"
          style={{ background: color }}
          aria-label={colourName(color)}
          title={colourName(color)}
          aria-pressed={index === current}
          tabIndex={index === focusIndex ? 0 : -1}
          data-autofocus={autoFocus && index === focusIndex ? true : undefined}
          onFocus={() => setFocusIndex(index)}
          onClick={() => onPick(color)}
        />
      ))}
    </div>
  );
}
