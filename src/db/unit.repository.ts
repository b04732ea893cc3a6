/** The register of units (departments and bodies that own tasks) and their aliases. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { offsetOf, type Page, type PageRequest } from "./page.js";
import type { Database, UnitRow, UnitStatus } from "./schema.js";

export interface UnitWithAliases extends UnitRow {
  aliases: string[];
}

export interface UnitFilter {
  q?: string | undefined;
  status?: UnitStatus | undefined;
}

export class UnitRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(name: string, status: UnitStatus, aliases: readonly string[] = []): Promise<UnitWithAliases> {
    const row: UnitRow = { id: randomUUID(), name, status, version: 1, created_at: new Date().toISOString() };
    await this.db.insertInto("units").values(row).execute();
    await this.setAliases(row.id, aliases);
    return { ...row, aliases: [...aliases] };
  }

  async setAliases(unitId: string, aliases: readonly string[]): Promise<void> {
    await this.db.deleteFrom("unit_aliases").where("unit_id", "=", unitId).execute();
    if (aliases.length > 0)
      await this.db
        .insertInto("unit_aliases")
        .values(aliases.map((alias) => ({ alias, unit_id: unitId })))
        .execute();
  }

  async get(id: string): Promise<UnitWithAliases | undefined> {
    const row = await this.db.selectFrom("units").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    return (await this.withAliases([row]))[0];
  }

  async findByName(name: string): Promise<UnitRow | undefined> {
    return this.db.selectFrom("units").selectAll().where("name", "=", name).executeTakeFirst();
  }

  /** Which unit already holds this alias (aliases are unique across the register). */
  async findAliasOwner(alias: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom("unit_aliases")
      .select("unit_id")
      .where("alias", "=", alias)
      .executeTakeFirst();
    return r?.unit_id;
  }

  /** The whole register, for matching the names of a plan being imported. */
  async all(): Promise<UnitWithAliases[]> {
    const [rows, aliases] = await Promise.all([
      this.db.selectFrom("units").selectAll().orderBy("name").execute(),
      this.db.selectFrom("unit_aliases").select(["alias", "unit_id"]).orderBy("alias").execute(),
    ]);
    const byUnit = new Map<string, string[]>();
    for (const a of aliases) byUnit.set(a.unit_id, [...(byUnit.get(a.unit_id) ?? []), a.alias]);
    return rows.map((r) => ({ ...r, aliases: byUnit.get(r.id) ?? [] }));
  }

  async list(filter: UnitFilter, page: PageRequest): Promise<Page<UnitWithAliases>> {
    let q = this.db.selectFrom("units");
    if (filter.status) q = q.where("status", "=", filter.status);
    if (filter.q) {
      const like = `%${filter.q}%`;
      q = q.where((eb) =>
        eb.or([
          eb("name", "like", like),
          eb.exists(
            eb
              .selectFrom("unit_aliases")
              .select("alias")
              .whereRef("unit_aliases.unit_id", "=", "units.id")
              .where("alias", "like", like),
          ),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy("name").limit(page.pageSize).offset(offsetOf(page)).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items: await this.withAliases(rows), total: Number(count.n), ...page };
  }

  /** Updates when `version` is current; returns false on a stale version. */
  async update(id: string, version: number, patch: { name?: string; status?: UnitStatus }): Promise<boolean> {
    const r = await this.db
      .updateTable("units")
      .set({ ...patch, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** How many rows point at the unit (tasks, reporters, observations, progress): a used unit is not deleted. */
  async usage(id: string): Promise<number> {
    const counts = await Promise.all([
      this.db
        .selectFrom("task_units")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("unit_id", "=", id)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom("reporter_units")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("unit_id", "=", id)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom("observations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("unit_id", "=", id)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom("task_progress")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("unit_id", "=", id)
        .executeTakeFirstOrThrow(),
    ]);
    return counts.reduce((s, c) => s + Number(c.n), 0);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("units").where("id", "=", id).execute();
  }

  /** Moves everything that points at `fromId` to `intoId`; the caller deletes `fromId` afterwards. */
  async repoint(fromId: string, intoId: string): Promise<void> {
    await this.db.updateTable("task_units").set({ unit_id: intoId }).where("unit_id", "=", fromId).execute();
    await this.db
      .updateTable("observations")
      .set({ unit_id: intoId })
      .where("unit_id", "=", fromId)
      .execute();
    await this.db
      .updateTable("task_progress")
      .set({ unit_id: intoId })
      .where("unit_id", "=", fromId)
      .execute();
    await this.db.updateTable("submissions").set({ unit_id: intoId }).where("unit_id", "=", fromId).execute();
    // A reporter bound to both keeps one binding.
    const both = await this.db
      .selectFrom("reporter_units")
      .select("user_id")
      .where("unit_id", "=", intoId)
      .execute();
    const already = both.map((r) => r.user_id);
    let del = this.db.deleteFrom("reporter_units").where("unit_id", "=", fromId);
    if (already.length > 0) del = del.where("user_id", "in", already);
    if (already.length > 0) await del.execute();
    await this.db
      .updateTable("reporter_units")
      .set({ unit_id: intoId })
      .where("unit_id", "=", fromId)
      .execute();
  }

  private async withAliases(rows: UnitRow[]): Promise<UnitWithAliases[]> {
    if (rows.length === 0) return [];
    const aliases = await this.db
      .selectFrom("unit_aliases")
      .select(["alias", "unit_id"])
      .where(
        "unit_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("alias")
      .execute();
    return rows.map((r) => ({
      ...r,
      aliases: aliases.filter((a) => a.unit_id === r.id).map((a) => a.alias),
    }));
  }
}
