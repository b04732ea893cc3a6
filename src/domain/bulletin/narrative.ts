/**
 * The narrative of a bulletin (通报), written from the numbers in the plain official style: how many targets
 * are achieved, on track, at risk, lagging or unreported, with the lagging ones named with their values and
 * targets; which tasks are overdue and who leads them; how the units rank; and what is asked next. The
 * wording covers the edge cases a real period brings (nothing reported yet, everything achieved, no overdue
 * task, fewer than three units). Pure: the same input gives the same text.
 */
import type { AttainmentStatus } from "../attainment/attainment.js";
import { periodLabel } from "../periods/period.js";
import {
  attainmentCounts,
  bulletinPeriodLabel,
  formatChineseDate,
  formatNumber,
  formatTarget,
  formatValue,
  isTaskClosed,
  isTaskOverdue,
  type BulletinInput,
  type BulletinTarget,
  type BulletinTask,
  type BulletinUnitScore,
} from "./bulletin.js";

/** A heading of the first level (一、, 黑体), of the second (（一）, 楷体), or a body paragraph (仿宋). */
export interface NarrativeBlock {
  kind: "h1" | "h2" | "p";
  text: string;
}

const CN_NUMERALS = "一二三四五六七八九十";
const chineseOrdinal = (i: number): string =>
  i < 10 ? (CN_NUMERALS[i] ?? "") : `十${CN_NUMERALS[i - 10] ?? ""}`;

/** How each status reads after "N项" in the summary sentence. */
const COUNT_PHRASES: Record<AttainmentStatus, string> = {
  achieved: "已达标",
  on_track: "进度正常",
  at_risk: "存在未达标风险",
  off_track: "进度滞后",
  no_data: "暂无监测数据",
};

/** Task names are long sentences; a bulletin names them by their opening words. */
const TASK_NAME_MAX = 40;
function taskName(t: BulletinTask): string {
  const text = t.text.replace(/[。；;，,\s]+$/u, "");
  return text.length > TASK_NAME_MAX ? `${text.slice(0, TASK_NAME_MAX)}……` : text;
}

const joinList = (items: readonly string[]): string => items.join("、");
const unique = (items: readonly string[]): string[] => [...new Set(items.filter((s) => s.length > 0))];

function namedTarget(t: BulletinTarget): string {
  const parts: string[] = [];
  if (t.latestValue !== null) {
    const when = t.latestPeriod ? `${periodLabel(t.latestPeriod)}为` : "为";
    parts.push(`${when}${formatValue(t.latestValue, t.unit)}`);
  }
  parts.push(`目标${formatTarget(t)}`);
  if (t.responsibleUnit) parts.push(`责任单位：${t.responsibleUnit}`);
  return `${t.metric}（${parts.join("，")}）`;
}

function targetBlocks(input: BulletinInput, asOf: string): NarrativeBlock[] {
  const { targets } = input;
  const blocks: NarrativeBlock[] = [{ kind: "h1", text: "一、主要指标完成情况" }];
  if (targets.length === 0) {
    blocks.push({ kind: "p", text: `${asOf}，本期暂无纳入监测的指标。` });
    return blocks;
  }
  const counts = attainmentCounts(targets);
  const n = targets.length;
  let summary: string;
  if (counts.achieved === n) summary = `${asOf}，纳入监测的${n}项指标全部达标。`;
  else if (counts.no_data === n) summary = `${asOf}，纳入监测的${n}项指标均暂无监测数据。`;
  else {
    const parts = (Object.keys(COUNT_PHRASES) as AttainmentStatus[])
      .filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]}项${COUNT_PHRASES[s]}`);
    summary = `${asOf}，纳入监测的${n}项指标中，${parts.join("，")}。`;
  }
  blocks.push({ kind: "p", text: summary });

  const named = (status: AttainmentStatus, lead: string): void => {
    const list = targets.filter((t) => t.status === status);
    if (list.length === 0) return;
    blocks.push({ kind: "p", text: `${lead}：${list.map(namedTarget).join("；")}。` });
  };
  const lagging = counts.off_track + counts.at_risk + counts.no_data;
  if (lagging > 0) {
    blocks.push({ kind: "h2", text: "（一）需重点关注的指标" });
    named("off_track", "进度滞后的指标是");
    named("at_risk", "存在未达标风险的指标是");
    const missing = targets.filter((t) => t.status === "no_data");
    if (missing.length > 0) {
      const names = missing.map((t) =>
        t.responsibleUnit ? `${t.metric}（${t.responsibleUnit}）` : t.metric,
      );
      blocks.push({ kind: "p", text: `暂无监测数据的指标是：${joinList(names)}。` });
    }
  }
  if (counts.achieved > 0 && counts.achieved < n) {
    blocks.push({ kind: "h2", text: lagging > 0 ? "（二）已达标的指标" : "（一）已达标的指标" });
    const achieved = targets.filter((t) => t.status === "achieved").map((t) => t.metric);
    blocks.push({ kind: "p", text: `已达标的指标是：${joinList(achieved)}。` });
  }
  return blocks;
}

function taskBlocks(input: BulletinInput, asOf: string): NarrativeBlock[] {
  const { tasks } = input;
  const blocks: NarrativeBlock[] = [{ kind: "h1", text: "二、重点任务推进情况" }];
  if (tasks.length === 0) {
    blocks.push({ kind: "p", text: `${asOf}，本期暂无纳入督办的重点任务。` });
    return blocks;
  }
  const closed = tasks.filter(isTaskClosed);
  const closedLate = closed.filter((t) => t.closedLate);
  const overdue = tasks.filter(isTaskOverdue);
  const open = tasks.length - closed.length - overdue.length;

  const lateNote = closedLate.length > 0 ? `（其中超期办结${closedLate.length}项）` : "";
  const summary =
    closed.length === tasks.length
      ? `已全部办结${lateNote}`
      : [
          closed.length > 0 ? `已办结${closed.length}项${lateNote}` : "",
          open > 0 ? `正在按期推进${open}项` : "",
          overdue.length > 0 ? `超期未办结${overdue.length}项` : "",
        ]
          .filter((s) => s.length > 0)
          .join("，");
  blocks.push({ kind: "p", text: `${asOf}，纳入督办的${tasks.length}项重点任务中，${summary}。` });

  if (overdue.length === 0) {
    blocks.push({ kind: "p", text: "各项任务均在办理期限内推进，无超期未办结任务。" });
  } else {
    const sorted = [...overdue].sort((a, b) => b.overdueDays - a.overdueDays);
    const items = sorted.map((t, i) => {
      const lead = t.leadUnits.length > 0 ? `牵头单位：${joinList(t.leadUnits)}，` : "";
      return `${i + 1}.${taskName(t)}（${lead}办理时限${formatChineseDate(t.deadline)}，已超期${t.overdueDays}个工作日）`;
    });
    blocks.push({ kind: "p", text: `超期未办结的任务是：${items.join("；")}。` });
  }
  if (closedLate.length > 0) {
    const items = closedLate.map((t) => {
      const lead = t.leadUnits.length > 0 ? `，${joinList(t.leadUnits)}` : "";
      return `${taskName(t)}（超期${t.overdueDays}个工作日${lead}）`;
    });
    blocks.push({ kind: "p", text: `超期办结的任务是：${items.join("；")}。` });
  }
  return blocks;
}

/** 数据报送: how many org units were to report, did, and did on time. */
function reportingBlocks(input: BulletinInput): NarrativeBlock[] {
  const r = input.reporting;
  if (!r || r.expected === 0) return [];
  const rate = (k: number) => `${formatNumber((k / r.expected) * 100)}%`;
  return [
    {
      kind: "p",
      text: `数据报送方面，本期应报送${r.expected}个单位，已报送${r.received}个，其中按时报送${r.onTime}个，报送率${rate(r.received)}，及时率${rate(r.onTime)}。`,
    },
  ];
}

const scored = (u: BulletinUnitScore): string => `${u.unit}（${formatNumber(u.score)}分）`;

function rankingBlocks(units: readonly BulletinUnitScore[]): NarrativeBlock[] {
  if (units.length === 0) return [];
  const blocks: NarrativeBlock[] = [{ kind: "h1", text: "三、综合考评情况" }];
  const sorted = [...units].sort((a, b) => a.rank - b.rank || b.score - a.score);
  const n = sorted.length;
  if (n <= 3) {
    const text =
      n === 1
        ? `参加考评的单位为${scored(sorted[0]!)}。`
        : `参加考评的${n}个单位综合得分依次为：${joinList(sorted.map(scored))}。`;
    blocks.push({ kind: "p", text });
    return blocks;
  }
  // "前三位" counts ranks, not rows: with a tie at third there are four units in the top three places.
  const top = sorted.filter((u) => u.rank <= 3);
  const ties = top.length > 3 || new Set(top.map((u) => u.rank)).size < top.length;
  const tieNote = ties ? "（含并列）" : "";
  let text = `参加考评的${n}个单位中，综合得分前三位${tieNote}的是：${joinList(top.map(scored))}`;
  const rest = sorted.filter((u) => u.rank > 3);
  if (rest.length > 0) {
    const worstRank = sorted[n - 1]!.rank;
    // Name the last three places when there are enough units below the top three to make them distinct.
    const bottom = rest.length > 3 ? rest.filter((u) => u.rank > worstRank - 3) : rest;
    const lead = rest.length > 3 ? "排名后三位的是" : "其余单位依次为";
    text += `；${lead}：${joinList(bottom.map(scored))}`;
  }
  blocks.push({ kind: "p", text: `${text}。` });
  return blocks;
}

function requestBlocks(input: BulletinInput, index: number): NarrativeBlock[] {
  const paragraphs: string[] = [];
  const behind = input.targets.filter((t) => t.status === "off_track" || t.status === "at_risk");
  const behindUnits = unique(behind.map((t) => t.responsibleUnit));
  if (behind.length > 0)
    paragraphs.push(
      `${behindUnits.length > 0 ? `请${joinList(behindUnits)}` : "请相关责任单位"}对进度滞后和存在未达标风险的指标认真分析原因，制定针对性措施，确保按期完成年度目标。`,
    );
  const missingUnits = unique(
    input.targets.filter((t) => t.status === "no_data").map((t) => t.responsibleUnit),
  );
  if (input.targets.some((t) => t.status === "no_data"))
    paragraphs.push(
      `${missingUnits.length > 0 ? `请${joinList(missingUnits)}` : "请相关责任单位"}按照统计口径及时报送监测数据，确保数据真实、准确、完整。`,
    );
  const overdueUnits = unique(
    input.tasks
      .filter(isTaskOverdue)
      .sort((a, b) => b.overdueDays - a.overdueDays)
      .flatMap((t) => t.leadUnits),
  );
  if (input.tasks.some(isTaskOverdue))
    paragraphs.push(
      `${overdueUnits.length > 0 ? `请${joinList(overdueUnits)}` : "请相关牵头单位"}加快推进超期未办结任务，尽快办结并报送办理情况。`,
    );
  if (paragraphs.length === 0)
    paragraphs.push("各单位要保持良好态势，巩固已有成效，确保全年各项目标任务圆满完成。");
  else paragraphs.push("各单位要对照年度目标任务，压实工作责任，确保全年各项目标任务圆满完成。");
  return [
    { kind: "h1", text: `${chineseOrdinal(index)}、下一步工作要求` },
    ...paragraphs.map((text) => ({ kind: "p" as const, text })),
  ];
}

/**
 * The bulletin's body, heading by heading. For 2024Q3 with 18 targets it opens like
 * "截至2024年第三季度，纳入监测的18项指标中，12项已达标，2项进度正常，4项进度滞后。" and goes on to name
 * the lagging targets with their values, the overdue tasks with their lead units and the units' ranking.
 */
export function writeNarrative(input: BulletinInput): NarrativeBlock[] {
  const period = bulletinPeriodLabel(input);
  const asOf = `截至${period}`;
  const plan = input.planTitle.replace(/^《|》$/g, "");
  const ranking = rankingBlocks(input.units);
  return [
    {
      kind: "p",
      text: `为推动《${plan}》各项目标任务落到实处，现将${period}主要指标完成和重点任务推进情况通报如下：`,
    },
    ...targetBlocks(input, asOf),
    ...reportingBlocks(input),
    ...taskBlocks(input, asOf),
    ...ranking,
    ...requestBlocks(input, ranking.length > 0 ? 3 : 2),
  ];
}
