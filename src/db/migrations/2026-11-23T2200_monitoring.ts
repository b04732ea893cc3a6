/**
 * Monitoring: catalogue indicators get a code, a type (how they roll up), numerator and denominator data
 * elements and reference targets; extracted quantities keep a suggested indicator link with its candidates
 * for the reviewer; observations may carry numerator and denominator (ratios roll up from them); reporters
 * are bound to org units as they are to plan units.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  const alter = async (table: string, column: string, type: "text" | "double precision") =>
    db.schema.alterTable(table).addColumn(column, type).execute();
  await alter("indicators", "code", "text");
  await alter("indicators", "type", "text");
  await alter("indicators", "numerator", "text");
  await alter("indicators", "denominator", "text");
  await alter("indicators", "references_json", "text");
  await db.schema.createIndex("indicators_code").on("indicators").column("code").unique().execute();
  // suggested (by linkIndicator) | confirmed (by a planner) | candidates | unlinked
  await alter("quantities", "link_status", "text");
  await alter("quantities", "link_json", "text");
  await db.schema.createIndex("quantities_indicator").on("quantities").column("indicator_id").execute();
  await alter("observations", "numerator", "double precision");
  await alter("observations", "denominator", "double precision");
  await db.schema
    .createIndex("observations_org_unit")
    .on("observations")
    .columns(["indicator_id", "org_unit_id", "period_id"])
    .execute();
  await db.schema
    .createTable("reporter_org_units")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("org_unit_id", "text", (c) => c.notNull().references("org_units.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("reporter_org_units_pk", ["user_id", "org_unit_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("reporter_org_units").execute();
  await db.schema.dropIndex("observations_org_unit").execute();
  await db.schema.alterTable("observations").dropColumn("denominator").execute();
  await db.schema.alterTable("observations").dropColumn("numerator").execute();
  await db.schema.dropIndex("quantities_indicator").execute();
  await db.schema.alterTable("quantities").dropColumn("link_json").execute();
  await db.schema.alterTable("quantities").dropColumn("link_status").execute();
  await db.schema.dropIndex("indicators_code").execute();
  for (const c of ["references_json", "denominator", "numerator", "type", "code"])
    await db.schema.alterTable("indicators").dropColumn(c).execute();
}
