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
import { hasForwardCue, pastOpener, tenseVote } from "./kind.js";

/** First characters of a sentence that may open a report of results (2024年, 去年, 过去一年, 一年来…). */
const OPENER_START = new Set(["1", "2", "去", "上", "过", "一", "近", "二", "三", "四", "五", "两"]);
/** A plan's period in its title: "(2024—2026年)", "2021-2025年". */
const PERIOD = /((?:19|20)\d\d)年?\s*[-—–~～至到]\s*(?:19|20)\d\d年/;
const YEAR_NAMED = /(?<![较比由从])((?:19|20)\d\d)年(?!度)/g;

/** The mentions outside the plan's dropped spans (page noise, repeats): those are not the plan's words. */
function outsideGaps(mentions: Mention[], gaps: ReadonlyArray<{ start: number; end: number }>): Mention[] {
  return mentions.filter((m) => !gaps.some((g) => m.start < g.end && g.start < m.end));
}

export function extractQuantities(norm: NormalizedText, plan: DraftPlan): DraftQuantity[] {
  const text = norm.text;
  const start = Math.max(0, Math.min(plan.start, text.length));
  const end = Math.max(start, Math.min(plan.end, text.length));
  const headings: Heading[] = findHeadings(text, start, end, plan.sections);
  const sentences = splitSentences(text, start, end);
  const gaps = plan.gaps ?? [];
  // The sentence vote is only needed (and only run) when the title does not tell the plan's voice.
  const defaultTense = documentTense(plan.title ?? text.slice(start, Math.min(end, start + 150)), () =>
    tenseVote(text, sentences),
  );
  const nowYear = documentYear(text.slice(start, Math.min(end, start + 600)), plan.year);
  const items: DraftQuantity[] = [];
  const weak = new Set<DraftQuantity>();
  let lastYear: number | null = null;
  let paragraphTense = 0;
  let lastLine = -1;
  let nextBreak = text.indexOf("\n", start);
  let lineStartAt = start;
  let nextNian = text.indexOf("年", start);
  let carried: { line: number; metric: string } | null = null;
  const period = PERIOD.exec(plan.title ?? text.slice(start, Math.min(end, start + 150)));
  const periodStart = period ? Number(period[1]) : null;
  for (let k = 0; k < sentences.length; k++) {
    const sentence = sentences[k] as Span;
    // Line starts are tracked forward (a backward search per sentence would be quadratic on long lines).
    // The next line break is remembered, so a text without one is not searched to its end each time.
    while (nextBreak >= 0 && nextBreak < sentence.start) {
      lineStartAt = nextBreak + 1;
      nextBreak = text.indexOf("\n", nextBreak + 1);
    }
    const lineStart = lineStartAt;
    if (lineStart !== lastLine) {
      lastYear = null;
      paragraphTense = 0;
      lastLine = lineStart;
    }
    // "2024年,全市…" in a 2025 plan opens a report of results: its sentences are actuals until one
    // turns to the future (要, 将, 力争, 到2025年…).
    const opener = OPENER_START.has(text[sentence.start] as string)
      ? pastOpener(text.slice(sentence.start, Math.min(sentence.end, sentence.start + 12)))
      : undefined;
    if (opener !== undefined && (opener === null || (plan.year !== null && opener < plan.year))) {
      paragraphTense = -1;
      // 去年, 一年来: the year before the plan's (a summary's own year when it reviews one).
      if (opener === null && plan.year !== null)
        lastYear = /^(去年|上年)/.test(text.slice(sentence.start, sentence.start + 2))
          ? plan.year - 1
          : (plan.reviewYear ?? plan.year - 1);
    } else if (paragraphTense < 0 && hasForwardCue(text, sentence.start, sentence.end)) paragraphTense = 0;
    const mentions =
      gaps.length > 0 ? outsideGaps(scanMentions(text, sentence), gaps) : scanMentions(text, sentence);
    if (mentions.length > 0) {
      const ctx: SentenceContext = {
        text,
        sentence,
        clauses: splitClauses(text, sentence),
        heading: headingAt(headings, sentence.start),
        planYear: plan.year,
        nowYear,
        reviewYear: plan.reviewYear ?? null,
        periodStart,
        carriedMetric: carried !== null && carried.line === lineStart ? carried.metric : null,
        defaultTense,
        paragraphYear: lastYear,
        paragraphTense,
      };
      const built = buildItems(ctx, mentions);
      const last = built[built.length - 1];
      const endCh = text[sentence.end];
      carried =
        last !== undefined && (endCh === ";" || endCh === "；")
          ? { line: lineStart, metric: last.metric }
          : null;
      if (isHeadline(ctx)) for (const q of built) weak.add(q);
      for (const q of built) items.push(q);
    }
    // The time a paragraph speaks of: a year named as such, not a baseline (较2019年), a later horizon
    // (到2035年) or the year of an award or review (2015年度…评价).
    // The next 年 is remembered, so a sentence without one costs no search of its own.
    if (nextNian >= 0 && nextNian < sentence.start) nextNian = text.indexOf("年", sentence.start);
    if (nextNian >= 0 && nextNian < sentence.end) {
      YEAR_NAMED.lastIndex = 0;
      const s = text.slice(Math.max(sentence.start, nextNian - 5), sentence.end);
      for (let m = YEAR_NAMED.exec(s); m !== null; m = YEAR_NAMED.exec(s)) {
        const y = Number(m[1]);
        if (nowYear === null || y <= nowYear) lastYear = y;
      }
    }
  }
  return dedupe(items, weak).map((q) => ({ ...q, sectionId: sectionOf(plan, q.start, q.end) }));
}

/**
 * Whether a plan reads forward (1) or reports results (-1) where a sentence says neither: its title
 * words first (工作要点, 计划, 方案 vs 总结, 报告, 发布会), then the balance of its sentences' cues.
 */
function documentTense(head: string, vote: () => number): number {
  const forward = /(要点|计划|方案|思路|规划|承诺书|打算|安排|目标|意见)/.test(head);
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
