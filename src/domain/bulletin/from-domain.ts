/**
 * Bulletin rows from the results the other domain modules compute — an attainment, a task's traffic light,
 * a ranked score — so the server only has to add names (metric, units) to what it already has. Pure.
 */
import type { Attainment, AttainmentTarget } from "../attainment/attainment.js";
import type { RankedScore } from "../scoring/scoring.js";
import type { TaskStatus } from "../supervision/task-workflow.js";
import type { TaskLightResult } from "../supervision/traffic-light.js";
import type { BulletinTarget, BulletinTask, BulletinUnitScore } from "./bulletin.js";

export function bulletinTargetFrom(
  target: Pick<AttainmentTarget, "comparator" | "value" | "unit" | "deadline" | "relative">,
  attainment: Pick<Attainment, "status" | "latest">,
  names: { metric: string; responsibleUnit?: string },
): BulletinTarget {
  return {
    metric: names.metric,
    comparator: target.comparator,
    value: target.value,
    unit: target.unit ?? "",
    relative: target.relative ?? false,
    deadline: target.deadline,
    latestValue: attainment.latest?.value ?? null,
    latestPeriod: attainment.latest?.periodId ?? null,
    status: attainment.status,
    responsibleUnit: names.responsibleUnit ?? "",
  };
}

export function bulletinTaskFrom(
  task: { text: string; leadUnits: string[]; deadline: string; status: TaskStatus },
  light: Pick<TaskLightResult, "light" | "workdaysLate">,
): BulletinTask {
  return { ...task, overdueDays: light.workdaysLate, closedLate: light.light === "closed_late" };
}

/** `unitName` turns the scoring's unit ids into the names a bulletin prints. */
export function bulletinUnitsFrom(
  ranked: readonly RankedScore[],
  unitName: (unitId: string) => string,
): BulletinUnitScore[] {
  return ranked.map((r) => ({ unit: unitName(r.unitId), score: r.total, rank: r.rank }));
}
