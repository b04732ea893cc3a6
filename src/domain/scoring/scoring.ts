/**
 * Assessment (考核) scoring: a scheme gives each target and task a weight and a rule; each unit's results
 * become points with the reason for every point, bonus and deduction items are added within their caps,
 * and units are ranked with ties sharing a rank. Pure.
 *
 * Rules: a target achieved earns its full weight; on track or at risk earns a share linear in the distance
 * covered from the baseline to the threshold; off track or no data earns nothing. A task closed on time
 * earns its weight; closed late (超期办结) loses `perWorkday` points per working day late (at most
 * `maxPenalty`); open and overdue earns nothing; open within its deadline earns its percent complete.
 */
import { z } from "zod";
import type { AttainmentStatus } from "../attainment/attainment.js";

const weight = z.number().positive().max(1000);

export const scoringItemSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("target"),
    id: z.string().min(1),
    label: z.string().min(1),
    weight,
    /** `linear`: partial credit between baseline and threshold; `all_or_nothing`: achieved or zero. */
    partial: z.enum(["linear", "all_or_nothing"]).default("linear"),
  }),
  z.object({
    kind: z.literal("task"),
    id: z.string().min(1),
    label: z.string().min(1),
    weight,
    latePenalty: z
      .object({ perWorkday: z.number().min(0), maxPenalty: z.number().min(0).optional() })
      .default({ perWorkday: 0 }),
  }),
]);
export type ScoringItem = z.infer<typeof scoringItemSchema>;

export const assessmentSchemeSchema = z
  .object({
    items: z.array(scoringItemSchema).min(1).max(500),
    /** Most points all bonus items may add together; unlimited when absent. */
    bonusCap: z.number().min(0).optional(),
    /** Most points all deduction items may take off together; unlimited when absent. */
    deductionCap: z.number().min(0).optional(),
  })
  .refine((s) => new Set(s.items.map((i) => i.id)).size === s.items.length, "item ids must be unique");
export type AssessmentScheme = z.infer<typeof assessmentSchemeSchema>;

export interface TargetResult {
  status: AttainmentStatus;
  latest: number | null;
  baseline: number | null;
  threshold: number | null;
}

export interface TaskResult {
  closed: boolean;
  /** Working days past the deadline: at closing for a closed task, today for an open one; 0 when on time. */
  workdaysLate: number;
  percentComplete?: number;
}

export const adjustmentSchema = z.object({
  label: z.string().min(1),
  /** Positive for a bonus (加分), negative for a deduction (扣分). */
  points: z.number().finite(),
  reason: z.string().min(1),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

export interface UnitResults {
  unitId: string;
  targets: Record<string, TargetResult | undefined>;
  tasks: Record<string, TaskResult | undefined>;
  adjustments?: Adjustment[];
}

export interface ScoreLine {
  itemId: string | null;
  label: string;
  kind: "target" | "task" | "bonus" | "deduction";
  weight: number | null;
  points: number;
  reason: string;
}

export interface UnitScore {
  unitId: string;
  total: number;
  /** Sum of item weights: the most a unit can earn without bonuses. */
  maximum: number;
  lines: ScoreLine[];
}

export interface RankedScore extends UnitScore {
  rank: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function scoreTarget(
  item: Extract<ScoringItem, { kind: "target" }>,
  r: TargetResult | undefined,
): [number, string] {
  if (!r || r.status === "no_data") return [0, "无数据，不得分"];
  switch (r.status) {
    case "achieved":
      return [item.weight, "已达标，得满分"];
    case "off_track":
      return [0, "进度滞后，不得分"];
    case "on_track":
    case "at_risk": {
      const label = r.status === "on_track" ? "进度正常" : "预警";
      if (item.partial === "all_or_nothing") return [0, `${label}，未达标不得分`];
      if (r.latest === null || r.threshold === null) return [0, `${label}，缺少数值，不得分`];
      // Without a baseline, distance is measured from zero — meaningful only for a rising target
      // (a lower-is-better value above its threshold would otherwise look like more than 100%).
      const from = r.baseline ?? 0;
      const rising = r.threshold > from;
      if (r.threshold === from || (r.baseline === null && (!rising || r.latest > r.threshold))) {
        return [0, `${label}，无基线，不得分`];
      }
      const share = clamp01((r.latest - from) / (r.threshold - from));
      return [
        item.weight * share,
        `${label}，完成基线至目标的${pct(share)}（${r.baseline === null ? "以0为基线" : `基线${r.baseline}`}，最新值${r.latest}，目标${r.threshold}）`,
      ];
    }
  }
}

function scoreTask(
  item: Extract<ScoringItem, { kind: "task" }>,
  r: TaskResult | undefined,
): [number, string] {
  if (!r) return [0, "无办理记录，不得分"];
  if (r.closed) {
    if (r.workdaysLate <= 0) return [item.weight, "按期办结，得满分"];
    const penalty = Math.min(
      item.latePenalty.perWorkday * r.workdaysLate,
      item.latePenalty.maxPenalty ?? item.weight,
      item.weight,
    );
    return [item.weight - penalty, `超期办结${r.workdaysLate}个工作日，扣${round2(penalty)}分`];
  }
  if (r.workdaysLate > 0) return [0, `逾期${r.workdaysLate}个工作日未办结，不得分`];
  const share = clamp01((r.percentComplete ?? 0) / 100);
  return [item.weight * share, `办理中，按进度${pct(share)}计分`];
}

/** One unit's score with a line for every item and adjustment. */
export function scoreUnit(scheme: AssessmentScheme, results: UnitResults): UnitScore {
  const lines: ScoreLine[] = scheme.items.map((item) => {
    const [points, reason] =
      item.kind === "target"
        ? scoreTarget(item, results.targets[item.id])
        : scoreTask(item, results.tasks[item.id]);
    return {
      itemId: item.id,
      label: item.label,
      kind: item.kind,
      weight: item.weight,
      points: round2(points),
      reason,
    };
  });
  let bonusLeft = scheme.bonusCap ?? Infinity;
  let deductionLeft = scheme.deductionCap ?? Infinity;
  for (const a of results.adjustments ?? []) {
    if (a.points >= 0) {
      const points = Math.min(a.points, bonusLeft);
      bonusLeft -= points;
      const capped = points < a.points ? `（加分已达上限${scheme.bonusCap}分）` : "";
      lines.push({
        itemId: null,
        label: a.label,
        kind: "bonus",
        weight: null,
        points: round2(points),
        reason: a.reason + capped,
      });
    } else {
      const points = Math.min(-a.points, deductionLeft);
      deductionLeft -= points;
      const capped = points < -a.points ? `（扣分已达上限${scheme.deductionCap}分）` : "";
      lines.push({
        itemId: null,
        label: a.label,
        kind: "deduction",
        weight: null,
        points: round2(-points),
        reason: a.reason + capped,
      });
    }
  }
  return {
    unitId: results.unitId,
    total: round2(lines.reduce((s, l) => s + l.points, 0)),
    maximum: round2(scheme.items.reduce((s, i) => s + i.weight, 0)),
    lines,
  };
}

/**
 * Ranks scores high to low; equal totals (to the cent) share a rank and the next rank skips (1, 2, 2, 4),
 * as rankings in 通报 are read. Ties are listed by unit id so the order is stable.
 */
export function rankUnits(scores: readonly UnitScore[]): RankedScore[] {
  const sorted = [...scores].sort((a, b) => b.total - a.total || a.unitId.localeCompare(b.unitId));
  let rank = 0;
  return sorted.map((s, i) => {
    if (i === 0 || s.total !== sorted[i - 1]?.total) rank = i + 1;
    return { ...s, rank };
  });
}

/** Scores and ranks every unit under one scheme. */
export function assess(scheme: AssessmentScheme, units: readonly UnitResults[]): RankedScore[] {
  return rankUnits(units.map((u) => scoreUnit(scheme, u)));
}
