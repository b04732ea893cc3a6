/**
 * Indicators become editable through the API: a version for stale-edit checks. Observations are read by
 * indicator, unit and period: an index for that.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("indicators")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("observations_lookup")
    .on("observations")
    .columns(["indicator_id", "unit_id", "period_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("observations_lookup").execute();
  await db.schema.alterTable("indicators").dropColumn("version").execute();
}
