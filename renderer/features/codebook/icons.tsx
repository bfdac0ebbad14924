/** The few line icons of the codebook, drawn in `currentColor` and hidden from screen readers. */

const common = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true, focusable: false } as const;

export function EyeIcon({ isOpen }: { isOpen: boolean }) {
  return (
    <svg {...common}>
      <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8Z" />
      <circle cx="8" cy="8" r="2" />
      {!isOpen && <path d="M2.5 13.5 13.5 2.5" />}
    </svg>
  );
}

export function ChevronIcon() {
  return (
    <svg {...common} width={12} height={12}>
      <path d="M6 3.5 10.5 8 6 12.5" />
    </svg>
  );
}

/** A folder tinted with the category's colour. */
export function FolderIcon({ color }: { color: string }) {
  return (
    <svg {...common} className="code-folder" stroke={color}>
      <path d="M1.75 4.25a1 1 0 0 1 1-1h3.3l1.5 1.5h5.7a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H2.75a1 1 0 0 1-1-1Z" fill={color} fillOpacity={0.22} />
    </svg>
  );
}

export function PlusIcon() {
  return (
    <svg {...common} width={14} height={14}>
      <path d="M8 3v10M3 8h10" />
    </svg>
  );
}

export function SearchIcon() {
  return (
    <svg {...common} width={14} height={14}>
      <circle cx="7" cy="7" r="4.25" />
      <path d="m10.25 10.25 3.25 3.25" />
    </svg>
  );
}
