/**
 * Reads for monitoring: targets and actuals linked to an indicator across plans, approved observations (a
 * value counts once it is approved, value by value), and the org units reporters are bound to.
 */
import type { Kysely } from "kysely";
import { offsetOf, type Page, type PageRequest } from "./page.js";
import type { Database, QuantityKind, QuantityRow } from "./schema.js";

export interface LinkedQuantity extends QuantityRow {
  plan_title: string | null;
  plan_year: number | null;
  plan_status: string;
}

export interface ApprovedValue {
  org_unit_id: string;
  period_id: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  created_at: string;
}

export class MonitoringRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The quantities of every plan linked to an indicator, newest plan year first. */
  async linkedQuantities(
    indicatorId: string,
    kind: QuantityKind,
    year: number | undefined,
    page: PageRequest,
  ): Promise<Page<LinkedQuantity>> {
    let q = this.db
      .selectFrom("quantities")
      .innerJoin("plans", "plans.id", "quantities.plan_id")
      .where("quantities.indicator_id", "=", indicatorId)
      .where("quantities.kind", "=", kind);
    if (year !== undefined) q = q.where("plans.year", "=", year);
    const [items, count] = await Promise.all([
      q
        .selectAll("quantities")
        .select(["plans.title as plan_title", "plans.year as plan_year", "plans.status as plan_status"])
        .orderBy("plans.year", "desc")
        .orderBy("quantities.plan_id")
        .orderBy("quantities.position")
        .limit(page.pageSize)
        .offset(offsetOf(page))
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), ...page };
  }

  async setLink(
    id: string,
    version: number,
    link: Pick<QuantityRow, "indicator_id" | "link_status">,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("quantities")
      .set({ ...link, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Org-unit values of an indicator that are approved, for the given periods: a value counts once a reviewer
   * approved it (imported values arrive approved, without a submission).
   */
  async approvedValues(indicatorId: string, periodIds: readonly string[]): Promise<ApprovedValue[]> {
    if (periodIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("observations")
      .where("observations.indicator_id", "=", indicatorId)
      .where("observations.org_unit_id", "is not", null)
      .where("observations.period_id", "in", [...periodIds])
      .where("observations.status", "=", "approved")
      .select([
        "observations.org_unit_id",
        "observations.period_id",
        "observations.value",
        "observations.numerator",
        "observations.denominator",
        "observations.created_at",
      ])
      .orderBy("observations.created_at")
      .execute();
    return rows.map((r) => ({ ...r, org_unit_id: r.org_unit_id ?? "" }));
  }

  /**
   * Org-unit values of one period that are approved: what was reported, dated by when their submission was
   * (first) submitted, or by when the value was stored for values without a submission (imports).
   */
  async reportedValues(
    periodId: string,
  ): Promise<Array<{ org_unit_id: string; indicator_id: string; created_at: string }>> {
    const rows = await this.db
      .selectFrom("observations")
      .leftJoin("submissions", "submissions.id", "observations.submission_id")
      .where("observations.period_id", "=", periodId)
      .where("observations.org_unit_id", "is not", null)
      .where("observations.status", "=", "approved")
      .select([
        "observations.org_unit_id",
        "observations.indicator_id",
        "observations.created_at",
        "submissions.submitted_at",
      ])
      .execute();
    return rows.map((r) => ({
      org_unit_id: r.org_unit_id ?? "",
      indicator_id: r.indicator_id ?? "",
      created_at: r.submitted_at ?? r.created_at,
    }));
  }

  async orgUnitsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("reporter_org_units")
      .select("org_unit_id")
      .where("user_id", "=", userId)
      .execute();
    return rows.map((r) => r.org_unit_id);
  }

  async setOrgUnits(userId: string, orgUnitIds: readonly string[]): Promise<void> {
    await this.db.deleteFrom("reporter_org_units").where("user_id", "=", userId).execute();
    if (orgUnitIds.length > 0)
      await this.db
        .insertInto("reporter_org_units")
        .values(orgUnitIds.map((org_unit_id) => ({ user_id: userId, org_unit_id })))
        .execute();
  }
}
