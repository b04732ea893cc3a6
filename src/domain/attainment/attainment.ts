/**
 * Attainment status (达标/预警) of one target for one org unit: achieved, on track, at risk, off track or no
 * data — from the latest value, the comparator, the indicator's direction and a projection to the deadline.
 * The rule, also in docs/attainment.md:
 *
 * 1. The threshold: the target value for >=, >, <=, <; baseline + value (or × (1 ± value%) when `relative`)
 *    for increase_by / decrease_by, which need a baseline; "=" reads as ">=" for a higher-is-better and
 *    "<=" for a lower-is-better indicator (达到95% means at least 95%); "~" and "=" without a direction are
 *    met inside a band of ± `bandTolerance` × |value|.
 * 2. No value in the series → no_data.
 * 3. The latest value decides whether the target is met now. If the series already reaches the deadline
 *    period, the result is final: achieved or off_track.
 * 4. Before that, a met target is achieved (met early) — except a `maintain` target (保持/稳定在), which
 *    must still hold at the deadline and is on_track.
 * 5. Otherwise the series is projected to the deadline period by least squares: a linear trend over the
 *    periods so far (the baseline counts as a point when it is older than the first value); for monthly data
 *    with twelve calendar months of history, a linear trend with a month-of-year seasonal index. Missing
 *    periods are simply absent points: the time axis keeps real period distances.
 * 6. A projection that meets the threshold → on_track; one that misses by at most `atRiskMargin` ×
 *    |threshold| → at_risk; further → off_track. One value and no baseline give no trend → at_risk.
 *
 * The result carries the threshold, the latest value, the gap, the projection and its method, and a Chinese
 * sentence explaining the status. Pure.
 */
import { z } from "zod";
import { directionSchema } from "../indicators/indicator.js";
import {
  periodContaining,
  periodIdSchema,
  periodOf,
  periodOrdinal,
  type PeriodKind,
} from "../periods/period.js";
import { seasonalProjection, fitLine, valueAt, type Point } from "./trend.js";

export type AttainmentStatus = "achieved" | "on_track" | "at_risk" | "off_track" | "no_data";

export const ATTAINMENT_LABELS: Record<AttainmentStatus, string> = {
  achieved: "已达标",
  on_track: "进度正常",
  at_risk: "预警",
  off_track: "进度滞后",
  no_data: "无数据",
};

export const attainmentTargetSchema = z.object({
  comparator: z.enum(["=", ">=", ">", "<=", "<", "~", "increase_by", "decrease_by"]),
  value: z.number().finite(),
  unit: z.string().optional(),
  /** The period by whose end the target is due: "2025", "2025Q4". */
  deadline: periodIdSchema,
  baseline: z
    .object({ value: z.number().finite(), periodId: periodIdSchema.optional() })
    .nullable()
    .optional(),
  /** For increase_by / decrease_by: the value is a percent of the baseline (提高10%), not an absolute change. */
  relative: z.boolean().optional(),
  /** 保持/稳定在: the target must hold through the deadline, so meeting it early is on track, not achieved. */
  maintain: z.boolean().optional(),
  direction: directionSchema.optional(),
});
export type AttainmentTarget = z.infer<typeof attainmentTargetSchema>;

export interface SeriesValue {
  periodId: string;
  value: number | null;
}

export interface AttainmentOptions {
  /** A projection missing the threshold by at most this share of |threshold| is at risk. Default 0.05. */
  atRiskMargin?: number;
  /** Half-width of the band for "~" (and "=" without a direction), as a share of |value|. Default 0.05. */
  bandTolerance?: number;
}

export type Sense = ">=" | ">" | "<=" | "<" | "band";
export type ProjectionMethod = "linear_trend" | "seasonal_linear_trend";

export interface Attainment {
  status: AttainmentStatus;
  label: string;
  threshold: number | null;
  sense: Sense | null;
  latest: { periodId: string; value: number } | null;
  /** How far the latest value is from meeting the threshold (0 when met), in the target's unit. */
  gap: number | null;
  projection: {
    periodId: string;
    value: number;
    method: ProjectionMethod;
    points: number;
    /** Change per period of the fitted trend. */
    slope: number;
    gap: number;
  } | null;
  /** True when the series reaches the deadline period: the status will not change with more data. */
  final: boolean;
  explanation: string;
}

const EPS = 1e-9;

function thresholdOf(
  t: AttainmentTarget,
  band: number,
): { threshold: number; sense: Sense; halfWidth: number } | { error: string } {
  switch (t.comparator) {
    case ">=":
    case ">":
    case "<=":
    case "<":
      return { threshold: t.value, sense: t.comparator, halfWidth: 0 };
    case "increase_by":
    case "decrease_by": {
      if (!t.baseline) return { error: "缺少基线值，无法计算目标值" };
      const b = t.baseline.value;
      const up = t.comparator === "increase_by";
      const change = t.relative ? (b * t.value) / 100 : t.value;
      return { threshold: up ? b + change : b - change, sense: up ? ">=" : "<=", halfWidth: 0 };
    }
    case "=":
      if (t.direction)
        return { threshold: t.value, sense: t.direction === "higher_is_better" ? ">=" : "<=", halfWidth: 0 };
      return { threshold: t.value, sense: "band", halfWidth: band * Math.abs(t.value) };
    case "~":
      return { threshold: t.value, sense: "band", halfWidth: band * Math.abs(t.value) };
  }
}

/** How far `x` is from meeting the threshold: 0 when met, else the positive distance. */
function shortfall(x: number, threshold: number, sense: Sense, halfWidth: number): number {
  switch (sense) {
    case ">=":
      return x >= threshold - EPS ? 0 : threshold - x;
    case ">":
      return x > threshold + EPS ? 0 : Math.max(threshold - x, EPS); // equal is not met: a positive gap
    case "<=":
      return x <= threshold + EPS ? 0 : x - threshold;
    case "<":
      return x < threshold - EPS ? 0 : Math.max(x - threshold, EPS);
    case "band":
      return Math.max(0, Math.abs(x - threshold) - halfWidth - EPS);
  }
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);
const SENSE_TEXT: Record<Sense, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<", band: "约" };

/** The attainment status of a target given its series; `periodIds` of the series must be of one kind. */
export function assessAttainment(
  target: AttainmentTarget,
  series: readonly SeriesValue[],
  options: AttainmentOptions = {},
): Attainment {
  const atRiskMargin = options.atRiskMargin ?? 0.05;
  const th = thresholdOf(target, options.bandTolerance ?? 0.05);
  const values = series
    .filter(
      (s): s is { periodId: string; value: number } =>
        typeof s.value === "number" && Number.isFinite(s.value),
    )
    .map((s) => ({ ...s, t: periodOrdinal(s.periodId) }))
    .sort((a, b) => a.t - b.t);
  const base = { label: "", projection: null, final: false };

  if ("error" in th) {
    return {
      ...base,
      status: "no_data",
      label: ATTAINMENT_LABELS.no_data,
      threshold: null,
      sense: null,
      latest: null,
      gap: null,
      explanation: th.error,
    };
  }
  const { threshold, sense, halfWidth } = th;
  const goal = `${SENSE_TEXT[sense]}${fmt(threshold)}${target.unit ?? ""}`;
  const latestObs = values.at(-1);
  if (!latestObs) {
    return {
      ...base,
      status: "no_data",
      label: ATTAINMENT_LABELS.no_data,
      threshold,
      sense,
      latest: null,
      gap: null,
      explanation: `尚无监测数据（目标${goal}）`,
    };
  }
  const kind: PeriodKind = periodOf(latestObs.periodId).kind;
  const sameKind = values.filter((v) => periodOf(v.periodId).kind === kind);
  const deadlinePeriod = periodContaining(periodOf(target.deadline).endsOn, kind);
  const deadlineT = periodOrdinal(deadlinePeriod.id);
  const latest = { periodId: latestObs.periodId, value: latestObs.value };
  const gap = shortfall(latest.value, threshold, sense, halfWidth);
  const now = `最新值${fmt(latest.value)}${target.unit ?? ""}（${latest.periodId}）`;
  const result = (
    status: AttainmentStatus,
    explanation: string,
    extra: Partial<Attainment> = {},
  ): Attainment => ({
    ...base,
    status,
    label: ATTAINMENT_LABELS[status],
    threshold,
    sense,
    latest,
    gap,
    explanation,
    ...extra,
  });

  if (latestObs.t >= deadlineT) {
    return gap === 0
      ? result("achieved", `${now}，已达到目标${goal}`, { final: true })
      : result("off_track", `${now}，截至时限未达到目标${goal}，差${fmt(gap)}`, { final: true });
  }
  if (gap === 0) {
    return target.maintain
      ? result("on_track", `${now}，已达到目标${goal}，需保持至${target.deadline}`)
      : result("achieved", `${now}，已提前达到目标${goal}`);
  }

  const points: Point[] = sameKind.map((v) => ({ t: v.t, y: v.value }));
  if (target.baseline?.periodId) {
    const bt = periodOrdinal(periodContaining(periodOf(target.baseline.periodId).endsOn, kind).id);
    if (bt < (points[0]?.t ?? bt)) points.unshift({ t: bt, y: target.baseline.value });
  }
  const seasonal = kind === "month" ? seasonalProjection(points, deadlineT) : null;
  const line = seasonal?.line ?? fitLine(points);
  if (!line) {
    return result("at_risk", `${now}，未达到目标${goal}（差${fmt(gap)}），数据不足以推算趋势`);
  }
  const projected = seasonal ? seasonal.value : valueAt(line, deadlineT);
  const method: ProjectionMethod = seasonal ? "seasonal_linear_trend" : "linear_trend";
  const projectedGap = shortfall(projected, threshold, sense, halfWidth);
  const projection = {
    periodId: deadlinePeriod.id,
    value: projected,
    method,
    points: points.length,
    slope: line.slope,
    gap: projectedGap,
  };
  const how = `${seasonal ? "按线性趋势并扣除季节因素" : "按线性趋势"}推算${deadlinePeriod.id}为${fmt(projected)}${target.unit ?? ""}`;
  if (projectedGap === 0) return result("on_track", `${now}，${how}，可达到目标${goal}`, { projection });
  const margin = atRiskMargin * Math.max(Math.abs(threshold), EPS);
  return projectedGap <= margin
    ? result("at_risk", `${now}，${how}，距目标${goal}差${fmt(projectedGap)}，存在未达标风险`, { projection })
    : result("off_track", `${now}，${how}，距目标${goal}差${fmt(projectedGap)}，进度滞后`, { projection });
}
