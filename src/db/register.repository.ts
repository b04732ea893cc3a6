/** Reads for the task register (任务分工台账): a plan's latest progress report per task in one query. */
import type { Kysely } from "kysely";
import type { TaskProgressRow } from "./progress.repository.js";
import type { Database } from "./schema.js";

export class RegisterRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The newest progress row of every task of the plan that has one (any unit). */
  async latestProgress(planId: string): Promise<Map<string, TaskProgressRow>> {
    const rows = await this.db
      .selectFrom("task_progress")
      .innerJoin("tasks", "tasks.id", "task_progress.task_id")
      .selectAll("task_progress")
      .where("tasks.plan_id", "=", planId)
      .orderBy("task_progress.created_at", "desc")
      .execute();
    const latest = new Map<string, TaskProgressRow>();
    for (const r of rows) if (!latest.has(r.task_id)) latest.set(r.task_id, r);
    return latest;
  }
}
