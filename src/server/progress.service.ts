/**
 * Task progress: what a unit reports on a task of a published plan. A reporter writes only for the
 * units it is bound to, and only on tasks those units carry; planners and admins may write for any unit
 * of the task.
 */
import { randomUUID } from "node:crypto";
import { parsePeriod } from "../domain/periods/index.js";
import type { AuditRepository } from "../db/audit.repository.js";
import type { PlanItemRepository } from "../db/plan-item.repository.js";
import type { PlanRepository } from "../db/plan.repository.js";
import type { ProgressRepository, TaskProgressRow } from "../db/progress.repository.js";
import type { UnitOfWork } from "../db/transaction.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { hasRole } from "./http.js";

export interface ProgressRepos {
  plans: PlanRepository;
  items: PlanItemRepository;
  progress: ProgressRepository;
  audit: AuditRepository;
}

export const progressStatuses = ["not_started", "in_progress", "done", "blocked"] as const;

export class ProgressService {
  constructor(
    private readonly repos: ProgressRepos,
    private readonly transact: UnitOfWork<ProgressRepos>,
  ) {}

  async list(taskId: string): Promise<TaskProgressRow[]> {
    if (!(await this.repos.items.findTask(taskId))) throw errors.notFound("task", taskId);
    return this.repos.progress.listForTask(taskId);
  }

  async record(
    taskId: string,
    user: Principal,
    input: { unitId: string; periodId: string | null; status: string; note: string | null },
  ): Promise<TaskProgressRow> {
    return this.transact(async ({ plans, items, progress, audit }) => {
      const task = await items.findTask(taskId);
      if (!task) throw errors.notFound("task", taskId);
      const units = await items.unitsOfTasks([taskId]);
      if (!hasRole(user, ["planner"]) && !user.unitIds.includes(input.unitId))
        throw errors.forbidden({ reason: "unit not bound to this reporter", unitId: input.unitId });
      if (!units.some((u) => u.unitId === input.unitId))
        throw errors.unprocessable(
          "UNIT_NOT_ON_TASK",
          "该单位不承担此任务",
          "This unit does not carry this task",
          {
            unitId: input.unitId,
          },
        );
      const plan = await plans.get(task.plan_id);
      if (plan?.status !== "published")
        throw errors.conflict("PLAN_NOT_PUBLISHED", "计划尚未发布", "The plan is not published yet", {
          planId: task.plan_id,
        });
      if (input.periodId) {
        const period = parsePeriod(input.periodId);
        if (!period) throw errors.validation([{ path: "periodId", message: "not a period id" }]);
        await progress.ensurePeriod(period.id, period.kind, period.startsOn, period.endsOn);
      }
      const row: TaskProgressRow = {
        id: randomUUID(),
        task_id: taskId,
        unit_id: input.unitId,
        period_id: input.periodId,
        status: input.status,
        note: input.note,
        submission_id: null,
        created_by: user.id,
        created_at: new Date().toISOString(),
      };
      await progress.insert(row);
      await audit.record({
        userId: user.id,
        action: "task.progress",
        entity: "task",
        entityId: taskId,
        after: row,
      });
      return row;
    });
  }
}
