/**
 * One commitment, one item (targets spec): within one plan, a value restated later — the same wording
 * printed twice, or a target of the plan's list repeated in a task ("建成1家市级医院设立安宁疗护病区"
 * then "力争建成1个市级医院安宁疗护病区") — is kept once, where it first appears. Restatements are told
 * apart from distinct claims by the value, the kind and a close metric, and they must sit in different
 * sentences: one sentence never restates itself ("孕产妇和儿童系统管理率均巩固在90%以上" is two items).
 */
import type { DraftQuantity } from "../draft.js";

/** Classifiers that count institutions or places interchangeably (1家 / 1个 医院). */
const COUNT_UNITS = new Set(["个", "家", "所", "座"]);

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out.length > 0 ? out : [s];
}

/** Bigram Dice similarity of two metric names. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let hit = 0;
  const y = bigrams(b);
  for (const g of y) {
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      hit++;
      counts.set(g, c - 1);
    }
  }
  return (2 * hit) / (x.length + y.length);
}

interface Kept {
  q: DraftQuantity;
  /** The metric without spaces and punctuation, computed once. */
  bare: string;
}

const bareMetric = (m: string): string => m.replace(/[\s\p{P}]/gu, "");

function restates(later: DraftQuantity, laterBare: string, earlier: Kept): boolean {
  const e = earlier.q;
  if (later.start === e.start) return false;
  const a = laterBare;
  const b = earlier.bare;
  if (a === b) return true;
  if (a.length >= 4 && b.length >= 4 && (a.includes(b) || b.includes(a))) return true;
  return similarity(a, b) >= 0.6;
}

/**
 * Keeps the first statement of each commitment. A headline (`weak`: a page title repeating the body)
 * gives way to the body's statement of the same claim, which is where the gold annotates it.
 */
export function dedupe(
  items: DraftQuantity[],
  weak: ReadonlySet<DraftQuantity> = new Set(),
): DraftQuantity[] {
  const kept: Array<Kept | null> = [];
  // Candidates share kind, value and unit family, so each item is compared with few others.
  const byKey = new Map<string, number[]>();
  for (const q of items) {
    const key = `${q.kind}|${q.value}|${COUNT_UNITS.has(q.unit) ? "count" : q.unit}`;
    const same = byKey.get(key) ?? [];
    const bare = bareMetric(q.metric);
    const at = same.find((k) => {
      const e = kept[k];
      return e !== null && e !== undefined && restates(q, bare, e);
    });
    if (at !== undefined) {
      const e = (kept[at] as Kept).q;
      if (weak.has(e) && !weak.has(q)) kept[at] = { q, bare };
      continue;
    }
    same.push(kept.length);
    byKey.set(key, same);
    kept.push({ q, bare });
  }
  return kept.filter((k): k is Kept => k !== null && !weak.has(k.q)).map((k) => k.q);
}
