/**
 * The colour a coding is shown in (its stripe, its dot in the tooltip and the inspector): its
 * code's colour, or its coder's colour when the view is coloured by coder. The paint itself is
 * coloured by the painter's rules (highlightPainter.ts), from the same two colours.
 */
import type { ColorSource } from '../../shared/coding/coderView.ts';
import type { Code, Coder, Segment } from '../../shared/model/index.ts';

const UNKNOWN_COLOR = '#999';

export function segmentColor(
  segment: Pick<Segment, 'codeId' | 'coderId'>,
  colorBy: ColorSource,
  codesById: ReadonlyMap<string, Code>,
  codersById: ReadonlyMap<string, Coder>,
): string {
  const color = colorBy === 'coder' ? codersById.get(segment.coderId)?.color : codesById.get(segment.codeId)?.color;
  return color ?? UNKNOWN_COLOR;
}
