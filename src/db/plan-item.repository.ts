/**
 * The rows a plan is made of: sections (its outline), tasks with their units, and quantities (targets and
 * actuals). Each keeps its source offsets and quote, a review status and a version for stale-edit checks.
 */
import type { Kysely } from "kysely";
import { chunks, offsetOf, type Page, type PageRequest } from "./page.js";
import type {
  Database,
  QuantityKind,
  QuantityRow,
  ReviewStatus,
  SectionRow,
  TaskRow,
  TaskUnitRole,
} from "./schema.js";

export interface TaskUnitRef {
  taskId: string;
  unitId: string;
  unitName: string;
  role: TaskUnitRole;
  position: number;
  nameAsWritten: string;
}

export interface ItemFilter {
  sectionId?: string | undefined;
  reviewStatus?: ReviewStatus | undefined;
  q?: string | undefined;
}

export interface TaskFilter extends ItemFilter {
  unitId?: string | undefined;
}

type Versioned<T> = Partial<Omit<T, "id" | "plan_id" | "version">>;

export class PlanItemRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertSections(rows: SectionRow[]): Promise<void> {
    for (const c of chunks(rows)) await this.db.insertInto("sections").values(c).execute();
  }

  async insertTasks(rows: TaskRow[]): Promise<void> {
    for (const c of chunks(rows)) await this.db.insertInto("tasks").values(c).execute();
  }

  async insertQuantities(rows: QuantityRow[]): Promise<void> {
    for (const c of chunks(rows)) await this.db.insertInto("quantities").values(c).execute();
  }

  async setTaskUnits(taskId: string, units: Array<Omit<TaskUnitRef, "taskId" | "unitName">>): Promise<void> {
    await this.db.deleteFrom("task_units").where("task_id", "=", taskId).execute();
    await this.insertTaskUnits(units.map((u) => ({ ...u, taskId })));
  }

  async insertTaskUnits(units: Array<Omit<TaskUnitRef, "unitName">>): Promise<void> {
    const rows = units.map((u) => ({
      task_id: u.taskId,
      unit_id: u.unitId,
      role: u.role,
      position: u.position,
      name_as_written: u.nameAsWritten,
    }));
    for (const c of chunks(rows)) await this.db.insertInto("task_units").values(c).execute();
  }

  async listSections(planId: string, filter: ItemFilter, page: PageRequest): Promise<Page<SectionRow>> {
    let q = this.db.selectFrom("sections").where("plan_id", "=", planId);
    if (filter.sectionId) q = q.where("parent_id", "=", filter.sectionId);
    if (filter.reviewStatus) q = q.where("review_status", "=", filter.reviewStatus);
    if (filter.q) q = q.where("title", "like", `%${filter.q}%`);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy("position").limit(page.pageSize).offset(offsetOf(page)).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), ...page };
  }

  async getSection(planId: string, id: string): Promise<SectionRow | undefined> {
    return this.db
      .selectFrom("sections")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  async updateSection(id: string, version: number, patch: Versioned<SectionRow>): Promise<boolean> {
    const r = await this.db
      .updateTable("sections")
      .set({ ...patch, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async nextPosition(table: "sections" | "tasks" | "quantities", planId: string): Promise<number> {
    const r = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number | null>("position").as("p"))
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    return (r.p === null ? -1 : Number(r.p)) + 1;
  }

  /** Makes room after `position`: rows further down move by `by`, so inserted rows keep document order. */
  async shiftPositions(
    table: "tasks" | "quantities",
    planId: string,
    after: number,
    by: number,
  ): Promise<void> {
    await this.db
      .updateTable(table)
      .set((eb) => ({ position: eb("position", "+", by) }))
      .where("plan_id", "=", planId)
      .where("position", ">", after)
      .execute();
  }

  async listTasks(planId: string, filter: TaskFilter, page: PageRequest): Promise<Page<TaskRow>> {
    let q = this.db.selectFrom("tasks").where("plan_id", "=", planId);
    if (filter.sectionId) q = q.where("section_id", "=", filter.sectionId);
    if (filter.reviewStatus) q = q.where("review_status", "=", filter.reviewStatus);
    if (filter.q) q = q.where("text", "like", `%${filter.q}%`);
    if (filter.unitId) {
      const unitId = filter.unitId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("task_units")
            .select("task_units.task_id")
            .whereRef("task_units.task_id", "=", "tasks.id")
            .where("task_units.unit_id", "=", unitId),
        ),
      );
    }
    const [items, count] = await Promise.all([
      q.selectAll().orderBy("position").limit(page.pageSize).offset(offsetOf(page)).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), ...page };
  }

  async getTask(planId: string, id: string): Promise<TaskRow | undefined> {
    return this.db
      .selectFrom("tasks")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  /** The tasks of one section (or of none) whose positions lie within [from, to], in order. */
  async tasksBetween(planId: string, sectionId: string | null, from: number, to: number): Promise<TaskRow[]> {
    let q = this.db
      .selectFrom("tasks")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("position", ">=", from)
      .where("position", "<=", to);
    q = sectionId === null ? q.where("section_id", "is", null) : q.where("section_id", "=", sectionId);
    return q.orderBy("position").execute();
  }

  /** The targets (or actuals) of one section (or of none) whose positions lie within [from, to], in order. */
  async quantitiesBetween(
    planId: string,
    kind: QuantityKind,
    sectionId: string | null,
    from: number,
    to: number,
  ): Promise<QuantityRow[]> {
    let q = this.db
      .selectFrom("quantities")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("kind", "=", kind)
      .where("position", ">=", from)
      .where("position", "<=", to);
    q = sectionId === null ? q.where("section_id", "is", null) : q.where("section_id", "=", sectionId);
    return q.orderBy("position").execute();
  }

  async findTask(id: string): Promise<TaskRow | undefined> {
    return this.db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async unitsOfTasks(taskIds: readonly string[]): Promise<TaskUnitRef[]> {
    if (taskIds.length === 0) return [];
    const out: TaskUnitRef[] = [];
    for (const ids of chunks(taskIds, 500)) {
      const rows = await this.db
        .selectFrom("task_units")
        .innerJoin("units", "units.id", "task_units.unit_id")
        .select([
          "task_units.task_id as taskId",
          "task_units.unit_id as unitId",
          "units.name as unitName",
          "task_units.role as role",
          "task_units.position as position",
          "task_units.name_as_written as nameAsWritten",
        ])
        .where("task_units.task_id", "in", ids)
        .orderBy("task_units.task_id")
        .orderBy("task_units.role")
        .orderBy("task_units.position")
        .execute();
      out.push(...rows);
    }
    return out;
  }

  async updateTask(id: string, version: number, patch: Versioned<TaskRow>): Promise<boolean> {
    const r = await this.db
      .updateTable("tasks")
      .set({ ...patch, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async listQuantities(
    planId: string,
    kind: QuantityKind,
    filter: ItemFilter,
    page: PageRequest,
  ): Promise<Page<QuantityRow>> {
    let q = this.db.selectFrom("quantities").where("plan_id", "=", planId).where("kind", "=", kind);
    if (filter.sectionId) q = q.where("section_id", "=", filter.sectionId);
    if (filter.reviewStatus) q = q.where("review_status", "=", filter.reviewStatus);
    if (filter.q) q = q.where("metric", "like", `%${filter.q}%`);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy("position").limit(page.pageSize).offset(offsetOf(page)).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), ...page };
  }

  async getQuantity(planId: string, kind: QuantityKind, id: string): Promise<QuantityRow | undefined> {
    return this.db
      .selectFrom("quantities")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("kind", "=", kind)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  async updateQuantity(id: string, version: number, patch: Versioned<QuantityRow>): Promise<boolean> {
    const r = await this.db
      .updateTable("quantities")
      .set({ ...patch, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
