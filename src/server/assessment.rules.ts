/**
 * How a stored assessment scheme becomes the domain's scoring input. Pure (no IO), so the choices are
 * tested on their own:
 *
 * - Weights are relative and normalised: each assessed org unit is scored out of 100 points, an item's
 *   points being its weight × 100 / the sum of the weights of the items that unit is scored on. A planner
 *   may therefore give 1, 1, 2 (→ 25, 25, 50) or 20, 30, 50 alike; a weight of 0 keeps the item listed
 *   but scores nothing. A scheme whose weights sum to 0 cannot be scored (422).
 * - An item with an org unit scores only that unit (a task one county carries); without, every unit.
 * - A task is as of the assessed period, the as-of day being the period's last day, or today while the
 *   period runs. Under supervision (督办) its closing day (办结), deadline in force (after an approved
 *   延期) and percent complete (反馈) count; else the earliest 'done' progress report closes it. Closed
 *   after its deadline is 超期办结. A task without a deadline is due at the end of its plan's year (else of
 *   the period).
 */
import { z } from "zod";
import type { AssessmentScheme, ScoringItem, TaskResult } from "../domain/scoring/index.js";
import { taskLight, type TaskLightResult, type TaskStatus } from "../domain/supervision/index.js";
import { parsePeriod, periodContaining, type PeriodKind } from "../domain/periods/index.js";

export const schemeRulesSchema = z.object({
  /** `linear`: on track / at risk earn the share of the way covered; `all_or_nothing`: achieved or zero. */
  partial: z.enum(["linear", "all_or_nothing"]).default("linear"),
  /** 超期办结: points off per working day late, out of the item's points. */
  latePenaltyPerWorkday: z.number().min(0).max(100).default(0.5),
  /** At most this many points off an item for lateness; the item's points when absent. */
  latePenaltyMax: z.number().min(0).max(100).optional(),
  bonusCap: z.number().min(0).max(100).optional(),
  deductionCap: z.number().min(0).max(100).optional(),
});
export type SchemeRules = z.infer<typeof schemeRulesSchema>;

export const FULL_MARKS = 100;

export interface StoredItem {
  kind: "target" | "task";
  itemId: string;
  weight: number;
  unitId: string | null;
  label: string;
}

/** The items one org unit is scored on, weights scaled to 100; null when they weigh nothing. */
export function schemeForUnit(
  items: readonly StoredItem[],
  rules: SchemeRules,
  unitId: string,
): AssessmentScheme | null {
  const mine = items.filter((i) => (i.unitId === null || i.unitId === unitId) && i.weight > 0);
  const sum = mine.reduce((s, i) => s + i.weight, 0);
  if (mine.length === 0 || sum <= 0) return null;
  const scoring: ScoringItem[] = mine.map((i) => {
    const weight = (i.weight * FULL_MARKS) / sum;
    // the domain keys items by id: a task listed once per unit is still one item for this unit
    return i.kind === "target"
      ? { kind: "target", id: i.itemId, label: i.label, weight, partial: rules.partial }
      : {
          kind: "task",
          id: i.itemId,
          label: i.label,
          weight,
          latePenalty: {
            perWorkday: rules.latePenaltyPerWorkday,
            ...(rules.latePenaltyMax === undefined ? {} : { maxPenalty: rules.latePenaltyMax }),
          },
        };
  });
  return {
    items: scoring,
    ...(rules.bonusCap === undefined ? {} : { bonusCap: rules.bonusCap }),
    ...(rules.deductionCap === undefined ? {} : { deductionCap: rules.deductionCap }),
  };
}

/** The last day of the period, or today while it runs. */
export function asOfDay(periodEndsOn: string, today: string): string {
  return today < periodEndsOn ? today : periodEndsOn;
}

/** A task's deadline for the assessment: its own, else the end of its plan's year, else of the period. */
export function taskDeadline(due: string | null, planYear: number | null, periodEndsOn: string): string {
  return due ?? (planYear ? `${planYear}-12-31` : periodEndsOn);
}

/**
 * What is known of a task: under supervision (督办), its deadline in force (after an approved extension),
 * closing day, percent complete and status; else its plan deadline and the day a unit reported it done.
 */
export interface TaskFacts {
  deadline: string;
  doneOn: string | null;
  percent: number | null;
  supervisedStatus: TaskStatus | null;
  started: boolean;
}

export interface TaskAsOf {
  closedOn: string | null;
  status: TaskStatus;
  light: TaskLightResult;
  result: TaskResult;
}

const CLOSED_STATUSES: ReadonlySet<TaskStatus> = new Set(["closed", "assessed"]);

/** A task as it stood on a day: a closing after that day has not happened yet. */
export function taskAsOf(facts: TaskFacts, asOf: string): TaskAsOf {
  const closedOn = facts.doneOn !== null && facts.doneOn <= asOf ? facts.doneOn : null;
  const light = taskLight({ deadline: facts.deadline, closedOn, today: asOf, reminderWorkdays: 0 });
  const s = facts.supervisedStatus;
  const status: TaskStatus = closedOn
    ? s === "assessed"
      ? "assessed"
      : "closed"
    : s && !CLOSED_STATUSES.has(s)
      ? s
      : s || facts.started
        ? "in_progress"
        : "assigned";
  return {
    closedOn,
    status,
    light,
    result: {
      closed: closedOn !== null,
      workdaysLate: light.workdaysLate,
      ...(facts.percent === null || closedOn ? {} : { percentComplete: facts.percent }),
    },
  };
}

/**
 * Items listed twice for one org unit: the same target or task may be listed once for every unit, or
 * once per named unit (a task two counties carry, weighted differently), not both.
 */
export function duplicateItems(items: readonly Omit<StoredItem, "label" | "weight">[]): string[] {
  const groups = new Map<string, Array<string | null>>();
  for (const i of items) {
    const key = `${i.kind}|${i.itemId}`;
    groups.set(key, [...(groups.get(key) ?? []), i.unitId]);
  }
  const dup: string[] = [];
  for (const [key, units] of groups)
    if (units.length > 1 && (units.includes(null) || new Set(units).size < units.length))
      dup.push(key.slice(key.indexOf("|") + 1));
  return dup;
}

const FINER: readonly PeriodKind[] = ["year", "half", "quarter", "month"];

/**
 * The periods a target's status is read as of, in order: the period itself, then — for the kinds of period
 * the figures actually come in, finer than it — the one holding its last day. A 年考核 (2025) over quarterly
 * figures reads them as of 2025Q4, over monthly ones as of 2025M12; a target keeps the first reading
 * that has data.
 */
export function asOfCandidates(periodId: string, periodsWithData: readonly string[]): string[] {
  const p = parsePeriod(periodId);
  if (!p) return [periodId];
  const kinds = new Set(
    periodsWithData.flatMap((id) => {
      const d = parsePeriod(id);
      return d && d.endsOn <= p.endsOn ? [d.kind] : [];
    }),
  );
  const finer = FINER.slice(FINER.indexOf(p.kind) + 1).filter((k) => kinds.has(k));
  return [periodId, ...finer.map((k) => periodContaining(p.endsOn, k).id)];
}

/**
 * Who answers for a target: a 工作要点 states most targets inside the task that commits to them ("…全市
 * 居民健康素养水平达到30%（健康促进科牵头）"), so the lead units of the task whose span holds the target's
 * span are its responsible units; a target stated on its own has none.
 */
export function responsibleUnitsOf(
  target: { start: number; end: number },
  tasks: ReadonlyArray<{ start: number; end: number; leadUnits: readonly string[] }>,
): string[] {
  const holder = tasks
    .filter((t) => t.start <= target.start && target.end <= t.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  return holder ? [...new Set(holder.leadUnits)] : [];
}
