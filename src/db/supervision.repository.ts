/** Supervision (督办) of tasks: the state per task, its append-only event log and the reminder-scan marks. */
import type { Kysely, Selectable } from "kysely";
import type { Database, SupervisionEventTable, SupervisionTable } from "./schema.js";

export type SupervisionRow = Selectable<SupervisionTable>;
export type SupervisionEventRow = Selectable<SupervisionEventTable>;

/** A task of a plan as the supervision list shows it. */
export interface SupervisedTaskRow {
  id: string;
  plan_id: string;
  position: number;
  text: string;
  deadline_due: string | null;
  section_title: string | null;
}

export const finishedStatuses = ["closed", "assessed"] as const;

export class SupervisionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(taskId: string): Promise<SupervisionRow | undefined> {
    return this.db.selectFrom("supervision").selectAll().where("task_id", "=", taskId).executeTakeFirst();
  }

  async insert(row: SupervisionRow): Promise<void> {
    await this.db.insertInto("supervision").values(row).execute();
  }

  /** Writes the new state only over the version it was computed from; false when someone was first. */
  async update(
    taskId: string,
    version: number,
    patch: Partial<Omit<SupervisionRow, "task_id" | "plan_id" | "version">>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("supervision")
      .set({ ...patch, version: version + 1 })
      .where("task_id", "=", taskId)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async events(taskId: string): Promise<SupervisionEventRow[]> {
    return this.db
      .selectFrom("supervision_events")
      .selectAll()
      .where("task_id", "=", taskId)
      .orderBy("seq")
      .execute();
  }

  /** Appends an event after the last one (the unique (task, seq) index refuses a concurrent twin). */
  async append(row: Omit<SupervisionEventRow, "seq">): Promise<SupervisionEventRow> {
    const last = await this.db
      .selectFrom("supervision_events")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .where("task_id", "=", row.task_id)
      .executeTakeFirst();
    const full = { ...row, seq: Number(last?.seq ?? 0) + 1 };
    await this.db.insertInto("supervision_events").values(full).execute();
    return full;
  }

  async listForPlan(planId: string): Promise<SupervisionRow[]> {
    return this.db.selectFrom("supervision").selectAll().where("plan_id", "=", planId).execute();
  }

  /** Supervised tasks not yet closed, on every plan: what the reminder scan looks at. */
  async open(): Promise<SupervisionRow[]> {
    return this.db
      .selectFrom("supervision")
      .selectAll()
      .where("status", "not in", [...finishedStatuses])
      .orderBy("deadline")
      .orderBy("task_id")
      .execute();
  }

  /** The plan's tasks that review did not reject, in plan order. */
  async tasksOfPlan(planId: string): Promise<SupervisedTaskRow[]> {
    return this.db
      .selectFrom("tasks")
      .leftJoin("sections", "sections.id", "tasks.section_id")
      .select([
        "tasks.id",
        "tasks.plan_id",
        "tasks.position",
        "tasks.text",
        "tasks.deadline_due",
        "sections.title as section_title",
      ])
      .where("tasks.plan_id", "=", planId)
      .where("tasks.review_status", "!=", "rejected")
      .orderBy("tasks.position")
      .execute();
  }

  async task(
    taskId: string,
  ): Promise<(SupervisedTaskRow & { plan_year: number | null; plan_status: string }) | undefined> {
    return this.db
      .selectFrom("tasks")
      .innerJoin("plans", "plans.id", "tasks.plan_id")
      .leftJoin("sections", "sections.id", "tasks.section_id")
      .select([
        "tasks.id",
        "tasks.plan_id",
        "tasks.position",
        "tasks.text",
        "tasks.deadline_due",
        "sections.title as section_title",
        "plans.year as plan_year",
        "plans.status as plan_status",
      ])
      .where("tasks.id", "=", taskId)
      .executeTakeFirst();
  }

  /**
   * Records that the scan sent `kind` for a task on a key (a day, or a deadline for reminders); false
   * when it already had — the mark and the notice are written in one transaction, so each goes out once.
   */
  async mark(taskId: string, key: string, kind: string, at: string): Promise<boolean> {
    const r = await this.db
      .insertInto("supervision_notices")
      .values({ task_id: taskId, on_day: key, kind, at })
      .onConflict((oc) => oc.columns(["task_id", "on_day", "kind"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
}
