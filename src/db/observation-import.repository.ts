/**
 * Bulk observation writes and reads for the DHIS2 exchange. Imports arrive by the hundred thousand, so rows
 * go in as columns: on PostgreSQL one INSERT … SELECT FROM unnest(arrays) per 20,000 rows (seven array
 * parameters, whatever the row count — no per-row statement, no 65,535-parameter ceiling); on SQLite
 * multi-row INSERTs of 4,000 rows (under its 32,766-parameter limit). Values common to the batch (who, when,
 * status, batch) are written once per statement, not per row. Everything runs in the caller's transaction.
 */
import { sql, type Kysely } from "kysely";
import { engineOf } from "./engine.js";
import { chunks } from "./page.js";
import type { Database, ImportBatchTable, ObservationBatchColumn } from "./schema.js";

/** The rows of one import as parallel columns (index i of every array is row i). */
export interface ObservationColumns {
  id: string[];
  indicatorId: string[];
  orgUnitId: string[];
  periodId: string[];
  value: number[];
  numerator: Array<number | null>;
  denominator: Array<number | null>;
}

export interface BatchStamp {
  batchId: string;
  userId: string;
  at: string;
}

export interface ExportFilter {
  periodIds?: readonly string[] | undefined;
  orgUnitIds?: readonly string[] | undefined;
  indicatorId?: string | undefined;
  /** Stop after this many rows (the caller refuses an export that reaches it). */
  limit?: number | undefined;
}

export interface ExportRow {
  indicator_id: string;
  indicator_code: string | null;
  org_unit_id: string;
  org_unit_code: string | null;
  period_id: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  stored_by: string | null;
  created_at: string;
  last_updated: string;
}

const PG_ROWS = 20_000;
const SQLITE_ROWS = 4_000;
const IN_LIST = 500;

export class ObservationImportRepository {
  private readonly db: Kysely<Database & ObservationBatchColumn>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<ObservationBatchColumn>();
  }

  async insertBatch(batch: ImportBatchTable): Promise<void> {
    await this.db.insertInto("import_batches").values(batch).execute();
  }

  async getBatch(id: string): Promise<ImportBatchTable | undefined> {
    return this.db.selectFrom("import_batches").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async countOfBatch(batchId: string): Promise<number> {
    const r = await this.db
      .selectFrom("observations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("batch_id", "=", batchId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Adds the periods the import uses that the periods table lacks. */
  async ensurePeriods(
    periods: ReadonlyArray<{ id: string; kind: string; startsOn: string; endsOn: string }>,
  ): Promise<void> {
    if (periods.length === 0) return;
    const have = new Set<string>();
    for (const ids of chunks(
      periods.map((p) => p.id),
      IN_LIST,
    ))
      for (const r of await this.db.selectFrom("periods").select("id").where("id", "in", ids).execute())
        have.add(r.id);
    const missing = periods.filter((p) => !have.has(p.id));
    if (missing.length > 0)
      await this.db
        .insertInto("periods")
        .values(missing.map((p) => ({ id: p.id, kind: p.kind, starts_on: p.startsOn, ends_on: p.endsOn })))
        .execute();
  }

  /**
   * The keys `${indicatorId}|${orgUnitId}|${periodId}` among the given ones that already have an approved
   * value: the values an import replaces. Read per indicator and period, so the work follows the import's
   * size, not the table's.
   */
  async approvedKeys(keys: Iterable<string>): Promise<Set<string>> {
    const byIndicator = new Map<string, Set<string>>();
    const wanted = new Set<string>();
    for (const k of keys) {
      wanted.add(k);
      const [indicatorId = "", , periodId = ""] = k.split("|");
      let periods = byIndicator.get(indicatorId);
      if (!periods) byIndicator.set(indicatorId, (periods = new Set()));
      periods.add(periodId);
    }
    const found = new Set<string>();
    for (const [indicatorId, periods] of byIndicator)
      for (const periodIds of chunks([...periods], IN_LIST)) {
        const rows = await this.db
          .selectFrom("observations")
          .select(["org_unit_id", "period_id"])
          .where("indicator_id", "=", indicatorId)
          .where("period_id", "in", periodIds)
          .where("status", "=", "approved")
          .where("org_unit_id", "is not", null)
          .execute();
        for (const r of rows) {
          const k = `${indicatorId}|${r.org_unit_id}|${r.period_id}`;
          if (wanted.has(k)) found.add(k);
        }
      }
    return found;
  }

  /** Writes the rows as approved values of the batch, outside any submission. */
  async insertObservations(rows: ObservationColumns, stamp: BatchStamp): Promise<void> {
    const n = rows.id.length;
    if (engineOf(this.db as Kysely<unknown>) === "postgres") {
      for (let from = 0; from < n; from += PG_ROWS) {
        const to = Math.min(n, from + PG_ROWS);
        const part = <T>(a: T[]) => a.slice(from, to);
        await sql`insert into observations
            (id, indicator_id, org_unit_id, period_id, value, numerator, denominator,
             created_by, created_at, status, updated_at, updated_by, batch_id)
          select t.id, t.indicator_id, t.org_unit_id, t.period_id, t.value, t.numerator, t.denominator,
             ${stamp.userId}, ${stamp.at}, 'approved', ${stamp.at}, ${stamp.userId}, ${stamp.batchId}
          from unnest(${part(rows.id)}::text[], ${part(rows.indicatorId)}::text[], ${part(rows.orgUnitId)}::text[],
             ${part(rows.periodId)}::text[], ${part(rows.value)}::float8[], ${part(rows.numerator)}::float8[],
             ${part(rows.denominator)}::float8[])
            as t(id, indicator_id, org_unit_id, period_id, value, numerator, denominator)`.execute(this.db);
      }
      return;
    }
    for (let from = 0; from < n; from += SQLITE_ROWS) {
      const to = Math.min(n, from + SQLITE_ROWS);
      const values = [];
      for (let i = from; i < to; i++)
        values.push(
          sql`(${rows.id[i]}, ${rows.indicatorId[i]}, ${rows.orgUnitId[i]}, ${rows.periodId[i]}, ${rows.value[i]}, ${rows.numerator[i]}, ${rows.denominator[i]})`,
        );
      await sql`insert into observations
          (id, indicator_id, org_unit_id, period_id, value, numerator, denominator,
           created_by, created_at, status, updated_at, updated_by, batch_id)
        select column1, column2, column3, column4, column5, column6, column7,
           ${stamp.userId}, ${stamp.at}, 'approved', ${stamp.at}, ${stamp.userId}, ${stamp.batchId}
        from (values ${sql.join(values)})`.execute(this.db);
    }
  }

  /**
   * Approved values for export, oldest first (so a caller keeping the last per key keeps the latest), with
   * the codes DHIS2 addresses them by and who stored them.
   */
  async approvedForExport(filter: ExportFilter): Promise<ExportRow[]> {
    const run = async (orgUnitIds: readonly string[] | undefined, limit: number | undefined) => {
      let q = this.db
        .selectFrom("observations")
        .innerJoin("indicators", "indicators.id", "observations.indicator_id")
        .innerJoin("org_units", "org_units.id", "observations.org_unit_id")
        .leftJoin("users", "users.id", "observations.created_by")
        .where("observations.status", "=", "approved");
      if (filter.indicatorId) q = q.where("observations.indicator_id", "=", filter.indicatorId);
      if (filter.periodIds) q = q.where("observations.period_id", "in", [...filter.periodIds]);
      if (orgUnitIds) q = q.where("observations.org_unit_id", "in", [...orgUnitIds]);
      const rows = await q
        .select([
          "observations.indicator_id",
          "indicators.code as indicator_code",
          "observations.org_unit_id",
          "org_units.code as org_unit_code",
          "observations.period_id",
          "observations.value",
          "observations.numerator",
          "observations.denominator",
          "users.username as stored_by",
          "observations.created_at",
          "observations.updated_at",
        ])
        .orderBy("observations.created_at")
        .orderBy("observations.id")
        .$if(limit !== undefined, (qb) => qb.limit(limit ?? 0))
        .execute();
      return rows.map((r) => ({
        indicator_id: r.indicator_id ?? "",
        indicator_code: r.indicator_code,
        org_unit_id: r.org_unit_id ?? "",
        org_unit_code: r.org_unit_code,
        period_id: r.period_id,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        stored_by: r.stored_by,
        created_at: r.created_at,
        last_updated: r.updated_at ?? r.created_at,
      }));
    };
    if (!filter.orgUnitIds) return run(undefined, filter.limit);
    const out: ExportRow[] = [];
    for (const ids of chunks([...filter.orgUnitIds], IN_LIST)) {
      const left = filter.limit === undefined ? undefined : filter.limit - out.length;
      if (left !== undefined && left <= 0) break;
      out.push(...(await run(ids, left)));
    }
    // chunks were read one after another: restore one order by time
    return filter.orgUnitIds.length > IN_LIST
      ? out.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0))
      : out;
  }
}
