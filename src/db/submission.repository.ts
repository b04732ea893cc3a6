/** Submissions (填报): a unit's values for a period, moved through draft → submitted → approved / returned. */
import type { Kysely } from "kysely";
import { offsetOf, type Page, type PageRequest } from "./page.js";
import type { Database, ObservationRow, SubmissionTable } from "./schema.js";
import type { Selectable } from "kysely";

export type SubmissionRow = Selectable<SubmissionTable>;

export interface SubmissionFilter {
  unitId?: string | undefined;
  periodId?: string | undefined;
  status?: string | undefined;
}

export class SubmissionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: SubmissionRow): Promise<void> {
    await this.db.insertInto("submissions").values(row).execute();
  }

  async get(id: string): Promise<SubmissionRow | undefined> {
    return this.db.selectFrom("submissions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async find(unitId: string, periodId: string): Promise<SubmissionRow | undefined> {
    return this.db
      .selectFrom("submissions")
      .selectAll()
      .where("unit_id", "=", unitId)
      .where("period_id", "=", periodId)
      .executeTakeFirst();
  }

  async list(filter: SubmissionFilter, page: PageRequest): Promise<Page<SubmissionRow>> {
    let q = this.db.selectFrom("submissions");
    if (filter.unitId) q = q.where("unit_id", "=", filter.unitId);
    if (filter.periodId) q = q.where("period_id", "=", filter.periodId);
    if (filter.status) q = q.where("status", "=", filter.status);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy("created_at", "desc").limit(page.pageSize).offset(offsetOf(page)).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), ...page };
  }

  /** Moves a submission from one of `from` to `to`; false when it was no longer in one of them. */
  async transition(
    id: string,
    from: readonly string[],
    patch: Pick<SubmissionRow, "status"> & Partial<Pick<SubmissionRow, "note" | "decided_by" | "decided_at">>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("submissions")
      .set(patch)
      .where("id", "=", id)
      .where("status", "in", [...from])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async observationsOf(id: string): Promise<ObservationRow[]> {
    return this.db
      .selectFrom("observations")
      .selectAll()
      .where("submission_id", "=", id)
      .orderBy("created_at")
      .execute();
  }
}
