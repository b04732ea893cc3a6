/**
 * Submissions (填报): a unit's values for a period, moved through draft → submitted → approved / returned
 * (and reopened back to draft); the form's cells (one observation per indicator × org unit), each with its
 * own review status; the indicators a unit reports; and the evidence files attached to values.
 */
import type { Kysely, Selectable, Updateable } from "kysely";
import { chunks, offsetOf, type Page, type PageRequest } from "./page.js";
import type {
  Database,
  EvidenceTable,
  IndicatorTable,
  ObservationRow,
  ObservationStatus,
  ObservationTable,
  SubmissionTable,
} from "./schema.js";

export type SubmissionRow = Selectable<SubmissionTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type EvidenceMeta = Omit<EvidenceRow, "bytes">;
export type ReportedIndicator = Selectable<IndicatorTable>;

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
    patch: Pick<SubmissionRow, "status"> &
      Partial<
        Pick<
          SubmissionRow,
          | "note"
          | "decided_by"
          | "decided_at"
          | "submitted_at"
          | "reopened_at"
          | "reopened_by"
          | "reopen_reason"
        >
      >,
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

  async observation(id: string): Promise<ObservationRow | undefined> {
    return this.db.selectFrom("observations").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async insertObservation(row: ObservationRow): Promise<void> {
    await this.db.insertInto("observations").values(row).execute();
  }

  /** Inserts many values, a few hundred rows per statement. */
  async insertObservations(rows: readonly ObservationRow[]): Promise<void> {
    for (const chunk of chunks(rows, 200)) await this.db.insertInto("observations").values(chunk).execute();
  }

  async updateObservation(id: string, patch: Updateable<ObservationTable>): Promise<void> {
    await this.db.updateTable("observations").set(patch).where("id", "=", id).execute();
  }

  async deleteObservation(id: string): Promise<void> {
    await this.db.deleteFrom("observations").where("id", "=", id).execute();
  }

  /** Moves a submission's values from one status to another (all of them, or the listed ones). */
  async setObservationStatus(
    submissionId: string,
    from: ObservationStatus,
    patch: Updateable<ObservationTable> & { status: ObservationStatus },
  ): Promise<number> {
    const r = await this.db
      .updateTable("observations")
      .set(patch)
      .where("submission_id", "=", submissionId)
      .where("status", "=", from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** The indicators a plan unit reports (indicator_units), with the frequency asked for. */
  async indicatorsOfUnit(unitId: string, frequency: string): Promise<ReportedIndicator[]> {
    return this.db
      .selectFrom("indicators")
      .innerJoin("indicator_units", "indicator_units.indicator_id", "indicators.id")
      .where("indicator_units.unit_id", "=", unitId)
      .where("indicators.frequency", "=", frequency)
      .selectAll("indicators")
      .orderBy("indicators.code")
      .orderBy("indicators.name")
      .execute();
  }

  /** The org units a user reports for (reporter_org_units). */
  async orgUnitsOfUser(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("reporter_org_units")
      .select("org_unit_id")
      .where("user_id", "=", userId)
      .execute();
    return rows.map((r) => r.org_unit_id);
  }

  /** The org units of every reporter bound to a plan unit. */
  async orgUnitsOfUnitReporters(unitId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("reporter_org_units")
      .innerJoin("reporter_units", "reporter_units.user_id", "reporter_org_units.user_id")
      .where("reporter_units.unit_id", "=", unitId)
      .select("reporter_org_units.org_unit_id")
      .distinct()
      .execute();
    return rows.map((r) => r.org_unit_id);
  }

  /** An indicator's latest approved value per org unit in a period (the base of the sudden-jump check). */
  async approvedIn(
    indicatorIds: readonly string[],
    periodId: string,
  ): Promise<Array<{ indicator_id: string; org_unit_id: string; value: number }>> {
    if (indicatorIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("observations")
      .where("indicator_id", "in", [...indicatorIds])
      .where("period_id", "=", periodId)
      .where("status", "=", "approved")
      .where("org_unit_id", "is not", null)
      .select(["indicator_id", "org_unit_id", "value"])
      .orderBy("created_at")
      .execute();
    return rows.map((r) => ({
      indicator_id: r.indicator_id ?? "",
      org_unit_id: r.org_unit_id ?? "",
      value: r.value,
    }));
  }

  async insertEvidence(row: EvidenceRow): Promise<void> {
    await this.db.insertInto("evidence").values(row).execute();
  }

  async evidence(id: string): Promise<EvidenceRow | undefined> {
    return this.db.selectFrom("evidence").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async deleteEvidence(id: string): Promise<void> {
    await this.db.deleteFrom("evidence").where("id", "=", id).execute();
  }

  /** Evidence of the given values, without the bytes. */
  async evidenceOf(observationIds: readonly string[]): Promise<EvidenceMeta[]> {
    if (observationIds.length === 0) return [];
    return this.db
      .selectFrom("evidence")
      .select(["id", "observation_id", "file_name", "mime", "size", "sha256", "uploaded_by", "uploaded_at"])
      .where("observation_id", "in", [...observationIds])
      .orderBy("uploaded_at")
      .execute();
  }
}
