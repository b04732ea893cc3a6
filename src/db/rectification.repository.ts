/** Rectification ledgers (整改台账): problems with their measures and owners, and their progress notes. */
import type { Kysely, Selectable } from "kysely";
import type { Database, RectificationItemTable, RectificationUpdateTable } from "./schema.js";

export type RectificationRow = Selectable<RectificationItemTable>;
export type RectificationUpdateRow = Selectable<RectificationUpdateTable>;

export interface RectificationFilter {
  planId?: string | undefined;
  taskId?: string | undefined;
  unitId?: string | undefined;
  status?: "open" | "closed" | undefined;
  source?: string | undefined;
  /** Open items past their deadline as of this day (YYYY-MM-DD). */
  overdueOn?: string | undefined;
  q?: string | undefined;
}

export class RectificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: RectificationRow): Promise<void> {
    await this.db.insertInto("rectification_items").values(row).execute();
  }

  async get(id: string): Promise<RectificationRow | undefined> {
    return this.db.selectFrom("rectification_items").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async list(filter: RectificationFilter): Promise<RectificationRow[]> {
    let q = this.db.selectFrom("rectification_items").selectAll();
    if (filter.planId) q = q.where("plan_id", "=", filter.planId);
    if (filter.taskId) q = q.where("task_id", "=", filter.taskId);
    if (filter.unitId) q = q.where("unit_id", "=", filter.unitId);
    if (filter.status) q = q.where("status", "=", filter.status);
    if (filter.source) q = q.where("source", "=", filter.source);
    if (filter.overdueOn)
      q = q
        .where("status", "=", "open")
        .where("deadline", "is not", null)
        .where("deadline", "<", filter.overdueOn);
    if (filter.q) {
      const like = `%${filter.q}%`;
      q = q.where((eb) => eb.or([eb("problem", "like", like), eb("measures", "like", like)]));
    }
    return q.orderBy("created_at").orderBy("id").limit(5000).execute();
  }

  async update(id: string, version: number, patch: Partial<RectificationRow>): Promise<boolean> {
    const r = await this.db
      .updateTable("rectification_items")
      .set({ ...patch, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async remove(id: string, version: number): Promise<boolean> {
    const r = await this.db
      .deleteFrom("rectification_items")
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async addUpdate(row: RectificationUpdateRow): Promise<void> {
    await this.db.insertInto("rectification_updates").values(row).execute();
  }

  async updatesOf(itemIds: readonly string[]): Promise<RectificationUpdateRow[]> {
    if (itemIds.length === 0) return [];
    return this.db
      .selectFrom("rectification_updates")
      .selectAll()
      .where("item_id", "in", [...itemIds])
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  }

  async unitNames(unitIds: readonly string[]): Promise<Map<string, string>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("units")
      .select(["id", "name"])
      .where("id", "in", [...unitIds])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
