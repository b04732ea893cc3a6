/**
 * Assessment (考核) and publication: a plan's assessment schemes with their weighted items (targets and
 * tasks) and the bonus/deduction adjustments of each assessed org unit; and which targets of a plan are
 * published on the public page (no login). Scores are not stored: they are computed on read from approved
 * values, so they are never stale.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("assessment_schemes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("period_id", "text", (c) => c.notNull())
    // domain rules: partial credit, late penalty, bonus and deduction caps (JSON)
    .addColumn("rules_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("assessment_schemes_plan").on("assessment_schemes").column("plan_id").execute();

  await db.schema
    .createTable("assessment_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scheme_id", "text", (c) =>
      c.notNull().references("assessment_schemes.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    // a quantity id (kind target) or a task id (kind task); checked by the service, not a foreign key,
    // because it points into one of two tables
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("weight", "double precision", (c) => c.notNull())
    // null: every assessed org unit is scored on the item; else only this one
    .addColumn("unit_id", "text", (c) => c.references("org_units.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("assessment_items_scheme").on("assessment_items").column("scheme_id").execute();

  await db.schema
    .createTable("assessment_adjustments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scheme_id", "text", (c) =>
      c.notNull().references("assessment_schemes.id").onDelete("cascade"),
    )
    .addColumn("unit_id", "text", (c) => c.notNull().references("org_units.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    // always ≥ 0: the kind says whether it adds or takes off
    .addColumn("points", "double precision", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("evidence", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessment_adjustments_scheme")
    .on("assessment_adjustments")
    .column("scheme_id")
    .execute();

  await db.schema
    .createTable("public_plans")
    .addColumn("plan_id", "text", (c) => c.primaryKey().references("plans.id").onDelete("cascade"))
    .addColumn("published", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("public_targets")
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("target_id", "text", (c) => c.notNull().references("quantities.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("public_targets_pk", ["plan_id", "target_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "public_targets",
    "public_plans",
    "assessment_adjustments",
    "assessment_items",
    "assessment_schemes",
  ])
    await db.schema.dropTable(t).execute();
}
