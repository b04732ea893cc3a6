/**
 * Cuts a document into runs for highlighting: every item's span [start, end) becomes a boundary, and
 * each run lists the spans that cover it, outermost first, so marks nest (a target inside a task inside
 * a section's content) and the innermost one answers a click.
 */
import type { Kind } from "./labels";

export interface Span {
  key: string;
  kind: Kind;
  start: number;
  end: number;
  rejected?: boolean;
}

export interface Run {
  start: number;
  end: number;
  covering: Span[];
}

export function runs(from: number, to: number, spans: readonly Span[]): Run[] {
  const inside = spans
    .filter((s) => s.end > s.start && s.end > from && s.start < to)
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }));
  const cuts = new Set<number>([from, to]);
  for (const s of inside) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Sorted by start, so each run only scans spans that have begun.
  const byStart = [...inside].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Run[] = [];
  let open: Span[] = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    while (next < byStart.length && (byStart[next] as Span).start <= a) open.push(byStart[next++] as Span);
    open = open.filter((s) => s.end > a);
    const covering = open
      .filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => y.end - y.start - (x.end - x.start));
    out.push({ start: a, end: b, covering });
  }
  return out;
}

/** Where a unit's name stands inside its task's source span (the API keeps the name as written). */
export function findInside(
  text: string,
  start: number,
  end: number,
  needle: string,
): [number, number] | null {
  if (!needle) return null;
  const at = text.indexOf(needle, start);
  return at >= 0 && at + needle.length <= end ? [at, at + needle.length] : null;
}
