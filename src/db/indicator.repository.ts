/** The indicator catalogue (指标库) with aliases, and the observations reported against it. */
import type { Kysely } from "kysely";
import { offsetOf, type Page, type PageRequest } from "./page.js";
import type { Database, IndicatorRow, ObservationRow } from "./schema.js";

export interface IndicatorWithAliases extends IndicatorRow {
  aliases: string[];
  /** The plan units (departments) that report it. */
  unit_ids: string[];
}

export interface ObservationFilter {
  indicatorId?: string | undefined;
  unitId?: string | undefined;
  orgUnitId?: string | undefined;
  periodId?: string | undefined;
}

export class IndicatorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: IndicatorRow, aliases: readonly string[]): Promise<void> {
    await this.db.insertInto("indicators").values(row).execute();
    await this.setAliases(row.id, aliases);
  }

  async setAliases(id: string, aliases: readonly string[]): Promise<void> {
    await this.db.deleteFrom("indicator_aliases").where("indicator_id", "=", id).execute();
    if (aliases.length > 0)
      await this.db
        .insertInto("indicator_aliases")
        .values(aliases.map((alias) => ({ alias, indicator_id: id })))
        .execute();
  }

  async get(id: string): Promise<IndicatorWithAliases | undefined> {
    const row = await this.db.selectFrom("indicators").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? (await this.withAliases([row]))[0] : undefined;
  }

  /** The indicator that already holds a name, as its name or as an alias. */
  async ownerOf(name: string): Promise<string | undefined> {
    const byName = await this.db
      .selectFrom("indicators")
      .select("id")
      .where("name", "=", name)
      .executeTakeFirst();
    if (byName) return byName.id;
    const byAlias = await this.db
      .selectFrom("indicator_aliases")
      .select("indicator_id")
      .where("alias", "=", name)
      .executeTakeFirst();
    return byAlias?.indicator_id;
  }

  async list(q: string | undefined, page: PageRequest): Promise<Page<IndicatorWithAliases>> {
    let query = this.db.selectFrom("indicators");
    if (q) {
      const like = `%${q}%`;
      query = query.where((eb) =>
        eb.or([
          eb("name", "like", like),
          eb.exists(
            eb
              .selectFrom("indicator_aliases")
              .select("alias")
              .whereRef("indicator_aliases.indicator_id", "=", "indicators.id")
              .where("alias", "like", like),
          ),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy("name").limit(page.pageSize).offset(offsetOf(page)).execute(),
      query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items: await this.withAliases(rows), total: Number(count.n), ...page };
  }

  async update(
    id: string,
    version: number,
    patch: Partial<Omit<IndicatorRow, "id" | "version">>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("indicators")
      .set({ ...patch, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Every indicator with its aliases: the catalogue extracted metrics are linked against. */
  async all(): Promise<IndicatorWithAliases[]> {
    return this.withAliases(await this.db.selectFrom("indicators").selectAll().orderBy("name").execute());
  }

  async insertObservation(row: ObservationRow): Promise<void> {
    await this.db.insertInto("observations").values(row).execute();
  }

  async listObservations(filter: ObservationFilter, page: PageRequest): Promise<Page<ObservationRow>> {
    let q = this.db.selectFrom("observations");
    if (filter.indicatorId) q = q.where("indicator_id", "=", filter.indicatorId);
    if (filter.unitId) q = q.where("unit_id", "=", filter.unitId);
    if (filter.orgUnitId) q = q.where("org_unit_id", "=", filter.orgUnitId);
    if (filter.periodId) q = q.where("period_id", "=", filter.periodId);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy("created_at", "desc").limit(page.pageSize).offset(offsetOf(page)).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), ...page };
  }

  private async withAliases(rows: IndicatorRow[]): Promise<IndicatorWithAliases[]> {
    if (rows.length === 0) return [];
    const aliases = await this.db
      .selectFrom("indicator_aliases")
      .selectAll()
      .where(
        "indicator_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("alias")
      .execute();
    const units = await this.db
      .selectFrom("indicator_units")
      .selectAll()
      .where(
        "indicator_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("unit_id")
      .execute();
    return rows.map((r) => ({
      ...r,
      aliases: aliases.filter((a) => a.indicator_id === r.id).map((a) => a.alias),
      unit_ids: units.filter((u) => u.indicator_id === r.id).map((u) => u.unit_id),
    }));
  }

  /** Sets how an indicator is reported: frequency, level, deadline rule (JSON) and reporting units. */
  async setReporting(
    id: string,
    version: number,
    config: Pick<IndicatorRow, "frequency" | "report_level" | "deadline_rule_json">,
    unitIds: readonly string[],
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("indicators")
      .set({ ...config, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await this.db.deleteFrom("indicator_units").where("indicator_id", "=", id).execute();
    if (unitIds.length > 0)
      await this.db
        .insertInto("indicator_units")
        .values([...new Set(unitIds)].map((unit_id) => ({ indicator_id: id, unit_id })))
        .execute();
    return true;
  }
}
