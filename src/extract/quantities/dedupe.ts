/**
 * One commitment, one item: within one plan, a value restated with the same wording (a page that
 * prints an article twice, a target list repeated in a task) is kept once, where it first appears.
 */
import type { DraftQuantity } from "../draft.js";

export function dedupe(items: DraftQuantity[], text: string): DraftQuantity[] {
  const seen = new Set<string>();
  const out: DraftQuantity[] = [];
  for (const q of items) {
    const byQuote = `${q.kind}|${q.value}|${q.unit}|${q.comparator}|${q.metric}|${text.slice(q.start, q.end)}`;
    const byMetric = `${q.kind}|${q.value}|${q.unit}|${q.comparator}|${q.metric}`;
    if (seen.has(byQuote) || seen.has(byMetric)) continue;
    seen.add(byQuote);
    seen.add(byMetric);
    out.push(q);
  }
  return out;
}
