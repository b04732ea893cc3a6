/**
 * Finds the numeric targets and actuals of a plan (see ../shared/eval/targets-spec.md): numbers with
 * their units (mentions.ts) are grouped per clause into value lists, each value gets a metric from the
 * clause words around it (metric.ts), a comparator (comparators.ts), a kind and a year (kind.ts); a
 * commitment restated within the plan is kept once (dedupe.ts).
 *
 * @example
 *   extractQuantities(normalizeText("全市居民健康素养水平达40%以上。"), plan)
 *   // [{ kind: "target", metric: "居民健康素养水平", comparator: ">=", value: 40, unit: "%", … }]
 */
import type { NormalizedText } from "../normalize.js";
import type { DraftPlan, DraftQuantity } from "../draft.js";
import { splitClauses, splitSentences, type Span } from "./clauses.js";
import { scanMentions, type Mention } from "./mentions.js";
import { findHeadings, headingAt, type Heading } from "./headings.js";
import { buildItems, isHeadline, type SentenceContext } from "./items.js";
import { dedupe } from "./dedupe.js";
import { tenseVote } from "./kind.js";

export function extractQuantities(norm: NormalizedText, plan: DraftPlan): DraftQuantity[] {
  const text = norm.text;
  const start = Math.max(0, Math.min(plan.start, text.length));
  const end = Math.max(start, Math.min(plan.end, text.length));
  const headings: Heading[] = findHeadings(text, start, end, plan.sections);
  const sentences = splitSentences(text, start, end);
  const withMentions: Array<{ sentence: Span; mentions: Mention[] }> = [];
  for (let k = 0; k < sentences.length; k++) {
    const sentence = sentences[k] as Span;
    const mentions = scanMentions(text, sentence);
    if (mentions.length === 0) continue;
    withMentions.push({ sentence, mentions });
  }
  // The sentence vote is only needed (and only run) when the title does not tell the plan's voice.
  const defaultTense = documentTense(plan.title ?? text.slice(start, Math.min(end, start + 150)), () =>
    tenseVote(text, sentences),
  );
  const nowYear = documentYear(text.slice(start, Math.min(end, start + 600)), plan.year);
  const items: DraftQuantity[] = [];
  const weak = new Set<DraftQuantity>();
  let lastYear: number | null = null;
  let lastLine = -1;
  let nextBreak = text.indexOf("\n", start);
  let lineStartAt = start;
  for (const { sentence, mentions } of withMentions) {
    // Line starts are tracked forward (a backward search per sentence would be quadratic on long lines).
    // The next line break is remembered, so a text without one is not searched to its end each time.
    while (nextBreak >= 0 && nextBreak < sentence.start) {
      lineStartAt = nextBreak + 1;
      nextBreak = text.indexOf("\n", nextBreak + 1);
    }
    const lineStart = lineStartAt;
    if (lineStart !== lastLine) {
      lastYear = null;
      lastLine = lineStart;
    }
    const ctx: SentenceContext = {
      text,
      sentence,
      clauses: splitClauses(text, sentence),
      heading: headingAt(headings, sentence.start),
      planYear: plan.year,
      nowYear,
      defaultTense,
      paragraphYear: lastYear,
    };
    const built = buildItems(ctx, mentions);
    if (isHeadline(ctx)) for (const q of built) weak.add(q);
    items.push(...built);
    const years = /((?:19|20)\d\d)年/g;
    let m: RegExpExecArray | null;
    const s = text.slice(sentence.start, sentence.end);
    while ((m = years.exec(s)) !== null) lastYear = Number(m[1]);
  }
  return dedupe(items, weak).map((q) => ({ ...q, sectionId: sectionOf(plan, q.start, q.end) }));
}

/**
 * Whether a plan reads forward (1) or reports results (-1) where a sentence says neither: its title
 * words first (工作要点, 计划, 方案 vs 总结, 报告, 发布会), then the balance of its sentences' cues.
 */
function documentTense(head: string, vote: () => number): number {
  const forward = /(要点|计划|方案|思路|规划|承诺书|打算|安排|目标)/.test(head);
  const backward = /(总结|报告|述职|成效|成果|成绩|发布会|获悉|介绍|回顾|情况|召开|会议)/.test(head);
  if (forward && !backward) return 1;
  if (backward && !forward) return -1;
  return vote() < 0 ? -1 : 1;
}

/** The year a page speaks from: the plan's year, unless a date stamp near the top is later. */
function documentYear(head: string, planYear: number | null): number | null {
  let best = planYear;
  const re = /((?:19|20)\d\d)(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head)) !== null) {
    const y = Number(m[1]);
    if (best === null || y > best) best = y;
  }
  return best;
}

/** The innermost section whose content holds the quote. */
function sectionOf(plan: DraftPlan, s: number, e: number): string | null {
  let best: { id: string; level: number } | null = null;
  for (const sec of plan.sections) {
    if (sec.start <= s && e <= sec.contentEnd && (best === null || sec.level >= best.level))
      best = { id: sec.id, level: sec.level };
  }
  return best?.id ?? null;
}
