/**
 * Text with search hits wrapped in `<mark>`: the ranges come from shared/memos/query.ts in
 * UTF-16 units of `text`, sorted and not overlapping.
 */
import type { HitRange } from '../../../../shared/memos/query.ts';

export function Marked({ text, hits }: { text: string; hits: readonly HitRange[] }) {
  if (hits.length === 0) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  hits.forEach((hit, i) => {
    if (hit.start > at) parts.push(text.slice(at, hit.start));
    parts.push(<mark key={i}>{text.slice(hit.start, hit.end)}</mark>);
    at = hit.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
