/**
 * Assessment schemes (考核方案) with their weighted items and adjustments, and the targets a plan publishes
 * on its public page.
 */
import type { Kysely, Selectable } from "kysely";
import type {
  AssessmentAdjustmentTable,
  AssessmentItemTable,
  AssessmentSchemeTable,
  Database,
  PublicPlanTable,
} from "./schema.js";

export type SchemeRow = Selectable<AssessmentSchemeTable>;
export type SchemeItemRow = Selectable<AssessmentItemTable>;
export type AdjustmentRow = Selectable<AssessmentAdjustmentTable>;
export type PublicPlanRow = Selectable<PublicPlanTable>;

export class AssessmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertScheme(row: SchemeRow): Promise<void> {
    await this.db.insertInto("assessment_schemes").values(row).execute();
  }

  async getScheme(id: string): Promise<SchemeRow | undefined> {
    return this.db.selectFrom("assessment_schemes").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async schemesOfPlan(planId: string): Promise<SchemeRow[]> {
    return this.db
      .selectFrom("assessment_schemes")
      .selectAll()
      .where("plan_id", "=", planId)
      .orderBy("created_at", "desc")
      .orderBy("id")
      .execute();
  }

  /** Applies a change when the scheme is still at `version`, bumping it; false when it was not. */
  async updateScheme(
    id: string,
    version: number,
    patch: Partial<Pick<SchemeRow, "name" | "period_id" | "rules_json" | "status">>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("assessment_schemes")
      .set({ ...patch, version: version + 1, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteScheme(id: string): Promise<void> {
    // children first: SQLite enforces cascades only with foreign keys switched on
    await this.db.deleteFrom("assessment_items").where("scheme_id", "=", id).execute();
    await this.db.deleteFrom("assessment_adjustments").where("scheme_id", "=", id).execute();
    await this.db.deleteFrom("assessment_schemes").where("id", "=", id).execute();
  }

  async items(schemeId: string): Promise<SchemeItemRow[]> {
    return this.db
      .selectFrom("assessment_items")
      .selectAll()
      .where("scheme_id", "=", schemeId)
      .orderBy("position")
      .execute();
  }

  async replaceItems(schemeId: string, rows: readonly SchemeItemRow[]): Promise<void> {
    await this.db.deleteFrom("assessment_items").where("scheme_id", "=", schemeId).execute();
    // in chunks: SQLite caps the number of bound parameters per statement
    for (let i = 0; i < rows.length; i += 100)
      await this.db
        .insertInto("assessment_items")
        .values(rows.slice(i, i + 100))
        .execute();
  }

  async adjustments(schemeId: string): Promise<AdjustmentRow[]> {
    return this.db
      .selectFrom("assessment_adjustments")
      .selectAll()
      .where("scheme_id", "=", schemeId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  }

  async insertAdjustment(row: AdjustmentRow): Promise<void> {
    await this.db.insertInto("assessment_adjustments").values(row).execute();
  }

  async getAdjustment(schemeId: string, id: string): Promise<AdjustmentRow | undefined> {
    return this.db
      .selectFrom("assessment_adjustments")
      .selectAll()
      .where("scheme_id", "=", schemeId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  async deleteAdjustment(id: string): Promise<void> {
    await this.db.deleteFrom("assessment_adjustments").where("id", "=", id).execute();
  }

  async publicPlan(planId: string): Promise<PublicPlanRow | undefined> {
    return this.db.selectFrom("public_plans").selectAll().where("plan_id", "=", planId).executeTakeFirst();
  }

  async publishedPlans(): Promise<PublicPlanRow[]> {
    return this.db.selectFrom("public_plans").selectAll().where("published", "=", 1).execute();
  }

  async publicTargetIds(planId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("public_targets")
      .select("target_id")
      .where("plan_id", "=", planId)
      .orderBy("position")
      .execute();
    return rows.map((r) => r.target_id);
  }

  async setPublic(planId: string, published: boolean, targetIds: readonly string[], userId: string) {
    const row = { published: published ? 1 : 0, updated_by: userId, updated_at: new Date().toISOString() };
    if (await this.publicPlan(planId))
      await this.db.updateTable("public_plans").set(row).where("plan_id", "=", planId).execute();
    else
      await this.db
        .insertInto("public_plans")
        .values({ plan_id: planId, ...row })
        .execute();
    await this.db.deleteFrom("public_targets").where("plan_id", "=", planId).execute();
    if (targetIds.length > 0)
      await this.db
        .insertInto("public_targets")
        .values(targetIds.map((target_id, position) => ({ plan_id: planId, target_id, position })))
        .execute();
  }
}

/** The day a task was reported done (办结) by one of its units, the earliest such report first. */
export interface DoneReport {
  taskId: string;
  createdAt: string;
}

export async function doneReports(db: Kysely<Database>, planId: string): Promise<DoneReport[]> {
  return db
    .selectFrom("task_progress")
    .innerJoin("tasks", "tasks.id", "task_progress.task_id")
    .select(["task_progress.task_id as taskId", "task_progress.created_at as createdAt"])
    .where("tasks.plan_id", "=", planId)
    .where("task_progress.status", "=", "done")
    .orderBy("task_progress.created_at")
    .execute();
}

/** Tasks of a plan with any progress reported (started, for a bulletin's task status). */
export async function startedTaskIds(db: Kysely<Database>, planId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("task_progress")
    .innerJoin("tasks", "tasks.id", "task_progress.task_id")
    .select("task_progress.task_id as taskId")
    .where("tasks.plan_id", "=", planId)
    .execute();
  return new Set(rows.map((r) => r.taskId));
}

/** The periods an indicator has values for at any org unit (approved or not: the roll-up filters). */
export async function periodsWithValues(db: Kysely<Database>, indicatorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("observations")
    .select("period_id")
    .distinct()
    .where("indicator_id", "=", indicatorId)
    .execute();
  return rows.map((r) => r.period_id);
}

/** The supervision state (督办) of a plan's tasks that are under supervision. */
export interface SupervisedTask {
  taskId: string;
  status: string;
  deadline: string;
  closedOn: string | null;
  percent: number;
}

export async function supervisedTasks(db: Kysely<Database>, planId: string): Promise<SupervisedTask[]> {
  return db
    .selectFrom("supervision")
    .select(["task_id as taskId", "status", "deadline", "closed_on as closedOn", "percent"])
    .where("plan_id", "=", planId)
    .execute();
}

/** The periods any of the indicators has values for (the kinds of period a plan's figures come in). */
export async function periodsWithValuesOf(
  db: Kysely<Database>,
  indicatorIds: readonly string[],
): Promise<string[]> {
  if (indicatorIds.length === 0) return [];
  const rows = await db
    .selectFrom("observations")
    .select("period_id")
    .distinct()
    .where("indicator_id", "in", [...indicatorIds])
    .execute();
  return rows.map((r) => r.period_id);
}
