/** Org units (省, 市, 县(区), 乡镇(街道), 村(社区), institutions): a tree by `parent_id`. */
import type { Kysely } from "kysely";
import type { Database, OrgUnitRow } from "./schema.js";

export class OrgUnitRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: OrgUnitRow): Promise<void> {
    await this.db.insertInto("org_units").values(row).execute();
  }

  async get(id: string): Promise<OrgUnitRow | undefined> {
    return this.db.selectFrom("org_units").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async all(): Promise<OrgUnitRow[]> {
    return this.db.selectFrom("org_units").selectAll().orderBy("name").execute();
  }

  async childCount(id: string): Promise<number> {
    const r = await this.db
      .selectFrom("org_units")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("parent_id", "=", id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async update(
    id: string,
    version: number,
    patch: Partial<Omit<OrgUnitRow, "id" | "version">>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("org_units")
      .set({ ...patch, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("org_units").where("id", "=", id).execute();
  }
}
