/**
 * A plan's title, issuer and year. The year is the one the plan plans for, because the quantity extractor
 * takes it as the deadline of targets: from the title (the largest year it names, so "2022年工作总结和
 * 2023年工作要点" plans 2023), an opening "2020年是…收官之年", a "部署2018年…工作" phrase, the page title,
 * and last the first plain year named. The year a summary reviews ("回顾总结2017年…") is kept apart.
 */
import { DOC_TYPE, isTitleLine, unwrapIssuingNotice } from "./split.js";

export interface PlanMetadata {
  title: string | null;
  issuer: string | null;
  year: number | null;
  reviewYear: number | null;
}

const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/g;
const ORG =
  "(?:卫生健康委员会|卫生和计划生育委员会|卫生和计划生育局|卫生健康委|卫生健康局|卫健委|卫健局|卫生计生委|卫计委|卫生计生局|卫生局|卫生厅|爱国卫生运动委员会|爱卫会|爱卫办|人民政府办公室|人民政府办公厅|人民政府)";
const ISSUER_AT_START = new RegExp(
  // "2023年县卫生健康局工作计划": a title may name its year before its issuer.
  `^(?:(?:19|20)\\d{2}年(?:度)?)?(?:[\\u4e00-\\u9fa5]{1,6}?(?:省|市|县|区|州|旗)|国家|省|市|县|区)?${ORG}`,
);
const ISSUER_LINE = new RegExp(
  `^(?:(?:发文机关|发布机构|信息来源|来源)[:：]?)?((?:[\\u4e00-\\u9fa5]{1,6}?(?:省|市|县|区|州|旗)|国家|省|市|县|区)?${ORG})`,
);

/** 五年规划 periods: a masked "**年是“十三五”规划的开局之年" still names its year. */
const PERIODS: Record<string, [number, number]> = {
  十一五: [2006, 2010],
  十二五: [2011, 2015],
  十三五: [2016, 2020],
  十四五: [2021, 2025],
  十五五: [2026, 2030],
};
const PERIOD_NAME = /(十一五|十二五|十三五|十四五|十五五)/;
const KEY_YEAR = /(?:^|[。;!?\n])\s*[“"]?((?:19|20)\d{2}|\*\*|xx|XX|××|x+)\s*年是[^。\n]{0,80}?之年/;
const PLANS_YEAR =
  /(?:安排部署|部署|全力做好|做好|抓好|谋划)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:度)?[^。\n]{0,12}?工作(?:的)?(?:总体思路|总体要求|主要任务|要点|计划|思路|安排)/;
const REVIEW_YEAR =
  /(?:回顾|总结)(?:总结)?\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:度)?[^。,\n]{0,16}?(?:工作总结|总结|述职|工作情况|工作回顾)/;
const SUMMARY_TITLE = /总结|述职|工作汇报|工作情况|工作回顾/;
const PLAIN_YEAR = /(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/;

function yearsIn(text: string): number[] {
  return [...text.matchAll(YEAR)].map((m) => Number(m[1]));
}

/** A title as a page prints it, without the page's decorations: "(7篇)", "合集6篇", "精编4篇", "篇1", "二". */
export function cleanTitle(text: string, stem: string | null): string {
  let t = unwrapIssuingNotice(stem ?? text);
  t = t.replace(/^(?:本文标题|标题)[:：]\s*/, "");
  t = t.replace(/^[(（【[]\s*\d+\s*篇\s*[)）】\]]\s*/, "");
  t = t.replace(/[(（][^()（）]{0,6}\d+篇[)）]$/, "");
  t = t.replace(/(?:范文)?(?:合集|精编|精选)?\s*\d*\s*篇$/, "");
  t = t.replace(/范文$/, "");
  return t.trim();
}

export function yearFromTitle(title: string): number | null {
  const years = yearsIn(title);
  if (years.length > 0) return Math.max(...years);
  const period = PERIOD_NAME.exec(title);
  return period ? (PERIODS[period[1] as string]?.[1] ?? null) : null;
}

/** "2020年是…收官之年" → 2020; "**年是“十三五”规划的开局之年" → 2016. */
export function yearFromKeySentence(text: string): number | null {
  const m = KEY_YEAR.exec(text);
  if (!m) return null;
  const y = m[1] ?? "";
  if (/^\d{4}$/.test(y)) return Number(y);
  const period = PERIOD_NAME.exec(m[0]);
  const range = period ? PERIODS[period[1] as string] : undefined;
  if (!range) return null;
  if (/开局|起步|开篇/.test(m[0])) return range[0];
  if (/收官|决胜|完成/.test(m[0])) return range[1];
  return null;
}

export function yearFromPlanPhrase(text: string): number | null {
  const m = PLANS_YEAR.exec(text);
  return m ? Number(m[1] ?? m[2]) : null;
}

export function findReviewYear(text: string): number | null {
  const m = REVIEW_YEAR.exec(text);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** The issuer a title or a 发文 line names at its start: "修武县卫健委召开…" → "修武县卫健委". */
export function issuerAtStart(text: string): string | null {
  const m = ISSUER_AT_START.exec(text.replace(/^[“"《「【]/, ""));
  return m ? m[0].replace(/^(?:19|20)\d{2}年(?:度)?/, "") : null;
}

/** A line that is only an issuer (a 落款 or 发文机关 line): "绍兴市卫生计生委", "发布机构:市卫健委". */
export function issuerLine(text: string): string | null {
  if (text.length > 30) return null;
  const m = ISSUER_LINE.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length);
  return rest.length <= 20 && !/[。,;]/.test(rest) ? (m[1] ?? null) : null;
}

export interface MetadataInput {
  /** The plan's kept lines' texts, in order. */
  planLines: readonly string[];
  /** The plan's own title line (a numbered variant's stem or the first title line), if any. */
  planTitle: string | null;
  /** The page's title (first title-like line of the whole page, noise included), if any. */
  pageTitle: string | null;
  /** Short lines of the page header (noise included) that may name the issuer. */
  headerLines: readonly string[];
  /** Titles of the plan's upper headings ("二、全力做好2018年卫生计生工作"), when it has an outline. */
  headingTitles?: readonly string[];
}

const HEAD_CHARS = 3000;

export function planMetadata(input: MetadataInput): PlanMetadata {
  const { planLines, planTitle, pageTitle, headerLines, headingTitles = [] } = input;
  const title = planTitle ?? pageTitle;
  const head = planLines.join("\n").slice(0, HEAD_CHARS);
  const titleYear = planTitle !== null ? yearFromTitle(planTitle) : null;
  // A report on year N whose outline then plans N+1 ("二、2016年工作计划") plans for N+1.
  const headingYears = headingTitles.map(yearFromPlanPhrase).filter((y): y is number => y !== null);
  const headingYear = headingYears.length > 0 ? Math.max(...headingYears) : null;
  const laterPlan =
    titleYear !== null &&
    headingYear !== null &&
    headingYear > titleYear &&
    SUMMARY_TITLE.test(planTitle ?? "")
      ? headingYear
      : null;
  const year =
    laterPlan ??
    titleYear ??
    yearFromKeySentence(head) ??
    yearFromPlanPhrase(head) ??
    (pageTitle !== null ? yearFromTitle(pageTitle) : null) ??
    periodEnd(head) ??
    publishYear(headerLines) ??
    firstPlainYear(head);
  let issuer = title !== null ? issuerAtStart(title) : null;
  if (issuer === null) {
    for (const line of [...planLines.slice(0, 8), ...headerLines]) {
      issuer = issuerLine(line) ?? (isTitleLine(line) || DOC_TYPE.test(line) ? issuerAtStart(line) : null);
      if (issuer !== null) break;
    }
  }
  // A summary that names its year only in passing ("乡镇年度卫生计生工作总结" … "2015年,全县参合…")
  // reviews the first year it names.
  const summary = title !== null && SUMMARY_TITLE.test(title);
  const reviewYear =
    (title !== null ? findReviewYear(title) : null) ??
    findReviewYear(head) ??
    (summary ? (yearFromTitle(title) ?? firstPlainYear(head)) : null);
  return { title, issuer, year, reviewYear };
}

/** The end of the first period a text names: "行动计划(2016—2020年)" plans to 2020. */
function periodEnd(text: string): number | null {
  const range = /(?<!\d)((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年/.exec(text);
  return range ? Number(range[2]) : null;
}

/** The year a page was published ("发布时间:2022-09-15 11:43"): a news page's own year. */
function publishYear(headerLines: readonly string[]): number | null {
  for (const line of headerLines) {
    if (line.length > 60) continue;
    const m = /(?<!\d)((?:19|20)\d{2})[-./]\d{1,2}[-./]\d{1,2}/.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

/** The first year named that is not part of a date. */
function firstPlainYear(text: string): number | null {
  const m = PLAIN_YEAR.exec(text);
  return m ? Number(m[1]) : null;
}
