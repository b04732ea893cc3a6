/**
 * Reporting: each indicator has a reporting frequency, the org-unit level it is reported at, a deadline rule
 * and the plan units (departments) that report it. Values become reviewable one by one: each observation has
 * its own status (pending → approved | returned), a return reason, the definition it was counted by (统计口径)
 * and a snapshot of what was last approved (so a reopened form can say what changed). Submissions record
 * when they were submitted (timeliness is measured from that, not from when they were opened) and who
 * reopened them and why. Evidence files hang off a value.
 */
import { sql, type Kysely } from "kysely";
import { engineOf } from "../engine.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = engineOf(db) === "postgres";
  const text = "text";

  await db.schema
    .alterTable("indicators")
    .addColumn("frequency", text, (c) => c.notNull().defaultTo("yearly"))
    .execute();
  await db.schema.alterTable("indicators").addColumn("report_level", text).execute();
  await db.schema.alterTable("indicators").addColumn("deadline_rule_json", text).execute();

  await db.schema
    .createTable("indicator_units")
    .addColumn("indicator_id", text, (c) => c.notNull().references("indicators.id").onDelete("cascade"))
    .addColumn("unit_id", text, (c) => c.notNull().references("units.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("indicator_units_pk", ["indicator_id", "unit_id"])
    .execute();
  await db.schema.createIndex("indicator_units_unit").on("indicator_units").column("unit_id").execute();

  await db.schema
    .alterTable("observations")
    .addColumn("status", text, (c) => c.notNull().defaultTo("pending"))
    .execute();
  for (const column of ["return_reason", "definition", "approved_json", "updated_at", "updated_by"])
    await db.schema.alterTable("observations").addColumn(column, text).execute();
  // A value already counted (its submission approved) stays counted; everything else awaits review.
  await sql`update observations set status = 'approved'
    where submission_id in (select id from submissions where status = 'approved')`.execute(db);
  await sql`update observations set updated_at = created_at, updated_by = created_by`.execute(db);
  // One form cell per indicator × org unit within a submission; imported values (no submission) are
  // unconstrained because NULLs are distinct in a unique index on both engines.
  await db.schema
    .createIndex("observations_form_cell")
    .on("observations")
    .columns(["submission_id", "indicator_id", "org_unit_id"])
    .unique()
    .execute();
  await db.schema.createIndex("observations_status").on("observations").column("status").execute();

  for (const column of ["submitted_at", "reopened_at", "reopened_by", "reopen_reason"])
    await db.schema.alterTable("submissions").addColumn(column, text).execute();
  // Before this migration a submission's submit time was not kept: its opening time is the best known.
  await sql`update submissions set submitted_at = created_at where status <> 'draft'`.execute(db);

  await db.schema
    .createTable("evidence")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("observation_id", text, (c) => c.notNull().references("observations.id").onDelete("cascade"))
    .addColumn("file_name", text, (c) => c.notNull())
    .addColumn("mime", text, (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", text, (c) => c.notNull())
    .addColumn("bytes", postgres ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("uploaded_by", text, (c) => c.notNull().references("users.id"))
    .addColumn("uploaded_at", text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("evidence_observation").on("evidence").column("observation_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("evidence").execute();
  for (const column of ["reopen_reason", "reopened_by", "reopened_at", "submitted_at"])
    await db.schema.alterTable("submissions").dropColumn(column).execute();
  await db.schema.dropIndex("observations_status").execute();
  await db.schema.dropIndex("observations_form_cell").execute();
  for (const column of ["updated_by", "updated_at", "approved_json", "definition", "return_reason", "status"])
    await db.schema.alterTable("observations").dropColumn(column).execute();
  await db.schema.dropTable("indicator_units").execute();
  for (const column of ["deadline_rule_json", "report_level", "frequency"])
    await db.schema.alterTable("indicators").dropColumn(column).execute();
}
