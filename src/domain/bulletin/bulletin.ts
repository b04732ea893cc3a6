/**
 * The data a bulletin (通报) is written from: a plan's targets with their attainment, its supervised tasks and
 * the units' assessment scores for one period, plus the wording helpers every renderer shares (how a target,
 * a value or a date reads in Chinese). Plain data in, plain data out: the server assembles it from the
 * database, the renderers in src/reports turn it into Word, Excel and HTML. Pure.
 */
import { z } from "zod";
import { ATTAINMENT_LABELS, type AttainmentStatus } from "../attainment/attainment.js";
import { isoDateSchema } from "../calendar/dates.js";
import { periodIdSchema, periodLabel } from "../periods/period.js";
import { TASK_STATUS_LABELS, type TaskStatus } from "../supervision/task-workflow.js";

export const ATTAINMENT_STATUSES = [
  "achieved",
  "on_track",
  "at_risk",
  "off_track",
  "no_data",
] as const satisfies readonly AttainmentStatus[];

export const TASK_STATUSES = Object.keys(TASK_STATUS_LABELS) as [TaskStatus, ...TaskStatus[]];

export const bulletinTargetSchema = z.object({
  metric: z.string().trim().min(1).max(500),
  comparator: z.enum(["=", ">=", ">", "<=", "<", "~", "increase_by", "decrease_by"]),
  value: z.number().finite(),
  unit: z.string().max(50).default(""),
  /** For increase_by / decrease_by: the value is a percent of the baseline (提高10%), not an absolute change. */
  relative: z.boolean().default(false),
  /** The period the target is due by: "2025", "2024Q4". */
  deadline: periodIdSchema,
  latestValue: z.number().finite().nullable(),
  latestPeriod: periodIdSchema.nullable(),
  status: z.enum(ATTAINMENT_STATUSES),
  responsibleUnit: z.string().max(200).default(""),
});
export type BulletinTarget = z.infer<typeof bulletinTargetSchema>;

export const bulletinTaskSchema = z.object({
  text: z.string().trim().min(1).max(2000),
  leadUnits: z.array(z.string().min(1).max(200)).max(50).default([]),
  deadline: isoDateSchema,
  status: z.enum(TASK_STATUSES),
  /** Working days past the deadline: today for an open task, at closing for a closed one; 0 when on time. */
  overdueDays: z.number().int().min(0),
  /** 超期办结: closed, but after its deadline. */
  closedLate: z.boolean().default(false),
});
export type BulletinTask = z.infer<typeof bulletinTaskSchema>;

export const bulletinUnitScoreSchema = z.object({
  unit: z.string().trim().min(1).max(200),
  score: z.number().finite(),
  /** 1 = best; ties share a rank (as domain/scoring ranks them). */
  rank: z.number().int().min(1),
});
export type BulletinUnitScore = z.infer<typeof bulletinUnitScoreSchema>;

export const bulletinInputSchema = z.object({
  planTitle: z.string().trim().min(1).max(300),
  /** The issuing body, signed at the foot: 某某市卫生健康委员会. */
  issuer: z.string().trim().min(1).max(200),
  periodId: periodIdSchema,
  /** Defaults to the period's Chinese label (2024年第三季度). */
  periodLabel: z.string().trim().min(1).max(50).optional(),
  /** The whole title when the caller words it (××市卫生健康委关于…的通报); else `bulletinTitle`'s default. */
  title: z.string().trim().min(1).max(300).optional(),
  /** When the bulletin was generated (ISO 8601); passed in so rendering stays deterministic. */
  generatedAt: z.iso.datetime({ offset: true }),
  targets: z.array(bulletinTargetSchema).max(2000).default([]),
  tasks: z.array(bulletinTaskSchema).max(5000).default([]),
  units: z.array(bulletinUnitScoreSchema).max(2000).default([]),
  /** Completeness and timeliness of reporting for the period, when the caller has them. */
  reporting: z
    .object({
      expected: z.number().int().min(0),
      received: z.number().int().min(0),
      onTime: z.number().int().min(0),
    })
    .optional(),
});
/** What a caller passes (defaults optional). */
export type BulletinInputData = z.input<typeof bulletinInputSchema>;
/** What the renderers work on (defaults filled). */
export type BulletinInput = z.infer<typeof bulletinInputSchema>;

export function parseBulletinInput(data: unknown): BulletinInput {
  return bulletinInputSchema.parse(data);
}

export function bulletinPeriodLabel(input: BulletinInput): string {
  return input.periodLabel ?? periodLabel(input.periodId);
}

/** 关于2024年第三季度《…》落实情况的通报 — the plan title keeps its own 《》 if it has them. */
export function bulletinTitle(input: BulletinInput): string {
  if (input.title) return input.title;
  const plan = input.planTitle.replace(/^《|》$/g, "");
  return `关于${bulletinPeriodLabel(input)}《${plan}》落实情况的通报`;
}

export const statusLabel = (s: AttainmentStatus): string => ATTAINMENT_LABELS[s];
export const taskStatusLabel = (s: TaskStatus): string => TASK_STATUS_LABELS[s];

/** Up to two decimals, no trailing zeros, no exponent: 95, 28.5, 0.35. */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return rounded.toLocaleString("en-US", { maximumFractionDigits: 2, useGrouping: false });
}

/** A value with its unit: "28.5%", "3.2人", "95". */
export function formatValue(n: number, unit: string): string {
  return `${formatNumber(n)}${unit}`;
}

const COMPARATOR_WORDS: Record<BulletinTarget["comparator"], string> = {
  ">=": "不低于",
  ">": "高于",
  "<=": "不高于",
  "<": "低于",
  "=": "达到",
  "~": "约",
  increase_by: "提高",
  decrease_by: "降低",
};

/**
 * How a target reads in a sentence or a table cell: "不低于30%", "提高10%", "降低5个百分点". An absolute
 * change of a percentage is in 个百分点, as official statistics write it, so it is not read as relative.
 */
export function formatTarget(
  t: Pick<BulletinTarget, "comparator" | "value" | "unit"> & { relative?: boolean },
): string {
  const change = t.comparator === "increase_by" || t.comparator === "decrease_by";
  const unit = change && !t.relative && t.unit === "%" ? "个百分点" : t.unit;
  return `${COMPARATOR_WORDS[t.comparator]}${formatValue(t.value, unit)}`;
}

/** The latest value for a table cell: "28.5%（2024年第三季度）", or "—" without one. */
export function formatLatest(t: Pick<BulletinTarget, "latestValue" | "latestPeriod" | "unit">): string {
  if (t.latestValue === null) return "—";
  const v = formatValue(t.latestValue, t.unit);
  return t.latestPeriod ? `${v}（${periodLabel(t.latestPeriod)}）` : v;
}

/** 2024年6月30日 */
export function formatChineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The signing date of the bulletin: the calendar day of `generatedAt` in China (UTC+8, no daylight saving),
 * because a document generated at 01:00 Beijing time is dated that day, not the UTC day before.
 */
export function signingDate(generatedAt: string): string {
  const shifted = new Date(Date.parse(generatedAt) + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}

export function attainmentCounts(targets: readonly BulletinTarget[]): Record<AttainmentStatus, number> {
  const counts = { achieved: 0, on_track: 0, at_risk: 0, off_track: 0, no_data: 0 };
  for (const t of targets) counts[t.status]++;
  return counts;
}

const CLOSED: ReadonlySet<TaskStatus> = new Set(["closed", "assessed"]);
export const isTaskClosed = (t: BulletinTask): boolean => CLOSED.has(t.status);
/** Open and past its deadline (超期未办结). */
export const isTaskOverdue = (t: BulletinTask): boolean => !isTaskClosed(t) && t.overdueDays > 0;
