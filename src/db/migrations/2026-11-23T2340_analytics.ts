/**
 * Analytics at province scale: approved values pre-aggregated per indicator, org unit and period over the
 * org unit's whole subtree (`observation_rollups`), so a dashboard reads a handful of rows instead of every
 * value of a province. Only org units with children get a row — a leaf's figure is its own value, read from
 * `observations` directly. Sums are type-free (value, numerator, denominator and how many values carried
 * each) so the indicator's type decides on read how they combine. `reporting_firsts` keeps when each org
 * unit first reported for a period, so completeness reads one row per org unit instead of every value.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("observation_rollups")
    .addColumn("indicator_id", "text", (c) => c.notNull().references("indicators.id").onDelete("cascade"))
    .addColumn("org_unit_id", "text", (c) => c.notNull().references("org_units.id").onDelete("cascade"))
    .addColumn("period_id", "text", (c) => c.notNull())
    // every latest approved value of the subtree
    .addColumn("value_sum", "double precision", (c) => c.notNull())
    .addColumn("value_count", "integer", (c) => c.notNull())
    // only the values that carry both numerator and denominator (a ratio rolls up from these)
    .addColumn("numerator_sum", "double precision", (c) => c.notNull())
    .addColumn("denominator_sum", "double precision", (c) => c.notNull())
    .addColumn("ratio_count", "integer", (c) => c.notNull())
    .addColumn("refreshed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("observation_rollups_pk", ["indicator_id", "org_unit_id", "period_id"])
    .execute();
  await db.schema
    .createIndex("observation_rollups_org_unit")
    .on("observation_rollups")
    .column("org_unit_id")
    .execute();
  // completeness: when each org unit first reported for a period (its first approved value, dated by when
  // its submission was submitted, or when it was stored for imports) — one row per org unit and period
  await db.schema
    .createTable("reporting_firsts")
    .addColumn("period_id", "text", (c) => c.notNull())
    .addColumn("org_unit_id", "text", (c) => c.notNull().references("org_units.id").onDelete("cascade"))
    .addColumn("first_at", "text", (c) => c.notNull())
    .addColumn("refreshed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reporting_firsts_pk", ["period_id", "org_unit_id"])
    .execute();
  await db.schema
    .createIndex("observations_period_org_unit")
    .on("observations")
    .columns(["period_id", "org_unit_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("observations_period_org_unit").execute();
  await db.schema.dropTable("reporting_firsts").execute();
  await db.schema.dropTable("observation_rollups").execute();
}
