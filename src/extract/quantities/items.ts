/**
 * Turns the mentions of one sentence into items. Per clause, consecutive values joined only by 、/和
 * form a value list ("分别达到35%、15%、15%以上"); the words before a list name its metric(s), the
 * words after the last value complete it ("新增11个市级临床重点专科"). A list shares its comparator
 * words backwards (30%、25%以内 → both <=) and a coordinated subject pairs with its values.
 */
import type { Comparator } from "../model.js";
import type { DraftQuantity } from "../draft.js";
import type { Span } from "./clauses.js";
import type { Mention } from "./mentions.js";
import type { Heading } from "./headings.js";
import { changeComparator, prefixComparator } from "./comparators.js";
import { afterListMarker, cleanMetric, hasMeasureWord, splitConjuncts } from "./metric.js";
import {
  findCues,
  isBaselineValue,
  tenseIn,
  yearRightBefore,
  yearsIn,
  type Cues,
  type Kind,
} from "./kind.js";

export interface SentenceContext {
  text: string;
  sentence: Span;
  clauses: Span[];
  heading: Heading | null;
  planYear: number | null;
  /** The year the document speaks from: the plan's year, or a later date stamp of the page. */
  nowYear: number | null;
  /** 1 when the plan reads mostly forward (targets), -1 when it reports results. */
  defaultTense: number;
  /** The sentence's cue words, found on first use. */
  cues?: Cues;
  /** The last year named earlier in the same paragraph. */
  paragraphYear: number | null;
  /** -1 inside a paragraph that reports results ("2024年,全市…" in a 2025 plan), else 0. */
  paragraphTense?: number;
  /** The last metric of the previous sentence when a semicolon ends it on the same line. */
  carriedMetric?: string | null;
  /** The first year of a multi-year plan ("实施方案(2024—2026年)" → 2024), when its title names one. */
  periodStart?: number | null;
  /** The year a summary or speech reports on: the default year of its actuals. */
  reviewYear?: number | null;
}

/**
 * How far sentence-level context reaches around a clause: enough for any real sentence's cue words,
 * and a bound that keeps a run-on "sentence" of page noise linear.
 */
const WINDOW = 200;

/** The sentence around a clause, within the window. */
function around(ctx: SentenceContext, clause: Span): string {
  return ctx.text.slice(
    Math.max(ctx.sentence.start, clause.start - WINDOW),
    Math.min(ctx.sentence.end, clause.end + WINDOW),
  );
}

const QUOTED = /“[^”]*”/g;
const CONNECTOR_ONLY = /^[、,，和及与或]{1,2}$/;
const VERB_BETWEEN = /(达到|达|为|是|至|到|控制|保持|提高|提升|下降|降低|增长|减少|占)/;

interface ValueList {
  mentions: Mention[];
  head: Span;
  tail: Span;
  /** The next list follows after a connector (5个国家级、1个省级、12个市级…工作室). */
  joined: boolean;
}

/**
 * A headline: a short line of its own with no clause punctuation (page titles repeat a body statement,
 * "我国居民人均预期寿命超76.3岁"); its items give way to the same claim made in the body.
 */
export function isHeadline(ctx: SentenceContext): boolean {
  const { text, sentence } = ctx;
  const endCh = text[sentence.end];
  return (
    (endCh === undefined || endCh === "\n") && ctx.clauses.length === 1 && sentence.end - sentence.start < 40
  );
}

export function buildItems(ctx: SentenceContext, mentions: Mention[]): DraftQuantity[] {
  const { text, clauses } = ctx;
  const out: DraftQuantity[] = [];
  let previous: { clause: number; names: string[] } | null = null;
  let mi = 0;
  for (let c = 0; c < clauses.length; c++) {
    const clause = clauses[c] as Span;
    // Mentions and clauses are both in order: one pointer walks the mentions (no rescan per clause).
    while (mi < mentions.length && (mentions[mi] as Mention).start < clause.start) mi++;
    const ms: Mention[] = [];
    for (let k = mi; k < mentions.length && (mentions[k] as Mention).start < clause.end; k++)
      ms.push(mentions[k] as Mention);
    if (ms.length === 0 || isPageChrome(text.slice(clause.start, clause.end))) continue;
    const lists = groupLists(text, clause, ms);
    const lead = cleanMetric(text.slice(clause.start, (lists[0] as ValueList).mentions[0]!.start));
    let carried: Comparator | null = null;
    let clauseKind: Kind | undefined;
    const lastList = lists[lists.length - 1] as ValueList;
    const lastTail = cleanMetric(cutTail(text.slice(lastList.tail.start, lastList.tail.end)));
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l] as ValueList;
      const first = list.mentions[0] as Mention;
      const headRaw = cutPlaceholders(text.slice(list.head.start, list.head.end));
      let tailRaw = cutTail(text.slice(list.tail.start, list.tail.end));
      // 5个国家级、1个省级、12个市级名老中医药专家传承工作室: a short modifier shares the last noun.
      const shortTail = cleanMetric(tailRaw);
      if (
        list !== lastList &&
        list.joined &&
        shortTail.length > 0 &&
        (shortTail.length <= 3 || /[级类型性式]$/.test(shortTail)) &&
        lastTail.length > shortTail.length
      )
        tailRaw = shortTail + lastTail;
      const metrics = metricsFor(ctx, c, list, headRaw, tailRaw, l > 0 ? lead : "", previous);
      let leftForVerb = text.slice(l === 0 ? clause.start : list.head.start, first.start);
      if (leftForVerb.includes("“")) leftForVerb = leftForVerb.replace(QUOTED, "");
      const change = changeComparator(leftForVerb);
      const ownPrefix = prefixComparator(text.slice(Math.max(clause.start, first.start - 8), first.start));
      if (ownPrefix) carried = ownPrefix;
      else if (VERB_BETWEEN.test(headRaw)) carried = null;
      const prefix = ownPrefix ?? carried;
      for (let k = 0; k < list.mentions.length; k++) {
        const m = list.mentions[k] as Mention;
        const suffix = m.suffix ?? laterSuffix(list.mentions, k);
        // The words just before the value; bounded so long clauses stay linear.
        const left = text.slice(Math.max(clause.start, m.start - 40), m.start);
        // A baseline (由2010年31.36%…) is a level, whatever verb follows the sentence's subject.
        const baselineValue = isBaselineValue(left);
        const comparator = chooseComparator(
          m,
          suffix,
          prefix,
          baselineValue ? null : changeApplies(change, m, leftForVerb),
        );
        const value = /(没有|未|无)(发生)?$/.test(left) && m.value === 1 ? 0 : m.value;
        const kind = baselineValue ? "actual" : (clauseKind ??= kindOf(ctx, clause));
        const years = pairedYears(text, ctx.sentence.start, first.start, list.mentions.length);
        const deadline = years?.[k] ?? deadlineOf(ctx, clause, left, kind);
        // With one value per year ("到2020年和2025年…分别提升至60%和70%"), every metric takes every value.
        // A rank is named by the words before it ("…获总成绩团体第一名和优秀组织奖": not the award).
        const rankHead = m.rank ? cleanMetric(text.slice(clause.start, m.start)) : "";
        const names =
          rankHead.length > 1
            ? [rankHead]
            : years
              ? metrics.names
              : pairMetrics(metrics, list.mentions.length, k);
        const quoteStart = afterListMarker(
          text,
          metrics.fromPrevious && c > 0 ? (clauses[c - 1] as Span).start : clause.start,
        );
        for (const name of names) {
          // A rank's metric is the ranking ("…总成绩团体" → "…总成绩团体排名").
          const metric = m.rank && !/(排名|名次|排序)/.test(name) ? `${name}排名` : name;
          if (name.length === 0) continue;
          if (previous === null || previous.clause !== c) previous = { clause: c, names: [] };
          previous.names.push(metric);
          out.push({
            kind,
            metric,
            comparator,
            value,
            unit: m.bare ? unitFromMetric(metric) : rankStepUnit(text, clause, m, comparator, metric),
            deadline: deadline === null ? null : String(deadline),
            baseline: baselineOf(left),
            sectionId: null,
            start: quoteStart,
            end: clause.end,
          });
        }
      }
    }
  }
  return out;
}

/** The comparator word of the first later value of a list that has one (30%、25%以内 → both <=). */
function laterSuffix(ms: Mention[], k: number): Comparator | null {
  for (let i = k + 1; i < ms.length; i++) {
    const suffix = (ms[i] as Mention).suffix;
    if (suffix !== null) return suffix;
  }
  return null;
}

/** The first 、 (else 和/及/与) outside parentheses: where one listed item ends and the next begins. */
function firstConnector(gap: string): number {
  let depth = 0;
  let other = -1;
  for (let i = 0; i < gap.length; i++) {
    const ch = gap[i] as string;
    if (ch === "(" || ch === "（") {
      // "800个(其中普惠性托位480个)": the next value sits inside a parenthesis opened here.
      if (depth === 0 && gap.indexOf(")", i) < 0 && gap.indexOf("）", i) < 0) return i;
      depth++;
    } else if ((ch === ")" || ch === "）") && depth > 0) depth--;
    else if (depth === 0 && ch === "、") return i;
    else if (depth === 0 && other < 0 && (ch === "和" || ch === "及" || ch === "与")) {
      const next = gap[i + 1];
      if (!((ch === "及" && (next === "以" || next === "时")) || (ch === "和" && next === "谐"))) other = i;
    }
  }
  return other;
}

/** Consecutive mentions joined only by a connector form one list; the text between lists is split at its last connector. */
function groupLists(text: string, clause: Span, ms: Mention[]): ValueList[] {
  const groups: Mention[][] = [];
  for (const m of ms) {
    const cur = groups[groups.length - 1];
    const prev = cur?.[cur.length - 1];
    if (cur && prev && CONNECTOR_ONLY.test(text.slice(prev.end, m.start))) cur.push(m);
    else groups.push([m]);
  }
  const lists: ValueList[] = [];
  let headStart = clause.start;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as Mention[];
    const first = group[0] as Mention;
    const last = group[group.length - 1] as Mention;
    const next = groups[g + 1]?.[0];
    let tailEnd = clause.end;
    let joined = false;
    let nextHead = clause.end;
    if (next) {
      const gap = text.slice(last.end, next.start);
      const cut = firstConnector(gap);
      joined = cut >= 0;
      tailEnd = cut >= 0 ? last.end + cut : next.start;
      nextHead = cut >= 0 ? last.end + cut + 1 : next.start;
      // 至少有一个实验室核酸检测能力达到2000管/日: the words before the verb name the second value too.
      const verb = cut < 0 ? gap.search(VERB_BETWEEN) : -1;
      if (verb > 0) {
        tailEnd = last.end + verb;
        nextHead = last.end;
      }
    }
    lists.push({
      mentions: group,
      head: { start: headStart, end: first.start },
      tail: { start: last.end, end: tailEnd },
      joined,
    });
    headStart = nextHead;
  }
  return lists;
}

interface Metrics {
  names: string[];
  fromPrevious: boolean;
}

/** The metric names for a value list: a coordinated subject gives one name per conjunct. */
function metricsFor(
  ctx: SentenceContext,
  c: number,
  list: ValueList,
  headRaw: string,
  tailRaw: string,
  lead: string,
  previous: { clause: number; names: string[] } | null,
): Metrics {
  // "完成…桩基施工和50%的基坑支护": a head that ends in a connector belongs to the previous object.
  let head = endsWithConnector(headRaw) ? "" : cleanMetric(headRaw);
  // "由2010年的30/10万降至2014年的21.7/10万": a head of a bare verb takes the clause's subject.
  if (head.length <= 1 && lead.length > 1 && !endsWithConnector(headRaw)) head = lead;
  const n = list.mentions.length;
  const distributive = /(分别|均|各|都)/.test(headRaw) || n > 1;
  // Values at the head of the clause describe what follows: "80%以上的市级和县级妇幼保健机构分别达到…".
  if (head.length === 0 && tailRaw.length > 0) {
    const cutAt = tailRaw.search(/(分别|均|各)/);
    if (cutAt > 0) {
      const subject = cleanMetric(tailRaw.slice(0, cutAt));
      const rest = cleanMetric(tailRaw.slice(cutAt));
      const conj = splitConjuncts(subject, n);
      if (conj.length > 1) return { names: conj.map((x) => x + rest), fromPrevious: false };
    }
    const tail = cleanMetric(tailRaw);
    if (tail.length > 0) return { names: [(lead + tail).slice(0, 60)], fromPrevious: false };
  }
  const tail = cleanMetric(tailRaw);
  if (head.length > 0) {
    if (tail.length === 0 && (distributive || hasMeasureWord(head))) {
      const conj = splitConjuncts(head, n);
      if (conj.length > 1 && (distributive || hasMeasureWord(conj[conj.length - 1] as string)))
        return { names: conj, fromPrevious: false };
    }
    return { names: [(head + tail).slice(-60)], fromPrevious: false };
  }
  // Nothing in this clause names the metric. After a clause with its own value, the subject carries
  // over ("2015年预计比2010年提高1岁,达到75.8岁"); else the previous clause names it ("…四级手术占比、
  // …比例,力争达到60%左右").
  if (previous !== null && previous.clause === c - 1) {
    // "报告事故4起、涉及22人,比“十二五”分别减少55.6%、48.8%": a list pairs with the previous values.
    const n = list.mentions.length;
    const names = n > 1 && previous.names.length === n ? previous.names : previous.names.slice(-1);
    return { names, fromPrevious: true };
  }
  const prev = c > 0 ? ctx.clauses[c - 1] : undefined;
  if (prev) {
    const prevText = cleanMetric(
      ctx.text
        .slice(Math.max(prev.start, prev.end - WINDOW), prev.end)
        .replace(/\d+(\.\d+)?(万|亿)?[\u4e00-\u9fff%‰]?/g, ""),
    );
    if (prevText.length > 0) {
      const conj = splitConjuncts(prevText, n);
      return { names: conj.length > 1 ? conj : [prevText.slice(-60)], fromPrevious: true };
    }
  }
  // "到2025年,吸烟率降低到20%以下;到2027年,降低到18%以下": after a semicolon the subject carries over.
  if (lead.length === 0 && ctx.carriedMetric) return { names: [ctx.carriedMetric], fromPrevious: false };
  return { names: [lead], fromPrevious: false };
}

/**
 * "到2020年和2025年, …分别降低10%和20%": a list of n values after 分别 pairs with n years named
 * together earlier in the sentence; returns those years, or null.
 */
function pairedYears(text: string, sentenceStart: number, listStart: number, n: number): number[] | null {
  if (n < 2) return null;
  const before = text.slice(Math.max(sentenceStart, listStart - WINDOW), listStart);
  if (!/分别/.test(before.slice(-20))) return null;
  const m = /((?:19|20)\d\d)年?(?:和|、|及|与)((?:19|20)\d\d)年(?:和|、|及|与)?((?:19|20)\d\d)?/.exec(before);
  if (!m) return null;
  const years = [m[1], m[2], m[3]].filter((y): y is string => y !== undefined).map(Number);
  return years.length === n ? years : null;
}

/** A connector at the end of a text (…施工和), not the end of a word (涉及, 以及, 普及). */
function endsWithConnector(s: string): boolean {
  return /(?<![涉以普提危波顾触惠遍累论])[和及与、]$/.test(s);
}

/** Pairs conjuncts with values: equal counts pair in order, else every value takes every name. */
function pairMetrics(metrics: Metrics, n: number, k: number): string[] {
  if (metrics.names.length === n && n > 1) return [metrics.names[k] as string];
  if (n > 1 && metrics.names.length > 1) return [metrics.names.join("、")];
  return metrics.names;
}

/**
 * A change verb gives increase_by/decrease_by for rates and ages (下降10%, 提高2个百分点, 增加1岁), or
 * when it stands right before the value; "完成镇级卫生院改造提升3家" counts clinics, it is no change.
 */
function changeApplies(change: Comparator | null, m: Mention, left: string): Comparator | null {
  if (change === null) return null;
  if (RELATIVE.has(m.unit)) return change;
  // 改造提升3家, 巩固提升: a verb compound names the work, it is no change of a level.
  return /(?<![造固级化])(提高|提升|增长|增加|上升|下降|降低|减少|下调|上调|减|增)了?(约|近)?$/.test(left)
    ? change
    : null;
}
const RELATIVE = new Set(["%", "‰", "个百分点", "个点", "/10万", "/万", "岁", ""]);

/** The words after a value stop before a modal or a second predicate: 9个县级医院要全面加快… → 县级医院. */
function cutTail(tail: string): string {
  const at = tail.search(/((?<![主重需纪提])要(?![求素点])|将(?![^,，]{0,8}纳入)|必须|需要|赴|已经|确保)/);
  const cut = at > 1 ? tail.slice(0, at) : tail;
  // A long aside in parentheses ("(据第六次全国人口普查…计算") is no part of the metric.
  const paren = cut.search(/[(（][^)）]*$/);
  return paren >= 0 && cut.length - paren > 8 ? cut.slice(0, paren) : cut;
}

/** Placeholder values (x%, ×万, **个) end the previous listed item: "…死亡率x万、婴儿死亡率x‰、5岁以下儿童死亡率". */
function cutPlaceholders(head: string): string {
  const re = /(x+|X+|×+|\*\*)[%‰万亿个家人元张]?[、,，和]/g;
  let end = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head)) !== null) end = m.index + m[0].length;
  return end >= 0 ? head.slice(end) : head;
}

/** Page chrome: a run-on line of headlines or a time stamp, not a clause of the plan. */
function isPageChrome(clause: string): boolean {
  return (
    clause.length > 120 ||
    /\d{4}-\d{1,2}-\d{1,2}/.test(clause) ||
    /(当前位置|首页>|>>|浏览次数|发布时间|来源:)/.test(clause)
  );
}

/**
 * A change of rank ("排名…较上年上升两位") keeps the document's 位: 位 → 人 is for people only
 * (NOTES-000-002-004 #3).
 */
function rankStepUnit(
  text: string,
  clause: Span,
  m: Mention,
  comparator: Comparator,
  metric: string,
): string {
  if (m.unit !== "人" || (comparator !== "increase_by" && comparator !== "decrease_by")) return m.unit;
  if (text.slice(m.start, m.end).indexOf("位") < 0) return m.unit;
  const before = text.slice(Math.max(clause.start, m.start - 40), m.start);
  return RANK_WORDS.test(metric) || RANK_WORDS.test(before) ? "位" : m.unit;
}
const RANK_WORDS = /(排名|名次|位次|排位|位列|位居|排序)/;

/** A bare count takes the unit its metric names: 人数达7亿 → 人, 门诊号次38.9万 → 号次. */
const UNIT_OF_METRIC: Record<string, string> = {
  人次: "人次",
  号次: "号次",
  人数: "人",
  例数: "例",
  床位数: "张",
  户数: "户",
};
function unitFromMetric(metric: string): string {
  const m = /(人次|号次|人数|例数|床位数|户数)$/.exec(metric);
  return m ? (UNIT_OF_METRIC[m[1] as string] ?? "") : "";
}

function chooseComparator(
  m: Mention,
  suffix: Comparator | null,
  prefix: Comparator | null,
  change: Comparator | null,
): Comparator {
  if (m.rank) return "=";
  if (suffix === "~") return "~";
  if (m.approx === "more") return ">";
  if (suffix !== null) return suffix;
  if (m.approx === "atLeast" || m.range) return ">=";
  if (prefix !== null) return prefix;
  if (change !== null) return change;
  return "=";
}

/** "达到90%以上" at a clause's end states a goal (a result is stated without 以上). */
const ATLEAST_AT_END = /达到.{0,12}(以上|以下)$/;

/** The kind a clause's values take (a baseline value aside): computed once per clause. */
function kindOf(ctx: SentenceContext, clause: Span): Kind {
  const { text, sentence } = ctx;
  const clauseText = text.slice(clause.start, clause.end);
  const byYear = (s: string): number => {
    // A year after 较/比/由/从 is a baseline ("较2015年降低10%"), not the time of the statement.
    const years = yearsIn(s.replace(/(较|比|由|从)((?:19|20)\d\d)年/g, ""));
    const y = years[years.length - 1];
    if (y === undefined || ctx.nowYear === null) return 0;
    return y < ctx.nowYear ? -1 : y > ctx.nowYear ? 1 : 0;
  };
  // The clause's own cue words, read from the sentence's cues (found once per sentence).
  const cues = (ctx.cues ??= findCues(text, sentence.start, sentence.end));
  let t = tenseIn(cues, clause.start, clause.end, ATLEAST_AT_END.test(clauseText));
  if (t === 0 && clauseText.includes("年")) t = byYear(clauseText);
  if (t === 0) t = tenseIn(cues, Math.max(sentence.start, clause.start - WINDOW), clause.end);
  if (t === 0) t = byYear(text.slice(Math.max(sentence.start, clause.start - WINDOW), clause.end));
  // A paragraph that reports results ("2024年,…新增执业医师420名,累计建成…") outranks the heading.
  if (t === 0) t = ctx.paragraphTense ?? 0;
  // The heading outranks cues later in the sentence ("将6家中心纳入推进计划,…力争年底达到推荐标准").
  if (t === 0) t = ctx.heading?.tense ?? 0;
  if (t === 0)
    t = tenseIn(
      cues,
      Math.max(sentence.start, clause.start - WINDOW),
      Math.min(sentence.end, clause.end + WINDOW),
    );
  if (t === 0) t = ctx.defaultTense;
  return t < 0 ? "actual" : "target";
}

function deadlineOf(ctx: SentenceContext, clause: Span, left: string, kind: Kind): number | null {
  const { text, sentence } = ctx;
  // "由目前的50%": the current level of an unnamed year.
  if (/(目前|现在|当前)的?$/.test(left)) return null;
  const own = yearRightBefore(left);
  if (own !== null) return own;
  const noBaseline = (x: string): string => x.replace(/(较|比|由|从)((?:19|20)\d\d)年/g, "");
  const inClause = yearsIn(noBaseline(text.slice(clause.start, clause.end)));
  const inSentence = yearsIn(
    noBaseline(text.slice(Math.max(sentence.start, clause.start - WINDOW), clause.end)),
  );
  const named = inClause[inClause.length - 1] ?? inSentence[inSentence.length - 1];
  if (kind === "target") {
    if (named !== undefined && (ctx.planYear === null || named >= ctx.planYear)) return named;
    // "到2025年,人均每日食盐摄入量降低20%" in a 2024—2026 plan: a horizon within the plan's period
    // named in the sentence governs it.
    const horizon = horizonYear(text.slice(Math.max(sentence.start, clause.start - WINDOW), clause.end));
    if (horizon !== null && ctx.periodStart != null && horizon >= ctx.periodStart) return horizon;
    if (ctx.heading?.year != null && ctx.heading.tense >= 0) return ctx.heading.year;
    return ctx.planYear;
  }
  if (named !== undefined && (ctx.nowYear === null || named <= ctx.nowYear)) return named;
  // 较上年, 同比 name the base of a change, not the year reported.
  const sentenceText = around(ctx, clause).replace(COMPARE_BASE, "");
  if (/(目前|截至目前|先后|现有)/.test(sentenceText) && !/全年/.test(sentenceText)) return null;
  if (/(去年|上年)/.test(sentenceText) && ctx.planYear !== null) return ctx.planYear - 1;
  if (ctx.heading?.year != null && ctx.heading.tense <= 0) return ctx.heading.year;
  return ctx.paragraphYear ?? ctx.reviewYear ?? null;
}
const COMPARE_BASE = /(同比|环比|(较|比)(上年|去年|上一年)(同期)?|上年同期|去年同期)/g;

/** The last "到2025年", "至2025年底", "2025年底前" of a text: a deadline, not a base or a past. */
function horizonYear(s: string): number | null {
  let y: number | null = null;
  HORIZON.lastIndex = 0;
  for (let m = HORIZON.exec(s); m !== null; m = HORIZON.exec(s)) y = Number(m[1] ?? m[2]);
  return y;
}
const HORIZON = /(?:到|至)((?:19|20)\d\d)年|((?:19|20)\d\d)年(?:底|末)?前/g;

/** "较2019年下降10个百分点" → baseline year 2019 (its value is not in the clause). */
function baselineOf(left: string): { year: number; value: null; unit: null } | null {
  const m = /(较|比)((?:19|20)\d\d)年/.exec(left);
  return m ? { year: Number(m[2]), value: null, unit: null } : null;
}
