/** Task progress that reporters write for their units' tasks. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";
import type { Selectable } from "kysely";
import type { TaskProgressTable } from "./schema.js";

export type TaskProgressRow = Selectable<TaskProgressTable>;

export class ProgressRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: TaskProgressRow): Promise<void> {
    await this.db.insertInto("task_progress").values(row).execute();
  }

  async listForTask(taskId: string): Promise<TaskProgressRow[]> {
    return this.db
      .selectFrom("task_progress")
      .selectAll()
      .where("task_id", "=", taskId)
      .orderBy("created_at", "desc")
      .execute();
  }

  async ensurePeriod(id: string, kind: string, startsOn: string, endsOn: string): Promise<void> {
    const found = await this.db.selectFrom("periods").select("id").where("id", "=", id).executeTakeFirst();
    if (!found)
      await this.db
        .insertInto("periods")
        .values({ id, kind, starts_on: startsOn, ends_on: endsOn })
        .execute();
  }
}
